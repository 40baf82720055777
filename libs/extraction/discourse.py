"""From per-sentence evidence to candidate events, sentence by sentence.

The pipeline over the content sentences of a document (repeats dropped):

1. every sentence gets its gazetteer mentions with roles (`mention_roles.py`), its
   cues (`triggers.py`), its date phrases (`dates.py`) and a few flags (anaphora,
   continuation opener, conflict, sports): a `SentenceInfo`;
2. a sentence with cues yields one candidate per event type, whose parties are
   the actors its cue's clause names (`clauses.py`); when it names fewer than two,
   the fallback rules below fill them in from the discourse: "the two sides" etc.
   borrow the parties of the context (the last sentence that named two or more),
   "he" the state of the last person named, an official named by title alone the
   dateline's state, a meeting with one named party the visited place's state;
   a listed group is one multilateral event or separate ones (`clauses.py`); a
   gathering attended by participants "from A, B and C" is one conference of them
   and its host (`gatherings.py`);
3. candidates need two or more parties; weak cues need them named in the sentence;
4. candidates of the same type and parties are one occasion (`occasions.py`)
   unless their dates differ; sentences that only continue an occasion ("During
   the meeting, ...") add evidence (and so sectors) to it;
5. an event without its own date takes the date of the occasion it continues.

What is carried from one sentence to the next lives in `DiscourseState`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from libs.extraction.candidates import (
    AGREEMENT,
    AID,
    CONFERENCE,
    CONTEXT,
    COOPERATION,
    DOMESTIC,
    EXPLICIT,
    HOME,
    INTENT,
    MEETING,
    PRONOUN,
    TYPE_ORDER,
    VENUE,
    Candidate,
    SentenceInfo,
)
from libs.extraction.clauses import (
    SEPARATE,
    around,
    broker_subject,
    brokered_sides,
    brokers,
    counterpart_list,
    counterparts_gap,
    cue_parties,
    deals_apart,
    flow_ends,
    hub_and_spokes,
    hyphen_pairs,
    joint_gathering,
    linked,
    list_run,
    listed_spokes,
    many_countries_before,
    members_listed,
    one_by_one_after,
    one_multilateral,
    origin_star,
    own_commitment,
    segments,
    subject_before,
    subject_with,
    unnamed_actor,
    venues_listed,
    with_list,
)
from libs.extraction.coalitions import coalition_candidates
from libs.extraction.contractors import contractor_candidates
from libs.extraction.deadline import DEADLINE_EVERY, Deadline
from libs.extraction.envoys import delivered_to_envoys, envoy_post, envoys_host, envoys_star, listed_envoys
from libs.extraction.gatherings import entry_candidates, exhibition_abroad_candidates, gathering_candidates
from libs.extraction.gazetteer import STATE_CODES
from libs.extraction.mention_roles import (
    ACTOR,
    DESTINATION,
    IGO_SEATS,
    PARTY_ROLES,
    SEAT_STATES,
    PartyMention,
)
from libs.extraction.negotiations import (
    ArticleParties,
    Processes,
    process_candidates,
    told_as_history_of_deal,
)
from libs.extraction.occasions import event_date, inherit_dates, merge_occasions, placed_candidate
from libs.extraction.officials import officials_listed, subject_official, tour_of
from libs.extraction.syntax import SyntaxFilter
from libs.extraction.triggers import DEAL_NAMED, GATHERING_NOUN, NOT_WORD, SPEECH_VERB, Cue

CONTEXT_REACH = 8  # sentences over which "the two sides" still refers to the last pair named
CONTINUATION_REACH = 3  # sentences over which "During the meeting, ..." continues an occasion

_NAMED_COUNTERPART = re.compile(r"\b(?:[Hh]is|[Hh]er)\s+(?:[A-Z][\w-]*\s+){1,2}(?:regime\s+)?counterpart\b")
_WEAK_VERB = re.compile(r"^(?:discuss|negotiat|aim|intend)", re.IGNORECASE)  # need a party as subject
_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|we|our|I)\b")
_TITLE_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:minister|president|ambassador|envoy|official|diplomat|spokes\w+|chief|head|"
    r"commander|premier|king|leader|secretary|chancellor|governor|speaker|deputy|director)\b",
    re.IGNORECASE,
)
_BROKERED_TYPES = (AGREEMENT, MEETING, INTENT)  # what a broker brokers: deals, talks, plans of either
# a gathering's co-chairs or co-hosts ("co-chaired by A and B"): the gathering's attendees, not a pair apart
_CO_HOSTS = re.compile(r"co-?(?:chair|host)", re.IGNORECASE)
_DUAL = re.compile(r"\b(?:two|2|both)\b", re.IGNORECASE)
_PRONOUN_OPENER = re.compile(r"\W*(?:He|She)\s")
# a trip told right after its traveller: "He also visited A", "His trips included visits to A, B and C", "This
# included visits to A and B" (the state of the last person named), also after a short opening phrase (round 43):
# "After concluding his visit to A, he is scheduled to travel to B, C and D", "According to the agency, he was
# travelling to B and C"
_TRAVELLER_OPENER = re.compile(
    r"\W*(?:(?:He|She|His|Her)\s|(?:This|These)\s+(?:also\s+)?(?:included|includes|include|involved|involves|covered)\b"
    r"|(?:After|Following|According\s+to|Later|Then|From\s+there)\b[^,;:.\"“”]{0,60},\s+(?:he|she)\s)"
)
_NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6}
_NUMBERED = re.compile(
    r"\b(?:the|all|both)\s+(three|four|five|six)\s+(?:sides|countries|nations|parties|states|governments|neighbou?rs)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What every rule may read about the article as a whole."""

    infos: list[SentenceInfo]
    text: str
    igo_codes: frozenset[str]
    home: str | None  # the dateline's state
    reporting: re.Pattern[str]
    syntax: SyntaxFilter | None = None
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "P5+1" → its member states
    processes: Processes | None = None  # negotiation processes named without their parties
    rounds: ArticleParties | None = None  # the article as the process rules read it (with `processes`)


@dataclass(slots=True)
class DiscourseState:
    """What the rules carry from one sentence to the next."""

    context: tuple[str, ...] = ()  # the parties of the last event, or the last clear pair named
    context_pos: int = -100
    last_trigger: int | None = None  # the last sentence that made events, and those events
    last_trigger_cands: list[Candidate] = field(default_factory=list)
    person_state: str | None = None  # the state of the last person named
    groups_by_size: dict[int, tuple[tuple[str, ...], int]] = field(default_factory=dict)  # "the three sides"
    gathered: tuple[tuple[str, ...], int] | None = None  # the last meeting of three or more, and where
    speaker: tuple[str, int] | None = None  # the one state a sentence named as speaker, and where
    subject: tuple[str, int] | None = None  # the state of the official a sentence opened on, and where
    # sentences without events naming two parties or more, not evidence of the last occasion (`note_unattached`)
    unattached: list[tuple[int, frozenset[str], frozenset[str]]] = field(default_factory=list)
    # sentences with events of their own that name more states with a word of cooperation (`note_beside`)
    beside: list[tuple[int, frozenset[str]]] = field(default_factory=list)

    def near_context(self, pos: int) -> bool:
        return bool(self.context) and pos - self.context_pos <= CONTEXT_REACH

    def pronoun_state(self, pos: int, sentence: str) -> str | None:
        """The state "he"/"she" stands for in the sentence at `pos`: the one titled speaker of the sentence
        before when the sentence opens on the pronoun ("..., the Iranian foreign minister said. He spoke by
        phone with ..."), else the official the sentence before opened on ("Iraq's premier visited Tehran and
        met Iran's president. He then flew to Riyadh": `officials.subject_official`), else the state of the
        last person named."""
        if _PRONOUN_OPENER.match(sentence):
            for told in (self.speaker, self.subject):
                if told is not None and told[1] == pos - 1:
                    return told[0]
        return self.person_state

    def continue_occasion(self, pos: int, info: SentenceInfo, history: bool = False) -> None:
        """A sentence without events within CONTINUATION_REACH of the last trigger adds its evidence: to every
        last event when it continues the occasion ("During the meeting, ...", "the two sides"); as `restated`
        (evidence only: no sectors, no confidence) to the last events whose parties include all it names
        when, outside conflict and sports, it names two of them again, or one with a cue of its own."""
        explicit = info.parties.parties(weak=False)
        if self.last_trigger is None or pos - self.last_trigger > CONTINUATION_REACH:
            return
        if info.continuation or (info.anaphoric and len(explicit) < 2):
            for cand in self.last_trigger_cands:
                cand.extra.append(pos)
        elif (len(explicit) >= 2 or (explicit and info.cues)) and not (
            info.conflict or info.sports or info.statistics or history
        ):
            # the occasion's parties named again ("Iran and Iraq's relations do not rely on banking"): the
            # sentence tells more of it, so it is evidence of the events whose parties it names
            for cand in self.last_trigger_cands:
                if set(explicit) <= cand.parties:
                    cand.restated.append(pos)

    def note_unattached(self, pos: int, info: SentenceInfo, text: str) -> None:
        """Remember a sentence without events, not evidence of the last occasion, that names two parties or more
        with a word of cooperation and none of negation, outside conflict and sports: `recall_named` may make it
        evidence of an occasion of those parties."""
        explicit = frozenset(info.parties.parties(weak=False))
        if len(explicit) < 2 or info.sports or info.statistics:
            return
        if info.conflict and not _outside_pressure(info, text, explicit):
            return
        words = info.sent.text
        if not _COOPERATIVE_WORD.search(words) or _NEGATIVE_WORD.search(words):
            return
        if any(pos in c.restated or pos in c.extra for c in self.last_trigger_cands):
            return
        self.unattached.append(
            (pos, explicit, frozenset() if info.conflict else _near_cooperation(info, text))
        )

    def note_beside(self, pos: int, info: SentenceInfo, made: list[Candidate]) -> None:
        """Remember a sentence with events of its own that names states beside their parties, with a word of
        cooperation and none of negation or hostility, outside conflict and sports ("A and B signed a memorandum,
        and their ministers praised the cooperation of C and D"): `recall_pairs` may make it evidence of the
        occasion of two of those states told elsewhere."""
        states = frozenset(info.parties.parties(weak=False)) & STATE_CODES
        if info.conflict or info.sports or all(states <= c.parties for c in made):
            return
        words = info.sent.text
        if _COOPERATIVE_WORD.search(words) and not (
            _NEGATIVE_WORD.search(words) or _HOSTILE_WORD.search(words)
        ):
            self.beside.append((pos, states))

    def after_sentence(
        self, pos: int, info: SentenceInfo, made: list[Candidate], text: str, history: bool = False
    ) -> None:
        """Update the state with what the sentence at `pos` named and made. A sentence telling the deal's
        conclusion as history (`history`, D3) is evidence of no occasion told elsewhere (`_history_apart`)."""
        explicit = info.parties.parties(weak=False)
        if made:
            self.last_trigger, self.last_trigger_cands = pos, made
            if not history:
                self.note_beside(pos, info, made)
        else:
            self.continue_occasion(pos, info, history)
            if not history:
                self.note_unattached(pos, info, text)
        for group in [tuple(c.countries + c.igos) for c in made] + (
            [tuple(explicit)] if not info.conflict else []
        ):
            if len(group) >= 3:
                self.groups_by_size[len(group)] = (group, pos)
        met = [c for c in made if c.type in (MEETING, CONFERENCE) and len(c.countries + c.igos) >= 3]
        if met:
            self.gathered = (tuple(met[0].countries + met[0].igos), pos)
        if made:
            best = made[0]
            self.context, self.context_pos = tuple(best.countries + best.igos), pos
        elif len(explicit) == 2 and not info.conflict:
            self.context, self.context_pos = tuple(explicit), pos  # a clear pair, not a list of countries
        persons = [m for m in info.parties.mentions if m.kind in ("person", "person-home") and not m.igo]
        if persons:
            self.person_state = persons[-1].code
        states = titled_speakers(info, text, info.sent.end)
        self.speaker = (next(iter(states)), pos) if len(states) == 1 else None
        subject = subject_official(info, text)
        self.subject = (subject, pos) if subject else None


