"""Issue 13, round 26 (event types): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of


def _types(extractor: Extractor, text: str) -> set[tuple[str, tuple[str, ...]]]:
    return {(str(e.type.value), tuple(e.countries)) for e in events_of(extractor, text)}


def test_a_tour_being_planned_is_an_intent(extractor: Extractor) -> None:
    planned = (
        "LIMA - The Peruvian president is planning his first foreign tour with visits to Chile and Bolivia."
    )
    types = _types(extractor, planned)
    assert ("intent", ("CHL", "PER")) in types
    assert not any(t == "meeting" for t, _ in types)
    made = "LIMA - The Peruvian president made his first foreign tour with visits to Chile and Bolivia."
    assert any(t == "meeting" for t, _ in _types(extractor, made))
