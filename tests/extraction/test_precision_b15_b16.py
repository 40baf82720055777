"""Issue 13, precision after blind_13-16 (outside the negotiation rules): a trade flow made an intent with its
sources listed, a range of topics ("from A to B, to C"), "unable to", "not invited to", "neither A nor B went",
put-off trips, a protecting power's aside; short texts written for these tests (not
the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import cue_types as _types
from tests.extraction.helpers import events_of, parties


def test_met_with_an_official_is_still_a_meeting(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian foreign minister met with the Chilean ambassador in Lima on Monday."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_an_intended_import_from_a_list_makes_no_clique(extractor: Extractor) -> None:
    text = (
        "LIMA - The head of the weather agency said the sensors are costly, and we chose to purchase and "
        "import them from Chile, Brazil, Argentina and Bolivia."
    )
    assert not any({"CHL", "BRA"} <= set(p) for p in parties(events_of(extractor, text)))


def test_a_range_of_topics_is_no_party(extractor: Extractor) -> None:
    text = (
        "LIMA - The Spanish foreign minister said on Monday: “My meeting with President Castillo was mainly about "
        "this issue, and naturally we talked about plenty of other things as well from Bolivia to Ecuador, to Colombia.”"
    )
    found = parties(events_of(extractor, text))
    assert ("ESP", "PER") in found
    assert all(not {"BOL", "ECU", "COL"} & set(p) for p in found)


def test_unable_to_visit_is_no_meeting(extractor: Extractor) -> None:
    text = "LIMA - Peruvian and Chilean traders were unable to visit each other during the border closure."
    assert events_of(extractor, text) == []


def test_not_invited_to_a_meeting_is_no_meeting(extractor: Extractor) -> None:
    text = "LIMA - Peru's spokesman was asked why Peru was not invited to a meeting with Chile and Bolivia on water."
    assert events_of(extractor, text) == []


def test_neither_nor_went_is_no_meeting(extractor: Extractor) -> None:
    text = (
        "The conference in Lima was a show. Neither the Chileans nor the Bolivians went to Lima, despite their "
        "dispute being the focus of attention."
    )
    assert events_of(extractor, text) == []


def test_a_postponed_trip_is_no_meeting(extractor: Extractor) -> None:
    assert "meeting" not in _types(
        extractor, "The Peruvian president postpones his Santiago trip to chair a meeting."
    )


def test_a_protecting_power_aside_is_no_cooperation(extractor: Extractor) -> None:
    text = (
        "LIMA - Peru on Wednesday summoned the Swiss ambassador, whose country represents the Chilean "
        "interests in Peru, over the border incident."
    )
    assert events_of(extractor, text) == []
    assert "cooperation" in _types(extractor, "Switzerland represents the Chilean interests in Peru.")
