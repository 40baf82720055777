"""Officials as parties: who an official stands for, whom he meets one by one, where his tour stops.

- **The subject official** of a sentence ("Iraqi Prime Minister X visited Tehran and met Y", "Iran's
  Foreign Minister arrived in Muscat"): the state of the first official it names as an actor, by name or
  by a state and a title. A next sentence opening on "He"/"She" speaks of him (`subject_official`).
- **Officials met one by one** ("held talks with the leaders of A and B", "spoke with the Dutch and
  Austrian foreign ministers", "met with military officials from A and B", "his counterparts from A, B
  and C"): the states of the listed officials, each a counterpart of the subject, not of each other
  (`officials_listed`); a joint, trilateral or multilateral occasion, or one held in a listed state
  ("visited A, where he met the A and B presidents"), stays one event of all.
- **Tour stops** ("a regional tour that will include A, B and C", "a trip to Africa which took him to A
  and B", "a European tour, with A, B and C on the agenda", "The tour also includes A"): one visit per
  stop with the traveller's state, never a meeting of the stops with each other (`tour_of`); a
  stop yet to come is an `intent`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from libs.extraction.candidates import EXPLICIT, INTENT, MEETING, PRONOUN, Candidate, SentenceInfo
from libs.extraction.clauses import list_run
from libs.extraction.mention_roles import ACTOR, PARTY_ROLES, PLACE_ROLES, PartyMention
from libs.extraction.occasions import placed_candidate
from libs.extraction.triggers import Cue

# a title right after a state ("Iranian Foreign Minister", "Iran's deputy foreign minister", "the Omani minister")
_TITLE_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:minister|president|ambassador|envoy|official|diplomat|spokes\w+|"
    r"chief|head|commander|premier|king|emir|leader|secretary|chancellor|speaker|FM|negotiator)\b",
    re.IGNORECASE,
)
_PERSON_KINDS = ("person", "person-home")
_STATE_KINDS = ("country", "demonym")

# the nouns of officials listed by their states
_OFFICIALS = (
    r"(?:officials|ministers|FMs|counterparts|leaders|presidents|premiers|heads\s+of\s+state|diplomats|"
    r"authorities|commanders|chiefs|delegations|lawmakers|parliamentarians|negotiators)"
)
# the act of meeting or talking with someone, up to its "with"
_TALKED_WITH = (
    r"\b(?:(?:held|holds|hold|holding|had|has|have|having)\s+(?:separate\s+|several\s+|bilateral\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:talks|discussions|consultations|meetings|conversations|calls|contacts)|"
    r"spoke|speaks|talked|conferred|met|meets|meet|(?:after|before|while|when|upon)\s+meeting|"
    r"to\s+meet|discussed\s+[\w\s-]{0,40}?|consulted)"
    r"(?:\s+(?:by|over\s+the)\s+(?:tele)?phone)?\s+with\s+"
)
# "... with the leaders of A and B", "... with military officials from A and B", "and his counterparts from"
_OFFICIALS_OF = re.compile(
    rf"(?:{_TALKED_WITH}(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){{0,3}}?|"
    r"\b(?:and|as\s+well\s+as)\s+(?:his|her|their)\s+(?:[\w-]+\s+)?)"
    rf"{_OFFICIALS}\s+(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "... with the Dutch and Austrian foreign ministers", "... with Italian and Vatican officials"
_WITH_DEMONYMS = re.compile(rf"{_TALKED_WITH}(?:the\s+|his\s+|her\s+|their\s+)?$", re.IGNORECASE)
_OFFICIALS_AFTER = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?{_OFFICIALS}\b", re.IGNORECASE)
# one occasion of all: "a joint meeting with the ministers of A and B", "trilateral talks with"
_ONE_OCCASION = re.compile(
    r"\b(?:joint|trilateral|tripartite|quadrilateral|multilateral|four-way|three-way|together|summit|"
    r"a\s+meeting|the\s+meeting|a\s+session|video\s*conference)\b",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+|&\s*)(?:the\s+)?")


def _titled(m: PartyMention, text: str) -> bool:
    """An official named by a person's name, or by a state and a title after it."""
    return m.kind in _PERSON_KINDS or (m.kind in _STATE_KINDS and _TITLE_AFTER.match(text, m.end) is not None)


