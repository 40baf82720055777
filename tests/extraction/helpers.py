"""Helpers of the rule tests (test_round*.py): extract a short made-up text, read its events as sets;
build one made-up sentence's `SentenceInfo` for the unit tests of what reads it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations

from libs.contracts.events import CooperationEvent
from libs.extraction import Extractor
from libs.extraction.candidates import SentenceInfo
from libs.extraction.mention_roles import PartyMention, SentenceParties
from libs.extraction.resources import load_resources
from libs.extraction.sectors import SectorMatcher
from libs.extraction.text import Sentence
from libs.extraction.triggers import Cue, filter_cues, topic_before

PUB = date(2024, 5, 23)  # a Thursday: relative days resolve against it
# Iran and the deal's other parties (P4+1): one round of the nuclear talks with all of them
DEAL_GROUP = frozenset({"CHN", "DEU", "FRA", "GBR", "IRN", "RUS"})


def events_of(extractor: Extractor, text: str, article_id: str = "rules") -> list[CooperationEvent]:
    """The events of `text` as an article published on `PUB`."""
    return extractor.extract(text, article_id=article_id, published_at=PUB).events


# unrelated sentences that put distance between an occasion and a later mention of it
FILLER = (
    "The weather in the capital was mild. Traffic was heavy in the morning. "
    "Schools reopened after the holiday. Prices of bread were stable. "
    "A new museum opened downtown. The football season starts in May. "
)


def sectors_in(matcher: SectorMatcher, text: str) -> list[str]:
    """The sectors `matcher` cues in the whole of `text`, names left out."""
    return matcher.find(text, [(0, len(text))], names=False)


def told_by(events: list[CooperationEvent], text: str, phrase: str) -> list[tuple[str, ...]]:
    """The parties of the events whose evidence holds `phrase`."""
    at = text.index(phrase)
    return [tuple(e.countries) for e in events if any(x.start <= at < x.end for x in e.evidence)]


def typed(events: list[CooperationEvent]) -> set[tuple[str, tuple[str, ...]]]:
    """(type, parties) of each event; parties are its countries then its IGOs."""
    return {(e.type.value, tuple(e.countries + e.igos)) for e in events}


def typed_states(extractor: Extractor, text: str) -> set[tuple[str, frozenset[str]]]:
    """(type, states) of each event extracted from `text` (IGOs left out)."""
    return {(e.type.value, frozenset(e.countries)) for e in events_of(extractor, text)}


def types_between(extractor: Extractor, text: str, a: str, b: str) -> set[str]:
    """The types of the events in which states `a` and `b` both take part."""
    return {t for t, states in typed_states(extractor, text) if {a, b} <= states}


def talks_read_as_topic(before: str, tail: str = "with the group.") -> bool:
    """Whether the shipped `talks_topic` frames read "talks" right after `before` as a topic, not a round held
    (`triggers.topic_before` on `before + "talks " + tail`)."""
    text = f"{before}talks {tail}"
    return topic_before(load_resources().talks_topic, text, 0, len(before), "talks with")


def meetings_of_many(extractor: Extractor, text: str) -> list[frozenset[str]]:
    """The states of each `meeting` of four states or more extracted from `text`."""
    return [
        states for kind, states in typed_states(extractor, text) if kind == "meeting" and len(states) >= 4
    ]


def typed_apart(extractor: Extractor, text: str) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(type, countries, IGOs) of each event of `text`, extracted without a publication date."""
    return {
        (e.type.value, tuple(e.countries), tuple(e.igos))
        for e in extractor.extract(text, article_id="t").events
    }


def deal_tables(extractor: Extractor, text: str) -> list[tuple[str, set[str]]]:
    """(type, states) of each event of `text` (no publication date) that holds Iran and the whole of the P4+1."""
    return [
        (kind, set(states)) for kind, states, _ in typed_apart(extractor, text) if DEAL_GROUP <= set(states)
    ]


def cue_types(extractor: Extractor, sentence: str) -> list[str]:
    """The types of the cues `filter_cues` keeps in one made-up sentence (no conflict, no sports)."""
    scan = extractor.scanner.scan(sentence)
    raw = extractor.cue_matcher.find(scan, 0, len(sentence))
    cues = filter_cues(
        sentence,
        0,
        len(sentence),
        raw,
        extractor.resources,
        conflict=False,
        sports=False,
        continuation_end=None,
    )
    return [c.type for c in cues]


def parties(events: list[CooperationEvent]) -> set[tuple[str, ...]]:
    """The parties of each event: its countries then its IGOs."""
    return {tuple(e.countries + e.igos) for e in events}


def event_pairs(events: list[CooperationEvent]) -> set[tuple[str, str]]:
    """Every pair of parties of each event (sorted), pooled over the events."""
    return {pair for p in parties(events) for pair in combinations(sorted(p), 2)}


def pair_sets(extractor: Extractor, text: str) -> set[frozenset[str]]:
    """The pairs of parties of the events of `text`, each as an unordered set."""
    return {frozenset(pair) for pair in event_pairs(events_of(extractor, text))}


def evidence_of(extractor: Extractor, text: str, states: set[str], sentence: str) -> bool:
    """Whether an event of exactly `states` has the sentence starting with `sentence` as evidence."""
    return any(
        set(e.countries) == states and any(ev.text.startswith(sentence) for ev in e.evidence)
        for e in events_of(extractor, text)
    )


def sentence_info(
    text: str, mentions: Sequence[PartyMention] = (), cues: Sequence[Cue] = (), conflict: bool = False
) -> SentenceInfo:
    """The `SentenceInfo` of `text` as the only sentence of an article, with these mentions and cues."""
    return SentenceInfo(
        sent=Sentence(0, 0, len(text), text, 0),
        matches=[],
        parties=SentenceParties(list(mentions)),
        cues=list(cues),
        dates=[],
        anaphoric=False,
        continuation=False,
        other_signal=False,
        unmarked=False,
        conflict=conflict,
    )
