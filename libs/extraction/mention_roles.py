"""Who takes part: the roles of state/IGO mentions within a sentence.

A mention of a state (name, demonym, capital, city, institution, known person) or
an IGO gets one role:

- `actor`       acts in the sentence ("Iran and Iraq signed", "Iraqi minister")
- `partner`     the other side of a flow ("invest in Iran", "exports to India")
- `destination` is visited ("arrived in Baghdad", "a trip to Oslo"): the host,
                a party only when nobody else is the counterpart
- `venue`       only says where ("held in Samarkand, Uzbekistan", "the Vienna
                talks"): a location, not a party (annotation rule 3)
- `forum`       a multilateral gathering ("UNESCO General Conference"): not a
                party (annotation rule 4)
- `target`      the object of conflict ("sanctions against Iran", "U.S. sanctions")
- `topic`       what is talked about ("talks on Syria", "the Yemeni war",
                "the Iranian nuclear program")

`sentence_parties` also resolves a few anaphors cheaply: "the Agency" (the last
IGO named), "the country" (the state the previous sentence was about), "his
country" / "his counterpart" (the state of the last person named).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from libs.extraction.gazetteer import Gazetteer, Match
from libs.extraction.named_people import PersonIndex

ACTOR, PARTNER, DESTINATION, VENUE, FORUM, TARGET, TOPIC = (
    "actor",
    "partner",
    "destination",
    "venue",
    "forum",
    "target",
    "topic",
)
PARTY_ROLES = (ACTOR, PARTNER)
# cities where international bodies sit and talks are held: a trip there is no visit to the host state
IGO_SEATS = frozenset({"New York", "Geneva", "Vienna"})
_AT_SEAT_BEFORE = re.compile(r"\b(?:to|in|at|from)\s+$", re.IGNORECASE)
PLACE_ROLES = (VENUE, DESTINATION)

_VENUE_BEFORE = re.compile(
    r"(?<![\w-])(?P<verb>[\w-]+\s+)?(?:in|at|inside|near|across|throughout|hosted\s+in|held\s+in|venue\s+in)\s+"
    r"(?:the\s+)?(?:(?:\w+\s+)?(?:city|capital|province|town|port|island|region|country|village|"
    r"headquarters|cities)\s+of\s+)?$",
    re.IGNORECASE,
)
# a place named by a capitalised name the gazetteer does not hold, then a comma, before its country: "held in
# Florence, Italy", "at Putrajaya, Malaysia" (the country is the venue's; not "In Brussels, France said", where
# the city is known and `_inherited_role` decides)
_UNKNOWN_PLACE_BEFORE = re.compile(
    r"(?<![\w-])(?:in|at|held\s+in|hosted\s+in)\s+(?-i:[A-Z][\w'’-]+\s+){0,2}(?-i:[A-Z][\w'’-]+),\s+$"
)
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# "Armed forces in A and B, backed by Iranian military advisors": the forces of the states they stand in, named
# at the start of a clause without another state's name (not "U.S. security forces in Iraq", whose Iraq is a place)
_OWN_FORCES_IN_BEFORE = re.compile(
    r"(?:^|(?-i:(?<![A-Z]))[^\w\s]\s*)(?:the\s+)?(?:armed|government|security|regular)\s+forces\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "invest in Iran", "interest in Iraq": the place after "in" is a partner, not a venue.
_PARTNER_VERBS = re.compile(
    r"^(?:invest\w*|interest\w*|cooperat\w*|partner\w*|presence|participat\w*|stak\w*|exports?|imports?|"
    r"projects?|activit\w*|involvement)\s+$",
    re.IGNORECASE,
)
_PARTNER_BEFORE = re.compile(
    r"(?:invest\w*\s+(?:in|into)|(?:exports?|exported|exporting|shipments?|sent|supplier\s+of\s+\w+(?:\s+\w+)?)\s+to|"
    # "sent humanitarian aid to Somalia": the recipient of a flow, not a visited place
    r"(?:sent|send|sends|sending|dispatch\w*|deliver\w*|donat\w*|shipp\w*|provid\w*)\s+(?:[\w.-]+\s+){0,6}?"
    r"(?:aids?|assistance|relief|supplies|vaccines?|doses|medicines?|equipment|wheat|fuel|shipments?|"
    r"consignments?|cargo(?:es)?|weapons|arms|goods|items|packages|trucks|truckloads|foodstuffs?|food|"
    r"tents|blankets|kits|ventilators|masks|drugs)\s+to|"
    r"(?:imports?|imported|importing|purchases?|buying|bought)\s+(?:\w+\s+){0,3}?from|into|"
    # "dispatched relief supplies for victims of the earthquake in Turkey": the recipient
    r"(?:aids?|assistance|relief|supplies|donations?)\s+(?:\w+\s+){0,2}?for\s+(?:the\s+)?(?:[\w-]+\s+){0,6}?in)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_AID_TO_BEFORE = re.compile(
    r"\b(?:aids?|assistance|relief|donations?|supplies|help)\s+to\s+(?:the\s+)?(?:[\w]+-(?:stricken|hit|affected)\s+)?$",
    re.IGNORECASE,
)
# "investments by A, B and C in Iran's oil sector": the place after "in" receives the investment
_INVEST_EARLIER = re.compile(
    r"\binvest(?:ment|ments|ors?|ed|ing|s)?\b[^.;:]*\bin(?:to)?\s+(?:the\s+)?$", re.IGNORECASE
)
# "signed a deal to build a power plant in Iran": the state where a foreign party's deal is carried out is
# its other side (annotation rule 8: a company acts for its state)
_PROJECT_DEAL_EARLIER = re.compile(
    r"(?:\b(?:contracts?|agreements?|deals?|memorand(?:um|a)|MoUs?)\s+(?:\w+\s+){0,3}?(?:to|for|on)\s+(?:the\s+)?"
    r"(?:develop\w*|build\w*|construct\w*|explor\w*|produc\w*)\b[^.;:]*"
    # "has implemented 40 projects worth $2 billion in Iraq": projects carried out in a partner state
    r"|\b(?:implement(?:s|ed|ing)|conduct(?:s|ed|ing)|carr(?:y|ies|ied|ying)\s+out|execut(?:es|ed|ing)|"
    r"undert(?:akes|aking|aken|ook))\s+(?:[\w-]+\s+){0,4}?projects?\s+(?:[\w$€£.,-]+\s+){0,6}?)"
    r"\bin\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_DEST_BEFORE = re.compile(
    r"(?<![\w-])(?:visit(?:ed|ing|s)?|(?:visits|trips|tours|journeys)\s+to|arrived\s+in|arrives\s+in|arrive\s+in|arrival\s+in|trip\s+to|"
    r"travel(?:l?ed|s|ling)?\s+to|tour\s+of|left\s+\w+\s+for|visit\s+to|flew\s+to|headed\s+to|"
    r"went\s+to|departed\s+for|journey\s+to|came\s+to|welcomed\s+in|stay\s+in|leave\s+\w+\s+for|"
    # "will leave late Thursday for Lima", "will fly to Lima"
    r"(?:leave|leaves|left|leaving)\s+(?:[\w-]+\s+){1,2}for|(?:fly|flies|flying)\s+(?:directly\s+|straight\s+)?to|"
    # "before his departure for Moscow", "his next stop on the three-nation tour was India"
    r"(?:departure|departing|depart|departs)\s+(?:to|for)|"
    r"stop\s+(?:on|of)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,4}?(?:tour|trip|visit)\s+"
    r"(?:was|is|will\s+be)\s+(?:\w+ly\s+)?|"
    r"tak(?:e|es|ing|en)\s+(?:him|her|them)\s+(?:first\s+)?to|"
    # "the tour includes Baku, Moscow and Yerevan": the stops of a trip are visited
    r"(?:tour|trip|itinerary|journey)\s+(?:also\s+|will\s+(?:also\s+)?)?(?:includes?|include|included|covers?|cover)|"
    r"(?:travel(?:l?ed|s|ling)?|came|flew|moved)\s+from\s+(?:[\w.-]+\s+){1,3}to|"
    r"(?:dispatch\w*|send|sends|sending|sent)\s+(?:[\w.-]+\s+){1,10}?to|"
    # "headed a delegation of officials and firms' directors to A and B": the delegation's hosts
    r"(?:led|leads|leading|headed|heads|heading)\s+(?:(?:a|an|the|his|her|their)\s+)?(?:[\w-]+\s+){0,3}?"
    r"delegation\s+(?:[\w’'-]+\s+){0,8}?to)\s+"
    r"(?:the\s+)?(?:(?:\w+\s+)?(?:city|capital|province|town|port|island|region|country)\s+of\s+|"
    # "visits to Central Asian countries of A and B", "a tour of three states, including A", "a tour of Caucasus
    # countries and Russia" (a named stop after unnamed ones)
    r"(?:[\w-]+\s+){0,3}?(?:countries|states|nations|capitals)\s*,?\s+"
    r"(?:of|including|such\s+as|like|namely|and|as\s+well\s+as)\s+)?$",
    re.IGNORECASE,
)
_TARGET_BEFORE = re.compile(
    r"(?:sanctions?|embargo(?:es)?|pressure|war|attacks?|aggression|strikes?|airstrikes?|threats?|crimes?|isolate|"
    r"hostility|invasion|occupation|withdrawal|pull-?out|accusations?|accused|accusing|condemned|condemning|"
    r"criticized|criticised|"
    r"criticizing|blamed|blaming|against|threatened|threatening|attacked|attacking|slammed|warned|"
    r"sanctioned|invaded|bombed|lashed\s+out\s+at|urged|urging|called\s+on|"
    # "strategies to confront Iran's policies", "to contain China": the object of a common stance
    r"(?:to\s+)?(?:confront\w*|contain(?:ing|ment\s+of)?|counter(?:ing)?|curb(?:ing)?|isolat\w+|deter(?:ring)?)|"
    r"oppos(?:e|es|ed|ing)|opposition\s+to|"
    r"(?:despised|hated|opposed|targeted|threatened|sanctioned|attacked|condemned|criticized|rejected|"
    r"occupied|killed|hit)\s+by)"
    r"\s+(?:(?:imposed|slapped)\s+)?(?:on|against|by|of|upon)?\s*(?:the\s+)?[\"“‘']?$",
    re.IGNORECASE,
)
_TARGET_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:-?imposed\s+|-?led\s+|unilateral\s+|illegal\s+|new\s+|economic\s+|oil\s+|"
    r"harsh\s+|cruel\s+|)(?:sanctions|embargo|pressure|aggression|attacks?|threats?|hostility|"
    r"withdrawal|strikes?|airstrikes?|bombing|occupation|invasion|crimes|warplanes|military\s+aggression|"
    # "the U.S. assassination of ...", "what he called Iranian interventions": the doer of a hostile act
    r"stonewalling|interventions?|meddling|interference|pressures|incursions?|assassinations?|blockade|"
    r"provocations?)\b",
    re.IGNORECASE,
)
# a place of a list of topics the gazetteer does not name: "developments in the Persian Gulf states, Syria, ..."
_UNNAMED_PLACE_ITEM = (
    r"(?:(?:(?-i:[A-Z])[\w-]*\s+){1,3}(?:states|countries|nations|region)\s*,\s*(?:and\s+)?(?:the\s+)?)?"
)
# a topic of a list of examples that is no place, before the places: "other issues including the coronavirus
# pandemic, Myanmar, Russia ..." (one to three words in lower case and a comma)
_UNNAMED_TOPIC_ITEM = r"(?:(?:(?-i:[a-z])[\w-]*\s+){0,2}(?-i:[a-z])[\w-]*\s*,\s*(?:the\s+)?)?"
_TOPIC_BEFORE = re.compile(
    r"(?:\b(?:on|about|over|regarding|concerning)\s+(?:the\s+)?(?:(?:latest\s+|recent\s+)?(?:situation|"
    r"developments|crisis|issue|war|conflict|affairs|events|peace|future|case)\s+(?:in|of)\s+(?:the\s+)?"
    + _UNNAMED_PLACE_ITEM
    + r")?"
    r"|\b(?:situation|developments|crisis|conflict|war|peace\s+process|stability|security)\s+in\s+(?:the\s+)?"
    + _UNNAMED_PLACE_ITEM
    # "talks that bring peace and stability to Yemen": the country the peace is for
    + r"|\b(?:peace|stability|calm)\s+to\s+(?:the\s+)?"
    r"|\b(?:desk|division|department|bureau)\s+(?:officer\s+|chief\s+|head\s+)?(?:of|for)\s+(?:the\s+)?"
    r"|\b(?:envoys?|representatives?|coordinators?|ambassador-at-large)\s+(?:(?:on|for)\s+)(?:the\s+)?"
    r"|\b(?:ambassadors?|envoys?|charg[ée] d['’]affaires)\s+to\s+(?:the\s+)?"
    # "a four-point peace plan for Yemen": what the plan is about
    r"|\b(?:plan|initiative|proposal|roadmap|solution|settlement)\s+(?:for|on)\s+(?:the\s+)?"
    # "proposed a way out of the question of Kashmir": the matter at hand, not a party
    r"|\b(?:the\s+)?(?:issue|question|problem|file|dossier)s?\s+of\s+(?:the\s+)?"
    # "discussed regional issues, including Syria and Yemen": examples of what the talks are about
    r"|\b(?:issues|developments|matters|topics|subjects|crises|conflicts|hotspots)\s*,?\s+(?:such\s+as|including|"
    r"like|namely)\s+(?:the\s+)?"
    + _UNNAMED_TOPIC_ITEM
    # "met to discuss issues related to Syria": what the talks are about
    + r"|\b(?:issues?|matters?|questions?|topics?|affairs|developments)\s+(?:related|relating|pertaining)\s+to\s+(?:the\s+)?"
    # "Tajikistan and Uzbekistan, which neighbor Afghanistan, attended": a description, not a party
    r"|\b(?:which|that|who)\s+(?:neighbou?rs?|borders?)\s+(?:the\s+)?"
    # "staged drills along the border with Armenia", "a wargame near borders with A and B": where, not who
    r"|\b(?:along|near|close\s+to|alongside)\s+(?:the\s+|its\s+|their\s+)?(?:common\s+|shared\s+)?borders?\s+"
    r"with\s+(?:the\s+)?"
    # "to replace X with countries like A, B and C": examples of possible substitutes, not partners
    r"|\breplac(?:e|es|ed|ing)\s+(?:[\w’'-]+\s+){1,4}?with\s+(?:other\s+)?(?:[\w-]+\s+)?"
    r"(?:countries|states|nations|suppliers|sellers|producers|exporters|sources)\s*,?\s+"
    r"(?:like|such\s+as|including)\s+(?:the\s+)?"
    # the background of an event: "held at the height of friction between Delhi and Beijing"
    r"|\b(?:amid|despite|height\s+of|escalating|rising|growing|heightened|soaring)\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:tensions?|hostility|animosity|standoff|stand-off)\s+(?:between|with)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_TOPIC_AFTER = re.compile(
    # "Syria-related talks", "Afghanistan-focused meeting": what the event is about
    r"^-(?:related|focused|centred|centered|specific|oriented)\b"
    r"|^(?:['’]s)?\s+(?:\w+\s+)?(?:crisis|war|conflict|issues?|files?|affairs|situation|developments|questions?|"
    r"peace\s+process|nuclear\s+(?:deal|program|programme|agreement|issue|talks|file|dossier|activities)|"
    r"refugees|crises|deal|problems?|cases?|dossiers?|"
    # "supporting the Palestinian cause": a cause championed, not a state acting
    r"cause)\b"
    # "the Israeli-Palestinian conflict": the first of the two sides of a conflict told as a topic
    r"|^-(?-i:[A-Z])[\w’']*\s+(?:crisis|war|conflict)\b",
    re.IGNORECASE,
)
_TOPIC_ONLY_AFTER = re.compile(r"^\s*(?:,|\.|$)")
# "the two ministers discussed Yemen and Syria": a place as the object of the talks (a place alone, not "discussed
# Iran-Iraq ties" or "discussed Oman's proposal")
_DISCUSSED_BEFORE = re.compile(r"\bdiscuss(?:ed|es|ing)?\s+(?:the\s+)?$", re.IGNORECASE)
_ALONE_AFTER = re.compile(r"^\s*(?:,|\.|;|and\s|or\s|$)")
# the rest of a list of states before its verb: ", B, the Kingdom of C and D"
_LIST_REST = r"(?:\s*,?\s+(?:and\s+)?(?:the\s+)?[A-Z][\w.]*(?:\s+(?:of\s+)?[A-Z][\w.]*){0,3}){0,8}"
# "A, B and C requested the Security Council meeting", "A and B have called for an urgent session of the
# General Assembly": the states that asked an IGO's body to meet, no meeting of theirs with each other
_REQUESTED_MEETING_AFTER = re.compile(
    "^"
    + _LIST_REST
    + r",?\s+(?:have\s+|has\s+|had\s+)?(?:jointly\s+)?(?:requested|called\s+for|asked\s+for)\s+"
    r"(?:an?\s+|the\s+)(?:[\w-]+\s+){0,3}?(?:Security\s+Council|General\s+Assembly|Council|Board)\s+"
    r"(?:meeting|session)s?\b"
    r"|^"
    + _LIST_REST
    + r",?\s+(?:have\s+|has\s+|had\s+)?(?:jointly\s+)?(?:requested|called\s+for|asked\s+for)\s+"
    r"(?:an?\s+|the\s+)(?:[\w-]+\s+){0,2}?(?:meeting|session)s?\s+of\s+(?:the\s+)?(?:UN\s+|United\s+Nations\s+)?"
    r"(?:Security\s+Council|General\s+Assembly|(?:[\w-]+\s+){0,2}Council|Board)\b"
)
# "met at the request of eight of its 15 members - A, B and C": the members who asked the body to meet
_REQUESTED_BY_MEMBERS_BEFORE = re.compile(
    r"\bat\s+the\s+request\s+of\s+(?:[\w-]+\s+){0,5}?(?:members|member\s+states)\s*[-—–:,]?\s*"
    r"(?:namely\s+|including\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "A, B and the Kingdom of C are also its dialogue partners", "A and B hold observer status": a standing in an
# organisation described, no act of the states listed
_PARTNER_STATUS_AFTER = re.compile(
    "^"
    + _LIST_REST
    + r"\s+(?:are|is|were|was|remain|remains|became|have\s+become)\s+(?:also\s+)?(?:its\s+|the\s+"
    r"(?:[\w-]+['’]s\s+|organi[sz]ation['’]s\s+|bloc['’]s\s+|group['’]s\s+)?|their\s+)?(?:dialogue|negotiating)\s+partners\b"
)
# "A and B have shown their indignation as C and D signed ...": onlookers reacting to others' act
_REACTION_AFTER = re.compile(
    r"^(?:\s*,?\s+(?:and\s+)?(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?){0,3}\s+(?:have\s+|has\s+|had\s+)?"
    r"(?:shown|showed|expressed|voiced|displayed|vented)\s+(?:their|its)\s+(?:\w+\s+)?"
    r"(?:indignation|anger|outrage|displeasure|dismay|fury|irritation|annoyance)\b"
)
# "the Vienna talks", "Astana process", "Paris agreement": a city naming a process is where, not who.
_PLACE_NAMED_PROCESS = re.compile(
    r"^(?:-based\s+|\s+)(?-i:[A-Z][a-z]+\s+){0,2}(?:(?:peace|security)\s+)?(?:talks|process|format|negotiations|accords?|agreement|conference|forum|summit|"
    r"declaration|protocol|convention|dialogue|peace\s+talks|meeting|group|club|initiative|round|union|pact|"
    r"treaty|charter)\b"
    # "the Lima trade fair", "the Nairobi book fair": where, not who
    r"|^\s+(?-i:[a-z]+\s+){0,2}(?:fairs?|exhibitions?|expos?|(?:air|trade|book|motor|auto)\s+shows?|festivals?|biennials?)\b",
    re.IGNORECASE,
)
# "the Astana and Geneva talks", "the Kabul, Tashkent and Moscow formats": a city coordinated with others before
# the processes they name (the last is `_PLACE_NAMED_PROCESS`) is neither a party nor the venue of a gathering told
_PLACES_NAMING_PROCESSES = re.compile(
    r"^(?:\s*,\s*|\s+(?:and|or)\s+)(?-i:[A-Z][a-z]+)(?:\s*,\s*(?-i:[A-Z][a-z]+))*(?:,?\s+(?:and|or)\s+"
    r"(?-i:[A-Z][a-z]+))?\s+(?:(?:peace|security)\s+)?(?:talks|process(?:es)?|formats?|negotiations|platforms?|"
    r"frameworks?|rounds)\b",
    re.IGNORECASE,
)
# "Mashhad University", "University of Tehran": the place names an institution, which acts.
_INSTITUTION_AFTER = re.compile(
    r"^\s+(?:University|Institute|College|Academy|Polytechnic|Municipality|Chamber|Stock\s+Exchange|"
    r"Technology\s+Park|Science\s+and\s+Technology\s+Park|Free\s+Zone|Port\s+Authority)\b"
)
_INSTITUTION_BEFORE = re.compile(
    r"(?:University|Institute|College|Academy|Universities|Governor|governor|Mayor|mayor|Municipality)"
    r"\s+(?:of\s+)?(?:the\s+)?$"
    # "the new government in Islamabad": the capital stands for the state that acts
    r"|\b(?:government|authorities|leadership|administration|regime|officials|rulers)\s+in\s+$"
)
# "urged Brazil to support ...": asked to cooperate, not criticised
_URGED_BEFORE = re.compile(r"\b(?:urged|urging|called\s+on|asked)\s+(?:the\s+)?$", re.IGNORECASE)
_URGED_TO_COOPERATE = re.compile(
    r"(?:['’]s)?\s+(?:[\w.-]+\s+){0,3}?to\s+(?:support|help|assist|cooperate|collaborate|expand|boost|develop|"
    r"strengthen|invest|join|participate|contribute)\b",
    re.IGNORECASE,
)
_MEMBER_OF_BEFORE = re.compile(
    r"\b(?:an?|one|another)\s+member(?:\s+(?:state|country|nation))?\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
# "Portugal, one of the EU's largest arms exporters": one of an IGO's members, ranked
_ONE_OF_BEFORE = re.compile(r"\bone\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE_S = re.compile(r"['’]s\b")
# "the Iranian National Commission for UNESCO", "the national committee for the IAEA": a domestic body
_NATIONAL_BODY_BEFORE = re.compile(
    r"\b(?:National|national)\s+(?:Commission|Committee|Council|commission|committee|council)\s+(?:for|of|to)\s+(?:the\s+)?$"
)
MEMBERS_BEFORE = re.compile(
    r"\b(?:(?:which|that)\s+(?:includes?|included|comprises?|comprised|consists?\s+of)|"
    r"(?<!countries\s)(?<!nations\s)(?<!states\s)comprising|consisting\s+of|"
    r"made\s+up\s+of|members?(?:\s+(?:states|countries|nations))?\s*\(|"
    r"members?(?:\s+(?:states|countries|nations))?\s*,?\s*(?:(?:are|include|includes|including|namely)\s*)?:)"
    r"\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_SIDELINES_PHRASE = re.compile(
    r"\bsidelines\s+of\s+(?:(?!\b(?:with|and|met|meets|held|talks)\b)[^,;:.])*$", re.IGNORECASE
)
# "on the sidelines of a trilateral meeting among Iran, Turkey and Russia": the named states hold it
_MEETING_OF_BEFORE = re.compile(
    r"\b(?:meeting|summit)\s+(?:of|among|between)\s+(?:[a-z-]+\s+){0,3}(?:the\s+)?$", re.IGNORECASE
)
# a mission opened abroad: "opened an embassy in Baku", "the reopening of its embassy in Damascus", "the Irish
# embassy in Tehran will reopen": the place is the host state, a partner (issue 13, round 39 recall)
_EMBASSY_OPENED = re.compile(
    r"\b(?:re-?)?open(?:s|ed|ing)?\s+(?:of\s+)?(?:(?:an?|its|their|the|his|her)\s+)?(?:new\s+)?(?:[\w-]+\s+)?"
    r"(?:embass(?:y|ies)|consulates?(?:\s+general)?|(?:diplomatic|representative|liaison)\s+(?:office|mission)s?|"
    r"interests\s+sections?)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EMBASSY_IN = re.compile(r"\b(?:embass(?:y|ies)|consulates?)\s+in\s+(?:the\s+)?$", re.IGNORECASE)
_REOPENS_AFTER = re.compile(
    r"^\s+(?:will\s+|would\s+|is\s+to\s+|are\s+to\s+|was\s+|were\s+|has\s+been\s+|have\s+been\s+|had\s+been\s+)?"
    r"(?:be\s+)?re-?open(?:s|ed)?\b",
    re.IGNORECASE,
)
_BASED_IN = re.compile(r"\b(?:based|headquartered|registered)\s+in\s+(?:the\s+)?$", re.IGNORECASE)
# "talks in the Austrian capital", "met in the Swiss city": a demonym naming the city of an IGO seat where talks are
# held (Vienna, Geneva) is the venue, as the seat's own name is (the states of `IGO_SEATS` named by their capital)
_CITY_AFTER = re.compile(r"^\s+(?:capital|city)\b(?!\s+of\b)", re.IGNORECASE)
SEAT_STATES = frozenset({"AUT", "CHE"})
# between a seat's demonym and the seat's name: "the Austrian capital Vienna", "the Swiss city of Geneva"
_CITY_NAMED_GAP = re.compile(r"\s+(?:capital|city)(?:\s+of)?\s*,?\s+", re.IGNORECASE)
# the nuclear deal told with who made it, in a clause after its name: "the nuclear deal, reached last year with
# the 5+1 group", "the JCPOA, which was signed in 2015 between Iran and six powers", "the agreement Tehran struck
# with the P5+1 in 2015": the deal's history, whose parties take no part in the sentence's act
_DEAL_HISTORY_BEFORE = re.compile(
    r"\b(?P<deal>JCPOA|Joint\s+Comprehensive\s+Plan\s+of\s+Action|(?:nuclear\s+)?(?:deal|agreement|accord|pact))"
    r"\)?,?\s+(?:(?:which|that)\s+(?:was|were|had\s+been|has\s+been)\s+|(?:which|that)\s+)?"
    r"(?:(?:Iran|Tehran|it|the\s+Islamic\s+Republic)\s+(?:had\s+|has\s+)?)?(?:originally\s+|finally\s+|eventually\s+)?"
    r"(?:signed|reached|struck|clinched|sealed|concluded|inked|finali[sz]ed|hammered\s+out|negotiated|agreed)\s+"
    r"(?:(?:in|on|back\s+in|last|during|after)\s+(?:[\w,]+\s+){0,3}?)?"
    r"(?:between|with|by|among)\s+(?:the\s+)?(?:(?:members|remaining\s+members)\s+of\s+(?:the\s+)?)?"
    # the second maker of a pair ("between Iran and the P5+1")
    r"(?:(?-i:[A-Z])[\w.’'+-]*(?:\s+(?-i:[A-Z])[\w.’'+-]*){0,2},?\s+(?:and\s+)?(?:the\s+)?)?$",
    re.IGNORECASE,
)


def _deal_history(before: str, code: str, gaz: Gazetteer) -> bool:
    """Whether a mention is named as a maker of the nuclear deal in a clause of its history
    (`_DEAL_HISTORY_BEFORE`): a nuclear deal or the JCPOA, or any deal made with a negotiating group ("the
    agreement signed with the P5+1")."""
    found = _DEAL_HISTORY_BEFORE.search(before)
    if found is None:
        return False
    deal = found.group("deal").lower()
    return code in gaz.groups or deal.startswith(("jcpoa", "joint", "nuclear"))


# attending, addressing or speaking at an IGO's gathering: the IGO is met there, no mere forum ("attended
# the 71st UN General Assembly", "addressed the OIC summit", "in his speech to the IAEA Board of Governors",
# "addressed the 71st session of the UN General Assembly"), by the verbs of `Gazetteer.attend_verbs`
@functools.cache
def _attend_before(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """The verbs, then the words up to an IGO's name: "attended the 71st session of the"."""
    body = "|".join(v.replace(" ", r"\s+") for v in verbs)
    return re.compile(
        rf"\b(?:{body})\s+(?:the\s+|a\s+|an\s+)?(?:\d+(?:st|nd|rd|th)\s+|(?:annual|extraordinary|emergency)\s+)?"
        r"(?:(?:session|summit|meeting)\s+of\s+(?:the\s+)?)?$",
        re.IGNORECASE,
    )


_FORUM_BEFORE = re.compile(r"sidelines\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_UNMARKED_TITLE = re.compile(
    r"(?<![\w-])(?:(?:[Ff]oreign|[Pp]rime|[Dd]eputy|[Vv]ice)\s+)?(?:[Mm]inister|[Pp]resident|"
    r"[Ss]pokes(?:man|woman|person)|[Gg]overnor|[Ss]peaker|[Cc]ommander|[Cc]hancellor|[Mm]inistry)\b"
)
# the words between two listed names, one alternation: "A, B", "A, and B", "A and B", "A & B"
LIST_WORDS = r",\s*(?:and\s+)?|and\s+|&\s+"
# between two members of a list: a comma or "and", maybe other capitalised names ("Iran, Central Asia, Russia")
# "visited A on Monday and B on Tuesday": a day between list members does not end the list
_LIST_DAY = r"(?:\s+(?:on|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December))?"
_LIST_GAP = re.compile(
    r"^"
    + _LIST_DAY
    + rf"\s*(?:{LIST_WORDS}|,?\s*as\s+well\s+as\s+)(?:(?:then|finally|later|lastly|now|most\s+recently)\s+)?(?:the\s+)?"
    r"(?:[A-Z][\w-]*\s*(?:,\s*)?){0,4}$"
)
# "exports to Iraq, Germany, the U.S. and the UK": a list of partners may repeat "the"
# "spoke about many things, from Yemen to Syria, to Lebanon", "issues ranging from Syria to Libya": a range of
# topics, read at its "from" (with "to" and a name after it); not a route ("a train connection from Iran to Oman")
_RANGE_FROM = re.compile(
    r"\b(?:about|issues|things|matters|topics|subjects|ranging)\s+(?!\d)(?:(?!(?:connections?|routes?|corridors?|"
    r"flights?|trips?|trains?|rail\w*|roads?|pipelines?|shipments?|exports?|imports?)\b)[\w-]+\s+){0,5}?from\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_RANGE_TO = re.compile(r"^\s+to\s+(?:the\s+)?[A-Z]")
_RANGE_GAP = re.compile(r"\s*,?\s*(?:and\s+)?to\s+(?:the\s+)?", re.IGNORECASE)
_PARTNER_LIST_GAP = re.compile(rf"^\s*(?:{LIST_WORDS})the\s+$")
# Cheap anaphors.
_IGO_ANAPHOR = re.compile(r"\b[Tt]he\s+(Agency|Organi[sz]ation|Union|bloc|Bank|Fund|Council|Commission)\b")
_COUNTRY_ANAPHOR = re.compile(
    r"\b(?:the\s+country(?:['’]s)?|the\s+Islamic\s+Republic(?:['’]s)?)", re.IGNORECASE
)
# "It exports electricity to A, B and C" opening a sentence after one about a state: the state trades (issue 13,
# round 39 recall)
_IT_TRADES = re.compile(
    r"\s*It(?=\s+(?:also\s+|now\s+|currently\s+|already\s+)?(?:exports|imports|supplies|sells|buys|ships)\b)"
)
_PRONOUN_COUNTRY = re.compile(r"\b(?:his|her)\s+(?:country|government|nation|counterparts?)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PartyMention:
    """A state/IGO mention with its role in the sentence."""

    start: int
    end: int
    code: str
    igo: bool
    kind: str  # gazetteer kind, "person", "person-home" (linked only via the dateline) or "anaphor"
    role: str
    surface: str

    @property
    def weak(self) -> bool:
        return self.kind in ("person-home", "anaphor")


@dataclass(slots=True)
class SentenceParties:
    """The party evidence of one sentence."""

    mentions: list[PartyMention] = field(default_factory=list)

    def _codes(self, keep: Callable[[PartyMention], bool], lo: int, hi: int) -> list[str]:
        """Distinct codes of the mentions in [lo, hi) that `keep` accepts, in order of first mention."""
        return list(dict.fromkeys(m.code for m in self.mentions if lo <= m.start < hi and keep(m)))

    def codes(self, roles: tuple[str, ...] = PARTY_ROLES, lo: int = 0, hi: int = 1 << 62) -> list[str]:
        """Distinct state codes with one of `roles` (in [lo, hi)), in order of first mention."""
        return self._codes(lambda m: not m.igo and m.role in roles, lo, hi)

    def igos(self, roles: tuple[str, ...] = PARTY_ROLES, lo: int = 0, hi: int = 1 << 62) -> list[str]:
        """Distinct IGO names with one of `roles` (in [lo, hi)), in order of first mention."""
        return self._codes(lambda m: m.igo and m.role in roles, lo, hi)

    def parties(self, lo: int = 0, hi: int = 1 << 62, weak: bool = True) -> list[str]:
        """State codes and IGO names acting in [lo, hi) (`weak` ones too unless told not)."""
        return self._codes(lambda m: m.role in PARTY_ROLES and (weak or not m.weak), lo, hi)

    def venues(self) -> list[PartyMention]:
        return [m for m in self.mentions if m.role in PLACE_ROLES and not m.igo]

    def destinations(self, lo: int = 0, hi: int = 1 << 62) -> list[str]:
        """Distinct state codes of the destinations in [lo, hi)."""
        return self._codes(lambda m: m.role == DESTINATION and not m.igo, lo, hi)


# "the U.S.-backed Saudi coalition": a backer described, not a party of the phrase's act; "the
# UNESCO-inscribed palace": a listing body described
_BACKER_AFTER = re.compile(
    r"^-(?:backed|supported|sponsored|funded|allied|aligned|armed|trained|"
    r"inscribed|registered|listed|designated|recogni[sz]ed|certified|accredited|"
    # "a Qatari-owned daily", "a Chilean-operated tanker": whose a thing is, not a party
    r"owned|operated|"
    # "the Iranian-born cleric", "a Lebanese-born businessman": a person's birthplace, not a party
    r"born)\b",
    re.IGNORECASE,
)


# "the Beirut-based channel", "the Qatari capital of Doha": a place described, not a party
_PLACE_DESCRIPTOR_AFTER = re.compile(
    r"^(?:-based\b|\s+(?:capital|city|port|province|town|island)(?:\s+of\b|\s*,\s*[A-Z]))"
)
# "arrived in Tehran from Muscat": where a traveller came from
_ORIGIN_BEFORE = re.compile(
    r"\b(?:arrived|arrives|arriving|came|comes|flew|flies|travel(?:l?ed|s|ling)?|returned|returning)\s+"
    r"(?:(?:in|to)\s+(?:[\w.-]+\s+){1,3})?from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "left Lima for Bogota", "will leave Tehran on Monday for Nairobi": the place a traveller departs from
_DEPARTED_BEFORE = re.compile(r"\b(?:leave|leaves|left|leaving)\s+$", re.IGNORECASE)
_DESTINATION_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?for\s+(?:the\s+)?[A-Z]")
# "with the green light of Riyadh", "with the blessing of London": a backer, not a party
_BLESSING_BEFORE = re.compile(
    r"\b(?:green\s+light|blessing|approval|consent|backing|acquiescence)\s+(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "Iranian envoys to nine countries, including Peru, Chile ...", "ambassadors to 11 countries of Peru, Chile ...":
# where envoys serve, not parties
_POSTED_TO_BEFORE = re.compile(
    r"\b(?:ambassadors|envoys|diplomats|heads\s+of\s+missions?|representatives)\s+(?:to|in)\s+"
    r"(?:(?:\d+|[a-z]+)\s+(?:[a-z]+\s+)?countries,?\s+(?:including|such\s+as|namely|like|among\s+them|of)\s+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


# "a U.S. media report", "the British newspaper The Sunday Times", "Pakistan's Dawn newspaper", "an Israeli
# intelligence website": the outlet a claim comes from, not a party of the act it tells
_MEDIA_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+)?(?:media|newspapers?|news\s+(?:agency|agencies|channels?|websites?|outlets?|"
    r"networks?)|(?:TV|television)\s+channels?|outlets?|websites?|magazines?|tabloids?|broadcasters?)\b",
    re.IGNORECASE,
)
# "the downing of a Ukrainian passenger plane", "the crash of an Iranian airliner": what an incident befell
_INCIDENT_BEFORE = re.compile(
    r"\b(?:downing|shoot(?:ing)?[- ]down|crash|hijack(?:ing)?|sinking|seizure|capture)\s+of\s+(?:the\s+|an?\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)

# "proposed to establish a Palestinian state", "the formation of an independent Kurdish state": a state yet
# to be founded is what a plan is about, not a party
_STATE_AFTER = re.compile(r"^\s+state\b")
_FOUNDING_BEFORE = re.compile(
    r"\b(?:establish\w*|creat\w*|formation|found(?:ing|ed|ation)?|set\s+up|setting\s+up)\s+(?:of\s+)?"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


# "asked Germany to join France and the UK", "invited A to take part alongside B in the mission": the
# parties to be joined are no partners of the one who asks (the request is with the asked alone)
_ASKED_TO_JOIN_BEFORE = re.compile(
    r"\b(?:asked|asks|asking|invited|invites|inviting|urged|urges|urging|called\s+on|calls\s+on|pressed|"
    r"pressured)\s+(?:[\w.’'-]+\s+){1,6}?to\s+(?:join|participate|take\s+part)(?:\s*[-—–,]?\s*"
    r"alongside)?\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


# "Japanese news agency Kyodo reported that the Asian nation is negotiating": the outlet's state is
# the one the report is about
_COUNTRY_REFERRED_LATER = re.compile(r"\bthe\s+(?:[A-Z][\w-]*\s+)?(?:country|nation|kingdom)\b")


def _described_role(m: Match, before: str, after: str, later: str = "") -> str | None:
    """The role of a mention that only describes someone or somewhere: a backer, a place, an origin,
    the posts of a state's envoys, a news outlet, what an incident befell."""
    if _BACKER_AFTER.match(after) or _BLESSING_BEFORE.search(before) or _POSTED_TO_BEFORE.search(before):
        return TOPIC
    # not "to join the A-B joint chamber" (a body named by its two states), "to join Iran's initiative" (the
    # initiator's own), "to join NATO" (a body, not a bystander)
    if (
        _ASKED_TO_JOIN_BEFORE.search(before)
        and not m.is_igo
        and not after.startswith("-")
        and not _POSSESSIVE_AFTER.match(after)
    ):
        return TOPIC
    if m.kind in ("demonym", "country") and _INCIDENT_BEFORE.search(before):
        return TOPIC
    if (
        m.kind in ("demonym", "country")
        and _MEDIA_AFTER.match(after)
        and not _COUNTRY_REFERRED_LATER.search(later)
    ):
        return TOPIC
    if m.kind == "demonym" and _STATE_AFTER.match(after) and _FOUNDING_BEFORE.search(before):
        return TOPIC
    if m.kind in ("capital", "city", "demonym") and _PLACE_DESCRIPTOR_AFTER.match(after):
        return VENUE
    if m.kind in ("capital", "city") and _ORIGIN_BEFORE.search(before):
        return TOPIC  # not where the event is either
    if m.kind in ("capital", "city") and _DEPARTED_BEFORE.search(before) and _DESTINATION_AFTER.match(after):
        return TOPIC  # the place left, not the one travelled to
    return None


def _igo_role(before: str, after: str, gaz: Gazetteer) -> str:
    """An IGO's role: a forum ("on the sidelines of", "the UN meeting"), a topic ("a member of"), or a party."""
    if _FORUM_BEFORE.search(before):
        return FORUM
    if _MEMBER_OF_BEFORE.search(before) or (_ONE_OF_BEFORE.search(before) and _POSSESSIVE_S.match(after)):
        # "a member of the European Union", "one of the EU's largest exporters": a member state, not the Union
        return TOPIC
    if _NATIONAL_BODY_BEFORE.search(before):
        return TOPIC  # "Iranian National Commission for UNESCO": a state's own body, not the IGO
    rest = re.sub(r"^(?:['’]s)?\s*(?:\d+\w*\s+)?", "", after)
    if rest.startswith(gaz.gathering_suffixes) and not _attend_before(gaz.attend_verbs).search(before):
        return FORUM  # "attended the SCO summit": the IGO is met (blind sets' convention)
    return ACTOR


def _inherited_role(work: str, m: Match, prev: PartyMention | None) -> str | None:
    """The role a mention takes from the one before it, or None: "Syria's Idlib" (the city is its
    state's mention), "visited Switzerland, Belgium and France" (a list continues its first member's)."""
    if prev is None:
        return None
    gap = work[prev.end : m.start]
    if m.kind in ("city", "capital") and prev.code == m.code and re.fullmatch(r"['’]s\s+", gap):
        return prev.role
    if (
        m.kind in ("city", "capital")
        and prev.code == m.code
        and prev.code in SEAT_STATES
        and prev.role == VENUE
        and _CITY_NAMED_GAP.fullmatch(gap)
    ):
        return VENUE  # "in the Austrian capital Vienna": the seat named after its description is that venue
    if prev.role == TOPIC and _RANGE_GAP.fullmatch(gap):
        return TOPIC  # "from Yemen to Syria, to Lebanon": the range of topics goes on
    if prev.role in (DESTINATION, VENUE, TARGET, TOPIC, PARTNER) and (
        _LIST_GAP.match(gap) or (prev.role == PARTNER and _PARTNER_LIST_GAP.match(gap))
    ):
        if not (prev.role == VENUE and m.kind in ("demonym", "institution")):
            return prev.role
    return None


def _place_role(
    work: str, lo: int, m: Match, prev: PartyMention | None, before: str, after: str
) -> str | None:
    """The role of a country, capital or city named as a place (venue, destination, partner's
    location, a city standing for an institution), or None when no place phrase applies."""
    if m.kind in ("capital", "city") and (
        _INSTITUTION_AFTER.match(after) or _INSTITUTION_BEFORE.search(before)
    ):
        return ACTOR
    if m.kind in ("capital", "city") and _PLACE_NAMED_PROCESS.match(after):
        return VENUE
    if m.kind in ("capital", "city") and _PLACES_NAMING_PROCESSES.match(after):
        return TOPIC
    if m.surface in IGO_SEATS and _AT_SEAT_BEFORE.search(before):
        return VENUE  # "return to Vienna", "talks in Geneva": the seat of the talks, not the host state
    if _PARTNER_BEFORE.search(before) or _EMBASSY_OPENED.search(before):
        return PARTNER
    if _EMBASSY_IN.search(before) and _REOPENS_AFTER.match(after):
        return PARTNER
    if _DEST_BEFORE.search(before):
        # "travel to New York", "return to Vienna": the seat of the UN or the IAEA, not a host state
        return VENUE if m.surface in IGO_SEATS else DESTINATION
    if _OWN_FORCES_IN_BEFORE.search(before):
        return ACTOR
    v = _VENUE_BEFORE.search(before)
    if v:
        if (
            _PARTNER_VERBS.match(v.group("verb") or "")
            or _INVEST_EARLIER.search(work, max(lo, m.start - 140), m.start)
            or _PROJECT_DEAL_EARLIER.search(work, max(lo, m.start - 140), m.start)
        ):
            return PARTNER
        return VENUE
    # "in Karbala, Iraq": the country of a venue city is part of the venue
    if (
        prev is not None
        and prev.role in (VENUE, DESTINATION)
        and re.fullmatch(r"\s*,\s*", work[prev.end : m.start])
    ):
        return prev.role
    # "opened in Florence, Italy": a place the gazetteer does not hold (or blocks) before its country
    if m.kind == "country" and _UNKNOWN_PLACE_BEFORE.search(before) and not _POSSESSIVE_AFTER.match(after):
        return VENUE
    return None


def _asked_or_listed_as_partner(later: str, before: str) -> bool:
    """Whether a state is one of those that asked an IGO's body to meet (`_REQUESTED_MEETING_AFTER`,
    `_REQUESTED_BY_MEMBERS_BEFORE`) or one of an organisation's partners listed (`_PARTNER_STATUS_AFTER`); each
    pattern is tried only where its key word stands (most mentions have none)."""
    if ("requested" in later or "called" in later or "asked" in later) and _REQUESTED_MEETING_AFTER.match(
        later
    ):
        return True
    if "partners" in later and _PARTNER_STATUS_AFTER.match(later):
        return True
    return "request" in before.lower() and _REQUESTED_BY_MEMBERS_BEFORE.search(before) is not None


def _role(work: str, lo: int, m: Match, prev: PartyMention | None, gaz: Gazetteer) -> str:
    before = work[max(lo, m.start - 120) : m.start]
    after = work[m.end : m.end + 60]
    described = _described_role(m, before, after, work[m.end : m.end + 160])
    if described is not None:
        return described
    # "the talks, which include the E3 (A, B and C), D ...": a group described as a member, as a state is
    if m.code in gaz.groups and MEMBERS_BEFORE.search(before):
        return TOPIC
    if _deal_history(before, m.code, gaz):
        return TOPIC
    if m.is_igo:
        return _igo_role(before, after, gaz)
    if _TARGET_AFTER.match(after) or (
        _TARGET_BEFORE.search(before)
        and not (_URGED_BEFORE.search(before) and _URGED_TO_COOPERATE.match(after))
    ):
        return TARGET
    # "on the sidelines of the anniversary of the Chinese navy": the occasion, not a party (rules 3, 4)
    if (
        _SIDELINES_PHRASE.search(before)
        and not _VENUE_BEFORE.search(before)
        and not _MEETING_OF_BEFORE.search(before)
    ):
        return FORUM
    # "a company based in the Netherlands": the state it belongs to (annotation rule 8)
    if m.kind == "country" and _BASED_IN.search(before):
        return ACTOR
    inherited = _inherited_role(work, m, prev)
    if inherited is not None:
        return inherited
    if _REACTION_AFTER.match(work[m.end : m.end + 160]):
        return TOPIC
    if _asked_or_listed_as_partner(work[m.end : m.end + 200], before):
        return TOPIC
    if _TOPIC_AFTER.match(after) or (
        _TOPIC_BEFORE.search(before) and m.kind in ("country", "capital", "city")
    ):
        return TOPIC
    if m.kind == "country" and _DISCUSSED_BEFORE.search(before) and _ALONE_AFTER.match(after):
        return TOPIC
    if _RANGE_FROM.search(before) and _RANGE_TO.match(after):
        return TOPIC  # "from Yemen to Syria": the start of a range of topics
    # "BRICS, which includes Brazil, Russia, India ...": a description of members, not the actors
    if m.kind == "country" and MEMBERS_BEFORE.search(before):
        return TOPIC
    if m.kind == "demonym" and m.code in SEAT_STATES and _CITY_AFTER.match(after):
        return VENUE
    if m.kind in ("country", "capital", "city"):
        placed = _place_role(work, lo, m, prev, before, after)
        if placed is not None:
            return placed
    # "provide aid to the flood-stricken Iranians", "sent relief to the Syrian people": the receiver of a flow
    if m.kind == "demonym" and _AID_TO_BEFORE.search(before):
        return PARTNER
    return ACTOR


@dataclass(slots=True)
class AnaphorState:
    """What the cheap anaphors of the next sentences resolve to (updated sentence by sentence)."""

    last_igo: dict[str, str] = field(default_factory=dict)  # head word ("Agency") -> IGO short name
    last_igo_any: str | None = None
    country: str | None = None  # the state the previous sentence was about
    person_state: str | None = None  # the state of the last person named


def sentence_parties(
    work: str,
    lo: int,
    hi: int,
    matches: list[Match],
    persons: PersonIndex,
    gaz: Gazetteer,
    state: AnaphorState | None = None,
) -> SentenceParties:
    """Mentions and roles in the sentence work[lo:hi] (`matches`: gazetteer matches inside it)."""
    out = SentenceParties()
    prev: PartyMention | None = None
    items: list[PartyMention] = []
    for m in matches:
        role = _role(work, lo, m, prev, gaz)
        pm = PartyMention(m.start, m.end, m.code, m.is_igo, m.kind, role, m.surface)
        items.append(pm)
        prev = pm
    for s, e, code, igo, explicit in persons.mentions(work, lo, hi):
        if any(x.start < e and s < x.end for x in items):
            continue
        items.append(PartyMention(s, e, code, igo, "person" if explicit else "person-home", ACTOR, work[s:e]))
    if state is not None:
        _resolve_anaphors(work, lo, hi, items, state)
    items.sort(key=lambda x: x.start)
    out.mentions = items
    if state is not None:
        _update_state(work, matches, items, state, gaz)
    return out


def _resolve_anaphors(work: str, lo: int, hi: int, items: list[PartyMention], state: AnaphorState) -> None:
    for a in _IGO_ANAPHOR.finditer(work, lo, hi):
        head = a.group(1).lower()
        code = state.last_igo.get(head)
        if code and not any(x.start < a.end() and a.start() < x.end for x in items):
            items.append(PartyMention(a.start(), a.end(), code, True, "anaphor", ACTOR, a.group(0)))
    if state.country:
        for a in _COUNTRY_ANAPHOR.finditer(work, lo, hi):
            if any(x.start < a.end() and a.start() < x.end for x in items):
                continue
            before = work[max(lo, a.start() - 40) : a.start()]
            role = PARTNER if _PARTNER_BEFORE.search(before) else ACTOR
            items.append(PartyMention(a.start(), a.end(), state.country, False, "anaphor", role, a.group(0)))
        it = _IT_TRADES.match(work, lo, hi)
        if it is not None and not any(x.start < it.end() for x in items):
            items.append(PartyMention(it.end() - 2, it.end(), state.country, False, "anaphor", ACTOR, "It"))
    if state.person_state:
        for a in _PRONOUN_COUNTRY.finditer(work, lo, hi):
            if "counterpart" in a.group(0).lower():
                continue  # "his Iraqi counterpart": the demonym says it; bare ones are handled in assembly
            items.append(
                PartyMention(a.start(), a.end(), state.person_state, False, "anaphor", ACTOR, a.group(0))
            )


def _update_state(
    work: str, matches: list[Match], items: list[PartyMention], state: AnaphorState, gaz: Gazetteer
) -> None:
    for m in matches:
        if m.is_igo:
            state.last_igo_any = m.code
            name = m.surface.split()[-1].lower() if " " in m.surface else ""
            for head in (
                "agency",
                "organization",
                "organisation",
                "union",
                "bank",
                "fund",
                "council",
                "commission",
            ):
                if name == head:
                    state.last_igo[head] = m.code
            if m.code == "EU":
                state.last_igo["union"] = "EU"
                state.last_igo["bloc"] = "EU"
    actors = [
        x
        for x in items
        if x.role in PARTY_ROLES and not x.igo and x.kind in ("country", "demonym", "capital")
    ]
    if actors:
        state.country = actors[0].code
    persons = [x for x in items if x.kind in ("person", "person-home") and not x.igo]
    if persons:
        state.person_state = persons[-1].code


def has_unmarked_official(work: str, lo: int, hi: int, matches: list[Match]) -> bool:
    """Whether the sentence names an official by title alone ("the Foreign Minister said").

    In an article datelined from a capital, such an official acts for the home state. A title
    right after a state is marked, an abbreviated one too ("U.S. Vice President": the periods of
    an abbreviation end no phrase).
    """
    for t in _UNMARKED_TITLE.finditer(work, lo, hi):
        left = work[max(lo, t.start() - 40) : t.start()]
        left = re.split(r"[,;]|(?<![A-Z])\.", left)[-1]
        near_before = any(m.end <= t.start() and m.start >= t.start() - len(left) for m in matches)
        right = work[t.end() : min(hi, t.end() + 40)]
        near_after = re.match(r"\s+(?:of|for)\s+(?:the\s+)?(?:\w+\s+){0,4}", right) is not None and any(
            t.end() < m.start <= t.end() + 40 and not m.is_igo for m in matches
        )
        if not near_before and not near_after:
            return True
    return False