def titled_speakers(info: SentenceInfo, text: str, end: int) -> set[str]:
    """The states of the people the sentence names before `end`, by name or by a demonym and a title
    ("Syrian Interior Minister"): the states a speaker there may act for."""
    return {
        m.code
        for m in info.parties.mentions
        if m.start < end
        and m.role == ACTOR
        and not m.igo
        and (m.kind == "person" or (m.kind == "demonym" and _TITLE_AFTER.match(text, m.end)))
    }


# a word of cooperation named without a cue of its own ("Iran-Russia cooperation is a successful model",
# "supporting Palestine is Iran's policy", "defended Doha's ties with Iran"), and the words that turn it
# ("will not negotiate with", "tensions in relations", a condition: "if Chile wishes to mend ties with Peru")
_COOPERATIVE_WORD = re.compile(
    # not an office's title: "the Council on Foreign Relations", "the International Relations Director"
    r"\b(?:cooperat\w*|collaborat\w*|(?<!foreign )(?<!international )relations|ties|support\w*|agreements?|pacts?|"
    r"treaty|partners?|partnership|friend\w*|brother\w*|invest\w*|help\w*|assist\w*|purchas\w*|"
    # diplomacy named without a cue ("Iran-Saudi Arabia meetings in Baghdad", "a shipping route between Iran and
    # Oman"); not trade volumes ("exports to", "buyers of"): statistics are no event
    r"talks|negotiat\w*|meetings?|deals?|accords?|consultations?|contracts?|joint|trade|trading|shipping|"
    r"flights?|corridors?|mediat\w*|signed|agreed)\b",
    re.IGNORECASE,
)
# wording against a state or a tie that is no conflict cue ("take action against", "oppose", "critical of",
# "suspend", "reduce ties"; not the idiom "against the backdrop of"): no cooperation for `recall_named`'s fallback
_HOSTILE_WORD = re.compile(
    r"\b(?:against(?!\s+(?:a|the)\s+backdrop)|oppos\w*|critic\w*|suspen\w*|reduc\w*|anger\w*|pressur\w*|threat\w*)\b",
    re.IGNORECASE,
)
# how far from a state's name a word of cooperation is its own (`_near_cooperation`)
_NEAR = 60


def _near_cooperation(info: SentenceInfo, text: str) -> frozenset[str]:
    """The states a sentence names with a word of cooperation within _NEAR characters of the name, none when it
    has hostile wording: the states whose cooperation the sentence tells (`recall_named`'s fallback)."""
    if _HOSTILE_WORD.search(info.sent.text):
        return frozenset()
    start = info.sent.start
    words = [(m.start() + start, m.end() + start) for m in _COOPERATIVE_WORD.finditer(info.sent.text)]
    return frozenset(
        m.code
        for m in info.parties.mentions
        if not m.igo and any(a - m.end <= _NEAR and m.start - b <= _NEAR for a, b in words)
    )


_NEGATIVE_WORD = re.compile(
    rf"(?:{NOT_WORD}|\b(?:unable|hostil\w*|tension\w*|if|unless|reluctan\w*|harm\w*))\b",
    re.IGNORECASE,
)


# conflict words of a pressure from outside: sanctions, an embargo (not terrorism, often blame)
_OUTSIDE_PRESSURE = re.compile(r"sanction|embargo", re.IGNORECASE)
# the state that sanctions: "U.S. sanctions", "Washington's unilateral sanctions", "US-led economic
# sanctions", "sanctions imposed by the US"
_SANCTIONER_BEFORE = re.compile(r"(?:['’]s|-led|-imposed)?(?:\s+[a-z][\w-]*){0,2}\s*$")
_SANCTIONER_AFTER = re.compile(
    r"[\w-]*\s+(?:(?:imposed|announced|enforced|slapped|reimposed|re-imposed)\s+)?by\s+(?:the\s+)?",
    re.IGNORECASE,
)


def _outside_pressure(info: SentenceInfo, text: str, named: frozenset[str]) -> bool:
    """Whether the only conflict words of a sentence are sanctions (or an embargo) that none of the states it
    names imposes ("A and B have long enjoyed close relations but sanctions had restricted them"): the
    cooperation of the named states goes on despite a third party's pressure, so the sentence may be
    recalled as evidence (`note_unattached`)."""
    if not info.conflict_spans:
        return False
    for a, b in info.conflict_spans:
        if not _OUTSIDE_PRESSURE.match(text, a):
            return False
        by = _SANCTIONER_AFTER.match(text, b)
        for m in info.parties.mentions:
            if m.code not in named:
                continue
            before = m.end <= a and a - m.end <= 40 and _SANCTIONER_BEFORE.match(text, m.end, a)
            if before or (by and m.start == by.end()):
                return False
    return True


def _nearest(near: list[Candidate], pos: int) -> Candidate:
    """The candidate whose first sentence is nearest sentence `pos`, the earlier one on a tie."""
    return min(near, key=lambda c: (abs(min(c.sentences) - pos), min(c.sentences) > pos))


def recall_named(
    cands: list[Candidate], unattached: list[tuple[int, frozenset[str], frozenset[str]]]
) -> None:
    """A sentence without events that names the parties of an occasion told elsewhere in the article, with a word
    of cooperation and none of negation (`DiscourseState.note_unattached`: "Iran-Japan relations are based on
    culture" before or long after their ministers met), is `recalled` evidence of the nearest candidate of those
    parties, the earlier one on a tie: evidence only, the article's events do not change. `close` is the states
    named near a word of cooperation (`_near_cooperation`), for the fallback to the largest occasion among them."""
    for pos, named, close in unattached:
        states = named & STATE_CODES
        # all the states of the occasion are named (a pair is not evidence of a round of seven)
        near = [c for c in cands if named <= c.parties and set(c.countries) <= named]
        if not near:
            # an IGO named beside the states ("Iran and Russia cooperate at the UN"): the occasion of those states
            near = [c for c in cands if len(c.countries) >= 2 and set(c.countries) == states]
        if not near and states == named:
            # more states named than any occasion has, no IGO: the largest occasion of states each named within
            # reach of a word of cooperation ("A, B and C have long been partners": the occasion of A and B)
            sub = [c for c in cands if len(c.countries) >= 2 and set(c.countries) <= close]
            if sub:
                most = max(len(c.countries) for c in sub)
                near = [c for c in sub if len(c.countries) == most]
        if near:
            _nearest(near, pos).recalled.append(pos)


