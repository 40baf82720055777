"""Gatherings with foreign participants: who meets whom at a fair, a summit or a meeting.

Officials of listed states at a meeting ("top officials from Russia, India and
Kazakhstan will also participate in the meeting", "the forum was attended by
Kazakh, Armenian and Iranian officials") meet each other: one `meeting` (an
`intent` when yet to come) of all. Companies, exhibitors, investors or
representatives from listed states at a gathering with a host ("the fair is held
with 30 companies from Germany, Italy and Japan", "representatives from 20
countries are taking part in the investment summit") each deal with the host: a
star of `conference` events, one per listed state with the host (an `intent` each
when yet to come), the convention of the annotators of blind_2 and sentences_2.
"Italy is the special guest" is a `conference` with the host. States named bare
as the attendees ("the summit was attended by A, B and C", "A, B and C took part in
the meeting") meet each other, except at a fair, where each deals with the host.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from libs.extraction.candidates import (
    CONFERENCE,
    COOPERATION,
    EXPLICIT,
    INTENT,
    MEETING,
    Candidate,
    SentenceInfo,
    split_parties,
)
from libs.extraction.clauses import ATTEND_AFTER, list_run
from libs.extraction.mention_roles import ACTOR, FORUM, LIST_WORDS, PARTY_ROLES, PartyMention
from libs.extraction.mention_roles import DESTINATION as DESTINATION_ROLE
from libs.extraction.mention_roles import VENUE as VENUE_ROLE
from libs.extraction.named_people import TITLE_WORDS
from libs.extraction.occasions import placed_candidate
from libs.extraction.triggers import NOT_ATTENDING, Cue

# a ceremony one state holds: each foreign delegation meets the host ("delegations from A, B and C
# attended the inauguration of the president", a star of meetings)
_CEREMONIES = (
    r"inaugurations?|swearing[- ]in|funerals?|coronations?|burials?|memorial\s+(?:services?|ceremon(?:y|ies))|"
    r"celebrations?|festivities"
)
_CEREMONY = re.compile(_CEREMONIES, re.IGNORECASE)
# a gathering where states named as attendees are exhibitors, each dealing with the host
_FAIR = re.compile(
    r"exhibitions?|expos?|fairs?|fairgrounds?|(?:air|trade|auto|motor|food|fashion)\s+shows?|festivals?|biennials?",
    re.IGNORECASE,
)
# a multinational exercise one state hosts: each foreign navy or army cooperates with the host ("Kenya's
# navy began an exercise with the participation of navies of 30 countries including A, B and C")
_EXERCISES = r"(?:naval\s+|military\s+|joint\s+|multinational\s+)?(?:exercises?|drills?|war\s*games?|maneuvers|manoeuvres)"
_EXERCISE = re.compile(_EXERCISES, re.IGNORECASE)
# A gathering that foreign participants attend: fairs (not the adjective: "its fair share"), exhibitions, shows,
# festivals, conferences, forums ("officials from A, B and C attended the economic forum": a conference of all,
# round 39; not a forum's own meeting: "the Asia Forum (AF) meeting").
_GATHERING = re.compile(
    r"\b(?:exhibitions?|expos?|fairs?(?!\s+(?:share|shares|play|trial|treatment|prices?|value|deal|elections?|competition|"
    r"chance|amount|hearing|manner|and|to|enough)\b)|fairgrounds?|(?:air|trade|auto|motor|food|fashion)\s+shows?|festivals?|"
    r"conferences?|forums?(?!\s+(?:\(\w+\)\s+)?(?:meetings?|sessions?|summits?)\b)|congress(?:es)?|symposi(?:um|a)|seminars?|workshops?|biennials?|olympiads?|"
    + _CEREMONIES
    + r"|"
    + _EXERCISES
    + r")\b",
    re.IGNORECASE,
)
# a meeting of officials ("will participate in the meeting", "the event was attended by")
_MEETING = re.compile(
    r"\b(?:meetings?|summits?|dialogues?|talks|sessions?|gatherings?|consultations|rounds?|events?)\b",
    re.IGNORECASE,
)
# a meeting named in the attending sentence itself outranks a fair or a conference named before it (not
# the generic "event", "gathering", "session": a fair's own parts)
_OWN_MEETING = re.compile(r"\b(?:meetings?|summits?|dialogues?|talks|consultations|rounds?)\b", re.IGNORECASE)
_SUMMIT = re.compile(r"summits?", re.IGNORECASE)
# a meeting or talks proper (not a summit, an event or a session): delegations or representatives from listed
# states who attend it meet each other ("representatives from A, B and C attended the meeting")
_TALKS = re.compile(r"meetings?|talks|dialogues?|consultations|rounds?", re.IGNORECASE)
# those a gathering brought together, included or welcomes ("the talks in Lima included A, B and C", "The summit
# will welcome presidents from A, B and C": the gathering as the subject of receiving them, round 44; not a
# person or state welcoming: "Iran welcomes the proposal")
_INCLUDED = (
    r"brought\s+together|(?:summits?|meetings?|talks|sessions?|gatherings?|conferences?|forums?)"
    r"(?:\s+[\w’'-]+){0,4}?\s+(?:also\s+)?(?:included|includes|"
    r"(?:will\s+|would\s+|is\s+(?:set|expected|due)\s+to\s+)?(?:also\s+)?welcom(?:e|es|ed))"
)
# the attendees said to come from listed states ("attendees to the event are from A, B and C", "foreign
# companies attending this event come from A and B", "corporations are coming from A", "foreign companies
# reportedly come from A, B and C": a report's adverb before the verb, round 43)
_ATTENDEES_ARE_FROM = (
    r"\b(?:attendees|participants|guests|delegates|visitors|invitees|companies|corporations|firms|exhibitors)\s+"
    r"(?:(?:at|in|of|to|attending|participating\s+in)\s+(?:the\s+|this\s+)?(?:[\w-]+\s+){0,4}?)?"
    r"(?:reportedly\s+|also\s+)?"
    r"(?:are|were|come|came|will\s+come|will\s+be|are\s+coming|were\s+coming)\s+"
    r"(?:mainly\s+|mostly\s+|largely\s+|primarily\s+|chiefly\s+)?from"
)
# "30 companies from Germany, Italy and Russia", "scholars from around the world, including Iran, ..."
_PARTICIPANTS_FROM = re.compile(
    r"(?:\bwith\s+(?:the\s+)?(?:participation|presence)\s+of\s+(?:(?:[\w-]+\s+){0,3}(?:from|of)\s+)?"
    # scholars at a conference meet each other (a joint occasion)
    r"|\b(?P<scholars>scholars|researchers|experts|scientists|universities|academics|professors|speakers|"
    r"journalists|reporters|media\s+(?:workers|professionals|representatives))"
    r"\s+from\s+"
    # companies, investors or delegations at a fair or a summit deal with the host
    r"|\b(?:(?P<reps>delegations|representatives)|companies|corporations|firms|exhibitors|participants|publishers|"
    r"teams|contestants|competitors|artists|filmmakers|brands|manufacturers|producers|businesses|entrepreneurs|guests|investors|"
    # companies named by their trade ("automakers from A, B and C are taking part in the event")
    r"(?:auto|car|steel|drug|equipment)\s*makers|start-?ups|"
    r"ones|traders|merchants|tour\s+operators|exhibiting\s+countries)\s+from\s+"
    # the attendees said to come from listed states: people or firms of those states at the host's gathering,
    # each dealing with the host (not "come from 20 countries including A and B": examples, an object; but "are
    # mainly from 14 countries comprising A, B and C" names them all)
    r"|"
    + _ATTENDEES_ARE_FROM
    + r"(?!\s+(?:(?:some|over|more\s+than)\s+)?\d+\s+(?:\w+\s+)?countries,?\s+(?:including|such\s+as|like|among))\s+"
    # states named bare as the attendees ("the summit was attended by A, B and C", "the participants at
    # the conference were A, B and C"): they meet each other, unless the gathering is a fair
    # ... or as those the gathering brought together or included
    r"|\b(?P<bare>(?:attended|joined)\s+by|" + _INCLUDED + r"|"
    r"(?:participants|attendees|participating\s+(?:countries|states|nations))"
    r"\s+(?:(?:at|in|of|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?)?(?:were|are|included|include|includes|comprised)"
    r"\s*:?)\s+(?!from\b)"
    # "ministers of Iraq, Oman and Qatar ... participated", "top officials from Russia, India ... will
    # participate": only with a verb of attending (see below)
    r"|\b(?P<of>(?:ministers|officials|envoys|representatives|delegations|counterparts|leaders|heads|"
    r"diplomats|negotiators|presidents|delegates)\s+"
    # officials named before representatives are officials ("foreign ministers or representatives from A, B
    # and C attended the conference": they meet each other, round 44)
    r"(?:(?:or|and)\s+(?:[\w-]+\s+){0,2}?(?:representatives|delegations|delegates)\s+)?(?:of|from))\s+"
    # states named as examples of a fair's exhibiting countries ("over 50 countries including A, B and C will
    # showcase their products at the fair"): only at a fair, with a verb of exhibiting (see `_run_kind`)
    r"|\b(?P<countries>countries|states|nations)\s*,?\s+(?:including|such\s+as|like|namely)\s+)"
    r"(?:(?:some\s+|over\s+|more\s+than\s+)?\d+\s+(?:\w+\s+)?countries|around\s+the\s+world|across\s+the\s+world|"
    r"(?:\w+\s+){0,2}countries|[A-Z][\w-]+\s+and\s+\d+\s+other\s+countries|"
    # a group described, then its members after a dash (round 43): "presidents of the five Caspian Sea littoral
    # states - A, B, C, D and E", "delegations of all three countries – A, B and C"; or after "including" or
    # "namely" when the group is definite (round 44: "ministers of the five Caspian Sea littoral states, including
    # A, B, C and D" names the whole group; not examples: "speakers from over 40 countries, including A")
    r"(?:[\w-]+\s+){0,5}?(?:countries|states|nations)\s*[-–—]|"
    r"(?:the|all|its|their)\s+(?:[\w-]+\s+){0,4}?(?:countries|states|nations)(?=,?\s*(?:including|namely)\s))?,?\s*(?:(?:including|such\s+as|like|namely|among\s+them|comprising)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "Italian publishing firms are participating", "Russian, Azerbaijani and Iranian officials"
_DEMONYM_PARTICIPANTS = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}(?:(?P<business>companies|firms|exhibitors|publishers|publishing\s+houses|"
    r"teams?|artists|artisans|craft(?:smen|speople|ers)|filmmakers|films|brands|manufacturers|businesses|"
    r"enterprises|inventors|illustrators|painters|photographers|pavilions?|investors)|scholars|researchers|universities|"
    r"officials|ministers|delegations|diplomats|representatives|leaders|delegates|envoys)\b",
)
_GUEST_AFTER = re.compile(
    r"\s+(?:is|was|will\s+be|has\s+been)\s+(?:the\s+)?(?:special\s+|honou?red\s+)?guest(?:\s+of\s+honou?r)?\b",
    re.IGNORECASE,
)
# states listed as among a gathering's participants: "A, B and C are among the states planning to open
# pavilions" (each deals with the host)
_AMONG_AFTER = re.compile(
    r"\s+(?:are|were|will\s+be)\s+among\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:countries|states|nations|participants|exhibitors|guests|attendees|visitors)\b",
    re.IGNORECASE,
)
# a speaker at a gathering attends it ("representatives of A, B and C also delivered speeches during the
# meeting", "ministers of A and B addressed the conference"); a meeting with speeches of the listed states is a
# conference (an annual meeting, a forum), not talks among them
_SPEECHES = (
    r"(?:deliver(?:ed|s|ing)?|gave|give|giving|made)\s+(?:(?:a|an|their|his|her|keynote|opening|closing)\s+)*"
    r"(?:speech(?:es)?|address(?:es)?|lectures?|presentations?)|"
    r"address(?:ed|es|ing)?\s+the\s+(?:[\w-]+\s+){0,3}?(?:meeting|conference|summit|session|forum|gathering|"
    r"congress|symposium|event|assembly)"
)
_SPEECH = re.compile(rf"\b(?:{_SPEECHES})\b", re.IGNORECASE)
# a declaration the participants issue at a gathering attends it ("the leaders of A, B and C issued a declaration
# at the summit")
_DECLARED = (
    r"(?:issued|adopted|released|signed|endorsed)\s+(?:a|an|the|their)\s+(?:joint\s+|final\s+|closing\s+)?"
    r"(?:declarations?|communiqu[eé]s?|statements?)"
)
_ATTENDING = re.compile(
    r"\b(?:attend\w*|participat\w*|" + _INCLUDED + r"|"
    r"tak(?:e|es|ing)\s+part|took\s+part|partak(?:e|es|ing)\s+in|partook\s+in|present\s+at|showcas\w*|exhibit\w*|on\s+display|display(?:s|ed|ing)?\s+their|"
    # works entered at a festival ("two of its films will compete at the festival", "are screening in")
    r"compet(?:e|es|ed|ing)\s+(?:at|in)|screen(?:ed|ing)?\s+(?:at|in)|"
    r"held\s+with|with\s+the\s+presence\s+of|special\s+guest|guest\s+of\s+honou?r|pavilions?|"
    + _DECLARED
    + r"|"
    + _SPEECHES
    + r")\b",
    re.IGNORECASE,
)
# the attendees of a gathering named before said to come from listed states ("The guests were from A, B
# and C"): an attending, so the gathering may be named in the two sentences before
_ATTENDEES_FROM = re.compile(_ATTENDEES_ARE_FROM + r"\b", re.IGNORECASE)
# a place said to be where a gathering is held ("in Amman", "held in the city of Lima"), not one naming it
_HELD_IN = re.compile(
    r"\b(?:in|at|hosted\s+by|held\s+in)\s+(?:the\s+)?(?:(?:\w+\s+)?(?:city|capital)\s+of\s+)?$", re.IGNORECASE
)
# a gathering that hosts its participants ("the event is hosting companies from A, B and C"): it lets the
# gathering be named before, but is no attending of officials "of" states
_HOSTING = re.compile(r"\bhost(?:s|ed|ing)\b", re.IGNORECASE)
# a participants list goes on: "..., as well as deputy ministers of Azerbaijan, along with delegations from";
# an unknown name between commas ("Iceland, Kosovo, Libya") does not end it (the whole gap: `fullmatch`)
_PARTICIPANTS_SEP = re.compile(
    # an abbreviation in brackets does not end it either ("United Arab Emirates (UAE), Saudi Arabia")
    rf"(?:\s*\([A-Z]{{2,6}}\))?\)?\s*(?:{LIST_WORDS}|\(|plus\s+|,?\s*(?:as\s+well\s+as|along\s+with|together\s+with)\s+)"
    # "as well as two new guests - A and B", "along with observers: A and B": the list goes on after a dash
    r"(?:(?:[a-z-]+\s+){1,3}(?:from|of)\s+|(?:[\w-]+\s+){0,3}[\w-]+\s*[—–:]\s*)?(?:the\s+)?"
    # an unknown name of one or two words ("Lao PDR, "), or a capitalised word heading the next state's name
    # ("the United Emirates", where only "Emirates" is a mention)
    r"(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s*,\s*(?:and\s+)?(?:the\s+)?){0,2}(?:[A-Z][\w-]+\s+)?"
)
# the words of an official's title and name ("Prime Minister Mustafa Kamal", "former president", "crown prince")
_PERSON_WORDS = "|".join(
    re.escape(w)
    for w in sorted(
        TITLE_WORDS | {"former", "outgoing", "out-going", "acting", "bin", "ibn", "al", "el"},
        key=lambda w: (-len(w), w),
    )
)
_PERSON_TOKEN = rf"(?:(?-i:[A-Z])[\w.'’-]*|(?:{_PERSON_WORDS})(?![\w-]))"
# between two officials listed one by one ("Egyptian President A, Jordanian King B and Iraqi Prime Minister C",
# "the emir of A, the crown prince of B"), whole (`fullmatch`): the rest of one's title and name, a list word, and
# the next one's title up to "of"
_PERSON_GAP = re.compile(
    rf"(?:\s+{_PERSON_TOKEN}){{0,8}}\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
    rf"(?:(?:{_PERSON_TOKEN}\s+){{1,8}}?(?:(?:of|from)\s+(?:the\s+)?)?)?",
    re.IGNORECASE,
)
# the title and name of the first official listed, before the state ("attended by President A of ")
_PERSON_LEAD = re.compile(rf"(?:{_PERSON_TOKEN}\s+){{1,8}}?(?:(?:of|from)\s+(?:the\s+)?)?$", re.IGNORECASE)


def _people_joins(gap: str) -> bool:
    """Whether the text between two state mentions joins them in a list of participants or of officials."""
    return _PARTICIPANTS_SEP.fullmatch(gap) is not None or _PERSON_GAP.fullmatch(gap) is not None


# the participation is yet to happen: "are expected to attend", "have been invited to", "will be
# showcasing", "will be visiting", a gathering sought or proposed
_FUTURE_PARTICIPATION = re.compile(
    r"\b(?:will|would|shall|expected\s+to|scheduled\s+to|slated\s+to|set\s+to|invited\s+to|plan(?:s|ning)?\s+to|"
    r"going\s+to|readiness\s+to|ready\s+to|registered\s+(?:for|to))"
    r"\s+(?:\w+\s+){0,2}?(?:attend(?:ing)?|participat(?:e|ing)|tak(?:e|ing)\s+part|be\s+present|"
    r"showcas(?:e|ing)|exhibit(?:ing)?|join(?:ing)?|visit(?:ing)?|compet(?:e|ing)|screen(?:ing)?|welcome)\b"
    # "will be held", "is to be staged", "will also be attended by"
    r"|\b(?:will|to)\s+(?:also\s+)?be\s+(?:also\s+)?(?:held|organi[sz]ed|staged|attended)\b"
    # a gathering sought or proposed: "Iraq proposed a summit with the participation of A, B and C"
    r"|\b(?:seeks?|sought|seeking|wants?|wanted|propos(?:ed|es|ing)|suggest(?:ed|s|ing)|call(?:s|ed|ing)?\s+for|"
    r"urg(?:ed|es|ing))\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:talks|dialogue|meeting|summit|conference|"
    r"negotiations|forum)\b",
    re.IGNORECASE,
)


def _gathering_noun(infos: list[SentenceInfo], pos: int, text: str) -> tuple[re.Match[str], bool] | None:
    """The gathering the sentence is about, and whether it is a meeting: named in it (a fair or a
    conference before a meeting), or, with a verb of attending, in the two sentences before (a meeting
    named in the sentence itself before a fair or a conference named before)."""
    info = infos[pos]
    lo, hi = info.sent.start, info.sent.end
    attending = (
        _ATTENDING.search(text, lo, hi) is not None
        or _HOSTING.search(text, lo, hi) is not None
        or _ATTENDEES_FROM.search(text, lo, hi) is not None
    )
    reach = range(pos, max(-1, pos - 3), -1) if attending else range(pos, pos - 1, -1)
    found = _GATHERING.search(text, lo, hi)
    if found is not None:
        return found, False
    # a meeting named here is the one attended, not a conference named before ("... at the Lima
    # conference. The Lima meeting was attended by A, B and C")
    found = _OWN_MEETING.search(text, lo, hi) if attending else None
    if found is not None:
        return found, True
    for rx, meeting in ((_GATHERING, False), (_MEETING, True)):
        if meeting and not attending:
            break  # "officials from A and B said at the meeting": no participation stated
        for p in reach:
            found = rx.search(text, infos[p].sent.start, infos[p].sent.end)
            if found is not None:
                return found, meeting
    return None


def _states_attending(text: str, group: list[PartyMention], fair: bool, here: bool) -> bool | None:
    """Whether the states of a list named as a subject meet each other ("A, B and C took part in the
    meeting": True, unless at a `fair`; the gathering named `here`, in the same sentence) or each deal
    with the host ("A, B and C are among the exhibiting countries": False); None when the list is no
    such subject."""
    if not all(x.kind == "country" for x in group):
        return None
    if here and ATTEND_AFTER.match(text, group[-1].end):
        if len(group) >= 2:
            return not fair
        if fair:
            return False  # "Iran took part in the book fair in Frankfurt": an exhibitor with the host
    return False if _AMONG_AFTER.match(text, group[-1].end) else None


# states named bare as the participants ("a conference held with the participation of A, B, C and D", round 47):
# the states themselves take part, so at a conference, a forum or a summit they meet each other (one event of
# all, as at talks), and at a fair or a festival each is an exhibitor with the host
_STATES_PARTICIPATING = re.compile(
    r"with\s+(?:the\s+)?(?:participation|presence)\s+of\s+(?:the\s+)?", re.IGNORECASE
)


def _intro_kind(intro: re.Match[str], fair: bool, talks: bool = False, several: bool = True) -> bool | None:
    """Whether the participants a `_PARTICIPANTS_FROM` intro lists meet each other (`_listed`); `talks`:
    the gathering is a meeting or talks, where delegations "from" listed states meet each other too;
    `several`: two states or more are listed."""
    if talks and intro.group("reps"):
        return True
    if intro.group("bare") or intro.group("countries"):
        return not fair
    if intro.group("of"):
        # officials or ministers "of" listed states meet each other at a meeting; at a fair the
        # delegations of several states each deal with the host ("officials from A, B and C are among the
        # visitors to the expo")
        return not (fair and several)
    if intro.group("scholars"):
        return True
    if not intro.group(0).lower().startswith("with"):
        return False
    if _STATES_PARTICIPATING.fullmatch(intro.group(0)) and not fair:
        return True  # states named bare as a conference's participants meet each other (round 47)
    return None  # "with the participation of (delegations from)": not said


# the listed states are an object ("exhibitors from 20 countries including A, B", "played host to ... countries
# including A"), not the subject that exhibits
_OBJECT_LIST = re.compile(r"\b(?:from|form|to|of|with|by)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def _exhibiting_after(text: str, group: list[PartyMention], intro: re.Match[str]) -> bool:
    """Whether a list of countries introduced as examples ("over 50 countries including A, B and C") is the subject
    of exhibiting: a verb of attending or exhibiting within the 150 characters after it, and no preposition
    before its intro."""
    end = group[-1].end
    stop = text.find(".", end)
    stop = min(stop if stop >= 0 else len(text), end + 150)
    if _ATTENDING.search(text, end, stop) is None:
        return False
    return _OBJECT_LIST.search(text, max(0, intro.start() - 40), intro.start()) is None


def _run_kind(
    group: list[PartyMention],
    lo: int,
    text: str,
    fair: bool,
    here: bool,
    attending: bool,
    talks: bool = False,
) -> tuple[bool, bool | None]:
    """Whether the list `group` (a `list_run` by `_PARTICIPANTS_SEP`) names participants, introduced
    ("delegations from A and B"), as the subject of attending, or as demonyms of attending officials; and
    whether they meet each other (`_listed`, None when the text does not say)."""
    m = group[0]
    intro = _PARTICIPANTS_FROM.search(text, max(lo, m.start - 90), m.start)
    if intro and intro.group("of") and not attending:
        intro = None
    if (
        intro
        and intro.group("countries")
        and not (attending and fair and _exhibiting_after(text, group, intro))
    ):
        # "countries such as A and B" elsewhere are examples of a class (`clauses.listed_spokes`)
        intro = None
    if intro and intro.group("bare") and len(group) < 2:
        intro = None  # "attended by Iran's minister": a person, read by the cue rules
    if m.kind in ("country", "capital") and intro:
        return True, _intro_kind(intro, fair, talks, len(group) >= 2)
    subject = _states_attending(text, group, fair, here)
    if subject is not None:
        return True, subject
    after = _DEMONYM_PARTICIPANTS.match(text, group[-1].end)
    if all(x.kind == "demonym" for x in group) and after and attending:
        # "Russian, Azerbaijani and Iranian officials attended" (each with the host at a fair)
        return True, not after.group("business") and not (fair and len(group) >= 2)
    return False, None


# the rest of the title and name of the last official listed ("... and Iraqi Prime Minister A will attend")
_PERSON_TAIL = re.compile(rf"(?:\s+{_PERSON_TOKEN}){{0,8}}", re.IGNORECASE)


def _people_kind(
    group: list[PartyMention], lo: int, text: str, fair: bool, here: bool, attending: bool, talks: bool
) -> tuple[bool, bool | None]:
    """Like `_run_kind` for a list of officials named one by one with their states (`_people_joins`: "attended
    by Egyptian President A, Jordanian King B and Iraqi Prime Minister C", "the summit included President A of
    B, ...", "the emir of A and the crown prince of B will attend the summit"): participants when two states
    or more are listed after an intro of attendees or as the subject of attending."""
    if len({m.code for m in group}) < 2:
        return False, None
    start = group[0].start
    lead = _PERSON_LEAD.search(text, max(lo, start - 90), start)
    before = lead.start() if lead is not None and group[0].kind != "demonym" else start
    intro = _PARTICIPANTS_FROM.search(text, max(lo, before - 90), before)
    if intro is not None and (intro.group("bare") or (intro.group("of") and attending)):
        return True, _intro_kind(intro, fair, talks)
    tail = _PERSON_TAIL.match(text, group[-1].end)
    if here and tail is not None and ATTEND_AFTER.match(text, tail.end()):
        return True, not fair
    return False, None


def _listed(
    info: SentenceInfo, text: str, fair: bool, here: bool, talks: bool = False
) -> tuple[list[str], bool | None]:
    """The states whose participants the sentence lists, and whether those participants meet each other
    (officials, ministers, delegations "of", scholars, states attending a meeting or conference: True)
    or each deal with the host (companies, investors, representatives "from", a guest country, states
    attending a `fair`: False); None when the text does not say ("with the participation of"). `here`:
    the gathering is named in this sentence."""
    lo, hi = info.sent.start, info.sent.end
    attending = _ATTENDING.search(text, lo, hi) is not None
    states = [m for m in info.parties.mentions if not m.igo and m.role in (*PARTY_ROLES, VENUE_ROLE)]
    listed: list[str] = []
    kinds: set[bool] = set()
    i = 0
    while i < len(states):
        m = states[i]
        group = list_run(states, i, text, _PARTICIPANTS_SEP.fullmatch)
        named, kind = _run_kind(group, lo, text, fair, here, attending, talks)
        people = list_run(states, i, text, _people_joins, same=True)
        if not named and len(people) > len(group):
            group = people
            named, kind = _people_kind(group, lo, text, fair, here, attending, talks)
        if named:
            listed.extend(x.code for x in group)
            if kind is not None:
                kinds.add(kind)
            i += len(group)
            continue
        if m.kind == "country" and _GUEST_AFTER.match(text, m.end):
            listed.append(m.code)
            kinds.add(False)
        i += 1
    return list(dict.fromkeys(listed)), (False not in kinds) if kinds else None


def _host(infos: list[SentenceInfo], pos: int, text: str, home: str | None) -> str | None:
    """The state of the gathering's venue (this sentence or the two before that name it or a summit: "the
    Baghdad summit"), else the dateline's, else that of a venue in the article's lead naming a gathering
    ("Held at the Accra fairgrounds, the event ...": a report of one gathering)."""
    reach = [*range(pos, max(-1, pos - 3), -1), *([0] if home is None and pos > 2 else [])]
    for p in reach:
        venues = [v for v in infos[p].parties.venues() if v.code]
        # the city it is held in ("the Baghdad Conference for Partnership in Amman") before a city naming it
        held = [
            m
            for m in infos[p].parties.mentions
            if m.code
            and not m.igo
            and m.kind in ("city", "capital")
            and _HELD_IN.search(text, max(0, m.start - 40), m.start)
        ]
        lo, hi = infos[p].sent.start, infos[p].sent.end
        named = _GATHERING.search(text, lo, hi) or _SUMMIT.search(text, lo, hi)
        if (held or venues) and (p == pos or named):
            return (held or venues)[0].code
    return home


def _summit_parties(info: SentenceInfo, noun: re.Match[str], codes: list[str]) -> list[str]:
    """More parties of a summit named in the sentence: the IGO it is named after ("the ninth BRICS summit", "a
    Gulf Cooperation Council summit"), and the state it is held in ("In Saudi Arabia, B will participate in a
    summit"), also when other actors are named."""
    if not _SUMMIT.fullmatch(noun.group(0)):
        return []
    more = [
        m.code for m in info.parties.mentions if m.igo and m.role == FORUM and 0 <= noun.start() - m.end <= 30
    ]
    more += [v.code for v in info.parties.venues() if v.code and v.kind == "country"]
    return [c for c in dict.fromkeys(more) if c not in codes]


def _exercise_host(info: SentenceInfo, listed: list[str]) -> str | None:
    """The state that holds an exercise: the first actor named before its listed participants."""
    first = min((m.start for m in info.parties.mentions if m.code in listed), default=None)
    for m in info.parties.mentions:
        if first is not None and m.start < first and m.role == ACTOR and not m.igo and m.code not in listed:
            return m.code
    return None


def attending(text: str) -> bool:
    """Whether the text says someone attends something (the extractor's cheap gate lets it through)."""
    return _ATTENDING.search(text) is not None or _ATTENDEES_FROM.search(text) is not None


def _gathering_cue(text: str, lo: int, hi: int, exercise: bool, meeting: bool) -> Cue:
    """The cue of a gathering in text[lo:hi] (its noun, else the meeting, attending or hosting words) and
    its type: an `intent` when the participation is yet to come, else `cooperation` for an `exercise`,
    `meeting` for a `meeting` (participants meeting each other, or a ceremony), else `conference`."""
    cue_at = (
        _GATHERING.search(text, lo, hi)
        or _MEETING.search(text, lo, hi)
        or _ATTENDING.search(text, lo, hi)
        or _HOSTING.search(text, lo, hi)
        or _ATTENDEES_FROM.search(text, lo, hi)
    )
    assert cue_at is not None  # the gathering is in this sentence, or it attends or hosts one named before
    future = _FUTURE_PARTICIPATION.search(text, lo, hi) is not None
    etype = INTENT if future else COOPERATION if exercise else MEETING if meeting else CONFERENCE
    return Cue(cue_at.start(), cue_at.end(), etype, True, cue_at.group(0), irrealis=future)


# a contrast that opens a clause of other subjects ("A, B and C have been invited to the summit, but D said
# it will not attend"): a refusal told after it is theirs, not the listed states'
_CONTRAST = re.compile(r"[,;]\s+(?:but|while|whereas|although|though)\s", re.IGNORECASE)


def _attending_end(info: SentenceInfo, text: str, listed: list[str]) -> int | None:
    """Where the attending part of the sentence ends (the sentence's end, or a contrast after every listed
    state that opens a refusal of others); None when the sentence says the participants do not attend."""
    lo, hi = info.sent.start, info.sent.end
    neg = NOT_ATTENDING.search(text, lo, hi)
    if neg is None:
        return hi
    last = max((m.end for m in info.parties.mentions if m.code in listed), default=hi)
    contrast = _CONTRAST.search(text, last, neg.start())
    return contrast.start() if contrast else None


# the source of a report after the attendees: "A, B and C are expected to attend the summit, according to the
# Kazakh foreign ministry's spokesperson" (the source's state is no attendee)
_SOURCE_AFTER = re.compile(r",\s+according\s+to\b", re.IGNORECASE)


def _other_actors(info: SentenceInfo, text: str, listed: list[str], end: int) -> list[str]:
    """The actors of a meeting the sentence names besides its listed participants, up to `end` or the source of
    the report told after the listed ones."""
    last = max((m.end for m in info.parties.mentions if m.code in listed), default=end)
    source = _SOURCE_AFTER.search(text, last, end)
    stop = source.start() if source else end
    return [
        m.code for m in info.parties.mentions if m.role == ACTOR and m.code not in listed and m.start < stop
    ]


# a gathering referred back to ("attended the meeting", "The conference is attended by", "the session, which was
# attended by"): the gathering told in a sentence before
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# the states a sentence telling the gathering may name outside its attendees (its venue's, a topic's)
_OTHERS_TOLD = 1
# a sentence of one party attending the gathering tells that party's trip, not the gathering ("he left for China
# to attend a meeting of the neighbours")
_ATTENDS = re.compile(r"\b(?:attend\w*|participat\w*|t(?:ake|akes|aking|ook)\s+part)\b", re.IGNORECASE)
# the states a list of attendees names at least (two are more often a misread pair than a list)
_ATTENDEES_LISTED = 3


def _told_before(
    infos: list[SentenceInfo], pos: int, text: str, noun: re.Match[str], parties: set[str]
) -> list[int]:
    """The sentences before the attending one at `pos` (the two before) that tell the gathering it refers back
    to ("Ten ministers met in Qatar on Wednesday. ... A, B and C attended the meeting"): they name a gathering
    or have a meeting or conference cue, and name at most `_OTHERS_TOLD` states acting besides the gathering's
    `parties`. None when the sentence names the gathering as a new one (not after "the", "this", "that")."""
    lo, hi = infos[pos].sent.start, infos[pos].sent.end
    if lo <= noun.start() < hi and not _DEFINITE_BEFORE.search(
        text, max(lo, noun.start() - 40), noun.start()
    ):
        return []
    told: list[int] = []
    for p in range(pos - 1, max(-1, pos - 3), -1):
        info = infos[p]
        plo, phi = info.sent.start, info.sent.end
        gathering = (
            _GATHERING.search(text, plo, phi) is not None
            or _OWN_MEETING.search(text, plo, phi) is not None
            or any(c.type in (MEETING, CONFERENCE) for c in info.cues)
        )
        named = {c for c in info.parties.parties(weak=False) if c} - parties
        if gathering and len(named) <= _OTHERS_TOLD and _ATTENDS.search(text, plo, phi) is None:
            told.append(p)
    return sorted(told)


# those listed "also" attended (round 47): "Zarif attended a forum in New York. ... Foreign ministers of A, B and C
# also attended the meeting": the attendee told before is at the same gathering (one event of all)
_ALSO_ATTENDED = re.compile(
    r"\balso\s+(?:attend(?:ed|s)|participated|took\s+part|t(?:ake|akes)\s+part|joined)\s+(?:in\s+)?(?:the|this|that)\b",
    re.IGNORECASE,
)


_ATTENDED_BEFORE = 3  # sentences before "also attended" where the earlier attendee may be told


def _earlier_attendees(infos: list[SentenceInfo], pos: int, text: str) -> list[str]:
    """The states of the actors who attend a gathering in the `_ATTENDED_BEFORE` sentences before the sentence at `pos`, when it
    says its participants "also" attended the gathering (`_ALSO_ATTENDED`); none otherwise."""
    info = infos[pos]
    if _ALSO_ATTENDED.search(text, info.sent.start, info.sent.end) is None:
        return []
    out: list[str] = []
    for before in infos[max(0, pos - _ATTENDED_BEFORE) : pos]:
        lo, hi = before.sent.start, before.sent.end
        told = _GATHERING.search(text, lo, hi) or _MEETING.search(text, lo, hi)
        if told is not None and _ATTENDS.search(text, lo, hi) is not None:
            out.extend(m.code for m in before.parties.mentions if m.role == ACTOR and m.code and not m.igo)
    return list(dict.fromkeys(out))


def gathering_candidates(
    infos: list[SentenceInfo],
    pos: int,
    text: str,
    home: str | None,
    igo_codes: set[str],
    groups: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Candidate]:
    """Events of a gathering attended by participants from listed states (see the module docstring).

    The parties are the listed states, the host (the venue's state, else the
    dateline's) and, for a meeting, the other actors the sentence names ("In
    addition to Shamkhani, officials from A and B will participate").
    """
    info = infos[pos]
    lo, hi = info.sent.start, info.sent.end
    found = _gathering_noun(infos, pos, text)
    if found is None:
        return []
    fair = _FAIR.fullmatch(found[0].group(0)) is not None
    talks = found[1] and _TALKS.fullmatch(found[0].group(0)) is not None
    listed, officials = _listed(info, text, fair, lo <= found[0].start() < hi, talks)
    end = _attending_end(info, text, listed) if listed else None
    if end is None:
        return []
    # officials meet each other; companies and investors deal with the host, and so do delegations at
    # a ceremony
    ceremony = _CEREMONY.fullmatch(found[0].group(0)) is not None
    exercise = _EXERCISE.fullmatch(found[0].group(0)) is not None
    joint = not ceremony and not exercise and (officials if officials is not None else found[1])
    others = [*_other_actors(info, text, listed, end), *_earlier_attendees(infos, pos, text)] if joint else []
    # a meeting whose other actors are named ("Tehran hosted the Astana talks with the participation of
    # ...", "hosted by the Canadian minister") needs no host from its venue or the dateline
    host = None if others else _exercise_host(info, listed) if exercise else None
    host = host or (None if others else _host(infos, pos, text, home))
    codes = list(dict.fromkeys([*([host] if host else []), *others, *listed]))
    if joint and lo <= found[0].start() < hi:
        codes.extend(_summit_parties(info, found[0], codes))
    states = split_parties(codes, igo_codes, groups)[0]
    if len(states) < 2:
        return []  # two states at least
    speeches = _SPEECH.search(text, lo, hi) is not None
    cue = _gathering_cue(text, lo, hi, exercise, (found[1] and joint and not speeches) or ceremony)
    if not joint:
        # each exhibitor's, investor's or delegation's occasion with the host (none without a host)
        party_groups = [[host, c] for c in listed if c != host] if host else []
    else:
        party_groups = [codes]
    made = [placed_candidate(info, pos, cue, group, EXPLICIT, igo_codes, groups) for group in party_groups]
    told = (
        _told_before(infos, pos, text, found[0], set(codes))
        if joint and len(states) >= _ATTENDEES_LISTED
        else []
    )
    for cand in made:
        if cand is not None:
            cand.told.extend(told)
    return [cand for cand in made if cand is not None]


# an entry of a festival or contest credited to its state: '"Slate" by A. Bo (Myanmar) won the jury award', '"Fox
# Tale" by C. Do from Sri Lanka was named best film' (issue 13, round 39 recall): the entrant's state at the host's
# festival, a `conference` with the host (the convention of a fair's exhibitors)
_ENTRY_BY = re.compile(
    r"\bby\s+(?:(?:(?-i:[A-Z])[\w.'’-]*|and|de|van|von|al|el|bin)\s+){1,8}?(?:\(\s*|from\s+)(?:the\s+)?$"
)
_AWARDED = re.compile(
    r"\b(?:won|wins|received|receives|awarded|named\s+(?:the\s+)?best|(?:was|were)\s+(?:given|handed|presented)|"
    r"went\s+to|picked\s+as|selected\s+as|grand\s+prix|(?:best|top|special)\s+(?:\w+\s+){0,2}?(?:award|prize))\b",
    re.IGNORECASE,
)
_CONTEST = re.compile(r"\b(?:festivals?|biennials?|competitions?|contests?)\b", re.IGNORECASE)


def entry_candidates(
    infos: list[SentenceInfo],
    pos: int,
    text: str,
    home: str | None,
    igo_codes: set[str],
    groups: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Candidate]:
    """Each state an awarded entry is credited to ('by A. Bo (Myanmar)') with the host of the festival named in
    the sentence, the two before or the article's lead: one `conference` each."""
    info = infos[pos]
    lo, hi = info.sent.start, info.sent.end
    award = _AWARDED.search(text, lo, hi)
    if award is None:
        return []
    reach = {*range(pos, max(-1, pos - 3), -1), 0}
    if not any(_CONTEST.search(text, infos[p].sent.start, infos[p].sent.end) for p in reach):
        return []
    entrants = [
        m.code
        for m in info.parties.mentions
        if m.code
        and not m.igo
        and m.kind == "country"
        and _ENTRY_BY.search(text, max(lo, m.start - 90), m.start)
    ]
    host = _host(infos, pos, text, home) if entrants else None
    if host is None:
        return []
    cue = Cue(award.start(), award.end(), CONFERENCE, True, award.group(0))
    made = (
        placed_candidate(info, pos, cue, [host, c], EXPLICIT, igo_codes, groups)
        for c in dict.fromkeys(entrants)
        if c != host
    )
    return [cand for cand in made if cand is not None]


# a state's own exhibition held abroad (issue 13, round 43 recall): "an exclusive exhibition of Iranian products
# opened in Baghdad", "Oman is slated to host an Iranian exclusive trade exhibition", "Iran's third specialized
# exhibition will be held in Yerevan": the exhibiting state with the host, a `conference` (an `intent` when only
# planned), as the sets code an exhibitor at a host's fair
_EXHIBITION = r"(?:exhibitions?|expos?)\b"
_EXHIBITION_NOUN = re.compile(rf"\b{_EXHIBITION}", re.IGNORECASE)
_EXHIBITION_EPITHET = (
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|exclusive|"
    r"speciali[sz]ed|solo|trade|national|commercial|industrial|permanent|export|products?|goods|cultural|"
    r"handicrafts?|art|book)"
)
# an epithet, or any lower-case word that is no function word ("Iranian industrial machinery exhibition")
_EXHIBITION_WORD = (
    rf"(?:{_EXHIBITION_EPITHET}|(?!(?:in|at|on|of|the|a|an|to|for|with|from|by|this|that|its|their|his|her|and|or|"
    r"is|are|was|were|will|has|have|had)\b)(?-i:[a-z][\w-]*))"
)
# after the owner: "Iranian exclusive trade exhibition", "Iran's 3rd specialized exhibition", "Iran Solo Exhibition"
_OWNED_EXHIBITION_AFTER = re.compile(
    rf"(?:[’']s)?\s+(?:(?:and\s+)?{_EXHIBITION_WORD}\s+){{0,4}}{_EXHIBITION}", re.IGNORECASE
)
# before the owner: "an exhibition of Iranian products", "the exhibition of Iran in Russia"
_EXHIBITION_OF_BEFORE = re.compile(rf"\b{_EXHIBITION}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_OWNER_GOODS_AFTER = re.compile(
    r"(?:[’']s)?\s+(?:(?:[\w-]+\s+){0,3}?(?:products?|goods|commodities|companies|firms|capabilities|services|"
    r"industr(?:y|ies)|handicrafts|achievements|exports|manufacturers|producers)\b|in\b)",
    re.IGNORECASE,
)
# the host named as its subject: "Armenia is going to host", "Oman is slated to host", "Indonesia will be hosting"
_HOSTS_AFTER = re.compile(r"(?:[’']s)?\s+(?:[\w-]+\s+){0,4}?host(?:s|ed|ing)?\b", re.IGNORECASE)
# an exhibition only planned, no more ("plans to hold an exhibition of Iranian goods in Syria in the near future"):
# an `intent`; one scheduled ("will be held from May 3 to 6", "is due to be held") is coded as the fair itself
_EXHIBITION_PLANNED = re.compile(
    r"\b(?:plans?|planned|planning|propos(?:e|es|ed|al|als|ing)|near\s+future|"
    r"(?:agreed|decided|intends?|intended|wants?|seeks?|sought)\s+to\s+(?:hold|organi[sz]e|stage|set\s+up))\b",
    re.IGNORECASE,
)
# the cheap gate's test: an exhibition named with a capitalised owner before it or after "of"
_OWNED_EXHIBITION = re.compile(
    rf"\b{_EXHIBITION}\s+of\s+(?:the\s+)?(?-i:[A-Z])|(?-i:[A-Z])[\w-]*(?:[’']s)?\s+"
    rf"(?:(?:and\s+)?{_EXHIBITION_WORD}\s+){{0,4}}{_EXHIBITION}",
    re.IGNORECASE,
)


def exhibiting_abroad(text: str) -> bool:
    """Whether the text names a state's own exhibition (the extractor's cheap gate lets it through)."""
    return _OWNED_EXHIBITION.search(text) is not None


def _exhibition_owners(info: SentenceInfo, text: str) -> list[PartyMention]:
    """The states the sentence names as the owners of an exhibition ("Iranian exclusive exhibition", "an
    exhibition of Iranian goods", "the exhibition of Iran in Russia"), by a name, not an anaphor ("its")."""
    lo = info.sent.start
    return [
        m
        for m in info.parties.mentions
        if m.code
        and not m.igo
        and not m.weak
        and m.surface[:1].isupper()
        and (
            _OWNED_EXHIBITION_AFTER.match(text, m.end) is not None
            or (
                _EXHIBITION_OF_BEFORE.search(text, max(lo, m.start - 40), m.start) is not None
                and _OWNER_GOODS_AFTER.match(text, m.end) is not None
            )
        )
    ]


def _exhibition_hosts(info: SentenceInfo, text: str, owners: set[str]) -> list[str]:
    """The other states where the sentence places its exhibition: a venue ("in Baghdad"), a city after "in" or
    "held in", or the subject of hosting ("Oman is slated to host")."""
    hosts = [
        m.code
        for m in info.parties.mentions
        if m.code
        and not m.igo
        and m.code not in owners
        and (
            m.role in (VENUE_ROLE, DESTINATION_ROLE)
            or (m.kind in ("city", "capital") and _HELD_IN.search(text, max(0, m.start - 40), m.start))
            or (m.role == ACTOR and _HOSTS_AFTER.match(text, m.end) is not None)
        )
    ]
    return list(dict.fromkeys(hosts))


def exhibition_abroad_candidates(
    info: SentenceInfo,
    pos: int,
    text: str,
    igo_codes: set[str],
    groups: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Candidate]:
    """A state's own exhibition held in another state: one `conference` of the two (an `intent` when it is only
    planned), one per host the sentence names."""
    lo, hi = info.sent.start, info.sent.end
    owned = _exhibition_owners(info, text) if _OWNED_EXHIBITION.search(text, lo, hi) else []
    if not owned:
        return []
    owners = {m.code for m in owned}
    hosts = _exhibition_hosts(info, text, owners)
    if not hosts:
        return []
    noun = _EXHIBITION_NOUN.search(text, max(lo, owned[0].start - 40), hi)
    if noun is None:  # an owner is named before or after its exhibition: not expected
        return []
    planned = _EXHIBITION_PLANNED.search(text, lo, hi) is not None
    cue = Cue(
        noun.start(), noun.end(), INTENT if planned else CONFERENCE, True, noun.group(0), irrealis=planned
    )
    made = (
        placed_candidate(info, pos, cue, [owner, host], EXPLICIT, igo_codes, groups)
        for owner in dict.fromkeys(m.code for m in owned)
        for host in hosts
    )
    return [cand for cand in made if cand is not None]
