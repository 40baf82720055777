"""Who acts with whom inside one sentence: clause boundaries and the parties of a cue.

A cue's parties are looked for in its clause first, then wider; "between A and
B" fixes them exactly; "X ... talks with Y" pairs the subject with the object;
lists of parties are one multilateral act or separate acts (hub and spokes).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from libs.extraction.candidates import (
    AGREEMENT,
    AID,
    COOPERATION,
    DOMESTIC,
    EXPLICIT,
    INTENT,
    MEETING,
    RESOLVED,
    SentenceInfo,
)
from libs.extraction.mention_roles import (
    ACTOR,
    LIST_WORDS,
    PARTNER,
    PARTY_ROLES,
    TARGET,
    TOPIC,
    PartyMention,
)
from libs.extraction.quantities import WORD_NUMBERS
from libs.extraction.triggers import SAID_WORDS, Cue, words

_JOINT_BEFORE = re.compile(r"\b(?:joint|bilateral|trilateral|mutual)\b", re.IGNORECASE)
_JOINT_AFTER = re.compile(
    r"^\s+(?:between|of the two|of both|co-?(?:hosted|organi[sz]ed) by)\b", re.IGNORECASE
)

# a reported clause opens: "X said that", "stressed on Monday that", "believes that"
_SPEECH_OR_BELIEF_WORDS = (
    "underlined",
    "emphasi[sz]ed",
    "reiterated",
    "insisted",
    "explained",
    "highlighted",
    "believes",
    "believed",
    "warned",
    "argued",
    "reported",
)
_SPEECH_OR_BELIEF_THAT = rf"\b(?:{words(SAID_WORDS, _SPEECH_OR_BELIEF_WORDS)})\s+(?:on\s+\w+\s+)?that\b"
# "before" naming an occasion is a preposition, no clause break: "In a session before a summit of the
# board, the ministers of A, B and C discussed ..." (not "before the board met")
_BEFORE_OCCASION = (
    r"(?!\s+(?:an?|the|its|their|this|that)\s+(?:[\w-]+\s+){0,2}"
    r"(?:gathering|meeting|summit|session|conference|talks|forum|ceremony)s?\s+(?!(?:was|is|were|are|had|has|began|begins|started|starts|opened|opens|ended|ends|took|takes|convened)\b))"
)
# ", as" opens a subordinate clause, but ", as well as" goes on with a list ("the ministers of A, B and C, as well
# as the EU's envoy, held a meeting"); ", though" opens a concession whose parties are
# not the cue's ("held talks with A, though it left the role of B and C to be settled")
_STRONG_BOUNDARY = re.compile(
    r"[;:“”\"]|,\s+and\b(?!\s+(?:the\s+)?[A-Z])|,\s+as\b(?!\s+well\s+as\b)|,\s+(?:but|though|while|when|after|before|because|since|although|which|who|where|whereas|"
    r"saying|adding|stressing|noting|underlining|pointing|according)\b|"
    rf"{_SPEECH_OR_BELIEF_THAT}|"
    rf"\s(?:when|while|whereas|because|although|after|before{_BEFORE_OCCASION}|amid|amidst|despite)\s",
)
# between a list comma and the next party: nothing but "and", "the" or the words of a title/name
_LIST_COMMA = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+)?(?:(?:[A-Z][\w.'’-]*|bin|ibn|al|of|the|de)\s+){0,8}$"
    # a group spelled out in parentheses: "Iran, the European trio (Germany, France and Britain)"
    r"|^\s*(?:and\s+)?(?:the\s+)?(?:[\w.'’-]+\s+){1,4}\(\s*$"
)
# the rest of a name a party heads, up to a list comma: " Red Crescent Society" ("Turkish Red Crescent Society,")
_NAME_TAIL = re.compile(r"(?:\s+(?-i:[A-Z])[\w.'’-]*){1,4}")
_WITH_BEFORE = re.compile(
    r"\b(?:with|between|and)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w.-]+\s+){0,3}$", re.I
)
# the text between two listed parties, whole (`fullmatch`): "A, B and C", "A & B", "A plus the B"
LIST_SEPARATOR = re.compile(rf"\s*(?:{LIST_WORDS}|plus\s+)(?:the\s+)?")
# two parties tied by a comma, "and" or a sign, whole (`fullmatch`): "Iran and Iraq", "Iran-Iraq", "US/E3"
_CONNECTOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|-|–|&|/)\s*(?:the\s+)?")
# a list of the counterparts one official dealt with, whole (`fullmatch`): "A and his French counterpart B",
# "A as well as her Qatari counterpart", besides the plain connectors
_COUNTERPART_GAP = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+)(?:his|her|their)\s+|\s+as\s+well\s+as\s+"
)
_WITH_WORD = re.compile(r"\bwith\b", re.IGNORECASE)
# the peoples a backer stood by, listed ("stood by the side of the people of A, B and C"): counterparts too
_BACKED_PEOPLES = re.compile(
    r"\b(?:beside|alongside|by\s+the\s+side\s+of)\s+the\s+(?:peoples?|populations?|nations?|governments?)\s+of\b",
    re.IGNORECASE,
)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|its|our)\s+$", re.IGNORECASE)
_COUNTERPARTS_AFTER = re.compile(r"\s+(?:counterparts?|peers|colleagues|partners)\b", re.IGNORECASE)
# one official's round of meetings, the verb: "met his counterparts from A, B and C", "met (with) the foreign
# ministers / presidents / leaders of A, B and C", "met with the ambassadors of" five states or more; not "attended
# by her counterparts from ...", nor "a meeting with the ministers of A, B and C" (one meeting of all)
_OFFICIALS_MET = re.compile(
    r"\b(?:(?:met|meets|meet|meeting)\s+(?:with\s+)?(?:his|her|their)\s+(?:[\w-]+\s+)?(?P<cp>counterparts)|"
    # the verb, also a gerund after a preposition ("after meeting with"; not "a meeting with": one meeting)
    r"(?:met|meets|meet|(?:after|before|while|when|upon|besides)\s+meeting)\s+(?:with\s+)?"
    # officials named by a class first ("several visiting officials including the trade ministers of")
    r"(?:(?:[\w-]+\s+){1,3}?(?:including|such\s+as|among\s+them)\s+)?"
    # one state's officials before the plural ones ("the president and foreign minister of A and the foreign
    # ministers of B, C and D", "President & FM of A & FMs of B and C"): A is met one by one too
    r"(?P<chain>(?:the\s+)?(?:[\w&-]+\s+){1,5}?(?:of|from)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}"
    r"\s+(?:and|&)\s+)?"
    r"(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:(?P<envoys>ambassadors|envoys)|ministers|FMs|counterparts|presidents|leaders|heads\s+of\s+state|premiers))"
    r"\s+(?:from|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
MANY_ENVOYS = 5  # ambassadors are usually received together: a round of meetings only for five states or more

# whether the text between two party mentions joins them in one list (a pattern's `fullmatch`)
Joins = Callable[[str], object]


def _listed_gap(gap: str) -> bool:
    """A list separator or a connector between two parties ("A, B plus C", "Iran-Iraq")."""
    return _CONNECTOR.fullmatch(gap) is not None or LIST_SEPARATOR.fullmatch(gap) is not None


def counterparts_gap(gap: str) -> bool:
    """A connector between two listed counterparts ("A, B and C", "A as well as his B counterpart")."""
    return _CONNECTOR.fullmatch(gap) is not None or _COUNTERPART_GAP.fullmatch(gap) is not None


def list_run(
    ms: list[PartyMention], i: int, text: str, joins: Joins = _CONNECTOR.fullmatch, same: bool = False
) -> list[PartyMention]:
    """The mentions from `ms[i]` on that `joins` links in one list ("A, B and C"); with `same`, a repeat
    of the party before joins too ("Iran ... Tehran")."""
    group = [ms[i]]
    for m in ms[i + 1 :]:
        if not ((same and m.code == group[-1].code) or joins(text[group[-1].end : m.start])):
            break
        group.append(m)
    return group


def list_runs(
    ms: list[PartyMention], text: str, joins: Joins = _CONNECTOR.fullmatch, same: bool = False
) -> list[list[PartyMention]]:
    """The mentions cut into consecutive `list_run`s, in order (the last one ends with `ms[-1]`)."""
    runs: list[list[PartyMention]] = []
    i = 0
    while i < len(ms):
        runs.append(list_run(ms, i, text, joins, same))
        i += len(runs[-1])
    return runs


def segments(info: SentenceInfo, text: str) -> tuple[list[int], list[int]]:
    """Strong and fine (strong + comma) boundary offsets inside the sentence."""
    lo, hi = info.sent.start, info.sent.end
    strong = [m.start() for m in _STRONG_BOUNDARY.finditer(text, lo, hi)]
    fine = list(strong)
    mentions = info.parties.mentions
    for i in range(lo, hi):
        if text[i] != ",":
            continue
        # a comma inside a list of parties ("Iran, Russia and Turkey", "the Turkish Red Crescent, the German Red
        # Cross and ...": a party heading a capitalised name) is no boundary
        left = any(
            0 <= i - m.end <= 1 or _NAME_TAIL.fullmatch(text, m.end, i) for m in mentions if m.end <= i
        )
        right = any(m.start > i and _LIST_COMMA.match(text[i + 1 : m.start]) for m in mentions)
        in_date = text[i - 1 : i].isdigit() and text[i + 1 : i + 6].strip()[:4].isdigit()  # "July 14, 2015"
        if not (left and right) and not in_date:
            fine.append(i)
    return sorted(set(strong)), sorted(set(fine))


def around(bounds: list[int], pos: int, lo: int, hi: int) -> tuple[int, int]:
    a, b = lo, hi
    for x in bounds:
        if x <= pos:
            a = x
        elif x > pos:
            b = x
            break
    return a, b


def linked(info: SentenceInfo, a: int, b: int, text: str) -> bool:
    """Whether two parties in text[a:b] are tied to each other ("Iran and Iraq", "talks with X")."""
    ms = [m for m in info.parties.mentions if a <= m.start < b and m.role in PARTY_ROLES]
    for x, y in itertools.pairwise(ms):
        if x.code != y.code and _CONNECTOR.fullmatch(text[x.end : y.start]):
            return True
    for m in ms:
        if _WITH_BEFORE.search(text[max(a, m.start - 50) : m.start]):
            return True
    return info.anaphoric


# the parties of a cue, how they were found (`EXPLICIT`, `RESOLVED`, `DOMESTIC`) and the span read
CueParties = tuple[list[str], str, tuple[int, int]]


def cue_parties(
    info: SentenceInfo, cue: Cue, text: str, bounds: tuple[list[int], list[int]], ctx_ok: bool = False
) -> CueParties:
    """The parties of a cue: from its clause if that names two, else from its sentence.

    The sentence is searched only when the cue's clause names a party itself, and
    never in other clauses that carry conflict words ("criticized Saudi Arabia
    after it signed a deal with the U.S." has no Iran-U.S. agreement). An intent
    clause about a third country's issue ("to reach an understanding on North
    Korea's missile tests") does not borrow the sentence's other parties either. The steps,
    first that answers: "between A and B", "the two sides" (`ctx_ok`), the cue's clause,
    its clause in a sentence of conflict, the sentence.
    """
    found = _between_parties(info, cue, text, bounds[0]) or _unnamed_actor_parties(info, cue, text, bounds[0])
    if found is None and ctx_ok:
        found = _two_sides_parties(info, cue, text, bounds[1])
    if found is None:
        found = _clause_parties(info, cue, text, bounds) or _relative_antecedents(info, cue, text, bounds[0])
    if found is not None:
        return found
    if info.conflict:
        return _conflict_clause_parties(info, cue, bounds, text)
    return _wider_parties(info, cue, text, bounds[0])


# a relative clause opening right after the parties it tells of: "A and B, which signed a deal in June, ..."
_RELATIVE_OPENER = re.compile(r",\s+(?:who|which)\s", re.IGNORECASE)
# a passive verb up to the cue: the antecedents are acted on by someone else ("A and B, who had been invited")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+|also\s+|not\s+)?\w+(?:ed|en)\b")


def _relative_antecedents(info: SentenceInfo, cue: Cue, text: str, strong: list[int]) -> CueParties | None:
    """ "Venezuela and Iran, who inked a cooperation agreement in June, are ...": a cue in a relative clause
    that names no party itself, right after a list of two parties or more, told in the active voice (not "A and
    B, who had been invited"): the list; else None."""
    a, b = around(strong, cue.start, info.sent.start, info.sent.end)
    if info.parties.parties(a, b) or not _RELATIVE_OPENER.match(text, a, cue.start):
        return None
    if _PASSIVE.search(text, a, cue.end):
        return None
    before = [m for m in info.parties.mentions if m.end <= a and m.role in PARTY_ROLES]
    if not before or a - before[-1].end > 1:
        return None
    runs = list_runs(before, text)
    codes = list(dict.fromkeys(m.code for m in runs[-1]))
    return (codes, EXPLICIT, (runs[-1][0].start, b)) if len(codes) >= 2 else None


# a quotation mark (a strong boundary outside a cue's own phrase)
_QUOTE = re.compile(r"[“”\"]")


def _between_parties(info: SentenceInfo, cue: Cue, text: str, strong: list[int]) -> CueParties | None:
    """Exactly the objects of "between" ("an agreement between Turkey and Syria"), whoever else the clause
    names ("talks between the Libyan government and Libyan rebel groups" are domestic); else None. A quote
    inside the cue ("brokered a “historic deal” between") ends no clause: the cue's phrase is one."""
    a, b = around(strong, cue.start, info.sent.start, info.sent.end)
    if _QUOTE.search(cue.text):
        b = around(strong, cue.end - 1, info.sent.start, info.sent.end)[1]
    between = _between_objects(info, cue, b, text)
    if between is None:
        return None
    if _GO_BETWEEN.match(cue.text):
        # "Qatar sought a mediation role between Chad and Sudan": the go-between is a party
        between = list(dict.fromkeys([*info.parties.parties(a, cue.start), *between]))
    return between, EXPLICIT if len(between) >= 2 else DOMESTIC, (a, b)


def _two_sides_parties(info: SentenceInfo, cue: Cue, text: str, fine: list[int]) -> CueParties | None:
    """The parties of "the two sides stressed ..." in a clause naming fewer than two: those named before
    (the caller's context), not a list of countries elsewhere in the sentence (annotation rule 2); None
    when the clause names two or has no anaphor."""
    lo, hi = info.sent.start, info.sent.end
    a, b = around(fine, cue.start, lo, hi)
    own = info.parties.parties(a, b)
    if len(own) >= 2 or not any(a <= x < b for x, _ in info.anaphor_spans):
        return None
    subject = _coordinated_subject(info, text)
    if subject is not None:
        return subject, EXPLICIT, (lo, hi)  # "Tehran and Damascus agreed ... between the two"
    return own, EXPLICIT, (a, b)


def _clause_parties(
    info: SentenceInfo, cue: Cue, text: str, bounds: tuple[list[int], list[int]]
) -> CueParties | None:
    """Two parties or more in the cue's phrase (fine boundaries), else in its clause (strong ones; not
    in a sentence of conflict); a visit's party with the visited place; None otherwise."""
    lo, hi = info.sent.start, info.sent.end
    strong, fine = bounds
    spans = [around(fine, cue.start, lo, hi)]
    if not info.conflict:  # in a sentence of conflict, only the cue's own phrase
        spans.append(around(strong, cue.start, lo, hi))
    for a, b in spans:
        parties = info.parties.parties(a, b)
        if len(parties) >= 2:
            explicit = info.parties.parties(a, b, weak=False)
            parties = _with_object(info, cue, parties, a, b, text)
            return parties, EXPLICIT if len(explicit) >= 2 else RESOLVED, (a, b)
        if parties and cue.type in (MEETING, INTENT) and info.parties.destinations(a, b):
            return parties, EXPLICIT, (a, b)  # a visit: the visited place hosts (see build_candidates)
    return None


# a sentence that opens on the occasion it tells: "In a phone call with A's president on Monday, B's president
# urged ...", "During talks with A, B warned ..."
_OCCASION_OPENER = re.compile(r"\s*(?:In|During|At)\s+(?:an?|the|his|her|their)\s+", re.IGNORECASE)
# the subject of the main clause right after the opener's comma, maybe behind its title: ", Iranian President"
_SUBJECT_AFTER_OPENER = re.compile(r",\s*(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}")


def _opener_subject(info: SentenceInfo, cue: Cue, own: tuple[int, int], text: str) -> str | None:
    """The party subject of the main clause after an occasion opener that holds the cue ("In a phone call
    with A, B said ..."): the occasion's other side, whatever the main clause goes on to say; else None."""
    own_lo, own_hi = own
    if own_lo != info.sent.start or not _OCCASION_OPENER.match(text, own_lo, cue.end):
        return None
    after = [m for m in info.parties.mentions if m.start >= own_hi and m.role in PARTY_ROLES]
    if not after or not _SUBJECT_AFTER_OPENER.fullmatch(text, own_hi, after[0].start):
        return None
    return after[0].code


def _conflict_clause_parties(
    info: SentenceInfo, cue: Cue, bounds: tuple[list[int], list[int]], text: str
) -> CueParties:
    """In a sentence of conflict: the cue's own phrase, and phrases of its clause without conflict
    words ("Tokayev, for his part, recalled his earlier trip to Iran, and said no sanctions ..."); the
    subject after an occasion opener holding the cue ("In a phone call with A, B urged ...": B) is kept."""
    lo, hi = info.sent.start, info.sent.end
    strong, fine = bounds
    a, b = around(strong, cue.start, lo, hi)
    own_lo, own_hi = around(fine, cue.start, lo, hi)
    out: list[str] = []
    for m in info.parties.mentions:
        if m.role not in PARTY_ROLES or not (a <= m.start < b) or m.code in out:
            continue
        if not (own_lo <= m.start < own_hi):
            seg_lo, seg_hi = around(fine, m.start, lo, hi)
            near_lo, near_hi = max(seg_lo, m.start - 60), min(seg_hi, m.end + 60)
            if any(near_lo <= cs < near_hi for cs, _ in info.conflict_spans):
                continue  # "a region A seized from B during the war"
        out.append(m.code)
    subject = _opener_subject(info, cue, (own_lo, own_hi), text)
    if subject is not None and subject not in out:
        out.append(subject)
    return out, EXPLICIT, (a, b)


# an actor named only as a group of unnamed states right before the cue: "the West is sending military aid
# to X", "Western countries signed ...", "ties with many states, including those that forged relations with
# X"; the speaker or the dateline is not that actor
_UNNAMED_ACTOR = re.compile(
    r"\b(?:the\s+West|(?:the\s+)?Western\s+(?:countries|powers|nations|states|governments|allies)|the\s+Europeans|"
    r"the\s+international\s+community|(?:some|other|foreign)\s+(?:countries|powers|nations|states|governments)|"
    r"(?:\bthose|\bones)\s+(?:that|which|who))"
    r"\s+(?:(?:is|are|was|were|has|have|had|also|still|now|been|already)\s+){0,3}$",
    re.IGNORECASE,
)


def unnamed_actor(text: str, lo: int, cue_start: int) -> re.Match[str] | None:
    """The words right before the cue (from `lo`) naming its actor as a group of unnamed states, or None."""
    return _UNNAMED_ACTOR.search(text, max(lo, cue_start - 80), cue_start)


def _unnamed_actor_parties(info: SentenceInfo, cue: Cue, text: str, strong: list[int]) -> CueParties | None:
    """ "X's envoy said the West is sending military aid to Y": the parties after the unnamed actor only
    (Y; the speaker is no actor of the aid); None without such an actor before the cue."""
    a, b = around(strong, cue.start, info.sent.start, info.sent.end)
    found = unnamed_actor(text, a, cue.start)
    if found is None:
        return None
    return info.parties.parties(found.start(), b), EXPLICIT, (found.start(), b)


def _wider_parties(info: SentenceInfo, cue: Cue, text: str, strong: list[int]) -> CueParties:
    """A clause naming one party or none: that one with the sentence's others (`_sentence_parties`),
    unless it names none or is an intent about a third state's issue (its own parties then)."""
    lo, hi = info.sent.start, info.sent.end
    a, b = around(strong, cue.start, lo, hi)
    own = info.parties.parties(a, b)
    if not own:
        return own, EXPLICIT, (a, b)
    if cue.type == INTENT and any(
        a <= m.start < b and m.role in (TOPIC, TARGET) and m.code not in own for m in info.parties.mentions
    ):
        return own, EXPLICIT, (a, b)
    return _sentence_parties(info, own, text, strong, (a, b)), EXPLICIT, (lo, hi)


def _sentence_parties(
    info: SentenceInfo, own: list[str], text: str, strong: list[int], clause: tuple[int, int]
) -> list[str]:
    """The cue clause's parties and the sentence's others, less those of clauses with conflict words,
    with a cue of their own, or subordinate ("after Tehran and the 5+1 reached a deal")."""
    lo, hi = info.sent.start, info.sent.end
    a, b = clause
    kept = [around(strong, cs, lo, hi) for cs, _ in info.conflict_spans if not (a <= cs < b)]
    kept += [around(strong, c.start, lo, hi) for c in info.cues if not (a <= c.start < b)]
    kept += [
        around(strong, m.end(), lo, hi)
        for m in _SUBORDINATE.finditer(text, lo, hi)
        if not (a <= m.start() < b)
    ]
    out = list(own)
    for m in info.parties.mentions:
        if m.role not in PARTY_ROLES or m.code in out:
            continue
        if any(x <= m.start < y for x, y in kept):
            continue
        out.append(m.code)
    return out


_WITH_CUE = re.compile(r"(?:with|between)$", re.IGNORECASE)
# "signed an agreement with Turkey", "held talks with Russia": the cue's object follows it
_WITH_AFTER = re.compile(r"\s+with\s", re.IGNORECASE)
_ONE_BY_ONE = re.compile(r"\b(?:separate(?:ly)?|credentials)\b", re.IGNORECASE)
_OBJECT_BEFORE = re.compile(r"\b(?:with|to|from|between|and|of|in)\s+(?:the\s+)?$", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\s(?:when|while|whereas|because|although|though|after|before|since)\s")
SEPARATE = re.compile(r"\bseparate(?:ly)?\b", re.IGNORECASE)
# "different countries including", "a number of states such as": examples of many unnamed states
_MANY_STATES_SUCH_AS = (
    r"(?:the\s+)?(?:different|various|several|many|numerous|other|\d+|a\s+number\s+of)\s+(?:\w+\s+)?"
    r"(?:countries|states|nations|governments),?\s+(?:including|such\s+as|like|namely)\s+"
)
# "negotiated with different countries including A, B and C": one by one
_MANY_COUNTRIES = re.compile(rf"\s*{_MANY_STATES_SUCH_AS}(?:the\s+)?$", re.IGNORECASE)

# "proposals from various countries like A, B and C", "security for the people of A, B and C": a list of
# partners of one unnamed or earlier-named actor, one act each
_SPOKES_INTRO = re.compile(
    rf"(?:\b(?:from|for|to|by)\s+(?:{_MANY_STATES_SUCH_AS}"
    r"|(?:the\s+)?(?:people|peoples|nations|governments)\s+of\s+)"
    # "humanitarian aid is coming from A, B and C": the donors of a flow, each with its recipient
    r"|\b(?:aid|aids|assistance|help|donations?|relief|supplies|shipments)\s+(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?"
    r"(?:coming|arriving|pouring|flowing|sent|received)\s+(?:in\s+)?from\s+)(?:the\s+)?$",
    re.IGNORECASE,
)


# "certain countries such as A, B and C continued to buy oil from Iran": examples of a class of states,
# each acting on its own (no preposition needed, unlike _SPOKES_INTRO)
_CLASS_INTRO = re.compile(
    r"\b(?:countries|states|nations|governments|neighbou?rs|partners|buyers|importers|customers)\s*,?\s+"
    r"(?:including|such\s+as|like|namely)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# states listed as the subject of attending: "A, B and C took part in the meeting" (as bare attendees)
ATTEND_AFTER = re.compile(
    # "A, B and C have been invited to participate in the summit", "..., C, have been invited to attend"
    r",?\s+(?:(?:have|had|has|all|also|both)\s+)*(?:(?:will|would|are\s+to|are\s+set\s+to|are\s+expected\s+to|"
    r"(?:(?:have|had)\s+)?(?:been|were|are)\s+invited\s+to)\s+)?"
    r"(?:attend(?:s|ed)?|participat(?:ed|es?)(?:\s+in)?|t(?:ook|akes?)\s+part\s+in|(?:are|were|is|was|(?:will|would)\s+be)\s+"
    r"(?:attending|participating\s+in|taking\s+part\s+in|present\s+at|represented\s+at))\b",
    re.IGNORECASE,
)
# "initiated by five countries including A, B, C, D and E": a counted group, the list is all of it; a
# count above the states listed ("let eight countries, including A, B and C, keep buying") names examples
_COUNTED = re.compile(
    r"\b(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|both|all)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "A, B and C are among the neighbouring countries with which Iran has signed ...", "mentioned A, B and C
# as some of the countries that ...": the list names members of a class, not partners of each other
_CLASS_AFTER = re.compile(
    r"\s*,?\s*(?:(?:are|were|have\s+been|remain)\s+(?:also\s+|all\s+)?(?:among|some\s+of|one\s+of)"
    r"|as\s+(?:some|examples?|a\s+few)\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:countries|states|nations|neighbou?rs|partners|members|buyers|importers|customers)\b",
    re.IGNORECASE,
)
_THE = re.compile(r"\s*(?:the\s+)?")
# "A, B and C are members of the ECO": membership is a state, not an act among the members
_MEMBERS_AFTER = re.compile(
    r"\s*,?\s*(?:are|were)\s+(?:also\s+|all\s+)?(?:the\s+)?(?:(?:full|permanent|current)\s+)?"
    r"(?:members?|member\s+states)\s+of\b",
    re.IGNORECASE,
)


def _clause_runs(
    info: SentenceInfo, parties: list[str], lo: int, hi: int, text: str
) -> list[list[PartyMention]]:
    """The runs of the clause's party mentions joined by list separators ("A, B and C"), in order."""
    ms = [
        m for m in info.parties.mentions if lo <= m.start < hi and m.role in PARTY_ROLES and m.code in parties
    ]
    return list_runs(ms, text, _listed_gap, same=True)


def _count(word: str) -> int:
    """The number a count word names ("8", "eight"); 0 for "both" / "all" (the whole list)."""
    return int(word) if word.isdigit() else WORD_NUMBERS.get(word.lower(), 0)


def _class_examples(run: list[PartyMention], lo: int, hi: int, text: str) -> bool:
    """True when the listed run names examples of a class of states ("other countries such as A and B",
    "A and B are among the countries that ...", "named A and B as some of the countries"), not a counted
    group ("five countries including A, B, C, D and E")."""
    start = run[0].start
    intro = _CLASS_INTRO.search(text, max(lo, start - 60), start)
    if intro is not None:
        counted = _COUNTED.search(text, max(lo, intro.start() - 40), intro.start())
        # a count above the states listed, unless they attend together ("ten countries including A, B and C
        # will attend the congress": a gathering of the listed)
        return counted is None or (
            _count(counted.group("count")) > len({m.code for m in run})
            and ATTEND_AFTER.match(text, run[-1].end) is None
        )
    return _CLASS_AFTER.match(text, run[-1].end, hi) is not None


def listed_spokes(
    info: SentenceInfo, parties: list[str], lo: int, hi: int, text: str
) -> tuple[list[str], list[str], bool]:
    """(spokes, others, examples): a list of parties introduced as partners of someone ("proposals from
    various countries like A, B and C", "security for the people of A, B and C") or, `examples`, as
    examples of a class of states ("countries such as A, B and C bought ...", "A, B and C are among the
    countries that ..."), and the clause's other parties; ([], [], False) when there is no such list."""
    for run in _clause_runs(info, parties, lo, hi, text):
        spokes = list(dict.fromkeys(m.code for m in run))
        if len(spokes) < 2:
            continue
        start = run[0].start
        partners = _SPOKES_INTRO.search(text, max(lo, start - 90), start) is not None
        if partners or _class_examples(run, lo, hi, text):
            return spokes, [c for c in parties if c not in spokes], not partners
    return [], [], False


def members_listed(info: SentenceInfo, parties: list[str], lo: int, hi: int, text: str) -> bool:
    """True when the clause lists two parties or more as members of something ("A, B and C are members of
    the ECO, ... promoting cooperation among the member states"): a description, not an event."""
    igo_starts = {m.start for m in info.parties.mentions if m.kind == "igo"}
    for run in _clause_runs(info, parties, lo, hi, text):
        found = _MEMBERS_AFTER.match(text, run[-1].end, hi)
        if found is None or len({m.code for m in run}) < 2:
            continue
        # of an organisation ("members of the ECO"), not of a process that holds talks ("the Astana process")
        after = _THE.match(text, found.end())
        if after is not None and after.end() in igo_starts:
            return True
    return False


def _with_object(info: SentenceInfo, cue: Cue, parties: list[str], a: int, b: int, text: str) -> list[str]:
    """For "X ... talks with Y (and Z)" in a clause naming more: X (nearest before) and Y's list.

    A clause like "Washington appealed to China, Russia ... to persuade Iran to
    enter into talks with the U.S." makes the talks Iran-U.S., not a clique.
    """
    # acts split one by one ("separate talks", envoys' credentials) are left to the caller's split
    with_after = _WITH_AFTER.match(text, cue.end) is not None and not _ONE_BY_ONE.search(text, a, b)
    if len(parties) <= 2 or not (_WITH_CUE.search(cue.text) or with_after):
        return parties
    ms = [m for m in info.parties.mentions if a <= m.start < b and m.role in PARTY_ROLES]
    after = [m for m in ms if m.start >= cue.end]
    before = [m for m in ms if m.end <= cue.start]
    if not after or not before:
        return parties
    codes = [m.code for m in list_run(after, 0, text, counterparts_gap, same=True)]
    if cue.text.lower().endswith("between") and len(set(codes)) >= 2:
        return list(dict.fromkeys(codes))  # "talks between X and Y": exactly X and Y
    # the nearest state before that is not itself an object ("signed a deal with Turkey and held talks with")
    subject = next(
        (
            m.code
            for m in reversed(before)
            if m.code not in codes and not _OBJECT_BEFORE.search(text, max(a, m.start - 20), m.start)
        ),
        None,
    )
    if subject is None:
        return parties
    subjects = _subject_list(before, subject, codes, a, text)
    return [*subjects, *(c for c in dict.fromkeys(codes) if c not in subjects)]


def _subject_list(before: list, subject: str, objects: list[str], lo: int, text: str) -> list[str]:
    """ "Germany, France and Italy signed a deal with Iran": the whole listed subject, when the list
    that holds `subject` is not itself an object ("talks with A and B with ..."); else `subject`."""
    chain = list_runs(before, text, LIST_SEPARATOR.fullmatch)[-1]  # not "US/E3", "Iran-Iraq"
    codes = list(dict.fromkeys(m.code for m in chain))
    head = chain[0]
    if (
        len(codes) < 2
        or subject not in codes
        or any(c in objects for c in codes)
        or (
            _OBJECT_BEFORE.search(text, max(lo, head.start - 20), head.start)
            and not _ORIGIN_BEFORE.search(text, max(lo, head.start - 80), head.start)
        )
    ):
        return [subject]
    return codes


# the subjects' states: "companies from A, B and C ...", "firms from 30 countries including A, B and C"
_ORIGIN_BEFORE = re.compile(
    r"\b(?:companies|firms|businesses|investors|exhibitors|traders|producers|manufacturers|delegations|"
    r"representatives|officials|experts)\s+from\s+(?:[\w-]+\s+){0,5}?(?:(?:countries|states|nations),?\s+"
    r"(?:including|such\s+as|like|namely)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


_SUBJECT_VERB = re.compile(
    r"\s+(?:also\s+)?(?:have|has|had|are|were|is|was|will|would|can|could|agreed|signed|decided|discussed|held|met|"
    r"stressed|called|pledged|vowed|expressed)\b"
)


def _coordinated_subject(info: SentenceInfo, text: str) -> list[str] | None:
    """ "Tehran and Damascus have agreed ...": a pair of states as the sentence's subject."""
    ms = [m for m in info.parties.mentions if m.role in PARTY_ROLES]
    for x, y in itertools.pairwise(ms):
        if (
            x.code != y.code
            and _CONNECTOR.fullmatch(text[x.end : y.start])
            and _SUBJECT_VERB.match(text, y.end)
        ):
            return [x.code, y.code]
    return None


# "between the delegation of Caracas and ...", "between the foreign ministers of"
_BETWEEN_LEAD = re.compile(r"^\s*(?:the\s+)?(?:(?-i:[a-z][\w-]*)\s+){0,3}?(?:(?:of|from)\s+(?:the\s+)?)?$")


# cues whose subject stands between the objects: "mediation role between A and B", "relayed messages between"
_GO_BETWEEN = re.compile(r"(?:mediat|relay|pass|carr|convey)", re.IGNORECASE)
# "normalizing ties between a few small Gulf states and A": an unnamed group of states
_UNNAMED_SIDE = re.compile(
    r"\s*(?:the\s+|some\s+|a\s+few\s+|several\s+|other\s+|certain\s+|many\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:states|countries|nations|governments|regimes|rulers|monarchies)\s+and\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# a cue naming talks right before "between" ("hosted five rounds of talks between"), not brokered ones
# or of ties named after it ("efforts to normalize relations between A and B": the speaker is no party)
_BETWEEN_AFTER_TALKS = re.compile(
    r"\s+((?:the\s+)?(?:diplomatic\s+|bilateral\s+)?(?:relations|ties)\s+)?between\b", re.IGNORECASE
)
_TALKS_END = re.compile(
    r"(?<!brokered )(?<!mediated )(?<!sponsored )\b(?:talks|negotiations|meetings?|dialogue|consultations)$",
    re.IGNORECASE,
)


def _between_gap(gap: str) -> bool:
    """A list separator, a connector or a short "and" phrase between two objects of "between" ("between
    Iran's DoE and this company based in the Netherlands")."""
    loose = len(gap) < 80 and re.search(r"\band\b", gap) and not re.search(r"[,;:.]\s", gap)
    return _listed_gap(gap) or bool(loose)


def _between_objects(info: SentenceInfo, cue: Cue, hi: int, text: str) -> list[str] | None:
    """The coordinated parties right after a cue ending in "between" ("agreement between A, B and C"), or
    right after "between" following a cue of talks ("Oman has hosted three rounds of talks between A and B":
    the host is not a party) or "relations between" ("efforts to normalize relations between A and B"); one
    party when the other side is an unnamed group ("between a few Arab states and B": no pair)."""
    start = cue.end
    if not cue.text.lower().endswith("between"):
        after = _BETWEEN_AFTER_TALKS.match(text, cue.end, hi)
        if after is None or not (after.group(1) or _TALKS_END.search(cue.text)):
            return None
        start = after.end()
    ms = [m for m in info.parties.mentions if start <= m.start < hi and m.role in PARTY_ROLES]
    if ms and _UNNAMED_SIDE.match(text, start, ms[0].start):
        return [ms[0].code]  # "between a few Arab states and Israel": one side unnamed, no pair
    if not ms or not _BETWEEN_LEAD.match(text[start : ms[0].start]):
        return None
    objs = list_run(ms, 0, text, _between_gap, same=True)
    if len(objs) < 2:
        return None  # a lone object ("between Iran and the P5+1") says nothing
    return list(dict.fromkeys(m.code for m in objs))


def subject_before(info: SentenceInfo, cue: Cue, seg_lo: int, text: str) -> bool:
    """ "Iran and Iraq discussed": parties (or "the two sides") come before a weak verb cue."""
    if any(seg_lo <= m.start < cue.start and m.role in PARTY_ROLES for m in info.parties.mentions):
        return True
    return info.anaphoric and bool(
        re.search(r"\b(?:sides|countries|parties|officials|they)\b", text[seg_lo : cue.start])
    )


def joint_gathering(info: SentenceInfo, cue: Cue, text: str) -> bool:
    """A gathering noun ("webinar", "exhibition") names a joint event only when its phrase says so.

    "the Iran-Kazakhstan webinar", "a joint exhibition", "Iranian and Kazakh ...
    seminar", "a workshop between the two", not any conference in a sentence that
    happens to name two countries.
    """
    lo = info.sent.start
    window_lo = max(lo, cue.start - 60)
    before = text[window_lo : cue.start]
    cut = max(before.rfind(","), before.rfind(";"), before.rfind("."))
    if cut >= 0:
        window_lo += cut + 1
        before = before[cut + 1 :]
    if _JOINT_BEFORE.search(before) or _JOINT_AFTER.match(text[cue.end : cue.end + 40]):
        return True
    near = [
        m for m in info.parties.mentions if window_lo <= m.start and m.end <= cue.start and m.role == ACTOR
    ]
    return len({m.code for m in near}) >= 2


def with_list(
    info: SentenceInfo, parties: list[str], lo: int, hi: int, text: str, cue_start: int = 0
) -> bool:
    """Whether the parties are all counterparts of an unnamed subject.

    "signed deals with Kenya and with Uganda", "will visit their German and
    Austrian counterparts", "stood by the side of the people of A and B": the actor
    is the sentence's subject, not one of them.
    The "with" is the cue's, from `cue_start` on: not one inside a noun phrase
    before it ("ornaments with precious stones are among Iranian exports to A and B").
    """
    ms = [m for m in info.parties.mentions if m.code in parties and m.role in PARTY_ROLES]
    if len({m.code for m in ms}) < 2 or any(not (lo <= m.start < hi) for m in ms):
        return False  # the parties come from beyond the cue's own phrase
    start = max(lo, cue_start)
    return (
        _WITH_WORD.search(text, start, ms[0].start) is not None
        or _BACKED_PEOPLES.search(text, start, ms[0].start) is not None
    )


_SINGULAR_DEAL = re.compile(
    r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,4}?(?:agreement|deal|accord|treaty|pact|memorandum|MoU|MOU|contract|"
    r"protocol|convention|charter|declaration)\b(?!\s+of\s+understanding\s+and)",
)


def one_multilateral(cue: Cue, info: SentenceInfo, lo: int, hi: int, text: str) -> bool:
    """ "signed an agreement with A, B and C" is one agreement of all; "deals with A and with B" are not."""
    if cue.type != AGREEMENT or not _SINGULAR_DEAL.search(cue.text):
        return False
    return len(_WITH_WORD.findall(text, cue.start, max(hi, cue.end))) <= 1


def many_countries_before(info: SentenceInfo, parties: list[str], text: str) -> bool:
    """ "with different countries including A, B and C" before the first listed party."""
    first = next((m for m in info.parties.mentions if m.code in parties), None)
    if first is None:
        return False
    w = _WITH_WORD.search(text, max(info.sent.start, first.start - 80), first.start)
    return w is not None and _MANY_COUNTRIES.match(text, w.end(), first.start) is not None


# ties, relations and exchanges are bilateral by nature: "A, B and C normalized ties with D"
_BILATERAL_NATURE = re.compile(
    r"\b(?:ties|relations|relationship|friendship|exchanges?|swaps?)\b", re.IGNORECASE
)


def _subjects_with_one(before: list, after: list, text: str) -> list[list[str]] | None:
    """ "A, B and C have normalized ties with D": each listed subject with the one partner."""
    partners = list(dict.fromkeys(m.code for m in after))
    if len(partners) != 1:
        return None
    subjects = list_runs(before, text, _listed_gap)[-1]
    codes = [c for c in dict.fromkeys(m.code for m in subjects) if c != partners[0]]
    return [[c, partners[0]] for c in codes] if len(codes) >= 2 else None


# the partners of ties named as examples after the clause: "strengthen ties with allies in the region,
# including A and B", "deepen ties with its neighbours, particularly with A and B"
_EXAMPLES_AT = re.compile(
    r"\s*,?\s*(?:including|particularly|especially|notably|in\s+particular|such\s+as|namely|mainly)\s+"
    r"(?:with\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def _examples_after(info: SentenceInfo, hi: int, text: str) -> list[PartyMention]:
    """The listed parties right after `hi` introduced as examples ("..., including A and B"), else none."""
    at = _EXAMPLES_AT.match(text, hi)
    if at is None:
        return []
    ms = [m for m in info.parties.mentions if m.start >= at.end() and m.role in PARTY_ROLES]
    if not ms or ms[0].start != at.end():
        return []
    return list_run(ms, 0, text)


def subject_with(info: SentenceInfo, cue: Cue, lo: int, hi: int, text: str) -> list[list[str]] | None:
    """ "Kenya signed deals with Uganda and with Tanzania", "held separate talks with A and B": one each.

    The subject named before "with" pairs with each party after it, unless the
    phrase is one multilateral act ("an agreement with A and B", "met with A and B").
    Ties and exchanges are bilateral by nature: "A has electricity exchange with B,
    C and D", "A, B and C normalized ties with D" are one act per pair with the hub.
    """
    w = _WITH_WORD.search(text, cue.start, hi)
    if w is None or _JOINT_CUE.match(cue.text):
        return None
    before = [m for m in info.parties.mentions if lo <= m.start < w.start() and m.role == ACTOR]
    after = [m for m in info.parties.mentions if w.end() <= m.start < hi and m.role in PARTY_ROLES]
    named = _object_named(text, cue, w)
    bilateral = _BILATERAL_NATURE.search(named) is not None
    if bilateral and before:
        after += _examples_after(info, hi, text)
    if not before or not after:
        return None
    if bilateral and len(before) >= 2:
        star = _subjects_with_one(before, after, text)
        if star:
            return star
    subject = before[-1].code
    others = [c for c in dict.fromkeys(m.code for m in after) if c != subject]
    if len(others) < 2:
        return None
    separate = (
        SEPARATE.search(text, max(info.sent.start, cue.start - 30), w.start()) is not None
        or _MANY_COUNTRIES.match(text, w.end(), after[0].start) is not None
    )
    repeated = len(_WITH_WORD.findall(text, w.start(), hi)) > 1 and re.search(
        r"\band\s+with\b", text[w.start() : hi], re.IGNORECASE
    )
    plural = cue.type == AGREEMENT and _PLURAL_DEALS.search(named) is not None
    if not (separate or repeated or plural or bilateral):
        return None  # "X met with A and B", "signed the JCPOA with A, B and C": one act of all
    return [[subject, c] for c in others]


# how far past a cue's start the words before "with" may name what the act is ("signed three oil contracts with")
_OBJECT_REACH = 50


def _object_named(text: str, cue: Cue, w: re.Match[str]) -> str:
    """The cue with the words after it up to "with", which name what was done ("signed deals with A and B",
    "is ready to expand ties with A, B and C": the plural deals or the ties are one act per partner), or the
    cue alone when "with" is farther than `_OBJECT_REACH` or a clause break stands between."""
    gap = text[cue.start : w.start()]
    if len(gap) > _OBJECT_REACH or re.search(r"[,;:()]", gap):
        return cue.text
    return gap


def origin_star(info: SentenceInfo, cue: Cue, lo: int, hi: int, text: str) -> list[list[str]] | None:
    """ "Companies from A, B and C will cooperate with D": the firms of each state deal with D, one act
    each (the star of gatherings), not one act of all."""
    w = _WITH_WORD.search(text, cue.start, hi)
    if w is None:
        return None
    before = [m for m in info.parties.mentions if lo <= m.start < cue.start and m.role in PARTY_ROLES]
    after = {m.code for m in info.parties.mentions if w.end() <= m.start < hi and m.role in PARTY_ROLES}
    if len(before) < 2 or len(after) != 1:
        return None
    chain = list_runs(before, text)[-1]
    if len(chain) < 2 or not _ORIGIN_BEFORE.search(text, max(lo, chain[0].start - 80), chain[0].start):
        return None
    hub = next(iter(after))
    spokes = [c for c in dict.fromkeys(m.code for m in chain) if c != hub]
    return [[hub, c] for c in spokes] if len(spokes) >= 2 else None


_PLURAL_DEALS = re.compile(
    r"\b(?:agreements|deals|accords|treaties|pacts|memorand(?:a|ums)|MoUs|MOUs|contracts|protocols|documents)\b"
)


def counterpart_list(info: SentenceInfo, lo: int, hi: int, text: str) -> list[str]:
    """ "their German and Austrian counterparts", "met his counterparts from A, B and C", "met with the foreign
    ministers of A, B and C" (`_OFFICIALS_MET`): the states of a possessive counterparts list or of officials
    met one by one."""
    ms = [m for m in info.parties.mentions if lo <= m.start < hi and m.role == ACTOR and m.kind == "demonym"]
    for i, first in enumerate(ms):
        if not _POSSESSIVE_BEFORE.search(text, max(lo, first.start - 12), first.start):
            continue
        group = list_run(ms, i, text)
        if len({m.code for m in group}) >= 2 and _COUNTERPARTS_AFTER.match(text, group[-1].end):
            return list(dict.fromkeys(m.code for m in group))
    named = [m for m in info.parties.mentions if lo <= m.start < hi and m.role in PARTY_ROLES and not m.igo]
    for i, first in enumerate(named):
        met = _OFFICIALS_MET.search(text, max(lo, first.start - 120), first.start)
        if first.kind in ("country", "capital") and met:
            # the state of the officials named first in a chain ("the president of A and the ministers of B,
            # C and D")
            chained = (
                [m.code for m in named[:i] if met.start("chain") <= m.start] if met.group("chain") else []
            )
            listed = list(dict.fromkeys(chained + [m.code for m in list_run(named, i, text)]))
            if len(listed) >= (MANY_ENVOYS if met.group("envoys") else 2):
                return listed
    return []


_HYPHEN = re.compile(r"\s*[-–]\s*")


def hyphen_pairs(
    info: SentenceInfo, parties: list[str], lo: int, hi: int, text: str
) -> list[list[str]] | None:
    """ "the Iran-Oman, Iran-Qatar and Iran-Kuwait trade committees": a list of two or more hyphenated
    pairs is one tie per pair, not one event of all; None unless such pairs name every party (a chain
    "the Iran-Pakistan-India pipeline" is one tie of all)."""
    ms = [m for m in info.parties.mentions if lo <= m.start < hi and m.role in PARTY_ROLES]
    pairs = [[m.code for m in run] for run in list_runs(ms, text, _HYPHEN.fullmatch) if len(run) > 1]
    if (
        len(pairs) < 2
        or any(len(set(c)) != 2 for c in pairs)
        or {x for c in pairs for x in c} != set(parties)
    ):
        return None
    return [list(p) for p in dict.fromkeys(tuple(sorted(c)) for c in pairs)]


_JOINT_CUE = re.compile(r"with the\b", re.IGNORECASE)
# a verb of speech that opens a reported clause right after its speaker: "the Iranian spokesman said Britain is
# selling arms to Saudi Arabia" (the speaker is no actor of the flow)
_SPEAKER_VERBS = words(
    SAID_WORDS, ("claimed", "complained", "urged", "urges", "asked", "asks", r"call(?:s|ed)\s+on")
)
_SPEAKER_GAP = re.compile(
    rf"\s+(?:[\w.’'-]+\s+){{0,4}}?(?:{_SPEAKER_VERBS}|told\s+(?:[\w-]+\s+){{0,2}}?reporters)"
    r"(?:\s+on\s+\w+)?\s+(?:that\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def _reported(ms: list[PartyMention], text: str) -> list[list[str]] | None:
    """ "X's spokesman said A sold arms to B and C": the flow of the reported clause, without its speaker (the
    first mention, right before the verb of speech); None unless such a speaker opens the clause."""
    first, second = ms[0], ms[1]
    if first.code == second.code or not _SPEAKER_GAP.fullmatch(text, first.end, second.start):
        return None
    rest = [m for m in ms[1:] if m.code != first.code]
    codes = list(dict.fromkeys(m.code for m in rest))
    if len(codes) < 2:
        return None
    if len(codes) == 2:
        return [codes]
    hub = rest[0]
    tail = [m for m in rest[1:] if m.code != hub.code]
    if _CONNECTOR.fullmatch(text[hub.end : tail[0].start]):
        return None
    return [[hub.code, c] for c in dict.fromkeys(m.code for m in tail)]


def hub_and_spokes(
    info: SentenceInfo, parties: list[str], lo: int, hi: int, type_name: str, text: str, cue_text: str = ""
) -> list[list[str]] | None:
    """Hub-and-spoke events, not a clique.

    "investments by A, B and C in X" are A-X, B-X, C-X (X is the one partner);
    "Iran exports oil to A, B and C" (a material flow from one actor, named first
    and apart, to others) are Iran-A, Iran-B, Iran-C.
    """
    if len(parties) < 3 or _JOINT_CUE.match(cue_text):
        return None  # "compiled with the cooperation of A, B and C": one joint activity of all
    ms = [m for m in info.parties.mentions if lo <= m.start < hi and m.role in PARTY_ROLES]
    partners = {m.code for m in ms if m.role == PARTNER}
    if len(partners) == 1:
        hub = next(iter(partners))
        return [[hub, p] for p in parties if p != hub]
    if type_name not in (COOPERATION, AID) or len(ms) < 3:
        return None
    said = _reported(ms, text)
    if said is not None:
        return said
    first = ms[0]
    rest = [m for m in ms[1:] if m.code != first.code]
    if not rest or _CONNECTOR.fullmatch(text[first.end : rest[0].start]):
        return None
    return [[first.code, m] for m in dict.fromkeys(x.code for x in rest)]


# a deal or talks and the state that brokered them: "a truce with A that was brokered by B", "the
# accords, which were negotiated by the government of then-Prime Minister X", "talks mediated by A and B",
# "discussions hosted and mediated by A", "talks held under the auspices of A" (not "talks hosted by A and B":
# two hosts of two rounds)
_BROKERED_BY = re.compile(
    r"\b(?:deals?|agreements?|accords?|cease-?fires?|truces?|pacts?|talks|negotiations|discussions|consultations|"
    r"dialogue|rapprochement|reconciliation|normali[sz]ation|peace\s+process)\b"
    r"(?:[^.;:,]{0,40}?|,\s*(?:(?:which|that)\s+[^.;:,]{0,20}?)?)"
    r"\b(?:(?:brokered|mediated|co-?sponsored|sponsored|negotiated|facilitated)\s+by|under\s+(?:the\s+)?auspices\s+of)"
    r"\s+(?:the\s+)?(?:(?:[\w.-]+\s+){0,5}?)?$",
    re.IGNORECASE,
)


def brokers(info: SentenceInfo, text: str) -> list[str]:
    """The parties named as the broker of a deal or talks in the sentence ("brokered by A", "mediated by A and
    B"): the first party named right after "by" and those listed with it; none without such a phrase."""
    ms = [m for m in info.parties.mentions if m.role in PARTY_ROLES]
    for i, m in enumerate(ms):
        if not _BROKERED_BY.search(text, max(info.sent.start, m.start - 140), m.start):
            continue
        return list(dict.fromkeys(x.code for x in list_run(ms, i, text, _listed_gap, same=True)))
    return []


# a broker's act on deals ("facilitated accords between A and B, C and D", "he brokered a deal between A and
# B"): the noun right after the verb, then "between"; the deal may be named in quotes or as the broker called it
# ("brokered a “historic deal” between", "brokered what he called “a historic deal” between"); the subject
# right before the verb ("Washington brokered", "the US president facilitated", "he brokered")
_BROKERED_DEALS = re.compile(
    r"(?:[\w.-]+-)?(?P<verb>brokered|facilitated|mediated)\s+"
    r"(?:what\s+(?:he|she|it|they)\s+(?:called|termed|described\s+as)\s+)?[“\"‘]?(?:(?:a|an|the)\s+)?[“\"‘]?"
    r"(?:[\w-]+\s+){0,2}?(?P<noun>deals?|agreements?|accords?|pacts?|treat(?:y|ies)|cease-?fires?|truces?)"
    r"[”\"’]?\s+between\s+",
    re.IGNORECASE,
)
_BROKER_SUBJECT_GAP = re.compile(r"-|\s*(?:(?-i:[a-z][\w-]*)\s+){0,2}?(?:also\s+|then\s+)?")
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she)\s+(?:also\s+|then\s+)?$", re.IGNORECASE)
_FIRST_AND = re.compile(r"\s+and\s+(?:the\s+)?")


def _brokered_deals_at(info: SentenceInfo, cue: Cue, text: str) -> re.Match[str] | None:
    """The broker's act on a deal or deals (`_BROKERED_DEALS`) that holds the start of `cue`, if any."""
    for m in _BROKERED_DEALS.finditer(text, max(info.sent.start, cue.start - 60), info.sent.end):
        if m.start() <= cue.start < m.end():
            return m
    return None


def _brokered_objects(info: SentenceInfo, m: re.Match[str], text: str) -> list[PartyMention]:
    """The parties listed right after the "between" of a broker's act `m` (`_BROKERED_DEALS`)."""
    ms = [x for x in info.parties.mentions if x.start >= m.end() and x.role in PARTY_ROLES]
    if not ms or not re.fullmatch(r"(?:the\s+)?", text[m.end() : ms[0].start], re.IGNORECASE):
        return []
    return list_run(ms, 0, text, _between_gap, same=True)


def deals_apart(info: SentenceInfo, cue: Cue, text: str) -> list[list[str]] | None:
    """ "brokered accords between A and B, C and D": a deal of A with each of the others (the plural names one
    deal per pair, the first party joined by "and" to a list of the rest); None for another wording or a list
    of two ("an accord between A, B and C" is one deal of all)."""
    m = _brokered_deals_at(info, cue, text)
    if m is None or not m.group("noun").lower().endswith("s"):  # one deal per pair only for the plural
        return None
    objs = _brokered_objects(info, m, text)
    codes = list(dict.fromkeys(x.code for x in objs))
    if len(codes) < 3 or not _FIRST_AND.fullmatch(text[objs[0].end : objs[1].start]):
        return None
    return [[codes[0], c] for c in codes[1:]]


def brokered_sides(info: SentenceInfo, cue: Cue, text: str) -> list[str]:
    """The sides of the deal a broker's act at `cue` names ("he brokered what he called “a historic deal”
    between A and B": A and B, however the parse hangs them); none without such an act."""
    m = _brokered_deals_at(info, cue, text)
    return [] if m is None else list(dict.fromkeys(x.code for x in _brokered_objects(info, m, text)))


def _person_before(info: SentenceInfo, pos: int) -> str | None:
    """The state of the last person the sentence names before `pos` ("Putin said that he ..."), if any."""
    persons = [x for x in info.parties.mentions if x.kind in ("person", "person-home") and x.end <= pos]
    return persons[-1].code if persons else None


def broker_subject(info: SentenceInfo, cue: Cue, text: str, pronoun: str | None) -> list[str]:
    """The party named right before the broker's verb of `cue` ("Washington brokered accords between ...",
    "the US president facilitated ...", "US-brokered"), or `pronoun`, the state "he"/"she" stands for, when
    the verb's subject is the pronoun; none when the subject is neither."""
    m = _brokered_deals_at(info, cue, text)
    if m is None:
        return []
    verb = m.start("verb")
    if _PRONOUN_SUBJECT.search(text, max(info.sent.start, verb - 20), verb):
        said = _person_before(info, verb)  # "Trump announced that he brokered": he is Trump
        return [said] if said else [pronoun] if pronoun else []
    before = [x for x in info.parties.mentions if x.end <= verb and x.role in PARTY_ROLES]
    if (
        before
        and before[-1].start >= info.sent.start
        and _BROKER_SUBJECT_GAP.fullmatch(text[before[-1].end : verb])
    ):
        return [before[-1].code]
    return []


# the stops of one tour listed after its cue ("a tour to A, B and finally C", "visits to A and B")
_TOUR_TO = re.compile(r"\b(?:tours?|trips?|visits?)\s+(?:to|of)$", re.IGNORECASE)
# firms of several states one actor deals with ("negotiating with companies from A, B and C")
_FIRMS_FROM = re.compile(
    r"\s*(?:with\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:companies|firms|businesses|investors|banks|contractors)"
    r"\s+from\s+(?:the\s+)?",
    re.IGNORECASE,
)
# between two stops or firms' states, whole (`fullmatch`): "A, B and finally C", "A and then B"
_STOP_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:then\s+|finally\s+|later\s+)?(?:the\s+)?")


def one_by_one_after(info: SentenceInfo, cue: Cue, hi: int, text: str) -> list[str]:
    """The states listed right after the cue as its actor's separate counterparts: the stops of a tour
    ("a tour to A, B and finally C") or the states of firms dealt with ("negotiating with companies from A,
    B and C"); [] unless two states or more are so listed."""
    ms = [m for m in info.parties.mentions if cue.end <= m.start < hi and m.role in PARTY_ROLES]
    if not ms:
        return []
    lead = text[cue.end : ms[0].start]
    tour = _TOUR_TO.search(cue.text) is not None and _THE.fullmatch(lead) is not None
    # not one deal with firms of several states ("signed a joint venture agreement with firms from A and B")
    firms = (
        _FIRMS_FROM.fullmatch(lead) is not None
        and (_WITH_CUE.search(cue.text) is not None or lead.lstrip().lower().startswith("with"))
        and _SINGULAR_DEAL.search(cue.text) is None
    )
    if not (tour or firms):
        return []
    codes = list(dict.fromkeys(m.code for m in list_run(ms, 0, text, _STOP_GAP.fullmatch, same=True)))
    return codes if len(codes) >= 2 else []


# meetings held in several states, listed: "to hold meetings with businessmen and officials in A, B and C"
_MEETINGS_IN = re.compile(
    r"\b(?:meetings|talks|consultations|visits)\b[^.;:]{0,80}?\bin\s+(?:the\s+)?$", re.IGNORECASE
)


def venues_listed(info: SentenceInfo, group: list[str], text: str) -> bool:
    """True when the group is exactly a list of two states or more named as the places of meetings ("will
    hold meetings with officials in A, B and C"): the stops of one delegation, not partners of each other."""
    ms = [m for m in info.parties.mentions if m.role in PARTY_ROLES]
    for run in list_runs(ms, text, _STOP_GAP.fullmatch, same=True):
        codes = {m.code for m in run}
        if codes == set(group) and len(codes) >= 2:
            lo = max(info.sent.start, run[0].start - 120)
            return _MEETINGS_IN.search(text, lo, run[0].start) is not None
    return False


# a commitment to a deal ("reaffirmed their commitment to it", "remain committed to preserving the JCPOA")
_COMMITMENT_CUE = re.compile(r"\bcommit", re.IGNORECASE)
_TO_DEAL = re.compile(
    r"\s*(?:it\b|(?:[\w-]+\s+){0,4}?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:deal|accord|agreement|JCPOA|treaty)\b)",
    re.IGNORECASE,
)
MANY_SIGNATORIES = 3  # two states committed to a deal may be its two sides; three or more state a stance


def own_commitment(info: SentenceInfo, cue: Cue, group: list[str], text: str) -> bool:
    """True when the group is only a list of three states or more before a cue of commitment to a deal
    ("A, B, C and D have all reaffirmed their commitment to it", "A, B and C remain committed to the JCPOA"):
    each states its stance on the deal, not an act among them."""
    if not _COMMITMENT_CUE.search(cue.text) or _TO_DEAL.match(text, cue.end) is None:
        return False
    before = [m for m in info.parties.mentions if m.end <= cue.start and m.role in PARTY_ROLES]
    if not before or any(m.start >= cue.end and m.code in group for m in info.parties.mentions):
        return False
    run = list_runs(before, text, _listed_gap, same=True)[-1]
    states = {m.code for m in run if not m.igo}
    return set(group) <= {m.code for m in run} and len(states) >= MANY_SIGNATORIES


# the ends of a flow listed after its verb or route noun: "plans to resume its shipping lines to A, B and C", "goods
# can be exported to Europe, some cities of A, B and C", "wants to buy gas from A and B" (up to four words, a
# region named first, between "to"/"from" and the list)
_FLOW_BEFORE_LIST = re.compile(
    r"\b(?:export(?:s|ed|ing)?|import(?:s|ed|ing)?|ship(?:s|ped|ping)?|shipping\s+lines?|flights?|air\s+routes?|"
    r"transit(?:ed|ing)?|sell(?:s|ing)?|sold|suppl(?:y|ies|ied|ying)|deliver(?:s|ed|ing|y|ies)?|"
    r"buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing))\b"
    r"(?:\s+[\w’'-]+){0,3}?\s+(?:to|from)\s+(?:the\s+)?(?:[\w’'-]+,?\s+){0,4}?$",
    re.IGNORECASE,
)


# the other end of a flow named after its listed ends: "from A and B to C"
_CHAIN_END = re.compile(r"\s+(?:to|into)\s+(?:the\s+)?", re.IGNORECASE)


def flow_ends(info: SentenceInfo, parties: list[str], lo: int, hi: int, text: str) -> list[list[str]] | None:
    """ "Iran plans to resume its shipping lines to A, B and C", "X can be exported to A and B": a flow still to
    come whose ends are listed after its "to"/"from" is one flow with each end, from the parties named before the
    list (its source), not one act of the ends with each other; None without such a list and a source."""
    ms = [
        m for m in info.parties.mentions if lo <= m.start < hi and m.code in parties and m.role in PARTY_ROLES
    ]
    for run in list_runs(ms, text, _listed_gap, same=True):
        ends = list(dict.fromkeys(m.code for m in run))
        if len(ends) < 2 or not _FLOW_BEFORE_LIST.search(text, max(lo, run[0].start - 120), run[0].start):
            continue
        if _CHAIN_END.match(text, run[-1].end) and any(m.start > run[-1].end for m in ms):
            return None  # "to import gas from A and B to C": a chain of all, not ends of one source
        before = [m for m in ms if m.end <= run[0].start and m.code not in ends]
        if not before:
            return None
        # the source: the last party, or list of parties, named before the ends ("Iranian goods", "A and B")
        sources = list(dict.fromkeys(m.code for m in list_runs(before, text, _listed_gap, same=True)[-1]))
        return [[*sources, c] for c in ends]
    return None