def recall_pairs(cands: list[Candidate], beside: list[tuple[int, frozenset[str]]]) -> None:
    """A sentence with events of its own that names, with a word of cooperation, the two states of an occasion
    told elsewhere in the article (`DiscourseState.note_beside`) is `recalled` evidence of the nearest
    candidate of those two states, the earlier one on a tie: evidence only, the article's events do not
    change."""
    for pos, states in beside:
        pairs: dict[tuple[str, ...], list[Candidate]] = {}
        for c in cands:
            if len(c.countries) == 2 and set(c.countries) <= states and pos not in c.sentences:
                pairs.setdefault(tuple(c.countries), []).append(c)
        for near in pairs.values():
            best = _nearest(near, pos)
            if pos not in best.recalled:
                best.recalled.append(pos)


def evidence_positions(cand: Candidate, infos: Sequence[SentenceInfo]) -> list[int]:
    """The sentences that are the evidence of a candidate, in text order: its own, its recalled ones, and
    the continuing and restating ones that tell of its parties. A continuing sentence that names two states
    or more but not all of the candidate's ("During the meeting, he praised the ties of A and B" after a
    meeting of A and C) tells of other states; a restating one with a word of negation ("A and B do not
    depend on one crop", the test of `note_unattached`) tells of no cooperation. Evidence only: the
    sentences still count for sectors, dates and confidence."""
    own = set(cand.sentences)
    states = set(cand.countries)
    extra: set[int] = set()
    for p in cand.extra:
        named = set(infos[p].parties.parties(weak=False)) & STATE_CODES
        if p in own or len(named) < 2 or states <= named:
            extra.add(p)
    restated = {p for p in cand.restated if p in own or not _NEGATIVE_WORD.search(infos[p].sent.text)}
    return sorted(own | extra | restated | set(cand.recalled) | set(cand.told))


@dataclass(slots=True)
class CueSite:
    """One event type's cue in one sentence: where its parties are looked for."""

    pos: int
    info: SentenceInfo
    cue: Cue
    type: str
    strong: bool
    bounds: tuple[list[int], list[int]]  # strong and fine clause boundaries of the sentence
    segment: tuple[int, int]  # the clause the parties came from
    article: ArticleContext

    @property
    def text(self) -> str:
        return self.article.text

    def fine_clause(self) -> tuple[int, int]:
        return around(self.bounds[1], self.cue.start, self.info.sent.start, self.info.sent.end)


Parties = tuple[list[str], str]  # party codes and how they were found (a source constant)


# -- fallbacks when the cue's clause names fewer than two parties, most specific first ------------


def _visited_hosts(
    site: CueSite, state: DiscourseState, parties: list[str], source: str
) -> tuple[list[list[str]], Parties]:
    """ "X visited A and B": one meeting per visited state; "X visited A": A hosts. The traveller may be
    named outside the cue's clause, or before the sentence when it opens on "He"/"She" ("He also visited
    A and B": the state of the last person named), also after a short opening phrase ("After the talks, he
    will travel to A and B")."""
    visited = site.info.parties.destinations()
    if len(parties) == 2 and len(visited) >= 2 and sum(p not in visited for p in parties) == 1:
        # "X's visits to A, B and C ... its presence in C": a visited state named again is no second traveller
        parties = [p for p in parties if p not in visited]
    if len(parties) > 1 or site.type not in (MEETING, INTENT):
        return [], (parties, source)
    dests = [d for d in visited if d not in parties]
    if not parties and dests:
        # "Zarif, who made visits to A and B", "During our visits to A and B, we ..., Zarif said": the
        # traveller named outside the cue's clause
        actors = [m for m in site.info.parties.mentions if m.role == ACTOR and m.code not in dests]
        before = [m.code for m in actors if m.start < site.cue.start]
        after = [m.code for m in actors if m.start >= site.cue.end]
        parties = before[-1:] or after[:1]
        traveller = state.pronoun_state(site.pos, site.info.sent.text)
        if not parties and traveller and traveller not in dests:
            if _TRAVELLER_OPENER.match(site.info.sent.text):
                parties, source = [traveller], PRONOUN
    if parties and len(dests) >= 2:
        return [[parties[0], d] for d in dests], (parties, VENUE)
    if parties and dests:
        return [], ([*parties, dests[0]], VENUE)
    return [], (parties, source)


# "have joined the coalition": the coalition's leader, named before as "the U.S.-led (maritime) coalition"
_COALITION_CUE = re.compile(r"\bcoalition\b", re.IGNORECASE)
_LED_COALITION = re.compile(r"-led\s+(?:[\w-]+\s+){0,3}?coalition\b", re.IGNORECASE)


# a body joined with its founders named: "A and B announced becoming shareholders of the fund established by C
# and D" (issue 13, round 39 recall): the founders act with the members who join (one act of all)
_JOINED_FOUNDED = re.compile(
    r"(?:join|becom|became)\w*\s.*(?:established|founded|set\s+up|created|launched|formed)\s+(?:jointly\s+)?by$",
    re.IGNORECASE | re.DOTALL,
)


_FIRST_FOUNDER_GAP = re.compile(r"\s*(?:the\s+)?")
_FOUNDER_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|&)\s*(?:the\s+)?")


def _founders_joined(site: CueSite, cues: list[Cue]) -> list[str]:
    """The states listed right after a cue of a body joined that names its founders ("... established by C and
    D"), in the cue's sentence; none for other cues."""
    cue = next((c for c in cues if _JOINED_FOUNDED.match(c.text)), None)
    if cue is None:
        return []
    founders: list[str] = []
    at = cue.end
    for m in site.info.parties.mentions:
        if m.start < at or not m.code or m.igo:
            continue
        gap = _FIRST_FOUNDER_GAP if not founders else _FOUNDER_LIST_GAP
        if not gap.fullmatch(site.text, at, m.start):
            break
        founders.append(m.code)
        at = m.end
    return founders


def _coalition_leader(site: CueSite, cues: list[Cue]) -> str | None:
    """The state of the last "X-led coalition" named up to the cue's sentence, when one of the cues joins a
    coalition; None otherwise."""
    if not any(_COALITION_CUE.search(c.text) for c in cues):
        return None
    for info in reversed(site.article.infos[: site.pos + 1]):
        for m in reversed(info.parties.mentions):
            if not m.igo and _LED_COALITION.match(site.text, m.end):
                return m.code
    return None


# a group with fixed members named alone as the sides of the cue (round 47): "the negotiations between the Caspian
# littoral states", "the meeting of foreign ministers of the Caspian littoral states", "the summit of the Caspian
# states": its members act together (one event of all), as the sets code the Caspian meetings (blind_14, 28, 31,
# 38, 47); not a group that is only a topic or a target ("sanctions on the E3": no such frame)
_AMONG_GROUP = re.compile(
    r"(?:\b(?:between|among|amongst)\s+|"
    r"\b(?:meetings?|summits?|talks|negotiations|sessions?|gatherings?|conferences?|consultations)\s+of\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}?(?:ministers|leaders|heads\s+of\s+state|presidents|representatives|envoys|officials|"
    r"delegations|negotiators)\s+of\s+)?)(?:the\s+|all\s+)?$",
    re.IGNORECASE,
)


def _group_among(site: CueSite, parties: list[str]) -> list[str]:
    """The members of a fixed group named alone as the cue's parties in an `_AMONG_GROUP` frame, else `parties`."""
    groups = site.article.groups
    if len(set(parties)) != 1 or parties[0] not in groups:
        return parties
    lo = site.info.sent.start
    for m in site.info.parties.mentions:
        if m.code == parties[0] and _AMONG_GROUP.search(site.text, max(lo, m.start - 90), m.start):
            return list(groups[m.code])
    return parties


def _numbered_group(site: CueSite, state: DiscourseState, parties: list[str], source: str) -> Parties:
    """ "the three sides agreed ...": the last group of three named."""
    numbered = _NUMBERED.search(site.info.sent.text)
    if not numbered:
        return parties, source
    size = _NUMBER_WORDS[numbered.group(1).lower()]
    group = state.groups_by_size.get(size)
    if (
        group
        and site.pos - group[1] <= CONTEXT_REACH
        and len(parties) < size
        and set(parties) <= set(group[0])
    ):
        return list(group[0]), CONTEXT
    return parties, source


# the people at a gathering as the subject of what they agreed or decided there: "The participants agreed to
# meet again", "they all agreed to move forward", "Ministers agreed to continue the dialogue" (not "all
# parties / sides", often a reference to others than the gathering's)
_GATHERED = re.compile(
    r"(?:\b(?:the\s+)?(?:participants|ministers|delegations|delegates|negotiators|attendees)|\bthey\s+all)"
    r"(?:\s+(?:also|have|had|all|unanimously|then|further))*\s*$",
    re.IGNORECASE,
)


def _gathered_group(site: CueSite, state: DiscourseState, parties: list[str], source: str) -> Parties:
    """ "The participants agreed to meet again" right after a meeting of three or more: an intent of them."""
    gathered = state.gathered
    if (
        site.type != INTENT
        or gathered is None
        or site.pos - gathered[1] > CONTEXT_REACH
        or not set(parties) <= set(gathered[0])
        or not _GATHERED.search(site.text, max(site.info.sent.start, site.cue.start - 60), site.cue.start)
    ):
        return parties, source
    return list(gathered[0]), CONTEXT


