"""Sentence dyads, issue 13 round 25: stops of a trip named after a group of unnamed states ("a tour of Andean
countries and Chile as well as Peru") are destinations, one visit each, not a meeting of the stops; on short
texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties


def test_stops_after_unnamed_countries_are_visited_one_by_one(extractor: Extractor) -> None:
    for stops in ("Chile as well as Peru", "Chile and Peru", "Chile, Peru"):
        text = f"LA PAZ – The Bolivian foreign minister set off on a tour of Andean countries and {stops} on Monday."
        assert parties(events_of(extractor, text)) == {("BOL", "CHL"), ("BOL", "PER")}


def test_a_stop_after_unnamed_states_named_alone(extractor: Extractor) -> None:
    text = "LA PAZ – The Bolivian president began a tour of Pacific states and Chile on Monday."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL")}


def test_named_partners_of_a_deal_still_sign_together(extractor: Extractor) -> None:
    text = "LA PAZ – Bolivia, Chile and Peru signed a deal on lithium mining on Monday."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL", "PER")}
