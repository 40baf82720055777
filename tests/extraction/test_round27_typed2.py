"""Issue 13, round 27, second part (event types): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed


def test_ties_built_now_in_the_progressive_are_cooperation(extractor: Extractor) -> None:
    restored = "LIMA - Peru and Chile are re-establishing diplomatic ties, officials said on Monday."
    assert typed(events_of(extractor, restored)) == {("cooperation", ("CHL", "PER"))}
    developing = "LIMA - Peru is developing its relations with Chile in trade and energy."
    assert typed(events_of(extractor, developing)) == {("cooperation", ("CHL", "PER"))}


def test_ties_still_to_build_stay_an_intent(extractor: Extractor) -> None:
    future = "LIMA - Peru will be strengthening its ties with Chile next year."
    assert typed(events_of(extractor, future)) == {("intent", ("CHL", "PER"))}
    wanted = "LIMA - Peru wants to strengthen its ties with Chile."
    assert typed(events_of(extractor, wanted)) == {("intent", ("CHL", "PER"))}
    aim = "LIMA - Peru is improving relations with Chile."
    assert typed(events_of(extractor, aim)) == {("intent", ("CHL", "PER"))}
