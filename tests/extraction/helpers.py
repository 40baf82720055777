"""Helpers of the rule tests (test_round*.py): extract a short made-up text, read its events as sets."""

from __future__ import annotations

from datetime import date

from libs.contracts.events import CooperationEvent
from libs.extraction import Extractor

PUB = date(2024, 5, 23)  # a Thursday: relative days resolve against it


def events_of(extractor: Extractor, text: str, article_id: str = "rules") -> list[CooperationEvent]:
    """The events of `text` as an article published on `PUB`."""
    return extractor.extract(text, article_id=article_id, published_at=PUB).events


def typed(events: list[CooperationEvent]) -> set[tuple[str, tuple[str, ...]]]:
    """(type, parties) of each event; parties are its countries then its IGOs."""
    return {(e.type.value, tuple(e.countries + e.igos)) for e in events}


def parties(events: list[CooperationEvent]) -> set[tuple[str, ...]]:
    """The parties of each event: its countries then its IGOs."""
    return {tuple(e.countries + e.igos) for e in events}
