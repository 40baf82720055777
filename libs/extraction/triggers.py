"""Event cues: which event types a sentence reports, from `data/triggers.yaml`.

`CueMatcher.find` scans a span with one compiled regex per event type and returns
non-overlapping cues (the longer wins across types: "press conference" is a
meeting cue, not a conference cue). `filter_cues` then applies the sentence
rules:

- negation right before a cue cancels it ("no talks", "refused to sign");
- an irrealis phrase earlier in the same clause turns a meeting / agreement /
  cooperation / aid / conference cue into `intent` ("ready to sign", "will visit",
  "plans to invest": annotation rule 7 and the spec's AGREE);
- conflict words (criticism, sanctions, attacks) drop weak cues; sports words
  drop meeting and conference cues ("Iran meet Japan in the final");
- cues inside a continuation opener ("During the meeting, ...") refer back to an
  event already seen and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from libs.extraction.fastre import FastPattern, Scan
from libs.extraction.resources import AGREED_ON, IN_CLAUSE, Resources

# The verbs of speech, one list the speech rules build on, each adding its own words. The past tense (and
# "says") every rule reading a speaker or a reported clause knows ("X said that ..."):
SAID_WORDS: tuple[str, ...] = ("said", "says", "stated", "announced", "noted", "stressed", "added")
# ... and those of weight, emphasis or appeal: every past-tense verb of speech (`SPEECH_VERB`, the date of what
# was said, the verb that ends a name's title in `named_people`)
SPEECH_WORDS: tuple[str, ...] = (
    *SAID_WORDS,
    "underlined",
    "highlighted",
    "called",
    "expressed",
    "emphasi[sz]ed",
    "reiterated",
    "declared",
    "asserted",
    "remarked",
    "urged",
)


# a word denying the verb it precedes ("not", "never", "cannot", "didn't"; a word boundary after it is the
# user's): one rule for the negation rules of this module, `negotiations` and `discourse`
NOT_WORD = r"(?:\b(?:not|never|cannot)|n[’']t)"


def words(*groups: tuple[str, ...]) -> str:
    """Word lists as one regex alternation body (wrap it in a group)."""
    return "|".join(w for g in groups for w in g)


_STATED_THAT = rf"\b(?:{words(SAID_WORDS, ('declared', 'reiterated', 'confirmed'))})\s+(?:\w+\s+)?that\b"
_CLAUSE_CUT = re.compile(
    r"[;:!?“”\"]|,\s+(?:but|while|whereas|although|adding|saying|which|who|whose)\b|\.\s"
    # a coordinated clause with a subject of its own: "he withdrew from the deal, and he brokered accords"
    r"|,?\s+and\s+(?=(?:he|she)\s+[a-z]+ed\b)"
    rf"|{_STATED_THAT}"
    # a subordinate clause with a finite past verb reports a fact: "trying to ... after it signed a deal"
    r"|\b(?:after|since|when|because|although|once)\s+(?=(?:[\w.’'-]+\s+){1,3}?(?:had\s+)?[a-z]+ed\b)"
)
# "the agreement, which was reached between ...": the relative clause is where the cue's verb is
_RELATIVE_IN_CUE = re.compile(r",\s+(?=(?:which|that)\s)")
_CLAUSE_END = re.compile(
    r"[;:!?.]|,\s+(?:but|while|whereas|although|adding|saying)\b"
    # a second act of the speaker, a censure of a third party: "backs Iraq's sovereignty,
    # censuring Turkish aggression" (the conflict is the censure's, not the support's)
    r"|,\s+(?:censuring|condemning|criticizing|criticising|denouncing|slamming|blasting|lambasting|decrying)\b"
    r"|\s(?:despite|amid|amidst|notwithstanding|in\s+spite\s+of|regardless\s+of)\s"
)
_WEAK_VERB = re.compile(r"^(?:discuss|negotiat)", re.IGNORECASE)
# A weak noun cue that refers back ("this meeting", "the talks") reports no new event.
_WEAK_NOUN = re.compile(
    r"(?:meetings?|talks|negotiations|discussions?|consultations?|dialogue|summit|conferences?|seminars?|"
    r"workshops?|symposi(?:um|a)|exhibitions?|expos?|fairs?|festivals?|forums?|olympiads?|weeks?|roundtable|"
    r"round-table)$",
    re.IGNORECASE,
)
# "discussed joint research", "reviewed cooperation in ...": the topic of a meeting, not an event itself; a
# capitalised word after a word or a comma is part of a name ("the Khazar Exploration Company", "the Washington
# Examiner"), no verb (one opening the sentence or a bullet, "Discussing ways to ...", still is)
_TOPIC_VERB_BEFORE = re.compile(
    r"\b(?!(?<=[\w,’'\")]\s)(?-i:[A-Z]))"
    r"(?:discuss\w*|review\w*|explor\w*|examin\w*|talk(?:ed|s)? about|exchang\w* views (?:on|about)|"
    r"focus\w* on|underscor\w*|deliberat\w*|consider(?:s|ed)?\b|weigh\w*|stud(?:y|ied)|surveyed|assessed|evaluated|"
    r"debat\w*)\b",
    re.IGNORECASE,
)
# ties in the making named by a noun ("expansion of relations between"): a talking point after "exchanged
# views on", "we stress", not an intent of its own
_TIES_NOUN = re.compile(
    r"(?:expansion|development|strengthening|enhancement|promotion|deepening|broadening|improvement|boosting|"
    r"bolstering|upgrading|consolidation)\s+of\b",
    re.IGNORECASE,
)
_JOINT_STATEMENT = re.compile(r"joint\s+(?:statement|declaration|communiqu)", re.IGNORECASE)
_ARMS = re.compile(
    r"\b(?:weapons|arms|missiles?|drones?|S-\d+|air\s+defen[cs]e|fighter\s+jets|warplanes|tanks|warships|submarines|"
    r"munitions|military\s+(?:support|assistance|aid|equipment))\b",
    re.IGNORECASE,
)
# help of a military kind ("military support to", "provided A with defence equipment"): the annotators code it as
# the military ties it is (`cooperation`), not as a grant (`aid`)
_MILITARY_HELP = re.compile(r"\b(?:military|arms|weapons|munitions|defen[cs]e)\b", re.IGNORECASE)
_ARMS_SYSTEM = re.compile(r"\b(?:fighters|jets|aircrafts?|helicopters|systems?)\b", re.IGNORECASE)
_SUPPLY_VERB = re.compile(
    r"(?:suppl|deliver|sold|sell|purchas|buy|bought|acquir|gave|give|handed|provid)", re.IGNORECASE
)
# arms trade named by its noun: "arms sales to", "the sale of weapons to", "the delivery of the Su-35 fighters to"
_ARMS_TRADE = re.compile(
    r"\b(?:sales?|deliver(?:y|ies)|suppl(?:y|ies|iers?)|shipments?|transfers?|exports?|exporters?|purchases?)\b",
    re.IGNORECASE,
)
# ties set up between two states ("normalized relations with", "the normalization deals with", "establishing
# relations with"): a cooperative act whatever the words around it say of the partner ("the occupying regime")
_TIES_SET_UP = re.compile(
    r"normali[sz]\w*\s+(?:\w+\s+)?(?:deals?|agreements?|accords?|pacts?|treat(?:y|ies)|ties|relations)"
    r"|(?:establish\w*|forg\w*)\s+(?:\w+\s+){0,3}?(?:ties|relations)",
    re.IGNORECASE,
)
_STRESS_VERB = re.compile(
    r"\b(?:stress\w*|emphasi[sz]\w*|underlin\w*|highlight\w*|insist\w*)\b", re.IGNORECASE
)
# "an MoU on carrying out joint research": the subject matter of an agreement, not an activity under way
# negative polarity reaching further than the two-word negation: "don't have any official or unofficial contact
# with", "rejection of any talks"; and an act kept from happening: "dissuaded Iran from resuming talks"
_NEGATED_ANY = re.compile(
    rf"(?:\bno|{NOT_WORD}|\bwithout|\bnor|\brejection\s+of|\breject\w*|\brefus\w*|\bden(?:y|ies|ied))\s+"
    r"(?:\w+\s+){0,3}?any\s+(?!(?:\w+\s+)?(?:limit|obstacle|restriction|barrier|hesitat|doubt|problem|impediment|red\s+line))"
    r"(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
# a plan or intention denied right before the cue: "there are no plans for talks between", "we have no
# intention of holding direct negotiations with", "has made no decision to sign" (the two-word negation does not reach)
_NO_PLAN = re.compile(
    r"\b(?:no|not\s+any)\s+(?:\w+\s+)?(?:plans?|intentions?|decisions?|arrangements?)\s+(?:for|to|of)\s+"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_KEPT_FROM = re.compile(
    r"\b(?:dissuad\w*|deterr?\w*|prevent\w*|discourag\w*|bar(?:s|red|ring)?|block\w*|kept|keeps?|keeping)\s+"
    r"(?:[\w.-]+\s+){0,4}?from\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# an act stopped: "Norway has halted the sale of arms to Qatar", "suspended flights to", "the stalled
# talks" (no round is held), "a resolution
# restricting weapons sales to", "to cut Iranian oil exports to zero"
_STOPPED = re.compile(
    r"\b(?:stop|stopped|stops|halt|halted|halts|suspend|suspended|suspends|freeze|froze|frozen|freezing|cut\s+off|terminated|"
    r"stalled|stalemated|deadlocked|"
    r"cancell?ed|scrapped|banned|bans|ceased|curbed|restrict(?:s|ed|ing)?|prohibit(?:s|ed|ing)?|cut(?:s|ting)?)\s+"
    r"(?:the\s+|its\s+|their\s+|all\s+|any\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# a call to stop an act that goes on tells the act ("London should stop selling arms to Riyadh", "urged Washington to
# halt its arms sales to"): not a stopped act (a cooperation or aid cue only)
_STOP_URGED = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to|(?:urg|call|ask|demand|press)\w*\s+(?:on\s+)?"
    r"(?:[\w.’'-]+\s+){0,4}?to|act\s+to)\s+(?:immediately\s+|also\s+)?(?:stop|halt|cease|end)\s+"
    r"(?:the\s+|its\s+|their\s+|all\s+|any\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_DEAL_ON = re.compile(
    r"\b(?:agreements?|deals?|memorand(?:um|a|ums)(?:\s+of\s+understanding)?|MoUs?|MOUs?|contracts?|accords?|"
    r"protocols?|documents?|roadmaps?|action\s+plans?)\s+(?:\(\w+\)\s+)?(?:on|for|to|regarding|about|over)\b",
    re.IGNORECASE,
)
# "were among the topics discussed": a list of talking points, not events
_TOPIC_LIST = re.compile(
    r"\b(?:topics|issues|subjects|areas|matters)\s+(?:\w+\s+){0,3}?(?:discussed|raised|reviewed|covered|talked about|"
    r"of discussion)|\b(?:were|was)\s+(?:also\s+)?(?:discussed|raised|reviewed|touched upon)\b",
    re.IGNORECASE,
)
# an agreement that exists: "an agreement reached last week", "implementing the agreement signed"
_DONE_AGREEMENT = re.compile(
    r"\b(?:reached|signed|inked|concluded|struck|sealed|clinched|finali[sz]ed|brokered|mediated)\b|^(?:implement|framework|under|based|"
    r"follow|in line|according|within)",
    re.IGNORECASE,
)
# accords named as what is to be carried out ("called for implementing agreements between the two countries", "the
# need for strict implementation of the security agreement between"), none concluded in the cue itself ("implementing
# the agreements reached at the commission" names the accord of the occasion): the call is the annotators' intent,
# not a new agreement (round 44, types); "implemented" tells it done
_IMPLEMENTING_ACCORDS = re.compile(
    r"implement(?:ing|ation|s)?\b(?!.*\b(?:reached|signed|inked|concluded|struck|sealed|clinched|finali[sz]ed)\b)",
    re.IGNORECASE,
)
# ... but not one told in the present or infinitive passive ("hoped that an agreement is signed", "the deal will be
# finalized"): that is still to come, so an irrealis before it makes it an intent
_NOT_YET_DONE = re.compile(
    r"\b(?:is|are|be|being)\s+(?:\w+\s+)?(?:reached|signed|inked|concluded|struck|sealed|clinched|finali[sz]ed)\b",
    re.IGNORECASE,
)
# "rejects a report that Iran and Russia plan ...": what is denied did not happen
_DENIAL = re.compile(
    r"\b(?:reject|den(?:y|ies|ied)|dismiss|refut|rebuff)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:reports?|claims?|allegations?|rumou?rs?|speculations?|news)\b",
    re.IGNORECASE,
)
# "Washington's willingness to hold talks should not be taken seriously", "dismissed / warned of the notion of
# talks with X": a stance dismissed, no act reported
_DISMISSED = re.compile(
    r"\b(?:(?:should|must|can|could)\s*(?:not|n[’']t)|cannot)\s+be\s+taken\s+seriously\b|"
    r"\b(?:dismiss\w*|reject\w*|warn\w*|ruled?\s+out|ruling\s+out)\s+(?:of\s+)?the\s+(?:very\s+)?(?:notion|idea)\s+of\s+"
    r"(?:\w+\s+)?(?:talks|negotiations|dialogue)\b",
    re.IGNORECASE,
)
# the deal's group by a name of its own ("P5+1", "six world powers", "the five permanent members of the Security Council")
_DEAL_GROUP = (
    r"(?:P5\s?\+\s?1|5\s?\+\s?1|E3\s?\+\s?3|G5\s?\+\s?1|six\s+(?:world\s+|major\s+|global\s+)?powers|"
    r"world\s+powers|five\s+permanent\s+members)"
)
# the 2015 deal or its group named ("the JCPOA", "the nuclear deal", "the P5+1", "six world powers"): a sentence of
# the deal's history is about this deal, not any deal "sealed in 2013" (`discourse._history_apart`)
DEAL_NAMED = re.compile(
    rf"\b(?:JCPOA|Joint\s+Comprehensive\s+Plan\s+of\s+Action|nuclear\s+(?:deal|agreement|accord|pact)|{_DEAL_GROUP})",
    re.IGNORECASE,
)
# talks told as the history of the deal they produced ("the talks that led to the 2015 deal", "the talks
# were years of diplomacy that finally had a happy end"): the deal's history, not a round
TALKS_HISTORY = re.compile(
    rf"\b(?:talks|negotiations)\b{IN_CLAUSE}{{0,200}}?\b(?:(?:(?:led|leading)\s+to|(?:resulted|resulting)\s+in|in\s+"
    r"(?:crafting|drafting|reaching|striking|clinching))\s+(?:the\s+)?(?:(?:\d{4}|landmark|historic)\s+)?"
    r"(?:JCPOA|Joint\s+Comprehensive|nuclear\s+(?:deal|agreement|accord))|(?:ultimately|eventually|finally)\s+"
    r"(?:had\s+a\s+(?:good|happy|successful)\s+end|succeeded|bore\s+fruit|paid\s+off))"
    # "the deal, struck in 2015 after years of negotiations between ...", "reached following two years of talks"
    rf"|\b(?:struck|reached|signed|clinched|sealed|concluded|finali[sz]ed|inked|hammered\s+out)\b{IN_CLAUSE}{{0,40}}?"
    r"\b(?:after|following)\s+(?:\w+\s+){0,2}?(?:years|months)\s+of\s+(?:\w+\s+){0,2}?(?:talks|negotiations)\b"
    # "in the long negotiations between A and B, the parties had avoided ...": the talks told as history
    rf"|\b(?:long|lengthy|protracted|years-long|marathon|arduous)\s+(?:talks|negotiations)\b{IN_CLAUSE}{{0,200}}?"
    r"\bhad\s+(?:\w+ed|been)\b"
    # the deal named with who negotiated it: "the JCPOA negotiated between A, B and C", "the nuclear deal,
    # hammered out with six powers": its talks are history
    r"|\b(?:JCPOA|Joint\s+Comprehensive\s+Plan\s+of\s+Action|nuclear\s+(?:deal|agreement|accord))\)?,?\s+"
    r"(?:\w+\s+)?(?:negotiated|hammered\s+out)\s+(?:between|with|among|by)\b"
    # the deal's talks told by their success: "as of negotiations between Iran and the five permanent members of
    # the UN Security Council (...) plus Germany succeeded"
    rf"|\b(?:talks|negotiations)\s+(?:between|with)\s+(?:Iran|Tehran)\s+and\s+(?:the\s+)?{_DEAL_GROUP}"
    rf"{IN_CLAUSE}{{0,120}}?\b(?:succeeded|were\s+successful|bore\s+fruit)\b",
    re.IGNORECASE,
)
# a landmark deal or the deal's standing body as the subject of a description, no occasion (D3, D2): the deal told
# as the product of years of talks ("The deal, officially dubbed the JCPOA, is the outcome of over a decade of
# negotiations between A and B", "the agreement that was the culmination of more than a decade of negotiations"),
# the body's standing duty or the rule of its sessions ("the Joint Commission is tasked to supervise the deal",
# "the Joint Commission holds a meeting when the complaining party ...")
LANDMARK_DESCRIBED = re.compile(
    rf"\b(?:JCPOA|deal|agreement|accord|pact|it)\b{IN_CLAUSE}{{0,120}}?\b(?:is|was|has\s+been|had\s+been)\s+"
    r"(?:the|a|an)\s+(?:[\w-]+\s+)?(?:outcome|result|product|fruit|culmination)\s+of\s+(?:[\w-]+\s+){0,3}?"
    r"(?:decades?|years?)\s+of\b"
    r"|\bJoint\s+Commission\)?,?\s+(?:is|are)\s+(?:\w+\s+)?(?:responsible|tasked|charged|mandated|in\s+charge)\b"
    rf"|\bJoint\s+Commission\)?\s+(?:holds|meets|convenes)\b{IN_CLAUSE}{{0,40}}?\b(?:when|whenever|if|unless)\b",
    re.IGNORECASE,
)


def told_as_history(text: str, lo: int, hi: int) -> bool:
    """Whether the sentence `text[lo:hi]` tells the deal's talks as its history (`TALKS_HISTORY`) or describes a
    landmark deal or its standing body (`LANDMARK_DESCRIBED`): no occasion."""
    return bool(TALKS_HISTORY.search(text, lo, hi) or LANDMARK_DESCRIBED.search(text, lo, hi))


# a motion put to an IGO's vote, named right before its drafters: "a resolution drafted by A, B and C",
# "Resolution 2216, which was co-sponsored by A and B": the sponsors of a motion make no joint act of their own
# (as "submitted the draft resolution" is no plan between its sponsors, `data/triggers.yaml`)
_MOTION_BEFORE = re.compile(rf"\bresolutions?\b{IN_CLAUSE}{{0,40}}$", re.IGNORECASE)
_MOTION_REACH = 50  # characters before a sponsoring word where the resolution is named


def motion_named_before(text: str, lo: int, start: int) -> bool:
    """Whether a resolution is named right before `start` (not before `lo`, the sentence's start)."""
    return _MOTION_BEFORE.search(text, max(lo, start - _MOTION_REACH), start) is not None


_SPONSORED = re.compile(r"(?:co-?)?(?:sponsor|draft)\w*", re.IGNORECASE)
# "Washington granted a waiver to India to buy oil from Iran", "decided not to extend waivers allowing the
# importers to continue buying oil from": a sanctions decision, not the trade it permits or stops (not "talks
# on renewing the waiver on imports of Iranian crude": that trade goes on)
# a sanctions waiver or exemption granted to buyers ("granted waivers to A and B to continue importing oil from
# C"): neither cooperation nor an intent of the buyers with C (talks on extending "the waiver on imports" keep
# the trade: test_precision_b12)
_WAIVER = re.compile(r"\b(?:waivers?|exemptions?)\s+(?:to|for|allowing|that\s+allow\w*)\s", re.IGNORECASE)
# the same decision told as a permission ("agreed to let eight countries, including A and B, keep buying C's
# oil", "waivers which allowed the buyers to continue importing"): the grant is no accord or intent of the
# granter with the buyers, nor of the buyers among themselves (not a buyer's wish in the passive, "A should be
# allowed to continue importing oil from C": its trade goes on)
_TRADE_PERMITTED = re.compile(
    r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)"
    r"\b(?:let|lets|letting|allow(?:s|ed|ing)?|permit(?:s|ted|ting)?)\s+(?!to\b)(?:[\w’'.,-]+\s+){0,16}?"
    r"(?:to\s+)?(?:keep|continue)\s+(?:to\s+)?(?:buy|import|purchas)\w*",
    re.IGNORECASE,
)
# aid stopped, not given: "the suspension of military aid to B", "security assistance to B is suspended",
# "announced it will cut off aid to B" (the aid cue names what ends)
_AID_STOPPED = re.compile(
    r"\b(?:suspen(?:ded|ds?|sion\s+of|ding)|cut(?:s|ting)?\s+off|cancel\w*|froze|frozen|freez\w*|halt\w*|"
    rf"withh[eo]ld\w*|end(?:s|ed|ing)?)\s+(?:[\w$’'-]+\s+){{0,5}}?(?:aid|assistance)\b"
    rf"|\b(?:aid|assistance)\b{IN_CLAUSE}{{0,60}}?\b(?:is|was|were|are|has\s+been|have\s+been|had\s+been|will\s+be)\s+"
    r"(?:suspended|cancell?ed|halted|frozen|cut(?:\s+off)?|withheld|stopped|ended)\b",
    re.IGNORECASE,
)
# a wording of the sentence → the cue types it says are not the act: a waiver or a permission to keep buying is no
# accord or intent with the buyers; aid suspended is no aid given ("suspended military aid to B")
_GRANT_OR_STOP: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_WAIVER, ("cooperation", "intent")),
    (_TRADE_PERMITTED, ("cooperation", "intent", "agreement")),
    (_AID_STOPPED, ("aid", "cooperation")),
)
# "will not take part in the meeting", "was not invited to the meeting", "neither A nor B went to the
# conference": neither a meeting nor an intent to meet
NOT_ATTENDING = re.compile(
    rf"(?:{NOT_WORD}|\brefused\s+to|\bdeclined\s+to|\bboycott\w*)\s+(?:\w+\s+){{0,2}}?"
    r"(?:attend|participate|take\s+part|join)\b"
    rf"|{NOT_WORD}\s+(?:been\s+|being\s+|be\s+)?invited\s+to\b"
    rf"|\bneither\b{IN_CLAUSE}{{0,80}}?\bnor\s+(?:[\w’'-]+\s+){{0,4}}?"
    r"(?:went|go|goes|came|come|attended|attends|visited|travell?ed)\b",
    re.IGNORECASE,
)
# the few words between a negated strong cue and a weak cue of the same phrase (no clause break)
_TAIL_OF_NEGATED = re.compile(r"\s*(?:[\w’'.-]+\s+){0,4}", re.IGNORECASE)
_OCCASION_CUE = re.compile(r"(?:in|during|at|on)\s+(?:a|an|the|his|her|their)\s", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|was|were|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# a meeting cue opening on a finite past verb ("told the visiting minister", "met with the envoy") tells a fact; an
# irrealis earlier in its clause governs another verb ("the bidding would start soon, the president told the
# visiting minister") unless it reaches the cue through "be", "have", a preposition or "to" ("will be received",
# "would have met"). Not "visiting" (its tense is the main verb's: "will head the delegation visiting Oslo") nor a
# "met" without an object ("until our conditions are met")
_FACT_VERB = re.compile(r"(?:told|received|hosted|visited)\b|met\s+(?!and\b|or\b)\w", re.IGNORECASE)
_GOVERNED_BEFORE = re.compile(
    r"\b(?:be|been|being|is|are|have|to|in|for|of|on|about|by|start|begin|keep|continue)"
    r"\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_VISIT_NOUN = re.compile(r"(?:visit|visits|trip|tour)", re.IGNORECASE)
_REFERRING_BEFORE = re.compile(r"\b(?:the|this|that|these|those)\s+$", re.IGNORECASE)
_SIDELINES_BEFORE = re.compile(r"sidelines\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,8}$", re.IGNORECASE)
# "on the sidelines of a meeting among Iran, Turkey and Russia": a sidelines occasion held by named states
# is itself their meeting (round 26, sentence dyads); "of the UN", "of the ECO Council" stay forums
_OCCASION_OF_NAMED = re.compile(
    r"\s+(?:of|among|between)\s+(?:(?!the\b)[a-z-]+\s+){0,3}[A-Z][\w’'-]*(?:,\s+|\s+and\s+)[A-Z]"
)
_DEFINITE_BEFORE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|his|her|our|such)\s+(?:(?:said|same|upcoming|next|last|"
    r"recent|previous|latest|first|second|third)\s+)?(?-i:[A-Z][\w.-]+\s+)?$",  # "the Vienna talks"
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cue:
    """An event cue: text[start:end] == text."""

    start: int
    end: int
    type: str
    strong: bool
    text: str
    irrealis: bool = False


class CueMatcher:
    """All event cues of the lexicon, compiled once per type."""

    def __init__(self, res: Resources) -> None:
        self._res = res
        by_type: dict[str, dict[str, list[str]]] = {}
        for spec in res.cues:
            by_type.setdefault(spec.type, {"strong": [], "weak": []})[spec.strength].append(spec.pattern)
        self._regexes: list[tuple[str, FastPattern]] = []
        for type_name, groups in by_type.items():
            parts = []
            for strength, pats in groups.items():
                if pats:
                    body = "|".join(f"(?:{p})" for p in sorted(pats, key=len, reverse=True))
                    parts.append(f"(?P<{strength}>{body})")
            every = [p for pats in groups.values() for p in pats]
            self._regexes.append((type_name, FastPattern("|".join(parts), re.IGNORECASE, every)))
        self.patterns = [rx for _, rx in self._regexes]

    def find(self, ws: Scan | str, lo: int, hi: int) -> list[Cue]:
        """Non-overlapping cues in text[lo:hi], in text order (longest wins on overlap)."""
        found: list[Cue] = []
        for type_name, rx in self._regexes:
            for m in rx.finditer(ws, lo, hi):
                if m.end() > m.start():
                    found.append(
                        Cue(m.start(), m.end(), type_name, m.group("strong") is not None, m.group(0))
                    )
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        kept: list[Cue] = []  # non-overlapping, sorted: a clash can only be with its last entries
        for c in found:
            n = len(kept)
            while n and kept[n - 1].end > c.start:
                n -= 1
            clash = kept[n:]
            if not clash:
                kept.append(c)
            elif all((c.end - c.start) > (k.end - k.start) for k in clash):
                del kept[n:]
                kept.append(c)
        return kept


def _clause_start(text: str, lo: int, pos: int) -> int:
    start = lo
    # no end bound: a cut's lookahead may read past `pos` ("after it | signed")
    for m in _CLAUSE_CUT.finditer(text, lo, min(len(text), pos + 40)):
        if m.start() >= pos:
            break
        start = m.end()
    return min(start, pos)


@dataclass(frozen=True, slots=True)
class SentenceScope:
    """What the cue rules read about one sentence text[lo:hi]."""

    text: str
    lo: int
    hi: int
    res: Resources
    conflict: bool
    sports: bool
    continuation_end: int | None
    names: list[tuple[int, int, bool]]  # (start, end, is_igo) of the gazetteer names
    scan: Scan | None
    talking_points: bool


_CONDITIONAL = re.compile(r"if|unless|in case of|in the event of", re.IGNORECASE)
# a condition after an offer, in its clause: "ready for talks whenever the U.S. returns", "provided that ..."
_CONDITION_AFTER = re.compile(
    r"[^,;:.“”\"]{0,80}?\b(?:whenever|provided(?: that)?|only if|on (?:the )?condition that|as soon as)\s",
    re.IGNORECASE,
)
# the abbreviations whose full stop does not end the predicate of a gathering named before it: a single capital ("a
# meeting between Iranian and U.S. officials will take place"), months and titles ("from Feb. 20", "Mr. Abe")
_ABBREVIATIONS = (
    "[A-Z] Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr Gen St No Prof Sen Rep Gov Lt Col Jr Maj Capt Adm"
).split()
# a character of the gap between a gathering and its own predicate: no stop or colon, but an abbreviation's full stop
_GAP_CHAR = "(?:[^.;:!?]|" + "|".join(rf"(?<=\b{w})\." for w in _ABBREVIATIONS) + ")"
# a gathering named first and announced after it: "a meeting of the commission will take place on 26
# February", "the talks, opening on Tuesday, will be attended by ...", "the summit is to be held"
GATHERING_NOUN = re.compile(
    r"(?:meeting|talks|session|summit|conference|negotiations|round|commission|committee|forum|"
    r"exhibition|fair|festival|expo|consultations|dialogue|gathering)s?$",
    re.IGNORECASE,
)
_FUTURE_AFTER = re.compile(
    rf"{_GAP_CHAR}{{0,80}}?\b(?:will|shall|(?:is|are)\s+(?:set\s+|scheduled\s+|expected\s+|due\s+|slated\s+)?to)\s+"
    r"(?:also\s+)?(?:be\s+)?(?:also\s+)?(?:\w+ly\s+)?(?:take\s+place|held|attended|chaired|hosted|convened|co-chaired|"
    r"convene|open|begin|start|kick\s+off|resume)\b",
    re.IGNORECASE,
)
# a gathering put off has not taken place: "the talks between A and B are postponed to Thursday"
_PUT_OFF_AFTER = re.compile(
    rf"{_GAP_CHAR}{{0,80}}?\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been|got)\s+(?:\w+ly\s+)?"
    r"(?:postponed|delayed|rescheduled|put\s+off|pushed\s+back|deferred)\b",
    re.IGNORECASE,
)
# a gathering told as planned by its own predicate: "a meeting between A and B had been planned for May", "the
# talks are scheduled for next week", "is also planned" (not "was scheduled", which may tell a meeting that then took place)
_PLANNED_AFTER = re.compile(
    rf"{_GAP_CHAR}{{0,80}}?\b(?:is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+|also\s+)?"
    r"(?:(?:planned|scheduled|slated|set)\s+(?:for|to)\b|"
    # the bare predicate: "a meeting between the two ministers is also planned", "is planned in Geneva next week"
    r"(?:planned|scheduled)(?=\s*[.,;]|\s+(?:in|on|at|next|later|soon|this|within)\b))",
    re.IGNORECASE,
)
# a gathering told as a prospect by its own predicate: "a meeting of A, B and C is possible at any time", "a trip to A
# by B's president is also on the agenda", "talks with A are likely next month" (the gathering's own copula, not
# that of a clause after it: "the talks are moving on and a deal is possible"; not "talks on trade are on the agenda
# of the visit": the topics of an occasion)
_PROSPECT_AFTER = re.compile(
    r"(?:(?!\b(?:but|it|this|that|which|who|he|she|they|is|are|was|were|has|have|had|will|would)\s)"
    rf"{_GAP_CHAR}){{0,100}}?"
    r"\b(?:is|are)\s+(?:\w+ly\s+|also\s+|"
    r"still\s+|now\s+)?(?:possible|likely|on\s+the\s+agenda(?!\s+of\b)|"
    r"under\s+consideration|in\s+the\s+works|being\s+(?:planned|arranged|prepared))\b",
    re.IGNORECASE,
)
_BEFORE_PARTIES = re.compile(r"\s+(?:between|with|among)$", re.IGNORECASE)  # "talks between" (A and B)
_HELD_CUE = re.compile(r"(?:held|hold|holds|holding|had|met)\b", re.IGNORECASE)
_PAST_IN_GAP = re.compile(r"\b(?:was|were|has|have|had|did)\b", re.IGNORECASE)
# the verbs by which a visit is announced as to come ("visits will be held", "the trip will take place")
_HOLDING = re.compile(r"\b(?:take\s+place|held|hosted|begin|start)$", re.IGNORECASE)

_IF_CLAUSE = re.compile(r"\b(?:if|unless|in\s+case\s+of|in\s+the\s+event\s+of)\s", re.IGNORECASE)
# a forecast: the future qualified by an adverb of the eventual outcome ("A, B and C in the end will unite in a
# joint operation", "China will inevitably help Russia"): a prediction of how things turn out, no plan of the states
_EVENTUAL = r"(?:in\s+the\s+end|eventually|inevitably|sooner\s+or\s+later|in\s+the\s+long\s+run)"
_FORECAST = re.compile(
    rf"\b{_EVENTUAL},?\s+(?:will|would)\b|\b(?:will|would|[’']ll)\s+(?:\w+\s+)?{_EVENTUAL}\b", re.IGNORECASE
)
_PLAYER = re.compile(
    r"\b(?:footballers?|midfielders?|strikers?|goalkeepers?|wingers?|playmakers?)\b", re.IGNORECASE
)
# history before the modern state system is no news event: "built between 1603 and 1619", "the reign of"
_HISTORICAL = re.compile(
    r"\b(?:in|between|from|since|until|during|by|of|circa|around)\s+1[0-8]\d\d\b(?![.,]\d)|"
    r"\b(?:BC|BCE)\b|\bdynasty\b|\breign\s+of\b",
)
# a sentence that opens on a narrative of old times ("Historically, NATO was established as ...",
# "At one time, X leaders were received by Y officials"): an essay's recollection, not news
_HISTORY_OPENER = re.compile(
    r"[\s\"“‘'(]*(?:historically|at\s+(?:one|another)\s+time|once\s+upon\s+a\s+time|long\s+ago|"
    r"in\s+(?:the\s+old\s+days|those\s+days|ancient\s+times|bygone\s+days))\b",
    re.IGNORECASE,
)
_THEN = re.compile(
    r",\s+(?:then\s+)?(?:\w+\s+){0,3}?(?:will|would|can|could|should|must|may|might)\b|\bthen\b",
    re.IGNORECASE,
)
LANDMARK_REACH = (
    100  # characters between a landmark deal's name and an agreement cue that reports its signing
)


# a sentence opening on a definite reference to a deal named just before it
_BACK_REFERENCE = re.compile(r"\W*((?:The|This|That)\s+(?:[\w-]+\s+)?(?:deal|agreement|accord|pact))\b")
LANDMARK_BEFORE = 300  # characters before the sentence where the deal referred to may be named


def _about_landmark(text: str, c: Cue, landmarks: list[tuple[int, int]]) -> bool:
    """Whether an agreement cue reports the signing of a landmark deal named in or just before it.

    "The JCPOA was signed years ago between ...", "the nuclear deal, which was
    reached between ...", "signed the nuclear deal with ...": yes; "Iran and Iraq
    signed a transit agreement, the minister said of the JCPOA talks": no.
    """
    return any(
        (a < c.end and c.start < b)
        or (b <= c.start and c.start - b <= LANDMARK_REACH)
        or (c.end <= a and _OBJECT_GAP.fullmatch(text, c.end, a) is not None)
        for a, b in landmarks
    )


def deal_terms_start(
    text: str, lo: int, hi: int, landmarks: list[tuple[int, int]], res: Resources
) -> int | None:
    """Where a landmark deal's terms start in sentence [lo, hi), None when it tells none (D3).

    "Under the deal, struck in 2015 between Iran and the 5+1 group, Tehran agreed to ...": the whole sentence
    (the deal named in it or in the `LANDMARK_BEFORE` characters before it); "The JCPOA says the EU and Iran will
    cooperate": after the verb. `landmarks` are the landmark deals named in the sentence.
    """
    if res.deal_terms_opener.match(text, lo, hi) and (
        landmarks or res.background_agreement.search(text, max(0, lo - LANDMARK_BEFORE), lo)
    ):
        return lo
    for _, b in landmarks:
        said = res.deal_terms_verb.match(text, b, hi)
        if said:
            return said.end()
    return None


# between a cue and the landmark deal it reached: "reached a conclusion on the wording of a comprehensive deal on"
_OBJECT_GAP = re.compile(
    r"(?:(?!\b(?:after|before|since|under|amid|despite|following|with|while|when|as|weeks?|months?|years?|days?)\b)"
    r"[\s\w'’-]){0,80}"
)


# a traveller's review quoted with its signature ("(Anna K. from Sydney, Australia; visited May 2017) Well worth a
# visit"): a tourist's trip, not diplomacy
_TRAVELLER_REVIEW = re.compile(
    r"\b(?:visited|reviewed)\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{4}\s*\)"
)


def history_opener(text: str, lo: int, hi: int) -> bool:
    """Whether sentence text[lo:hi] opens on old times ("Historically, ...", "At one time, ...")."""
    return _HISTORY_OPENER.match(text, lo, hi) is not None


def _no_news(text: str, lo: int, hi: int) -> bool:
    """Sentences that report no diplomacy whatever their cues: transfers, old history, questions, travellers'
    reviews."""
    # "midfielder X has reached an agreement with a Turkish club": a player's transfer
    # "a scholar who was invited to Isfahan during the reign of Shah Abbas": history
    # "Historically, NATO was established as an alliance against ...": an essay's recollection
    # "is there a possibility that talks will resume?": a question reports nothing
    return (
        _PLAYER.search(text, lo, hi) is not None
        or _HISTORICAL.search(text, lo, hi) is not None
        or history_opener(text, lo, hi)
        or _TRAVELLER_REVIEW.search(text, lo, hi) is not None
        or text[lo:hi].rstrip(" ”\"'’)").endswith("?")
    )


def filter_cues(
    text: str,
    lo: int,
    hi: int,
    cues: list[Cue],
    res: Resources,
    *,
    conflict: bool,
    sports: bool,
    continuation_end: int | None,
    names: list[tuple[int, int, bool]] = (),  # type: ignore[assignment]
    scan: Scan | None = None,
) -> list[Cue]:
    """The cues of sentence text[lo:hi] that survive the sentence rules, typed."""
    if _DENIAL.search(text, lo, hi) or _no_news(text, lo, hi):
        return []
    cues = _typed_out_by_sentence(text, lo, hi, cues, res)
    scope = SentenceScope(
        text,
        lo,
        hi,
        res,
        conflict,
        sports,
        continuation_end,
        list(names),
        scan,
        _TOPIC_LIST.search(text, lo, hi) is not None,
    )
    out: list[Cue] = []
    dropped: Cue | None = None  # the last strong cue its clause dropped
    turned: list[bool] = []  # per kept cue: a meeting cue an irrealis turned into an intent
    for c in cues:
        rel = _RELATIVE_IN_CUE.search(c.text)
        if rel is not None:
            c = replace(c, start=c.start + rel.end(), text=c.text[rel.end() :])
        if _dropped_in_place(scope, c):
            continue
        if _dropped_in_clause(scope, c):
            dropped = c if c.strong else dropped
            continue
        if _tail_of_dropped(text, dropped, c):
            continue
        typed = _typed(scope, c)
        if typed is not None:
            out.append(typed)
            turned.append(c.type == "meeting" and typed.type == "intent" and typed.irrealis)
    return _weak_with_turned(text, lo, out, turned)


SAME_ACT_REACH = 120  # characters between a weak meeting cue and the meeting cue to come it belongs to


def _weak_with_turned(text: str, lo: int, cues: list[Cue], turned: list[bool]) -> list[Cue]:
    """The cues with each weak meeting cue an intent when the nearest meeting cue of its clause, within
    SAME_ACT_REACH, is one an irrealis turned into an intent: the same meeting to come ("A and his B
    counterpart are slated to hold a meeting", "ahead of X's visit to Y for talks on ..."), not "met his
    counterpart and will hold more talks"."""
    out = list(cues)
    for i, c in enumerate(cues):
        if c.type != "meeting" or c.strong:
            continue
        near = [
            (abs(d.start - c.start), j)
            for j, d in enumerate(cues)
            if j != i
            and (turned[j] or d.type == "meeting")
            and abs(d.start - c.start) <= SAME_ACT_REACH
            and _same_clause(text, lo, c, d)
        ]
        if near and turned[min(near)[1]]:
            out[i] = replace(c, type="intent", irrealis=True)
    return out


def _same_clause(text: str, lo: int, a: Cue, b: Cue) -> bool:
    """Whether no clause cut stands between cues `a` and `b`."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return _clause_start(text, lo, second.start) <= first.start


def _tail_of_dropped(text: str, dropped: Cue | None, c: Cue) -> bool:
    """A weak cue a few words after a strong cue of its type that its clause dropped: the same act ("refused
    to hold talks with his Chilean counterpart": "counterpart" is no other meeting)."""
    return (
        dropped is not None
        and not c.strong
        and c.type == dropped.type
        and _TAIL_OF_NEGATED.fullmatch(text, dropped.end, c.start) is not None
    )


def _motion_sponsored(text: str, lo: int, c: Cue) -> bool:
    """Whether cooperation cue `c` is the drafting or sponsoring of a resolution named right before it."""
    return (
        c.type == "cooperation"
        and _SPONSORED.match(c.text) is not None
        and motion_named_before(text, lo, c.start)
    )


def _typed_out_by_sentence(text: str, lo: int, hi: int, cues: list[Cue], res: Resources) -> list[Cue]:
    """The cues less the types the whole sentence rules out: visits of non-officials, hearsay, trade
    statistics, an organisation described, the signing of a landmark deal told as background, sanctions
    waivers, aid stopped, dismissed talks, not attending."""
    if res.non_meetings.search(text, lo, hi):
        cues = [c for c in cues if c.type != "meeting"]  # "visited the family of the general"
    if res.hearsay.search(text, lo, hi):
        # "responded to allegations about A selling drones to B": the alleged act is not reported
        cues = [c for c in cues if c.type not in ("cooperation", "aid", "agreement")]
    if res.statistics.search(text, lo, hi):
        cues = [c for c in cues if c.type != "cooperation"]  # trade figures, not cooperation
    described = res.organisation_described.search(text, lo, hi)
    if described:
        # "X is an organization founded by A, B and C": what follows describes the members, not an act
        cues = [c for c in cues if c.start < described.start()]
    landmarks = [(m.start(), m.end()) for m in res.background_agreement.finditer(text, lo, hi)]
    back = _BACK_REFERENCE.match(text, lo, hi)
    if back and not landmarks and res.background_agreement.search(text, max(0, lo - LANDMARK_BEFORE), lo):
        # "The deal was signed between Iran, the EU, ... in July 2015" right after a sentence naming the JCPOA
        landmarks = [(back.start(1), back.end(1))]
    if landmarks:
        # "the JCPOA, signed in 2015 between Iran and six powers": the signing of a landmark deal is
        # background in later news, dated or not (dev gold, blind and devpool conventions)
        # a joint statement about the deal is a new act ("issued a joint statement declaring the implementation
        # of the nuclear deal")
        cues = [
            c
            for c in cues
            if c.type != "agreement"
            or _JOINT_STATEMENT.search(c.text)
            or not _about_landmark(text, c, landmarks)
        ]
    terms = deal_terms_start(text, lo, hi, landmarks, res)
    if terms is not None:
        cues = [c for c in cues if c.start < terms]  # the deal's content, not its parties' act
    cues = [c for c in cues if not _motion_sponsored(text, lo, c)]
    for told, not_the_act in _GRANT_OR_STOP:
        if told.search(text, lo, hi):
            cues = [c for c in cues if c.type not in not_the_act]
    if _DISMISSED.search(text, lo, hi) or told_as_history(text, lo, hi):
        cues = [c for c in cues if c.type not in ("meeting", "intent")]
    if NOT_ATTENDING.search(text, lo, hi):
        cues = [c for c in cues if c.type not in ("meeting", "intent", "conference")]
    return cues


def _said_past_opener(scope: SentenceScope, c: Cue) -> bool:
    """An intent cue that runs on past the continuation opener it starts in: what was said at the occasion
    ("He also stressed the need to expand ties with B"), a stance of its own, not the occasion referred back to."""
    return c.type == "intent" and scope.continuation_end is not None and c.end > scope.continuation_end


def _dropped_in_place(scope: SentenceScope, c: Cue) -> bool:
    """Cues that are no event where they stand: passives, asides, names, forums, referring nouns."""
    text, lo = scope.text, scope.lo
    # "will be met with a response": passive "met" is no meeting
    if c.text.lower().startswith(("met", "offered")) and _PASSIVE_BEFORE.search(
        text[max(lo, c.start - 20) : c.start]
    ):
        return True
    if (
        scope.continuation_end is not None
        and c.start < scope.continuation_end
        and not _said_past_opener(scope, c)
    ):
        return True
    # inside parentheses: an aside, not the news ("(Peter from London, visited August 2015)")
    opened = text.rfind("(", lo, c.start)
    if opened != -1 and text.find(")", opened, c.start) == -1:
        return True
    # inside a name ("UN Conference on Trade and Development") it is no cue
    if any(s <= c.start and c.end <= e for s, e, _ in scope.names):
        return True
    # "on the sidelines of the X conference": X is the forum, not the event
    if (
        c.type in ("conference", "meeting")
        and _SIDELINES_BEFORE.search(text[max(lo, c.start - 90) : c.start])
        and not re.match(r"sidelines", c.text, re.IGNORECASE)
        and not _OCCASION_OF_NAMED.match(text[c.end : c.end + 60])
    ):
        return True
    # "The visit will ...": a visit already reported, not a new one ("the visit of X to Y" is new)
    if (
        _VISIT_NOUN.fullmatch(c.text)
        and _REFERRING_BEFORE.search(text[max(lo, c.start - 12) : c.start])
        and not re.match(r"\s+(?:of|by)\s+(?:the\s+)?[A-Z]", text[c.end : c.end + 30])
    ):
        return True
    if not c.strong and _WEAK_NOUN.search(c.text):
        if _DEFINITE_BEFORE.search(text[max(lo, c.start - 30) : c.start]):
            return True
        # "the OPEC talks", "a UN meeting": the gathering of an IGO (annotation rule 4)
        if any(is_igo and 0 <= c.start - e <= 2 for _s, e, is_igo in scope.names):
            return True
    if scope.sports and (c.type in ("meeting", "conference") or not c.strong):
        return True
    return scope.conflict and not c.strong


# at most two words between a negation and its cue, and an adverb of degree besides ("we are not actually
# eager to meet with", "is not really interested in talks")
_NEGATED_GAP = re.compile(
    r"\s*(?:(?:actually|really|very|particularly|especially|necessarily|at\s+all|so|too|even)\s+)?(?:\w+\s+){0,2}",
    re.IGNORECASE,
)


def _urged_to_stop(scope: SentenceScope, c: Cue) -> bool:
    """A cooperation or aid cue that a call to stop governs ("London should stop selling arms to Riyadh"): the
    act goes on, so the cue is neither a stopped act (`_dropped_in_clause`) nor an intent (`_typed`)."""
    before = scope.text[max(scope.lo, c.start - 90) : c.start]
    return c.type in ("cooperation", "aid") and _STOP_URGED.search(before) is not None


def _dropped_in_clause(scope: SentenceScope, c: Cue) -> bool:
    """Cues negated or turned by their clause: "not sign", "accused X of rendering support", talking points."""
    text, lo = scope.text, scope.lo
    # negation within two words before the cue
    window = text[max(lo, c.start - 45) : c.start]
    negs = list(scope.res.negation.finditer(window))
    neg = negs[-1] if negs else None
    if neg is not None and _NEGATED_GAP.fullmatch(window[neg.end() :]):
        return True
    before = text[max(lo, c.start - 90) : c.start]
    if (
        _NEGATED_ANY.search(before)
        or _NO_PLAN.search(before)
        or _KEPT_FROM.search(before)
        or (_STOPPED.search(before[-45:]) and not _urged_to_stop(scope, c))
    ):
        return True
    clause_lo = max(_clause_start(text, lo, c.start), c.start - 90)
    # "accused X of rendering support", "threatened to withdraw investments": no cooperation
    if (
        scope.conflict
        and c.type != "meeting"
        and not _ties_set_up(c)
        and scope.scan is not None
        and scope.res.conflict.search(scope.scan, clause_lo, c.start)
    ):
        return True
    if c.type in ("cooperation", "aid") and _DEAL_ON.search(text, clause_lo, c.start):
        return True  # "signed an MoU on carrying out joint projects": what the deal is about
    topic_lo = max(_clause_start(text, lo, c.start), c.start - 160)
    if c.type == "intent" and _TIES_NOUN.match(c.text):
        if _TOPIC_VERB_BEFORE.search(text, topic_lo, c.start) or _STRESS_VERB.search(text, topic_lo, c.start):
            return True
    if _futile(text, c, scope.hi) or _NEGATION_IN_CUE.search(c.text):
        return True
    if c.type in ("meeting", "intent") and _IDEA_BEFORE.search(text, max(lo, c.start - 60), c.start):
        return True
    if talks_as_topic(scope.res.talks_topic, text, lo, c):
        return True
    return c.type in ("cooperation", "aid", "agreement") and (
        scope.talking_points or _TOPIC_VERB_BEFORE.search(text, topic_lo, c.start) is not None
    )


TOPIC_BEFORE = 100  # characters before a talks noun where its `talks_topic` frame is looked for


_TALKS_WORD = re.compile(r"\b(?:talks|negotiations?|negotiating)\b", re.IGNORECASE)


def topic_before(topic: re.Pattern[str], text: str, lo: int, start: int, name: str) -> bool:
    """Whether `name`, a phrase at `start` naming talks ("the Vienna talks", "nuclear negotiations with"),
    is named as a topic: a `talks_topic` frame ends right before its talks noun (after `lo`)."""
    noun = _TALKS_WORD.search(name)
    end = start + (noun.start() if noun is not None else 0)
    return topic.search(text, max(lo, end - TOPIC_BEFORE), end) is not None


def talks_as_topic(topic: re.Pattern[str], text: str, lo: int, c: Cue) -> bool:
    """Whether meeting or intent cue `c` (from `lo`, its sentence's start) is a talks noun ("talks",
    "negotiations with") named as a topic by a `talks_topic` frame right before it ("harms the nuclear
    talks", "Iran's position in the talks", "instead of engaging in talks with"): no round held."""
    return (
        c.type in ("meeting", "intent")
        and _TALKS_NOUN.match(c.text) is not None
        and topic_before(topic, text, lo, c.start, c.text)
    )


# "negotiations with the U.S. make no sense", "any negotiation with X without ... is prohibited", "calling for
# talks with X shows no understanding": talks judged futile or forbidden are an idea, not an event
_FUTILE_AFTER = re.compile(
    r"[^,;:“”\"]{0,80}?\s(?:(?:make|makes|made)\s+no\s+sense|(?:shows?|showed)\s+no\s+understanding|"
    r"(?:is|are|was|were|would\s+be|will\s+be)\s+(?:\w+\s+)?(?:poison|useless|pointless|futile|meaningless|"
    r"fruitless|worthless|in\s+vain|a\s+waste\s+of\s+time|prohibited|forbidden|banned|out\s+of\s+the\s+question|not\s+on\s+the\s+agenda|of\s+no\s+(?:use|benefit))\b|"
    r"there\s+is\s+no\s+benefit|(?:is|are|was|were|would\s+be|will\s+be)\s+(?:only\s+possible|wishful\s+thinking))",
    re.IGNORECASE,
)
# "the only possible venue for talks is ...", "dreaming about a bilateral meeting": the conditions or the
# fancy of talks, not talks held or intended
_IDEA_BEFORE = re.compile(
    r"(?:\bonly\s+(?:possible\s+|acceptable\s+|viable\s+)?(?:venue|way|place|framework|forum|path|route|basis)\s+"
    r"(?:for|of)|\bdream\w*\s+(?:of|about))\s+(?:(?:a|an|the|any)\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# a negation inside the cue's own words: "is holding no talks with", "has signed no agreement"; not the
# idioms of emphasis "will spare no effort to provide", "not only", "no limits to"
_NEGATION_IN_CUE = re.compile(
    rf"(?:\bno|{NOT_WORD})\b(?!\s+(?:only|efforts?|stone|limits?|doubt)\b)", re.IGNORECASE
)
# the talks as a noun phrase ("holding bilateral talks with"), not talks held ("held talks with")
_TALKS_NOUN = re.compile(
    r"(?!(?:held|had|conducted|began|started|opened|resumed)\b)(?:\w+\s+)*(?:talks|negotiations?|dialogue)"
    r"(?:\s+(?:with|between))?$",
    re.IGNORECASE,
)


# a gathering whose own predicate, after its parties and occasion, takes it off the agenda: "a meeting between
# the two presidents on the sidelines of the General Assembly is not on the agenda"
_OFF_AGENDA_AFTER = re.compile(
    r"[^,;:“”\"]{0,160}?\s(?:is|are|was|were)\s+(?:still\s+|yet\s+)?not\s+(?:yet\s+)?on\s+the\s+agenda\b",
    re.IGNORECASE,
)


def _futile(text: str, c: Cue, hi: int) -> bool:
    """A talks noun whose own predicate judges them futile or forbidden ("dialogue with X is poison") or
    takes them off the agenda."""
    if c.type not in ("meeting", "intent"):
        return False
    if _TALKS_NOUN.match(c.text) is not None and _FUTILE_AFTER.match(text, c.end, hi) is not None:
        return True
    noun = _BEFORE_PARTIES.sub("", c.text)
    return GATHERING_NOUN.search(noun) is not None and _OFF_AGENDA_AFTER.match(text, c.end, hi) is not None


def _announced_after(text: str, c: Cue, hi: int) -> bool:
    """A gathering noun whose own predicate is future: "the meeting will take place in Vienna", "visits
    will be also held" (a visit noun only with a verb of holding, not "the visit will open a new chapter")."""
    noun = _BEFORE_PARTIES.sub("", c.text)
    visit = _VISIT_NOUN.fullmatch(noun) is not None
    if not (GATHERING_NOUN.search(noun) or visit) or _HELD_CUE.match(c.text):
        return False
    if any(rx.match(text, c.end, hi) for rx in (_PUT_OFF_AFTER, _PLANNED_AFTER, _PROSPECT_AFTER)):
        return True
    found = _FUTURE_AFTER.match(text, c.end, hi)
    if found is None or _PAST_IN_GAP.search(found.group(0)) is not None:
        return False
    return not visit or _HOLDING.search(found.group(0)) is not None


# a partner of the host in holding a gathering: "hosted by India in collaboration with China", "the forum,
# held by the chamber in cooperation with the embassy", "held a webinar on trade in collaboration with"
_CO_HOST_CUE = re.compile(
    r"(?:in\s+)?(?:cooperation|collaboration|partnership|association|coordination|cooperating|collaborating)\s+with",
    re.IGNORECASE,
)
_HOSTED_BEFORE = re.compile(
    r"\b(?:(?:held|hosted|organi[sz]ed|sponsored|staged|convened)\s+(?:[\w-]+\s+){0,3}?by|(?:held|hosted|"
    r"organi[sz]ed|staged|convened|holds|hosts|organi[sz]es)\s+(?:[\w-]+\s+){0,5}?(?:conference|forum|fair|"
    r"exhibition|expo|festival|seminar|webinar|workshop|symposium|summit|show|olympiad)s?)\b",
    re.IGNORECASE,
)


def _co_hosted(scope: SentenceScope, c: Cue) -> bool:
    """A cooperation cue naming the partner with whom a gathering is held ("organized by A in cooperation
    with B"): the gathering's co-hosts, a `conference` (blind sets code the gathering, not cooperation)."""
    if c.type != "cooperation" or not _CO_HOST_CUE.fullmatch(c.text):
        return False
    return _HOSTED_BEFORE.search(scope.text, max(scope.lo, c.start - 160), c.start) is not None


# an accord to do more ("agreed on the development of economic cooperation", "reached an agreement on enhancing
# cooperation", "agreed on cooperation for ..."): readiness for future cooperation, an intent (not a deal signed)
_AGREED_TO_MORE = re.compile(
    AGREED_ON
    + r"(?:the\s+)?(?:(?:development|expansion|enhancement|promotion|strengthening|deepening|boosting|"
    r"broadening)\s+of\s+(?:the\s+)?|(?:developing|expanding|enhancing|promoting|strengthening|deepening|boosting|"
    r"broadening)\s+(?:the\s+)?|(?:new|further|more|closer)\s+)?(?:[\w-]+\s+){0,3}?(?:cooperation|ties|relations|"
    r"collaboration)\b(?!\s+(?:agreements?|pacts?|deals?|documents?|accords?|roadmaps?|plans?|treat(?:y|ies)|"
    r"memorand\w*|MoUs?|programs?|programmes?))",
    re.IGNORECASE,
)


# the goal talks go on for: "will continue to negotiate until a final agreement is reached"
_UNTIL_GOAL = re.compile(r"\buntil\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_PAST_AFTER = re.compile(r"[^.;:!?]{0,30}?\b(?:was|were|had)\b", re.IGNORECASE)


def _until_goal(scope: SentenceScope, c: Cue) -> bool:
    """An agreement named as the goal talks go on for ("until a final agreement is reached"), not one
    reached in the past ("until the agreement was signed")."""
    return (
        c.type == "agreement"
        and _UNTIL_GOAL.search(scope.text, max(scope.lo, c.start - 60), c.start) is not None
        and _PAST_AFTER.match(scope.text, c.start, scope.hi) is None
    )


def _agreed_to_more(scope: SentenceScope, c: Cue) -> bool:
    """An agreement cue that is an accord to develop ties ("agreed on the expansion of cooperation") or on an act
    still to come (`agreed_acts`: "agreed on holding the next session", "agreed on the formation of a committee")."""
    return c.type == "agreement" and (
        _AGREED_TO_MORE.match(scope.text, c.start, scope.hi) is not None
        or scope.res.agreed_acts.match(scope.text, c.start, scope.hi) is not None
    )


# an accord named by the infinitive of reaching it ("efforts to reach an agreement", "determination to reach a
# deal", "the committee had to consult beforehand to reach an agreement on the agenda"): sought, not reached, so the
# annotators' intent, never an agreement (round 44, types); not one reached after all ("managed to reach a deal",
# "the first country to reach an agreement with")
_REACH_CUE = re.compile(r"(?:reach|strike)\b", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_REACHED_AFTER_ALL = re.compile(
    r"\b(?:managed|able|succeeded|first|second|last|only)\s+(?:[\w-]+\s+){0,4}?to\s+$", re.IGNORECASE
)


def _accord_sought(scope: SentenceScope, c: Cue) -> bool:
    """An agreement cue in the infinitive of reaching ("efforts to reach an agreement"): an intent."""
    if c.type != "agreement" or _REACH_CUE.match(c.text) is None:
        return False
    before = max(scope.lo, c.start - 60)
    return (
        _TO_BEFORE.search(scope.text, before, c.start) is not None
        and _REACHED_AFTER_ALL.search(scope.text, before, c.start) is None
    )


# the implementation as the frame of another act: "the deal was signed in line with the implementation of the FTA"
_FRAME_BEFORE = re.compile(
    r"\b(?:in\s+line\s+with|as\s+part\s+of|in\s+the\s+framework\s+of|within\s+the\s+framework\s+of|under|"
    r"following|after|upon|since)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _implementing_accords(scope: SentenceScope, c: Cue) -> bool:
    """An agreement cue naming accords to be carried out, none concluded in it ("implementing agreements between the
    two countries"), not as the frame of another act ("signed in line with the implementation of"): an intent."""
    return (
        c.type == "agreement"
        and _IMPLEMENTING_ACCORDS.match(c.text) is not None
        and _FRAME_BEFORE.search(scope.text, max(scope.lo, c.start - 40), c.start) is None
    )


def _arms_supplied(c: Cue) -> bool:
    """A cooperation cue of arms supplied or sold ("sold drones to", "arms sales to", "the delivery of the Su-35
    fighters to"): the annotators code the supplier and the buyer as cooperating whatever war or criticism the
    sentence tells after it ("approved weapons sales to A, which critics have linked to the killing of
    civilians"); a conflict word before it still drops it (the critic would become a party: "X lambasted A for
    arms sales to B")."""
    return (
        c.type == "cooperation"
        and (_SUPPLY_VERB.match(c.text) is not None or _ARMS_TRADE.search(c.text) is not None)
        and (_ARMS.search(c.text) is not None or _ARMS_SYSTEM.search(c.text) is not None)
    )


# a fight against terrorism helped or shared ("support for A in the fight against", "are fighting terrorism")
_COUNTER_TERROR = re.compile(
    r"\b(?:fights?|wars?|campaigns?|battles?|struggles?)\s+against$|"
    r"\b(?:fighting|battling|confronting|fight|battle|war)\s+(?:against\s+)?(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:terror\w*|Daesh|ISIS|ISIL|takfiri\w*)$",
    re.IGNORECASE,
)


def _counter_terror(c: Cue) -> bool:
    """A cooperation cue of help in a fight against terrorism or of states fighting it together: the terrorism
    fought is no conflict between the parties (a conflict word before the cue still drops it)."""
    return c.type == "cooperation" and _COUNTER_TERROR.search(c.text) is not None


def _ties_set_up(c: Cue) -> bool:
    """An agreement cue of ties set up ("normalized relations with"): kept beside conflict words."""
    return c.type == "agreement" and _TIES_SET_UP.match(c.text) is not None


def _told_as_fact(text: str, clause_lo: int, c: Cue) -> bool:
    """A meeting cue told by a finite past verb, not reached by "be", "have", a preposition or "to" right before it."""
    if c.type != "meeting" or not _FACT_VERB.match(text, c.start):
        return False
    return _GOVERNED_BEFORE.search(text, clause_lo, c.start) is None


# a verb of speech in the past or present tense, lower case (not "Said", a name; not "states", mostly the noun
# of "the United States"): discourse reads the speaker of a reported clause by it, `_future_occasion` the
# occasion of a speech
SPEECH_VERB = re.compile(
    rf"\b(?:{words(SPEECH_WORDS)}|told|tells|adds|notes|advised|described|pointed|warned|explained)\b"
)

# a meeting cue named as the occasion of the clause's act ("will also discuss X with Y during his visit to Z"):
# the act's future verb may stand far before it, past the usual reach of an irrealis; not when a speech verb
# sits between ("X will grow, the minister said during a visit to Y": the visit is the occasion of the speech)
_DURING_BEFORE = re.compile(
    r"\b(?:during|in\s+the\s+course\s+of)\s+(?:his|her|their|its|the|a|this)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_FUTURE_VERB = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:likely|expected|set|due|scheduled|slated|going)\s+to)\s", re.IGNORECASE
)
OCCASION_REACH = 220  # characters before an occasion cue where the future verb of its clause may stand


def _future_occasion(text: str, lo: int, c: Cue) -> bool:
    """A meeting cue after "during his ..." whose clause's future verb stands up to OCCASION_REACH before it,
    with no speech verb between the two."""
    if c.type != "meeting" or _DURING_BEFORE.search(text, max(lo, c.start - 50), c.start) is None:
        return False
    clause_lo = max(_clause_start(text, lo, c.start), c.start - OCCASION_REACH)
    verbs = list(_FUTURE_VERB.finditer(text, clause_lo, c.start))
    return bool(verbs) and SPEECH_VERB.search(text, verbs[-1].end(), c.start) is None


# a meeting named as the occasion of a speech act told after the wish: "the market must be stabilised, the oil
# minister said after his meeting with his Venezuelan counterpart": the wish is what was said; the meeting at
# which it was said took place (not when a wish stands between the speech verb and the meeting: "said he will
# decide after a meeting with B next week")
_SPEECH_OCCASION_BEFORE = re.compile(
    r"\b(?:after|during|at|in|following)\s+(?:his|her|their|its|the|a|an)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


# a past verb of speech or stress right before the wish it voices: "insisted on the need for", "stressed the need
# to", "voiced its readiness to" (the act's verb is past, so the occasion named after it took place)
_PAST_VERB_BEFORE = re.compile(
    r"\b(?:[a-z]+ed|told|said)\s+(?:on\s+|upon\s+)?(?:(?:the|a|an|his|her|its|their|our)\s+)?(?:[\w’'-]+\s+)?$",
    re.IGNORECASE,
)


def _past_wish_occasion(text: str, clause_lo: int, irr: re.Match[str], c: Cue) -> bool:
    """A meeting named as the occasion ("in / during a meeting") of a wish voiced by a past verb right before it
    ("insisted on the need for a joint border commission during a meeting with", "called for closer ties in a
    meeting with"): the meeting took place; the wish is an intent of its own (annotation rule 7)."""
    if c.type != "meeting" or not _OCCASION_CUE.match(c.text):
        return False
    if re.match(r"[a-z]+ed\b", irr.group(0), re.IGNORECASE):
        return True
    return _PAST_VERB_BEFORE.search(text, max(clause_lo, irr.start() - 40), irr.start()) is not None


def _speech_occasion(res: Resources, text: str, irr_end: int, c: Cue) -> bool:
    """A meeting cue right after "after / during his ..." that follows a speech verb which follows the irrealis."""
    if c.type != "meeting":
        return False
    speeches = list(SPEECH_VERB.finditer(text, irr_end, c.start))
    if not speeches:
        return False
    speech = speeches[-1]
    at = _SPEECH_OCCASION_BEFORE.search(text, max(speech.end(), c.start - 60), c.start)
    if at is None and not (_OCCASION_CUE.match(c.text) and c.start - speech.end() <= 3):
        return False
    return res.irrealis.search(text, speech.end(), c.start) is None


# an accord made to restore ties, named right before the restoring: "A and B agreed on Friday to re-establish
# diplomatic ties", "decided in March to resume relations", "reached an agreement to restore ties and reopen
# embassies", "the deal that restored relations between A and B": the accord itself, an agreement (not an
# intent of the restoring)
# restore, re-establish, resume ties, or set them back to normal ("normalize ties": round 47, types)
_RESTORE_STEM = r"(?:restor|re-?establish|resum|normali[sz])"
_RESTORING = re.compile(rf"(?:{_RESTORE_STEM}|re-?open)\w*\s", re.IGNORECASE)
_ACCORD_BEFORE = re.compile(
    r"\b(?:(?:agreed|agreeing|decided|deciding)(?:\s+in\s+principle|\s+(?:on|in|last)\s+\w+)?\s+to|"
    # the accord's parties may stand between it and its aim: "a historic deal" between A and B to normalize ties"
    r"(?:agreement|deal|accord)[”\"’']?(?:\s+(?:between|with)\s+[^,;:.!?]{1,60}?)?(?:\s+[\w-]+){0,2}?\s+to|"
    r"(?:agreement|deal|accord)\s+that)\s+"
    # a second act of the same accord: "agreed to resume ties and re-open embassies"
    rf"(?:{_RESTORE_STEM}\w*\s+(?:[\w-]+\s+){{0,3}}?(?:and|,)\s+)?$",
    re.IGNORECASE,
)

# the accord's own cue followed by ties restored: "agreed to | restore diplomatic ties"
_ACCORD_CUE = re.compile(r"(?:agreed|decided)\s+to", re.IGNORECASE)
_TIES_RESTORED_AFTER = re.compile(
    rf"\s+{_RESTORE_STEM}\w*\s+(?:the\s+|their\s+|full\s+)?(?:diplomatic\s+)?(?:ties|relations)\b",
    re.IGNORECASE,
)


def _accord_to_restore(scope: SentenceScope, clause_lo: int, c: Cue) -> bool:
    """An intent cue of ties restored right after an accord to restore them, with no irrealis before the accord
    ("will agree to restore ties" stays an intent)."""
    if c.type != "intent":
        return False
    if _ACCORD_CUE.fullmatch(c.text) is not None:  # the accord's own cue: "agreed to | restore ties"
        accord_at = c.start if _TIES_RESTORED_AFTER.match(scope.text, c.end, scope.hi) else None
    elif _RESTORING.match(c.text) is not None:
        # the accord's words run on to the cue, so a quote closing its name ("a “historic deal” between A and B
        # to normalize ties") may cut the clause between them; the irrealis is read in the accord's own clause
        accord = _ACCORD_BEFORE.search(scope.text, max(scope.lo, c.start - 80), c.start)
        accord_at = accord.start() if accord else None
    else:
        return False
    if accord_at is None:
        return False
    clause_lo = min(clause_lo, max(_clause_start(scope.text, scope.lo, accord_at), accord_at - 90))
    return scope.res.irrealis.search(scope.text, clause_lo, accord_at) is None


# ties set back to normal told as done (round 47, types): the gerund after "the step of", "after", "since" ("have
# taken the rare step of fully normalizing ties with", "especially after normalizing relations with"), or ties
# mended, restored or normalized "in / under / through" a deal ("mended ties with its neighbours in a reconciliation
# deal brokered by B"): the accord that did it, an `agreement` (the sets code the normalisation deals so)
_TIES_CUE = re.compile(rf"(?:{_RESTORE_STEM}|mend)\w*\s", re.IGNORECASE)
_NORMALIZING = re.compile(r"normali[sz]ing\s", re.IGNORECASE)
_STEP_BEFORE_GERUND = re.compile(r"\b(?:step\s+of|after|since|upon)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BY_ACCORD_AFTER = re.compile(
    r"[^.;:!?]{0,80}?\b(?:in|under|through|via)\s+(?:an?|the|their|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:deal|agreement|accord|pact|treaty)\b",
    re.IGNORECASE,
)


def _ties_normalized_done(scope: SentenceScope, clause_lo: int, c: Cue) -> bool:
    """An intent cue of ties normalized told as done by its gerund, or of ties mended, restored or normalized by an
    accord named after it in its clause, with no irrealis before it in its clause."""
    if c.type != "intent" or _TIES_CUE.match(c.text) is None:
        return False
    done = bool(
        _NORMALIZING.match(c.text)
        and _STEP_BEFORE_GERUND.search(scope.text, max(scope.lo, c.start - 30), c.start)
    )
    end = _CLAUSE_END.search(scope.text, c.end, scope.hi)
    stop = end.start() if end else scope.hi
    if not done and _BY_ACCORD_AFTER.match(scope.text, c.end, stop) is None:
        return False
    return scope.res.irrealis.search(scope.text, clause_lo, c.start) is None


# an accord named before ties restored: "the deal that restored relations", "a China-brokered accord ... resumed ties"
_ACCORD_NAMED = re.compile(
    r"\b(?:deals?|agreements?|accords?|statements?|brokered|mediated)\b", re.IGNORECASE
)


# a mission's opening told as done by a gerund after "after / by / since / upon" ("After opening its embassy in Baku,
# A has ...", "marked his visit to B by opening an embassy in Manama"): the mission is open, as with "opened"
# (round 45, types)
_OPENING = re.compile(r"(?:re-?)?opening\s", re.IGNORECASE)
_DONE_BEFORE_GERUND = re.compile(r"\b(?:after|by|since|upon)\s+$", re.IGNORECASE)


def _opening_done(scope: SentenceScope, c: Cue) -> bool:
    """An intent cue of a mission's opening right after "after / by / since / upon"."""
    if _OPENING.match(c.text) is None:
        return False
    return _DONE_BEFORE_GERUND.search(scope.text, max(scope.lo, c.start - 8), c.start) is not None


def _ties_restored_fact(scope: SentenceScope, clause_lo: int, c: Cue) -> bool:
    """An intent cue of ties restored told by a finite verb ("A and B restored relations", "has reopened its
    embassy in B"), with no irrealis and no accord named before it in its clause: a `cooperation`."""
    if c.type != "intent":
        return False
    if scope.res.ties_restored.fullmatch(c.text) is None and not _opening_done(scope, c):
        return False
    if scope.res.irrealis.search(scope.text, clause_lo, c.start) is not None:
        return False
    return _ACCORD_NAMED.search(scope.text, clause_lo, c.start) is None


# the accord's own cue before terms settled: "agreed to | buy 160,000 barrels", "have agreed to | waive visa fees"
_AGREED_TO = re.compile(r"agreed\s+to", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def _agreed_terms(scope: SentenceScope, clause_lo: int, c: Cue) -> bool:
    """An intent cue "agreed to" followed by terms settled (`agreed_terms`: buy, sell, supply, pay, waive, extend,
    create ...) with no irrealis before it in its clause ("Total agreed to buy crude", "the sides agreed to waive
    visa fees"): an `agreement` ("will have agreed to buy", "if they agreed to sell" stay as they were)."""
    if c.type != "intent" or _AGREED_TO.fullmatch(c.text) is None:
        return False
    gap = _SPACE.match(scope.text, c.end, scope.hi)
    if gap is None or scope.res.agreed_terms.match(scope.text, gap.end(), scope.hi) is None:
        return False
    return scope.res.irrealis.search(scope.text, clause_lo, c.start) is None


# a cooperation named as what a speaker stresses: "stressed the importance of joint investment", "highlighted the
# necessity of implementing joint projects" (a stance on ties to come, the annotators' intent)
_STRESSED_BEFORE = re.compile(
    r"\b(?:importance|necessity|significance|vitality)\s+(?:of|for)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?$",
    re.IGNORECASE,
)


# a cooperation named as what is to grow, the object of a verb of growth, alone or coordinated (round 47, types): the
# verb to come ("reaffirmed their commitment to further enhance solidarity and cooperation among") or stressed as a
# gerund ("stressed bolstering joint investment"): the ties wished, as the intent cue "enhance cooperation" reads
# them when nothing stands between; not growth told as done ("has established a centre and also expand the exports")
_GROWTH_STEM = r"(?:enhanc|expand|boost|strengthen|deepen|broaden|promot|bolster|consolidat)"
_GROWN_OBJECT = r"\s+(?:(?:the|their|its|our)\s+)?(?:[\w-]+\s+(?:and|,)\s+)?$"
_GROWN_BEFORE = re.compile(
    rf"(?:\bto\s+(?:further\s+)?|\bfurther\s+){_GROWTH_STEM}e?{_GROWN_OBJECT}"
    rf"|\b(?:stress|emphasi[sz]|underlin|underscor|urg)\w*\s+{_GROWTH_STEM}ing{_GROWN_OBJECT}",
    re.IGNORECASE,
)


def _stressed_cooperation(scope: SentenceScope, c: Cue) -> bool:
    """A cooperation cue named as the object of stressed importance ("emphasized the importance of joint
    investment") or of a verb of growth ("to further enhance solidarity and cooperation among"): an intent."""
    if c.type != "cooperation":
        return False
    if _STRESSED_BEFORE.search(scope.text, max(scope.lo, c.start - 60), c.start) is not None:
        return True
    return _GROWN_BEFORE.search(scope.text, max(scope.lo, c.start - 40), c.start) is not None


# the means of an effort, right before its cue: "by making visits to", "through the meeting with", "by holding talks"
_MEANS_BEFORE = re.compile(
    r"\b(?:by|through|via)\s+(?:(?:the|a|an|his|her|their|its|several|repeated|frequent)\s+)?(?:[\w-]+ing\s+)?"
    r"(?:(?:the|a|an|his|her|their|its|several|repeated|frequent)\s+)?$",
    re.IGNORECASE,
)


def _effort_under_way(scope: SentenceScope, irr: re.Match[str], c: Cue) -> bool:
    """An irrealis of trying told as under way whose cue is the effort's means ("has been trying to heal the rift
    by making visits to A and B", "is trying to sway B through talks with C"), no other irrealis between: the
    means are being used, the cue keeps its type (not what is sought: "is trying to arrange a meeting")."""
    found = scope.res.efforts_under_way.search(scope.text, max(scope.lo, irr.start() - 30), irr.end())
    if found is None or found.end() != irr.end():
        return False
    if _MEANS_BEFORE.search(scope.text, max(irr.end(), c.start - 40), c.start) is None:
        return False
    return scope.res.irrealis.search(scope.text, irr.end(), c.start) is None


# what stops a diary told in the past: "was set to meet X, but New Delhi called off the dialogue"
_CALLED_OFF = re.compile(
    r"\b(?:but|however)\b|\b(?:called\s+off|cancel\w*|postpon\w*|suspen\w*)", re.IGNORECASE
)


def _past_schedule(scope: SentenceScope, irr: re.Match[str], c: Cue) -> bool:
    """A meeting cue right after a diary told in the past tense ("was scheduled to meet", "was expected to attend a
    meeting with"), with no other irrealis between and nothing calling it off in the sentence."""
    if c.type != "meeting":
        return False
    found = scope.res.past_schedule.search(scope.text, max(scope.lo, irr.start() - 15), irr.end())
    if found is None or found.end() != irr.end():
        return False
    if c.start - irr.end() > 40 or scope.res.irrealis.search(scope.text, irr.end(), c.start) is not None:
        return False
    return _CALLED_OFF.search(scope.text, scope.lo, scope.hi) is None


# thanks for help given ("thanked Iran for its support for Afghanistan", "thanked the Iraqi government for assisting
# with the pilgrims"): the help the thanks name is the partners' cooperation, not a grant, unless the thanks name
# goods or relief ("thanked Iran for its assistance in sending medicines", "for giving humanitarian aid", "for its
# assistance with the evacuation of our workers")
_THANKS = re.compile(r"thank", re.IGNORECASE)
_AID_GOODS = re.compile(
    r"\b(?:aid|relief|humanitarian|donat\w*|medicines?|medical|vaccines?|food|supplies|grants?|funds?|loans?|"
    r"evacuat\w*|rescu\w*)\b",
    re.IGNORECASE,
)
# a written message to a counterpart ("sent a congratulatory message to his Serbian counterpart", "has sent a letter
# to his French counterpart"): the message is no meeting; the wishes it conveys are the sets' intent
_MESSAGE_TO = re.compile(
    r"\b(?:sent|sends|sending|send|addressed|conveyed)\s+(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:messages?|letters?|cables?)\s+(?:[\w,-]+\s+){0,4}?to\s+(?:his|her|their|its|the)\s+(?:[\w-]+\s+){0,3}?$",
    re.IGNORECASE,
)


def _worded_type(scope: SentenceScope, c: Cue) -> Cue:
    """The type the cue's own wording gives before its clause is read: help of a military kind and thanks for help
    given are a `cooperation`, a counterpart named as the addressee of a written message an `intent`."""
    if c.type == "aid" and _MILITARY_HELP.search(c.text):
        return replace(c, type="cooperation")
    if c.type == "aid" and _THANKS.match(c.text):
        if not _AID_GOODS.search(scope.text, c.start, min(scope.hi, c.end + 40)):
            return replace(c, type="cooperation")
    if c.type == "meeting" and c.text.lower().startswith("counterpart"):
        if _MESSAGE_TO.search(scope.text, max(scope.lo, c.start - 120), c.start):
            return replace(c, type="intent")
    return c


def _typed(scope: SentenceScope, c: Cue) -> Cue | None:
    """The cue with its final type (irrealis → intent), or None when conflict follows it."""
    text, res = scope.text, scope.res
    c = _worded_type(scope, c)
    if _co_hosted(scope, c):
        c = replace(c, type="conference")
    elif (
        _agreed_to_more(scope, c)
        or _until_goal(scope, c)
        or _implementing_accords(scope, c)
        or _accord_sought(scope, c)
    ):
        c = replace(c, type="intent", irrealis=True)
    clause_lo = max(_clause_start(text, scope.lo, c.start), c.start - 90)
    # an agreement that exists ("the agreement reached last week") stays one after "ready to implement"
    done = (
        c.type == "agreement"
        and bool(_DONE_AGREEMENT.search(c.text))
        and not c.text.lower().startswith("sign")
        and not _NOT_YET_DONE.search(c.text)
    )
    clause = text[clause_lo : c.start]
    if _IF_CLAUSE.search(clause) and not _THEN.search(clause):
        return None  # "if Saudi Arabia wants to establish ties with China, ...": a condition, no intent
    if _FORECAST.search(text, clause_lo, c.end):
        return None  # "in the end will unite in a joint operation", "will inevitably help": a forecast
    if (
        _accord_to_restore(scope, clause_lo, c)
        or _agreed_terms(scope, clause_lo, c)
        or _ties_normalized_done(scope, clause_lo, c)
    ):
        return replace(c, type="agreement", irrealis=False)
    if _ties_restored_fact(scope, clause_lo, c):
        c = replace(c, type="cooperation")
    elif _stressed_cooperation(scope, c):
        c = replace(c, type="intent", irrealis=True)
    if c.type in res.irrealis_types and not done and not _urged_to_stop(scope, c):
        irr = res.irrealis.search(text, clause_lo, c.start)
        if irr is not None and (_effort_under_way(scope, irr, c) or _past_schedule(scope, irr, c)):
            irr = None
        if irr is None and c.type == "agreement" and _NOT_YET_DONE.search(c.text):
            # "an agreement is expected to be signed between": the irrealis inside the cue
            irr = res.irrealis.search(text, c.start, c.end)
        # "proposed the idea in a meeting with ...": a past speech act at a meeting that took place
        past_act = irr is not None and bool(
            (irr.group(0).lower().endswith("ed") and _OCCASION_CUE.match(c.text))
            or _told_as_fact(text, clause_lo, c)
            or _speech_occasion(res, text, irr.end(), c)
            or _past_wish_occasion(text, clause_lo, irr, c)
        )
        if irr is not None and _CONDITIONAL.fullmatch(irr.group(0)):
            return None  # "if they come to the table, we will ...": a condition, not an intent (dev gold)
        if (irr is not None and not past_act) or (irr is None and _future_occasion(text, scope.lo, c)):
            c = replace(c, type="intent", irrealis=True)
        elif c.type in ("meeting", "conference") and _announced_after(text, c, scope.hi):
            c = replace(c, type="intent", irrealis=True)
    if c.type == "intent" and _CONDITION_AFTER.match(text, c.end, min(scope.hi, c.end + 100)):
        return None  # "ready to hold talks with X whenever the sanctions are removed": a conditional offer
    return None if _conflict_follows(scope, c) else c


def _conflict_follows(scope: SentenceScope, c: Cue) -> bool:
    """Whether conflict words follow a cue other than a meeting in its clause (readiness *to sanction*, "jointly
    celebrated the violation": no cooperation); arms supplied for a war are cooperation of supplier and buyer all
    the same ("sold Russia drones months before the war"), as are help against terror and ties set up."""
    if c.type == "meeting" or not scope.conflict:
        return False
    if _arms_supplied(c) or _counter_terror(c) or _ties_set_up(c):
        return False
    end = _CLAUSE_END.search(scope.text, c.end, scope.hi)
    stop = min(end.start() if end else scope.hi, c.end + 80)
    if scope.scan is not None:
        return bool(scope.res.conflict.search(scope.scan, c.end, stop))
    return bool(scope.res.conflict.full.search(scope.text, c.end, stop))
