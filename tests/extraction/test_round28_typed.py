"""Issue 13, round 28 (event types): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed


def test_an_accord_to_restore_ties_is_an_agreement(extractor: Extractor) -> None:
    agreed = (
        "LIMA - Peru and Chile agreed on Friday to re-establish relations after eight years of estrangement."
    )
    assert typed(events_of(extractor, agreed)) == {("agreement", ("CHL", "PER"))}
    decided = "LIMA - Peru and Chile decided in March to resume their diplomatic ties after a long break."
    assert typed(events_of(extractor, decided)) == {("agreement", ("CHL", "PER"))}
    the_deal = (
        "LIMA - Soto was involved in the deal that restored diplomatic relations between Peru and Chile."
    )
    assert typed(events_of(extractor, the_deal)) == {("agreement", ("CHL", "PER"))}
    embassies = "LIMA - Peru and Chile agreed to resume their ties and re-open embassies within two months."
    assert typed(events_of(extractor, embassies)) == {("agreement", ("CHL", "PER"))}


def test_restoring_ties_still_to_come_stays_an_intent(extractor: Extractor) -> None:
    future_accord = "LIMA - Peru and Chile will agree to restore diplomatic relations."
    assert typed(events_of(extractor, future_accord)) == {("intent", ("CHL", "PER"))}
    hoped = "LIMA - Peru and Chile hope to restore diplomatic relations soon."
    assert typed(events_of(extractor, hoped)) == {("intent", ("CHL", "PER"))}
    announced = "LIMA - Peru and Chile said they will restore diplomatic ties within two months."
    assert typed(events_of(extractor, announced)) == {("intent", ("CHL", "PER"))}
    other_ties = "LIMA - Peru and Chile agreed to expand trade ties."
    assert typed(events_of(extractor, other_ties)) == {("intent", ("CHL", "PER"))}