def _from_context(site: CueSite, state: DiscourseState, parties: list[str]) -> Parties | None:
    """ "the two sides", "his counterpart", "During the talks": the parties named before.

    "the two countries" never stands for a group of four.
    """
    info = site.info
    dual = any(_DUAL.search(site.text, x, y) for x, y in info.anaphor_spans)
    if (
        len(parties) == 1
        and _NAMED_COUNTERPART.search(site.text, info.sent.start, info.sent.end)
        and state.person_state is not None
        and state.person_state not in parties
    ):
        return None  # "He met his Saudi counterpart": the counterpart is named, "he" is the last person named
    if (
        state.near_context(site.pos)
        and (info.anaphoric or info.other_signal or info.continuation)
        and not (dual and len(state.context) != 2)
        and (not parties or set(parties) <= set(state.context))
    ):
        return list(state.context), CONTEXT
    return None


def _from_pronoun(site: CueSite, state: DiscourseState, parties: list[str]) -> Parties | None:
    """ "he", "his": the state of the last person named."""
    pronoun_state = state.pronoun_state(site.pos, site.info.sent.text)
    if pronoun_state and pronoun_state not in parties and _PRONOUN.search(site.info.sent.text):
        return [*parties, pronoun_state], PRONOUN
    return None


# a quote's first person: "“We have defence cooperation with A,” B's minister said"
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)


def _quote_around(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int] | None:
    """The span of the quotation in [lo, hi) that holds [start, end) (curly or straight quotes), or None."""
    before = text[lo:start]
    curly = before.rfind("“")
    if curly >= 0 and before.rfind("”") < curly:
        close = text.find("”", end, hi)
        return lo + curly, close if close >= 0 else hi
    if before.count('"') % 2 == 1:
        close = text.find('"', end, hi)
        return lo + before.rfind('"'), close if close >= 0 else hi
    return None


def _from_quoted_speaker(site: CueSite, state: DiscourseState, parties: list[str]) -> Parties | None:
    """A cue in a quote that speaks in the first person ("we", "our") and one state named outside the quote
    as a party (its speaker: "“We have defence cooperation with Chile,” Peru's minister said"): that state."""
    sent = site.info.sent
    quote = _quote_around(site.text, sent.start, sent.end, site.cue.start, site.cue.end)
    if quote is None or not _FIRST_PERSON.search(site.text, quote[0], quote[1]):
        return None
    outside = {
        m.code
        for m in site.info.parties.mentions
        if not m.igo
        and m.role in PARTY_ROLES
        and (m.start >= quote[1] or m.end <= quote[0])
        and m.code not in parties
    }
    return ([*parties, outside.pop()], PRONOUN) if len(outside) == 1 else None


# the subject of a reported clause right after its speech verb: "said on Friday that he is visiting"
_REPORTED_PRONOUN = re.compile(r"\bthat\s+(?:he|she)\b")
# the speaker's side further on in a reported clause that names no other actor: "announced that his country
# wants to keep the deal, for which he will hold talks with Y"
_REPORTED_OWN_SIDE = re.compile(r"\b(?:he|she|(?:his|her)\s+(?:country|government|side))\b")
# a reported clause that opens on a subjectless talk with one side: "said that talks with Y were difficult"
_REPORTED_TALKS_OPEN = re.compile(r"\bthat\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$")
_TALKS_CUE = re.compile(r"(?:talks|negotiations|consultations|discussions|dialogue)\s+with\b", re.IGNORECASE)


def _speaker_side_reported(site: CueSite, after_verb: int) -> bool:
    """Whether the clause reported from `after_verb` up to the cue has the speaker's side for its actor: no
    party named in it, and "he"/"his country" in it or a subjectless "talks with" opening it."""
    info, text, cue = site.info, site.text, site.cue
    if any(after_verb <= m.start < cue.start and m.role in PARTY_ROLES for m in info.parties.mentions):
        return False
    if _REPORTED_OWN_SIDE.search(text, after_verb, cue.start):
        return True
    return _TALKS_CUE.match(cue.text) is not None and bool(
        _REPORTED_TALKS_OPEN.search(text[after_verb : cue.start])
    )


def _from_reporting_speaker(site: CueSite, state: DiscourseState, parties: list[str]) -> Parties | None:
    """ "Oman's transport minister said on Friday that he is visiting Baku": the one state of the titled
    speakers named before the last speech verb ahead of the cue, when the clause it reports opens on "that
    he/she" (within a few words of the verb); the same sentence's speaker, not the last person named before."""
    info, text = site.info, site.text
    verb = max(
        SPEECH_VERB.finditer(text, info.sent.start, site.cue.start), key=lambda v: v.start(), default=None
    )
    if verb is None:
        return None
    pronoun = _REPORTED_PRONOUN.search(text, verb.end(), min(site.cue.start, verb.end() + 40))
    own_side = pronoun is not None or _speaker_side_reported(site, verb.end())
    states = titled_speakers(info, text, verb.start()) if own_side else set()
    if len(states) != 1 or states <= set(parties):
        return None
    return [*parties, *states], PRONOUN


def _from_previous_speaker(site: CueSite, state: DiscourseState, parties: list[str]) -> Parties | None:
    """ "The Georgian minister said ... . He made the remarks at talks with his Armenian counterpart"."""
    speaker = state.speaker
    if (
        speaker is not None
        and speaker[1] == site.pos - 1
        and speaker[0] not in parties
        and _PRONOUN_OPENER.match(site.info.sent.text)
    ):
        return [*parties, speaker[0]], PRONOUN
    return None


def _from_dateline(site: CueSite, state: DiscourseState, parties: list[str]) -> Parties | None:
    """An official named by title alone ("the foreign minister") stands for the dateline's state."""
    home = site.article.home
    if home and home not in parties and site.info.unmarked:
        return [*parties, home], HOME
    return None


def _from_unnamed_person(site: CueSite, state: DiscourseState, parties: list[str]) -> Parties | None:
    """A person of unknown state beside one party of the context: the context's parties."""
    if state.near_context(site.pos) and site.info.unnamed_person and set(parties) <= set(state.context):
        return list(state.context), CONTEXT
    return None


def _from_envoys_post(site: CueSite, state: DiscourseState, parties: list[str]) -> Parties | None:
    """A meeting whose one party is an envoy met with his post named ("X met the Serbian ambassador to Tehran"):
    the state he serves in is the other side; the post is a topic of `mention_roles`, no party of its own."""
    if site.type != MEETING:
        return None
    post = envoy_post(site.info, site.text, parties[0], site.cue.end)
    return ([*parties, post], HOME) if post is not None else None


# a state's own opponents at the table: talks of a government with them are domestic, the place only a venue
_DOMESTIC_SIDE = re.compile(
    r"\b(?:(?:the|its|armed|political)\s+)?(?:opposition|opponents|rebels|insurgents|militants|armed\s+groups)\b",
    re.IGNORECASE,
)


def _seat_named(v: PartyMention) -> bool:
    """Whether a venue names the seat of the talks held there, not a host: the seat by name ("Vienna") or by
    its state's demonym and "capital" or "city" ("the Austrian capital", `mention_roles` makes it a venue)."""
    return v.surface in IGO_SEATS or (v.kind == "demonym" and v.code in SEAT_STATES)


def _from_venue(site: CueSite, state: DiscourseState, parties: list[str]) -> Parties | None:
    """A meeting with one named party held in another state: that state hosts; not for talks with the party's
    own opponents ("the Syrian government held talks with the opposition in Astana": a venue, annotation of
    the blind sets, where a state hosting such talks is a party only when told so)."""
    if site.type != MEETING:
        return None
    lo, hi = site.segment
    if _DOMESTIC_SIDE.search(site.text, lo, hi):
        return None
    hosts = [v.code for v in site.info.parties.venues() if v.code not in parties and not _seat_named(v)]
    return ([*parties, hosts[0]], VENUE) if hosts else None


# applied in order to a single named party
_SINGLE_PARTY_RULES: tuple[Callable[[CueSite, DiscourseState, list[str]], Parties | None], ...] = (
    _from_quoted_speaker,
    _from_reporting_speaker,
    _from_pronoun,
    _from_previous_speaker,
    _from_dateline,
    _from_unnamed_person,
    _from_envoys_post,
    _from_venue,
)


def _fill_parties(site: CueSite, state: DiscourseState, parties: list[str], source: str) -> Parties:
    """Fewer than two parties in the clause: the fallback rules, most specific first; none when the cue's
    actor is a group of unnamed states (`_UNNAMED_ACTOR`)."""
    if unnamed_actor(site.text, site.fine_clause()[0], site.cue.start) is not None:
        return parties, source
    found = _from_context(site, state, parties)
    if found is not None:
        parties, source = found
    for rule in _SINGLE_PARTY_RULES:
        if len(parties) != 1:
            break
        found = rule(site, state, parties)
        if found is not None:
            parties, source = found
    return parties, source


# -- who pairs with whom ---------------------------------------------------------------------------


def _announced_gathering(site: CueSite) -> bool:
    """A meeting announced for later ("a meeting ... will take place with A, B and C"): of all, as a
    meeting would be."""
    return site.type == INTENT and site.cue.irrealis and GATHERING_NOUN.search(site.cue.text) is not None