def subject_official(info: SentenceInfo, text: str) -> str | None:
    """The state of the official the sentence opens its story with: its first actor, when that is a person
    or a state with a title ("Iran's Foreign Minister ..."); None otherwise."""
    actors = [m for m in info.parties.mentions if m.role == ACTOR and not m.igo]
    if not actors:
        return None
    first = actors[0]
    return first.code if _titled(first, text) else None


def _places(info: SentenceInfo) -> set[str]:
    """The states of the places the sentence names (visited, or where something is held)."""
    return {m.code for m in info.parties.mentions if m.role in PLACE_ROLES and not m.igo}


def officials_listed(info: SentenceInfo, lo: int, hi: int, text: str) -> list[str]:
    """The states of two officials or more listed in text[lo:hi] as met or talked with one by one ("held
    talks with the leaders of A and B", "with the Dutch and Austrian foreign ministers"); [] when none are
    or when the clause names one occasion of all ("a joint meeting with", "trilateral talks with")."""
    named = [m for m in info.parties.mentions if lo <= m.start < hi and m.role in PARTY_ROLES and not m.igo]
    for i, first in enumerate(named):
        window = max(lo, first.start - 160)
        run = list_run(named, i, text, _LIST_GAP.fullmatch, same=True)
        if first.kind in ("country", "capital"):
            lead = _OFFICIALS_OF.search(text, window, first.start)
        elif first.kind == "demonym" and _OFFICIALS_AFTER.match(text, run[-1].end):
            lead = _WITH_DEMONYMS.search(text, window, first.start)
        else:
            continue
        listed = list(dict.fromkeys(m.code for m in run))
        if lead is None or len(listed) < 2:
            continue
        # one occasion of all, or one held in a listed state ("visited A, where he met the A and B presidents")
        if _ONE_OCCASION.search(text, max(lo, lead.start() - 40), run[-1].end) or set(listed) & _places(info):
            return []
        # "talks with Qatar's premier and his counterparts from A and B": the official named before joins
        before = [m.code for m in named[:i] if m.start >= lead.start() and _titled(m, text)]
        return list(dict.fromkeys([*before, *listed]))
    return []


