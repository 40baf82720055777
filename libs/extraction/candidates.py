"""The data the event rules work on: one `SentenceInfo` per content sentence, `Candidate` events.

`SentenceInfo` is filled by `extractor.py` (mentions with roles, cues, dates,
flags); `Candidate` is an event in the making, built by `discourse.py`, merged by
`occasions.py` and turned into a `CooperationEvent` by `extractor.py`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from libs.extraction.dates import DateMention, DateValue
from libs.extraction.gazetteer import Match
from libs.extraction.mention_roles import SentenceParties
from libs.extraction.text import Sentence
from libs.extraction.triggers import Cue

# event types, in the order a sentence's candidates are built
MEETING, CONFERENCE, AGREEMENT, INTENT, COOPERATION, AID = (
    "meeting",
    "conference",
    "agreement",
    "intent",
    "cooperation",
    "aid",
)
TYPE_ORDER = (MEETING, CONFERENCE, AGREEMENT, INTENT, COOPERATION, AID)

# how a candidate's parties were found (the confidence depends on it)
EXPLICIT = "explicit"  # named in the cue's clause
RESOLVED = "resolved"  # named in the clause, some only weakly (a city, a person's state)
CONTEXT = "context"  # "the two sides": the parties named before
PRONOUN = "pronoun"  # "he", a subject named before "with ..."
HOME = "home"  # an official named by title alone: the dateline's state
VENUE = "venue"  # the visited or hosting place's state
DOMESTIC = "domestic"  # "talks between the government and the opposition": no event


@dataclass(slots=True)
class SentenceInfo:
    """Everything the rules know about one content sentence."""

    sent: Sentence
    matches: list[Match]
    parties: SentenceParties
    cues: list[Cue]
    dates: list[DateMention]
    anaphoric: bool
    continuation: bool
    other_signal: bool
    unmarked: bool
    conflict: bool
    unnamed_person: bool = False
    conflict_spans: list[tuple[int, int]] = field(default_factory=list)
    anaphor_spans: list[tuple[int, int]] = field(default_factory=list)  # "the two sides", "both countries"
    sports: bool = False  # a sports cue ("the match against Lebanon")
    remarks_date: DateMention | None = None  # "He made the remarks in a meeting ...": when they were said
    # one-way trade figures ("exports to A rose 20 percent"): no evidence of an occasion
    statistics: bool = False


@dataclass(slots=True)
class Candidate:
    """An event in the making."""

    type: str
    countries: tuple[str, ...]
    igos: tuple[str, ...]
    sentences: list[int]  # positions in the SentenceInfo list
    cue: Cue
    strong: bool
    source: str  # EXPLICIT, RESOLVED, CONTEXT, PRONOUN, HOME or VENUE
    date: DateValue | None = None
    date_text: str | None = None
    date_kind: str | None = None  # the `DateMention.kind` of the date (None when inherited or absent)
    location: tuple[str, str | None] | None = None
    continued: bool = False  # the trigger sentence continues an earlier occasion
    dated: bool = False  # the trigger sentence has its own date phrase for the cue
    extra: list[int] = field(default_factory=list)  # continuation sentences
    # later sentences naming its parties again: evidence only (no sectors, no confidence)
    restated: list[int] = field(default_factory=list)
    # later sentences beyond the occasion's reach naming its parties again with a cue: evidence only, like
    # `restated`, and not read for the date either (`discourse.DiscourseState.recall_earlier`)
    recalled: list[int] = field(default_factory=list)
    # earlier sentences telling the gathering its attending sentence refers back to ("Ten ministers met in Qatar.
    # ... A, B and C attended the meeting", `gatherings.told_before`): evidence, and its date when it has none
    told: list[int] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        return (self.type, self.countries, self.igos)

    @property
    def parties(self) -> frozenset[str]:
        return frozenset(self.countries) | frozenset(self.igos)


def split_parties(
    codes: list[str], igo_codes: Collection[str], groups: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(countries, igos), each sorted and without duplicates; a group ("P5+1") stands for its members."""
    groups = groups or {}
    expanded = [m for c in codes for m in groups.get(c, (c,))]
    countries = tuple(sorted({c for c in expanded if c not in igo_codes}))
    igos = tuple(sorted({c for c in expanded if c in igo_codes}))
    return countries, igos