def _counterparts_groups(
    site: CueSite, state: DiscourseState, parties: list[str], source: str
) -> tuple[list[list[str]], str]:
    """ "signed deals with Kenya and with Uganda", "met with A and B": the subject with the listed states."""
    info, cue, text = site.info, site.cue, site.text
    fine_lo, fine_hi = site.fine_clause()
    before = [
        m.code
        for m in info.parties.mentions
        if info.sent.start <= m.start < fine_lo and m.role == ACTOR and m.code not in parties
    ]
    subject = before[-1] if before else None
    if subject is None and _SUBJECT_PRONOUN.search(info.sent.text):
        subject = state.pronoun_state(site.pos, info.sent.text)
    subject = subject or site.article.home
    if not subject and not (site.type == MEETING or _announced_gathering(site)):
        return [], source
    if not subject or subject in parties:
        # "In a meeting with X's envoy, Y said ...": the envoy's and the speaker's states
        speech = SPEECH_VERB.search(text, cue.end, info.sent.end)
        stop = speech.start() if speech else info.sent.end
        named = (m.code for m in info.parties.mentions if fine_lo <= m.start < stop and m.role in PARTY_ROLES)
        return [list(dict.fromkeys(named))], source
    if (
        site.type == MEETING
        and not SEPARATE.search(text, max(info.sent.start, cue.start - 30), cue.end)
        and not many_countries_before(info, parties, text)
    ) or one_multilateral(cue, info, fine_lo, fine_hi, text):
        # "X met with A and B": one meeting of all; "signed an agreement with six powers including
        # A, B and C": one multilateral agreement
        return [[subject, *parties]], PRONOUN
    return [[subject, c] for c in parties], PRONOUN  # "X signed deals with A and with B": one deal each


# envoys present their credentials one by one: each is a meeting with the receiver (devpool convention)
_CREDENTIALS = re.compile(r"\bcredentials\b", re.IGNORECASE)


_PHONE = re.compile(r"phone", re.IGNORECASE)
_WITH_END = re.compile(r"\bwith$", re.IGNORECASE)
_LIST_END = re.compile(r"\b(?:and|as\s+well\s+as|plus)\b|&", re.IGNORECASE)  # before a list's last member
_WITH_LIST = re.compile(
    r"^\s*with\s+(?:the\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+)?(?:the\s+)?$", re.IGNORECASE
)


# acts told as separate earlier in the sentence: what was said at them is one act with each too
_SEPARATE_TALKS = re.compile(
    r"\bseparate(?:ly)?\s+(?:\w+\s+)?(?:meetings|talks|calls|conversations|phone\s+calls|visits)\b",
    re.IGNORECASE,
)


def _separately(site: CueSite, state: DiscourseState, parties: list[str]) -> list[list[str]]:
    """ "X separately received the new ambassadors of A, B and C", "in two separate phone calls with A and
    B", "had a phone call with A and received the credentials of the B and C ambassadors": the subject
    (the actor named last before the cue) with each of the others."""
    info, cue, text = site.info, site.cue, site.text
    seg_lo, seg_hi = site.segment
    called = _phone_list(site, state, parties)
    if called:
        return called
    # "in separate meetings with A and B, X urged ...": told as separate earlier in the sentence
    separate = SEPARATE.search(text, max(seg_lo, cue.start - 60), min(seg_hi, cue.end + 40)) or (
        _SEPARATE_TALKS.search(text, info.sent.start, cue.start)
    )
    if len(parties) < 3 or not (separate or _CREDENTIALS.search(text, seg_lo, seg_hi)):
        return []
    # the subject in the cue's segment, else before it in the sentence ("The Iranian minister, X, in separate
    # meetings with A and B officials, stressed ...": the appositive commas cut the segment)
    before = [m.code for m in info.parties.mentions if seg_lo <= m.start < cue.start and m.role == ACTOR]
    before = before or [m.code for m in info.parties.mentions if m.start < seg_lo and m.role == ACTOR]
    subject = before[-1] if before else _subject_after_list(site)
    if subject is None or subject not in parties:
        return []
    return [[subject, p] for p in parties if p != subject]


def _subject_after_list(site: CueSite) -> str | None:
    """ "In separate meetings with the ambassadors of A, B and C, X said ...": the actor named first after the
    list of those met (the list right after the cue), None when there is no such list or actor."""
    info, text = site.info, site.text
    after = [m for m in info.parties.mentions if m.start >= site.cue.end and m.role in PARTY_ROLES]
    if not after:
        return None
    states = [m for m in after if m.kind != "person"]  # the speaker named after the list ends it
    listed = list_run(states, 0, text, counterparts_gap, same=True)
    codes = {m.code for m in listed}
    if len(codes) < 2 or states[0] is not after[0]:
        return None
    rest = [m for m in after if m.start >= listed[-1].end and m.role == ACTOR and m.code not in codes]
    return rest[0].code if rest else None


def _phone_list(site: CueSite, state: DiscourseState, parties: list[str]) -> list[list[str]]:
    """ "In a phone call with the defence ministers of A and B, I stated ...": a call is
    between two, so the caller (the actor before the cue, else the speaker's state) called each."""
    info, cue, text = site.info, site.cue, site.text
    if not _PHONE.search(cue.text):
        return []
    named = [m for m in info.parties.mentions if m.code in parties and m.role in PARTY_ROLES]
    after = [m for m in named if m.start >= cue.end]
    if len({m.code for m in after}) < 2:
        return []
    lead = text[cue.end : after[0].start]
    if _WITH_END.search(cue.text):
        lead = " with " + lead  # the cue holds its "with" ("held phone talks with")
    if not _WITH_LIST.match(lead):
        return []
    if len(list_run(after, 0, text, counterparts_gap, same=True)) < len(after):
        return []  # "with A, B and C", "with A as well as his B counterpart X": one list of those called
    last = next(i for i, m in enumerate(after) if m.code == after[-1].code)
    if not _LIST_END.search(text, after[last - 1].end, after[last].start):
        return []  # "In a phone call with A's emir, Rouhani said": the caller after the callee, no list
    before = [m.code for m in named if m.start < cue.start and m.role == ACTOR]
    caller = before[-1] if before else state.pronoun_state(site.pos, info.sent.text) or site.article.home
    listed = list(dict.fromkeys(m.code for m in after))
    return [[caller, c] for c in listed] if caller and caller not in listed else []


# visits told as separate with their one destination: "A's minister, B's president and C's speaker paid
# separate visits to X"
_SEPARATE_VISITS = re.compile(r"separate\s+(?:\w+\s+)?(?:visits|trips)\s+to\s+$", re.IGNORECASE)


def _separate_visits(site: CueSite) -> list[list[str]]:
    """The visitors listed before "paid separate visits to X", each with X (the list's commas cut the
    cue's clause, so its first visitors are looked for in the whole sentence before the cue)."""
    info, cue, text = site.info, site.cue, site.text
    after = [m for m in info.parties.mentions if m.start >= cue.end]
    if not after or not _SEPARATE_VISITS.search(text, max(info.sent.start, cue.start - 30), after[0].start):
        return []
    host = after[0].code
    visitors = [m.code for m in info.parties.mentions if m.start < cue.start and m.role == ACTOR]
    listed = list(dict.fromkeys(c for c in visitors if c != host))
    return [[host, c] for c in listed] if len(listed) >= 2 else []


def _groups(
    site: CueSite, state: DiscourseState, parties: list[str], source: str
) -> tuple[list[list[str]], str]:
    """The party groups of the cue (one event each); no group when the rules find no event."""
    info, cue, text = site.info, site.cue, site.text
    visits = _separate_visits(site)
    if visits:
        return visits, EXPLICIT
    seg_lo, seg_hi = site.segment
    fine_lo, fine_hi = site.fine_clause()
    listed = counterpart_list(info, seg_lo, seg_hi, text)
    # "held talks with the leaders of A and B": officials met one by one (`officials.officials_listed`)
    apart = not listed and site.type in (MEETING, INTENT)
    if apart:
        listed = officials_listed(info, seg_lo, seg_hi, text)
    if listed:  # "their German and Austrian counterparts"
        others = [
            m.code
            for m in info.parties.mentions
            if m.role == ACTOR and m.code not in listed and m.start < cue.start
        ]
        told = state.pronoun_state(site.pos, info.sent.text) if apart else state.person_state
        subject = others[-1] if others else (told or site.article.home)
        if subject and subject not in listed:
            return [[subject, c] for c in listed], EXPLICIT
        if not apart:
            return [], source
    separate = _separately(site, state, parties)
    if separate:  # "separately received the ambassadors of A, B and C": one act with each
        return separate, source
    if members_listed(info, parties, seg_lo, seg_hi, text):  # "A, B and C are members of the ECO"
        return [], source
    spokes, others, examples = listed_spokes(info, parties, seg_lo, seg_hi, text)
    hub = others[0] if len(others) == 1 else state.person_state or site.article.home
    if spokes and (not examples or (hub and hub not in spokes)):
        # "proposals from various countries like A, B and C", "countries such as A and B bought oil from
        # Iran": each with the receiver; examples of a class without a receiver are left to the rules
        return ([[hub, c] for c in spokes if c != hub] if hub else []), source
    if with_list(info, parties, fine_lo, fine_hi, text, cue.start):
        return _counterparts_groups(site, state, parties, source)
    groups = (
        hyphen_pairs(info, parties, seg_lo, seg_hi, text)
        or (flow_ends(info, parties, seg_lo, seg_hi, text) if site.type == INTENT else None)
        or origin_star(info, cue, seg_lo, seg_hi, text)
        or subject_with(info, cue, fine_lo, fine_hi, text)
        or _flow_givers(site, parties, seg_lo, seg_hi)
        or _backed_by_one(site, parties, seg_lo, seg_hi)
        or hub_and_spokes(info, parties, seg_lo, seg_hi, site.type, text, cue.text)
        or _flow_targets(site, parties, source)
    )
    return groups, source


