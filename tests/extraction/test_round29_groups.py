"""Groups of states acting as one party, issue 13 round 29: a gathering to come told by its verb ("will be
gathering", "to reconvene", "will convene") with the parties as subject is an intent of them; gathering
support or data is none; on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from itertools import combinations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties


def _pairs(text_events: list) -> set[tuple[str, str]]:
    return {pair for p in parties(text_events) for pair in combinations(sorted(p), 2)}


@pytest.mark.parametrize(
    "text, pairs",
    [
        (
            "LIMA – Chile and the P4+1 group of countries will be gathering in Geneva again next month to go over"
            " the open files.",
            {("CHL", "FRA"), ("CHL", "RUS"), ("CHN", "DEU"), ("DEU", "GBR")},
        ),
        (
            "LIMA – The trade ministers of Peru and Bolivia are due to reconvene in La Paz after the holidays.",
            {("BOL", "PER")},
        ),
        ("LIMA – Delegates of Peru and Ecuador will convene in Quito on Friday.", {("ECU", "PER")}),
    ],
)
def test_a_gathering_to_come_told_by_its_verb_is_an_intent(extractor: Extractor, text: str, pairs: set) -> None:
    events = events_of(extractor, text)
    assert pairs <= _pairs(events)
    assert all(e.type.value == "intent" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "LIMA – Farmers will gather in front of the Chilean embassy in Lima to protest the new tariffs.",
        "LIMA – Peruvian officials will gather data on Bolivian border crossings this winter.",
        "LIMA – Both parties will gather momentum before the Peruvian vote on Bolivia's proposal.",
    ],
)
def test_gathering_people_data_or_momentum_is_no_event(extractor: Extractor, text: str) -> None:
    assert not _pairs(events_of(extractor, text))
