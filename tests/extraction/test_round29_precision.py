"""Round 29, precision: officials met one by one after a chain of titles, sanctions waivers granted to buyers;
short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, pair_sets


def test_a_chain_of_officials_met_is_met_one_by_one(extractor: Extractor) -> None:
    for text in (
        "LIMA - The Peruvian foreign minister wrote on Twitter after meeting with the president and foreign "
        "minister of Chile and the foreign ministers of Brazil, Bolivia and Ecuador.",
        'LIMA - "Met with President & FM of Chile & FMs of Brazil, Bolivia and Ecuador," the Peruvian foreign '
        "minister wrote.",
    ):
        pairs = pair_sets(extractor, text)
        assert {frozenset(("PER", c)) for c in ("CHL", "BRA", "BOL", "ECU")} <= pairs, text
        assert frozenset(("BRA", "BOL")) not in pairs and frozenset(("CHL", "ECU")) not in pairs, text


def test_a_meeting_held_with_listed_ministers_stays_one_meeting(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian foreign minister held a meeting with the foreign ministers of Brazil, Bolivia and "
        "Ecuador on Monday."
    )
    assert frozenset(("BRA", "BOL")) in pair_sets(extractor, text)


def test_a_waiver_granted_to_buyers_is_no_intent(extractor: Extractor) -> None:
    for text in (
        "LIMA - Last year Washington issued sanctions waivers for Chile, Brazil, Bolivia and Ecuador so they "
        "could keep importing copper from Peru.",
        "LIMA - Last year Washington gave a waiver to Chile, Brazil, Bolivia and Ecuador to keep importing "
        "copper from Peru.",
    ):
        assert not [e for e in events_of(extractor, text) if e.type in ("intent", "cooperation")], text


def test_an_intent_to_keep_importing_without_a_waiver_stays(extractor: Extractor) -> None:
    text = "LIMA - Chile wants to keep importing copper from Peru, its trade minister said."
    assert frozenset(("CHL", "PER")) in pair_sets(extractor, text)