# a tour's stops introduced after its noun: "a tour that will include", "a trip which took him to", "a tour
# of Europe that was scheduled to take him later to", "The tour also includes"
_TOUR_STOPS = re.compile(
    r"\b(?:tour|trip|journey)\b[^.;:!?]{0,80}?\b(?:include[sd]?|including|cover(?:s|ed)?|"
    r"takes?|took|taken|taking)\s+(?:(?:him|her|them)\s+)?(?:(?:later|also|then|first)\s+)?(?:to\s+)?"
    r"(?:stops?\s+in\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "a European tour, with A, B and C on the agenda"
_TOUR_WITH = re.compile(r"\b(?:tour|trip)\b[^.;:!?]{0,40}?,\s+with\s+(?:the\s+)?$", re.IGNORECASE)
_ON_AGENDA = re.compile(r"\s+on\s+(?:the\s+|his\s+|her\s+|its\s+)?(?:agenda|itinerary)\b", re.IGNORECASE)
# one more stop named beside the visit the sentence tells ("arrived in A on a trip which will also include B")
_ONE_MORE = re.compile(r"\b(?:also|later|then)\b", re.IGNORECASE)
_TOUR_NOUN = re.compile(r"\b(?:tour|trip|journey)\b", re.IGNORECASE)
_STOP_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:then\s+|finally\s+|later\s+|also\s+)?(?:the\s+)?")
# the tour or its stops are yet to come
_FUTURE = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|was\s+to|scheduled|planned|plans|expected|set\s+to|due\s+to|"
    r"upcoming|to\s+include|includes?|to\s+take)\b",
    re.IGNORECASE,
)
# told at the tour's start: the stops after the first are yet to come, unless told as done ("took him to")
_AT_START = re.compile(
    r"\b(?:first\s+leg|start\s+of|starting|begin\w*|began|set\s+off|sets\s+off|kick\w*\s+off)\b",
    re.IGNORECASE,
)
_DONE = re.compile(r"\b(?:took|taken)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
_TOUR_OPENER = re.compile(r"\W*(?:The|This|His|Her)\s+(?:[\w-]+\s+){0,2}?(?:tour|trip|journey)\b")


def tour_stops(info: SentenceInfo, text: str) -> tuple[list[str], re.Match[str]] | None:
    """The states a tour named in the sentence stops at (two or more, or one after "also", "later" or "The
    tour ..."), with the match of the phrase introducing them; None when the sentence lists none."""
    ms = [m for m in info.parties.mentions if not m.igo]
    lo = info.sent.start
    for i, first in enumerate(ms):
        window = max(lo, first.start - 140)
        lead = _TOUR_STOPS.search(text, window, first.start)
        run = list_run(ms, i, text, _STOP_GAP.fullmatch, same=True)
        if lead is None:
            lead = _TOUR_WITH.search(text, window, first.start)
            if lead is None or _ON_AGENDA.match(text, run[-1].end) is None:
                continue
        stops = list(dict.fromkeys(m.code for m in run))
        if len(stops) >= 2 or _ONE_MORE.search(lead.group(0)) or _TOUR_OPENER.match(text, lo, lead.end()):
            return stops, lead
    return None


def _traveller(
    info: SentenceInfo, text: str, before: int, pronoun_state: str | None
) -> tuple[str, str] | None:
    """The state of the official travelling and how it was found: the first official named before `before`,
    else the state a pronoun or "The tour" stands for (`pronoun_state`)."""
    for m in info.parties.mentions:
        if m.start >= before:
            break
        if m.role == ACTOR and not m.igo and _titled(m, text):
            return m.code, EXPLICIT
    lo = info.sent.start
    if pronoun_state and (_PRONOUN.search(text, lo, before) or _TOUR_OPENER.match(text, lo, before + 8)):
        return pronoun_state, PRONOUN
    return None


def _tour_type(text: str, lo: int, end: int, lead: re.Match[str]) -> str:
    """`intent` for stops yet to come, else `meeting`."""
    if _FUTURE.search(text, lo, end):
        return INTENT
    if _AT_START.search(text, lo, end) and not _DONE.search(lead.group(0)):
        return INTENT
    return MEETING


@dataclass(frozen=True, slots=True)
class Tour:
    """The visits of one tour the sentence lists: the traveller's state, the stops, one candidate per stop."""

    traveller: str
    stops: tuple[str, ...]
    visits: list[Candidate]

    def replaces(self, cand: Candidate) -> bool:
        """Whether a cue's candidate is a false reading of the tour: a meeting or intent naming a stop
        without the traveller (the stops, or a stop and the place of the sentence, with each other)."""
        return (
            cand.type in (MEETING, INTENT)
            and self.traveller not in cand.parties
            and bool(cand.parties & set(self.stops))
        )

    def added(self, made: list[Candidate]) -> list[Candidate]:
        """The visits whose pair no candidate of `made` has already (an arrival told with the tour)."""
        return [t for t in self.visits if not any(c.parties == t.parties for c in made)]


def tour_of(
    info: SentenceInfo,
    pos: int,
    text: str,
    pronoun_state: str | None,
    igo_codes: Collection[str],
    groups: Mapping[str, tuple[str, ...]] | None = None,
) -> Tour | None:
    """The tour the sentence lists with its traveller (see the module docstring); None without a traveller
    or a stop."""
    found = tour_stops(info, text)
    if found is None:
        return None
    stops, lead = found
    noun = _TOUR_NOUN.search(text, lead.start(), lead.end())
    start = noun.start() if noun else lead.start()
    traveller = _traveller(info, text, start, pronoun_state)
    if traveller is None:
        return None
    state, source = traveller
    others = tuple(s for s in stops if s != state)
    etype = _tour_type(text, info.sent.start, lead.end(), lead)
    cue = Cue(start, lead.end(), etype, True, text[start : lead.end()], irrealis=etype == INTENT)
    made = (placed_candidate(info, pos, cue, [state, s], source, igo_codes, groups) for s in others)
    visits = [c for c in made if c is not None]
    return Tour(state, others, visits) if visits else None