_FLOW_END = re.compile(r"\b(?:to|from)$", re.IGNORECASE)
# a trade flow made an intent ("decided to import them from A, B and C"): still a flow with its ends listed
_TRADE_FLOW = re.compile(
    r"(?:\w+\s+){0,3}?(?:export|import|purchas|buy|bought|suppl|deliver|sale|sell)", re.IGNORECASE
)


def _flow_givers(site: CueSite, parties: list[str], lo: int, hi: int) -> list[list[str]] | None:
    """ "A's firm and B's firm handed over their studies of the field to C": a flow cue ending on "to"/"from"
    with two givers or more named before it and one party after it: each giver with that receiver, not the
    givers with each other; None otherwise."""
    cue = site.cue
    if site.type not in (COOPERATION, AID) or not _FLOW_END.search(cue.text):
        return None
    named = [
        m
        for m in site.info.parties.mentions
        if lo <= m.start < hi and m.code in parties and m.role in PARTY_ROLES
    ]
    givers = list(dict.fromkeys(m.code for m in named if m.end <= cue.start))
    receivers = {m.code for m in named if m.start >= cue.end}
    if len(givers) < 2 or len(receivers) != 1 or receivers & set(givers):
        return None
    receiver = next(iter(receivers))
    return [[g, receiver] for g in givers]


_BACKED_BY = re.compile(r"(?:backed|supported|assisted|aided)\s+by\b", re.IGNORECASE)


def _backed_by_one(site: CueSite, parties: list[str], lo: int, hi: int) -> list[list[str]] | None:
    """ "Armed forces in A and B, backed by Iranian military advisors": a backing cue ("backed by ...") with two
    parties or more named before it and one inside it: each backed party with the backer, not the backed with
    each other; None otherwise."""
    cue = site.cue
    if site.type != COOPERATION or not _BACKED_BY.match(cue.text):
        return None
    named = [
        m
        for m in site.info.parties.mentions
        if lo <= m.start < hi and m.code in parties and m.role in PARTY_ROLES
    ]
    backed = list(dict.fromkeys(m.code for m in named if m.end <= cue.start))
    backers = {m.code for m in named if cue.start <= m.start < cue.end}
    if len(backed) < 2 or len(backers) != 1 or backers & set(backed):
        return None
    backer = next(iter(backers))
    return [[b, backer] for b in backed]


def _flow_targets(site: CueSite, parties: list[str], source: str) -> list[list[str]]:
    """ "The airline operates flights to A, B and C", "the firm exports its goods to A and B", "we decided to
    import them from A and B" (an intended trade flow): the states after a flow's "to"/"from" are its ends,
    not partners of each other, and its source is unnamed (a company's routes or markets): no event (pairing
    them with the dateline's state was tried: the sentence annotators code none)."""
    cue = site.cue
    named = [m for m in site.info.parties.mentions if m.code in parties and m.role in PARTY_ROLES]
    if (
        not (
            site.type in (COOPERATION, AID)
            or (site.type == INTENT and cue.irrealis and _TRADE_FLOW.match(cue.text) is not None)
        )
        or source != EXPLICIT
        or not _FLOW_END.search(cue.text)
        or not named
        or any(m.start < cue.end for m in named)
    ):
        return [parties]
    return []


