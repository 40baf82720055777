"""Round 34: officials as parties (`libs/extraction/officials.py`) on short texts written for these tests:
tour stops with the traveller, the official a "He"/"She" opener stands for, officials met one by one."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _pairs(extractor: Extractor, text: str) -> set[tuple[str, ...]]:
    return {tuple(e.countries + e.igos) for e in events_of(extractor, text)}


# -- tours: one visit per stop with the traveller, never the stops with each other ----------------------


def test_tour_yet_to_come_is_one_intent_per_stop(extractor: Extractor) -> None:
    text = (
        "The Chilean foreign minister will set off on Monday on a regional tour that will include Peru, "
        "Bolivia and Paraguay."
    )
    assert typed(events_of(extractor, text)) == {
        ("intent", ("CHL", "PER")),
        ("intent", ("BOL", "CHL")),
        ("intent", ("CHL", "PRY")),
    }


def test_tour_told_as_done_is_one_meeting_per_stop(extractor: Extractor) -> None:
    text = (
        "The Kenyan president began a tour of Asia last week which took him to Japan, Vietnam and Indonesia."
    )
    assert typed(events_of(extractor, text)) == {
        ("meeting", ("JPN", "KEN")),
        ("meeting", ("KEN", "VNM")),
        ("meeting", ("IDN", "KEN")),
    }


def test_one_more_stop_beside_an_arrival(extractor: Extractor) -> None:
    text = (
        "The Norwegian foreign minister arrived in Nairobi on Monday on the first leg of a trip to Africa "
        "which will also include Ghana."
    )
    pairs = _pairs(extractor, text)
    assert ("GHA", "NOR") in pairs and ("KEN", "NOR") in pairs
    assert ("GHA", "KEN") not in pairs


def test_stops_on_the_agenda(extractor: Extractor) -> None:
    text = (
        "The Chilean foreign minister met Argentine officials on Monday. The Chilean minister was on the "
        "first leg of a regional tour, with Argentina, Uruguay and Paraguay on the agenda."
    )
    pairs = _pairs(extractor, text)
    assert {("CHL", "URY"), ("CHL", "PRY")} <= pairs
    assert ("PRY", "URY") not in pairs


def test_a_tour_taking_place_names_no_stop(extractor: Extractor) -> None:
    text = "The Kenyan president met the Ugandan president. The trip took place in Kampala after long delays."
    assert _pairs(extractor, text) == {("KEN", "UGA")}


# -- "He"/"She" after a sentence that opened on an official: that official travels ------------------------


def test_he_is_the_official_the_sentence_before_opened_on(extractor: Extractor) -> None:
    text = (
        "Chilean President Gabriel Boric visited Lima on Sunday and met Peruvian President Dina Boluarte. "
        "He then travelled to La Paz."
    )
    pairs = _pairs(extractor, text)
    assert ("BOL", "CHL") in pairs
    assert ("BOL", "PER") not in pairs


def test_she_is_an_official_named_by_state_and_title(extractor: Extractor) -> None:
    text = "Norway's Foreign Minister arrived in Nairobi on Monday. She will also travel to Accra."
    assert ("GHA", "NOR") in _pairs(extractor, text)


# -- officials of several states met one by one -----------------------------------------------------------


def test_talks_with_the_leaders_of_listed_states(extractor: Extractor) -> None:
    text = "The Kenyan foreign minister held talks with the leaders of Uganda and Rwanda on Sunday."
    assert _pairs(extractor, text) == {("KEN", "UGA"), ("KEN", "RWA")}


def test_talks_with_officials_named_by_demonyms(extractor: Extractor) -> None:
    text = (
        "The Chilean minister also held talks with the Peruvian and Bolivian foreign ministers in Santiago."
    )
    assert _pairs(extractor, text) == {("CHL", "PER"), ("BOL", "CHL")}


def test_phone_talks_with_listed_ministers(extractor: Extractor) -> None:
    text = "Norway's foreign minister held phone talks with foreign ministers of Sweden, Finland and Denmark."
    assert _pairs(extractor, text) == {("NOR", "SWE"), ("FIN", "NOR"), ("DNK", "NOR")}


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan foreign minister held a trilateral meeting with the foreign ministers of Uganda and Rwanda.",
        "The foreign ministers of Kenya, Uganda and Rwanda met in Kampala on Monday.",
    ],
)
def test_one_meeting_of_all_stays_one(extractor: Extractor, text: str) -> None:
    assert _pairs(extractor, text) == {("KEN", "RWA", "UGA")}