# "invited B, C and D"; support stated for a list ("voiced support for B and C"): each with the one actor
_INVITE_CUE = re.compile(r"invit|(?:[\w’'-]+\s+)*support\s+(?:for|to)$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _invitees_apart(site: CueSite, groups: list[list[str]]) -> list[list[str]]:
    """ "A invited B, C and D", "B, C and D will be invited" (A speaking): each invitee with the host,
    not a clique of all the invited; so too "A reiterated its support for B and C"."""
    cue, info = site.cue, site.info
    if not _INVITE_CUE.match(cue.text):
        return groups
    passive = _PASSIVE_BEFORE.search(site.text, max(info.sent.start, cue.start - 20), cue.start) is not None
    out: list[list[str]] = []
    for group in groups:
        named = [m for m in info.parties.mentions if m.role in PARTY_ROLES]
        before = list(dict.fromkeys(m.code for m in named if m.start < cue.start))
        invited = [c for c in group if c in before] if passive else [c for c in group if c not in before]
        hosts = [c for c in before if c not in group] if passive else [c for c in group if c in before]
        if len(invited) >= 2 and len(set(hosts)) == 1:
            out.extend([hosts[0], c] for c in invited if c != hosts[0])
        else:
            out.append(group)
    return out


_VISIT_CUE = re.compile(r"visit|trip|tour|travel|arriv|came|flew|went|headed", re.IGNORECASE)
_THE_COUNTRY = re.compile(r"\s+(?:the|this|our) country\b", re.IGNORECASE)
_STATE_KINDS = frozenset({"country", "demonym", "capital"})


def _visitors_apart(site: CueSite, groups: list[list[str]]) -> list[list[str]]:
    """ "Companies from A, B and C visited Iran": one visit of each to the one host, not a clique."""
    if site.type != MEETING or not _VISIT_CUE.match(site.cue.text):
        return groups
    visited = set(site.info.parties.destinations())
    if not visited and _THE_COUNTRY.match(site.text, site.cue.end):
        # "visited the country": the state the anaphor stands for, else the dateline's
        after = [m.code for m in site.info.parties.mentions if site.cue.end <= m.start <= site.cue.end + 2]
        visited = set(after[:1]) or ({site.article.home} if site.article.home else set())
    home = site.article.home
    if (
        not visited
        and home
        and not any(m.code == home and m.kind in _STATE_KINDS for m in site.info.parties.mentions)
    ):
        # "delegations from A, B and C visited the palace" under a dateline, the dateline's state beside
        # three visitors or more and named by a place or a person at most: it hosts each visitor
        visited = {home} if any(home in g and len(g) >= 4 for g in groups) else set()
    out: list[list[str]] = []
    for group in groups:
        if visited >= set(group) and not any(
            m.role == ACTOR and m.code in group for m in site.info.parties.mentions
        ):
            # "a tour that will take him to A, then B": stops of one trip, not partners of each other
            home = site.article.home
            out.extend([home, c] for c in group if home and home not in group)
            continue
        hosts = [c for c in group if c in visited]
        outside = visited - set(group)
        if len(group) >= 3 and len(hosts) == 1:
            out.extend([hosts[0], c] for c in group if c != hosts[0])
        elif len(group) >= 2 and not hosts and len(outside) == 1:
            host = next(iter(outside))  # the visited state hosts each visitor
            out.extend([host, c] for c in group)
        else:
            out.append(group)
    return out


def _stops_apart(site: CueSite, groups: list[list[str]]) -> list[list[str]]:
    """ "X's tour to A, B and C", "X is negotiating with companies from A, B and C": X with each listed
    state, not a clique of them; a group with more or fewer than one party outside the list is kept."""
    listed = one_by_one_after(site.info, site.cue, site.segment[1], site.text)
    if not listed:
        return groups
    out: list[list[str]] = []
    for group in groups:
        actors = [c for c in group if c not in listed]
        if len(actors) == 1 and set(listed) <= set(group):
            out.extend([actors[0], c] for c in listed)
        else:
            out.append(group)
    return out


def _venues_apart(site: CueSite, state: DiscourseState, groups: list[list[str]]) -> list[list[str]]:
    """ "The delegation will hold meetings with officials in A, B and C": the delegation's state (the last
    person's, else the dateline's) with each listed state; with no such state outside the list, no event."""
    out: list[list[str]] = []
    for group in groups:
        if not venues_listed(site.info, group, site.text):
            out.append(group)
            continue
        hub = state.pronoun_state(site.pos, site.info.sent.text) or site.article.home
        out.extend([hub, c] for c in group if hub and hub not in group)
    return out


def _envoys_apart(site: CueSite, groups: list[list[str]]) -> list[list[str]]:
    """ "Ambassadors from A, B and C signed the condolence book" (in the host's capital): each envoy's
    state with the host, not a clique of the envoys (`envoys.py`)."""
    listed = listed_envoys(site.info, site.text)
    if not listed:
        return groups
    host = envoys_host(site.info, site.text, listed, site.article.home)
    delivered = delivered_to_envoys(site.cue.text)
    out: list[list[str]] = []
    for group in groups:
        out.extend(envoys_star(group, listed, host, delivered) or [group])
    return out


# the host of a gathering named after it: "attended the summit, hosted by A", "a conference which was hosted by A"
# (not talks: "talks hosted by Oman" between two sides leave the host out)
_HOSTED_BY = re.compile(
    r"\b(?:summits?|meetings?|conferences?|forums?|gatherings?|sessions?)"
    r",?\s+(?:(?:which|that)\s+(?:was|were|is|are)\s+|(?:was|were|is|are)\s+)?hosted\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _gathering_hosts(info: SentenceInfo, text: str) -> list[str]:
    """The parties named right after a gathering's "hosted by" in the sentence ("the summit, hosted by A"):
    the host takes part in what it hosts, however the parse hangs it."""
    return [
        m.code
        for m in info.parties.mentions
        if m.role in PARTY_ROLES and _HOSTED_BY.search(text, max(info.sent.start, m.start - 80), m.start)
    ]


def _without_bystanders(
    site: CueSite, group: list[str], kept_codes: Sequence[str] = (), cues: Sequence[Cue] = ()
) -> list[str]:
    """The group less the parties the parse finds outside the cue's event (sanctions targets, topics),
    never those of `kept_codes` (a broker the parse hangs elsewhere).

    Parsed only for a group of three or more, or in a sentence with conflict words. With other strong
    `cues` of the type in the clause ("will arrive in Tehran to attend the trilateral meeting of A, B and
    C"), a party is a bystander only when it is outside every one of them.
    """
    syntax = site.article.syntax
    info = site.info
    if syntax is None or not (len(group) >= 3 or info.conflict):
        return group
    lo = info.sent.start
    mentions = [m for m in info.parties.mentions if m.code in group and m.role in PARTY_ROLES]
    if not mentions:
        return group
    spans = [(m.start - lo, m.end - lo) for m in mentions]
    out = syntax.bystanders(info.sent.text, (site.cue.start - lo, site.cue.end - lo), spans)
    for other in cues:
        if out and other.strong and other.start != site.cue.start:
            out &= syntax.bystanders(info.sent.text, (other.start - lo, other.end - lo), spans)
    # the place a visit goes to is its host, however the parse hangs it ("arrived in Doha ... after years of
    # tensions" in a headline sentence)
    visit = site.type == MEETING and _VISIT_CUE.match(site.cue.text) is not None
    kept = {m.code for i, m in enumerate(mentions) if i not in out}
    kept |= {m.code for m in info.parties.mentions if visit and m.role == DESTINATION}
    dropped = {m.code for m in mentions} - kept - set(kept_codes) - set(_gathering_hosts(info, site.text))
    return [c for c in group if c not in dropped]


def _weak_cue_holds(site: CueSite, source: str) -> bool:
    """A weak cue makes an event only with its parties named and tied together in its clause."""
    info, cue, text = site.info, site.cue, site.text
    seg_lo, seg_hi = site.segment
    if site.type == CONFERENCE and not joint_gathering(info, cue, text):
        return False
    if _WEAK_VERB.match(cue.text) and not subject_before(info, cue, seg_lo, text):
        return False
    return source in (EXPLICIT, CONTEXT) and linked(info, seg_lo, seg_hi, text)


def _mediators_only(site: CueSite, parties: list[str]) -> list[str]:
    """The clause's parties when each is named as the broker of the talks or deal ("talks mediated by A and B",
    "The talks were brokered by A": `clauses.brokers`) and the sentence names no other party, else none ("A and
    B reached an agreement after discussions mediated by C": the sides are in the sentence)."""
    named = brokers(site.info, site.text) if parties else []
    if not named or not set(site.info.parties.parties(weak=False)) <= set(named):
        return []
    return named if set(parties) <= set(named) else []


# a broker named before its deal's noun: "a Chinese-brokered agreement", "the U.S.-mediated talks"
_BROKERED_AFTER = re.compile(r"-(?:brokered|mediated|sponsored)\b", re.IGNORECASE)


def _brokers_of(info: SentenceInfo, text: str) -> set[str]:
    """The states a sentence names as brokers: after "brokered by" (`clauses.brokers`) or before "-brokered"."""
    before = {m.code for m in info.parties.mentions if _BROKERED_AFTER.match(text, m.end, info.sent.end)}
    return before | set(brokers(info, text))


def _mediated_sides(site: CueSite, state: DiscourseState, mediators: list[str]) -> list[list[str]]:
    """Talks or a deal whose clause names only their mediators are those of the sides the sentences just
    before told ("Tehran and Riyadh reached an agreement ... . The agreement followed several rounds of talks
    mediated by Baghdad and Muscat"): the last event's parties or the last pair named, within
    CONTINUATION_REACH, less the brokers of that sentence ("a Chinese-brokered agreement": China brokered that
    one), with the mediators; none without such sides, as mediators are no pair of their own."""
    if site.type not in (MEETING, AGREEMENT) or not 0 < site.pos - state.context_pos <= CONTINUATION_REACH:
        return []
    told = _brokers_of(site.article.infos[state.context_pos], site.text)
    sides = [c for c in state.context if c not in told and c not in mediators]
    return [[*sides, *mediators]] if len(sides) >= 2 else []


def _brokered_deals(
    site: CueSite, cues: list[Cue], state: DiscourseState
) -> tuple[list[list[str]], list[str]]:
    """ "he brokered accords between A and B, C and D": the deals of A with each of the others (none for two
    objects or one deal: `cue_parties` has them) and their broker, the verb's subject ("Washington", "he": the
    person named before it in the sentence, else the state of the last person named); none of either without a
    broker's act on a deal or deals at one of `cues`."""
    info, text = site.info, site.article.text
    for c in cues:
        broker = broker_subject(info, c, text, state.pronoun_state(site.pos, info.sent.text))
        apart = deals_apart(info, c, text)
        if broker or apart:
            return apart or [], broker
    return [], []


def _type_candidates(
    pos: int,
    type_name: str,
    cues: list[Cue],
    bounds: tuple[list[int], list[int]],
    article: ArticleContext,
    state: DiscourseState,
) -> list[Candidate]:
    """The candidates of one event type's cues in the sentence at `pos`."""
    info = article.infos[pos]
    strong = any(c.strong for c in cues)
    cue = next((c for c in cues if c.strong), cues[0])
    parties, source, segment = cue_parties(info, cue, article.text, bounds, state.near_context(pos))
    if source == DOMESTIC:
        return []
    site = CueSite(pos, info, cue, type_name, strong, bounds, segment, article)
    groups, (parties, source) = _visited_hosts(site, state, parties, source)
    leader = _coalition_leader(site, cues)
    if leader is not None and leader not in parties and parties:
        parties = [*parties, leader]  # "A and B have joined the coalition": with the U.S. that leads it
    founders = _founders_joined(site, cues) if parties else []
    parties = list(dict.fromkeys([*parties, *founders]))  # "becoming shareholders of X, founded by C and D"
    brokered = brokers(info, article.text) if type_name in _BROKERED_TYPES and parties else []
    parties = list(dict.fromkeys([*parties, *brokered]))  # "a deal brokered by China": China is a party
    apart, broker = _brokered_deals(site, cues, state) if type_name == AGREEMENT and not groups else ([], [])
    brokered = list(dict.fromkeys([*brokered, *broker]))
    groups = groups or apart
    mediators = [] if groups else _mediators_only(site, parties)
    if mediators:
        groups, source = _mediated_sides(site, state, mediators), CONTEXT
        if not groups:
            return []
    if not groups:
        parties, source = _numbered_group(site, state, parties, source)
        if len(parties) < 2:
            parties, source = _gathered_group(site, state, parties, source)
        if len(parties) < 2:
            parties, source = _fill_parties(site, state, parties, source)
        if len(set(parties)) < 2:
            parties = _group_among(site, parties)
        if len(set(parties)) < 2:
            return []
        groups, source = _groups(site, state, parties, source)
    if not strong and not mediators and not _weak_cue_holds(site, source):
        return []
    groups = _envoys_apart(site, _invitees_apart(site, _visitors_apart(site, _stops_apart(site, groups))))
    groups = _venues_apart(site, state, groups)
    groups = [g for g in groups if not own_commitment(info, cue, g, article.text)]
    groups = _go_between_apart(site, _press_conference_apart(site, groups))
    groups = [list(dict.fromkeys([*g, *brokered])) for g in groups]  # the broker of each deal it brokered
    if founders:  # one act of the members who join and the founders, not a group of each
        groups = [list(dict.fromkeys([c for g in groups for c in g]))]
    kept = [*brokered, *founders, *mediators]  # named by the cue itself: no bystanders
    if broker:  # "he brokered what he called “a historic deal” between A and B": A and B too, however parsed
        kept += brokered_sides(info, cue, article.text)
    groups = [g for g in (_without_bystanders(site, g, kept, cues) for g in groups) if len(set(g)) >= 2]
    # undated here: `sentence_candidates` dates each candidate by its sentence (`_date_from_sentence`)
    continued = info.continuation or info.anaphoric or source == CONTEXT
    made = (
        placed_candidate(
            info, pos, cue, g, source, article.igo_codes, article.groups, strong=strong, continued=continued
        )
        for g in groups
    )
    return [c for c in made if c is not None]


# a go-between's act on two sides: "mediate between A and B", "a mediatory role between", "help settle the
# conflict between", "an arbitrator to mend ties between" (not "mediated talks between": the sides talk)
_GO_BETWEEN_ACT = re.compile(
    r"\b(?:mediat(?:e|es|ed|ing|ion|or|ors|ory)|arbitrat\w*|intermediary|(?:help|helps|helped|helping|assist\w*)"
    r"\s+(?:to\s+)?(?:settle|resolve|end|mend|ease|defuse))\b"
    r"(?:\s+(?!(?:talks|deal|agreement|accord|ceasefire|truce|negotiations|dialogue)\b)[\w’'-]+){0,4}?\s+between\b",
    re.IGNORECASE,
)


def _go_between_apart(site: CueSite, groups: list[list[str]]) -> list[list[str]]:
    """ "Oman mediated between Iran and Egypt", "A is willing to help settle the dispute between B and C": the
    go-between acts with each side (A-B, A-C), the sides do not cooperate with each other; with no go-between
    named, no event. Groups without both sides of the phrase in the cue's clause are kept as they are."""
    info, text = site.info, site.text
    lo, hi = site.segment
    act = _GO_BETWEEN_ACT.search(text, max(lo, info.sent.start), min(hi, info.sent.end))
    if act is None:
        return groups
    after = {m.code for m in info.parties.mentions if act.end() <= m.start < hi and m.role in PARTY_ROLES}
    out: list[list[str]] = []
    for group in groups:
        sides = [c for c in group if c in after]
        if len(sides) < 2:
            out.append(group)
            continue
        out.extend([m, s] for m in group if m not in sides for s in sides)
    return out


_PRESS_CONFERENCE = re.compile(r"\b(?:press|news)\s+(?:conference|briefing)", re.IGNORECASE)
_WITH_JUST_BEFORE = re.compile(
    r"\bwith\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w.-]+\s+){0,3}$", re.IGNORECASE
)


def _press_conference_apart(site: CueSite, groups: list[list[str]]) -> list[list[str]]:
    """ "In a joint press conference with A's president, B's president said he is ready to meet with C": the
    press conference is B's with A; C, the counterpart of what was said there (after its own "with",
    outside the conference's clause), is no party of it."""
    cue, info, text = site.cue, site.info, site.text
    if site.type != MEETING or not _PRESS_CONFERENCE.search(cue.text):
        return groups
    lo, hi = site.fine_clause()
    out: list[list[str]] = []
    for group in groups:
        keep = group
        if len(group) >= 3:
            keep = []
            for code in group:
                ms = [m for m in info.parties.mentions if m.code == code]
                if (
                    not ms
                    or any(lo <= m.start < hi for m in ms)
                    or any(
                        not _WITH_JUST_BEFORE.search(text, max(info.sent.start, m.start - 40), m.start)
                        for m in ms
                    )
                ):
                    keep.append(code)
        out.append(keep)
    return out


# a word that makes what follows the subject of a talk: "phone talks about the latest developments
# surrounding the talks between A and B" (the talks between A and B are talked about, not held by the callers)
_TOPIC_BETWEEN = re.compile(
    r"\b(?:about|over|regarding|concerning|surrounding|discuss\w*|review\w*|exchanged\s+views\s+on)\b",
    re.IGNORECASE,
)


def _cue_groups(cues: list[Cue], bounds: tuple[list[int], list[int]], info: SentenceInfo) -> list[list[Cue]]:
    """The cues of one type, one group per clause that has a strong one ("negotiations with the U.S.
    make no sense, Rouhani said in a phone call with Macron": two meetings); all of them when none is
    strong (a weak cue needs its sentence's support)."""
    strong = [c for c in cues if c.strong]
    if len(strong) <= 1:
        return [cues]
    lo, hi = info.sent.start, info.sent.end
    by_clause: dict[tuple[int, int], list[Cue]] = {}
    apart: list[list[Cue]] = []
    for c in strong:
        group = by_clause.setdefault(around(bounds[0], c.start, lo, hi), [])
        if (
            group
            and _TOPIC_BETWEEN.search(info.sent.text, group[0].end - lo, c.start - lo)
            and c.text.endswith("between")
        ):
            apart.append([c])  # "held phone talks about the talks between A and B": the topic talks apart
            continue
        group.append(c)
    return [*by_clause.values(), *apart]


def _widest(cands: list[Candidate]) -> list[Candidate]:
    """Candidates of one type in one sentence, less those whose parties another one covers."""
    return [
        c
        for i, c in enumerate(cands)
        if not any(
            (o.parties > c.parties) or (o.parties == c.parties and j < i)
            for j, o in enumerate(cands)
            if j != i
        )
    ]


def _replacing(
    made: list[Candidate], new: list[Candidate], drops: Callable[[Candidate], bool]
) -> list[Candidate]:
    """`made` without the candidates that lie within the parties `new` covers and that `drops` marks, then
    `new` (another reading of the same occasion replaces the cue's); `made` itself when `new` is empty."""
    if not new:
        return made
    covered = frozenset().union(*(c.parties for c in new))
    return [c for c in made if not (c.parties <= covered and drops(c))] + new


def sentence_candidates(pos: int, article: ArticleContext, state: DiscourseState) -> list[Candidate]:
    """The candidates the sentence at `pos` makes: one per cue type and party group, plus a gathering."""
    info = article.infos[pos]
    bounds = segments(info, article.text) if info.cues else ([], [])
    by_type: dict[str, list[Cue]] = {}
    for c in info.cues:
        by_type.setdefault(c.type, []).append(c)
    made: list[Candidate] = []
    for type_name in TYPE_ORDER:
        if type_name in by_type:
            found: list[Candidate] = []
            for group in _cue_groups(by_type[type_name], bounds, info):
                found.extend(_type_candidates(pos, type_name, group, bounds, article, state))
            made.extend(_widest(found))
    gatherings = gathering_candidates(
        article.infos, pos, article.text, article.home, set(article.igo_codes), article.groups
    )
    # the gathering read from its participants list replaces the same gathering read from a cue (a meeting,
    # conference or intent cue: "delegations from A and B will be visiting the fair"; its co-chairs or
    # co-hosts: "the session, co-chaired by A and B, was attended by C and D")
    kinds = {g.type for g in gatherings} | {CONFERENCE, MEETING, INTENT}
    made = _replacing(made, gatherings, lambda c: c.type in kinds or _CO_HOSTS.match(c.cue.text) is not None)
    contracts = contractor_candidates(
        info, pos, article.text, article.home, set(article.igo_codes), article.groups
    )
    # the star of listed companies' states with the host replaces a clique of the listed states
    made = _replacing(made, contracts, lambda c: len(c.parties) > 2 or c.type == contracts[0].type)
    # a tour's stops, each with the traveller, replace the stops' meetings with each other
    tour = tour_of(
        info, pos, article.text, state.pronoun_state(pos, info.sent.text), article.igo_codes, article.groups
    )
    if tour is not None:
        made = [c for c in made if not tour.replaces(c)]
        made.extend(tour.added(made))
    entries = entry_candidates(
        article.infos, pos, article.text, article.home, set(article.igo_codes), article.groups
    )
    made.extend(e for e in entries if not any(e.parties <= c.parties for c in made))
    shown = exhibition_abroad_candidates(info, pos, article.text, set(article.igo_codes), article.groups)
    made.extend(x for x in shown if not any(c.type == x.type and x.parties <= c.parties for c in made))
    founded = coalition_candidates(article.infos, pos, article.text, article.igo_codes, article.groups)
    made.extend(f for f in founded if not any(c.type == f.type and f.parties <= c.parties for c in made))
    if article.processes is not None and article.rounds is not None:
        rounds = process_candidates(article.rounds, pos, article.processes, article.igo_codes)
        made.extend(r for r in rounds if not any(c.type == r.type and r.parties <= c.parties for c in made))
    for cand in made:
        if not cand.dated:
            _date_from_sentence(cand, info, article, bounds)
    return made


def _date_from_sentence(
    cand: Candidate, info: SentenceInfo, article: ArticleContext, bounds: tuple[list[int], list[int]]
) -> None:
    """Date a candidate by its sentence's date phrase for its cue (or when the remarks were made): a cue's
    candidate, and one read from the sentence's participants or named process (a gathering, a coalition,
    a round of talks)."""
    found = event_date(info, cand.cue, article.text, article.reporting, bounds) or info.remarks_date
    if found is not None:
        cand.dated = True  # a date phrase of its own, even one that cannot be resolved
        if found.value is not None:
            cand.date, cand.date_text, cand.date_kind = found.value, found.phrase, found.kind


def _history_apart(info: SentenceInfo, text: str, processes: Processes | None) -> bool:
    """Whether the sentence tells the 2015 deal's conclusion as history (D3, `Processes.history`: "Iran signed
    the JCPOA in 2015 alongside A, B and C"), the deal or its group named (`DEAL_NAMED`: not "a contract for gas
    was sealed in June 2013"): who signed then is named for the record, so the sentence restates, continues or
    recalls no occasion of those states told elsewhere in the article (a round of talks now)."""
    return (
        processes is not None
        and told_as_history_of_deal(info, text, processes.history)
        and DEAL_NAMED.search(text, info.sent.start, info.sent.end) is not None
    )


def build_candidates(
    infos: list[SentenceInfo],
    text: str,
    igo_codes: set[str],
    home: str | None,
    reporting: re.Pattern[str],
    clock: Deadline | None = None,
    syntax: SyntaxFilter | None = None,
    groups: Mapping[str, tuple[str, ...]] | None = None,
    processes: Processes | None = None,
    published: date | None = None,
) -> list[Candidate]:
    """Candidates from the sentences (steps 2-5 of the module docstring), merged, in text order.

    `clock` is checked every `DEADLINE_EVERY` sentences (raises `DeadlineExceeded`); `published` (the
    article's day, when known) tells the process rules the time of the article.
    """
    members = dict(groups or {})
    rounds = (
        ArticleParties(infos, text, members, published, processes.history) if processes is not None else None
    )
    article = ArticleContext(
        infos, text, frozenset(igo_codes), home, reporting, syntax, members, processes, rounds
    )
    state = DiscourseState()
    cands: list[Candidate] = []
    clock = clock or Deadline(None)
    for pos, info in enumerate(infos):
        if pos % DEADLINE_EVERY == 0:
            clock.check("event rules")
        made = sentence_candidates(pos, article, state)
        cands.extend(made)
        state.after_sentence(pos, info, made, text, _history_apart(info, text, processes))
    recall_named(cands, state.unattached)
    recall_pairs(cands, state.beside)
    inherit_dates(cands)
    return merge_occasions(cands)
