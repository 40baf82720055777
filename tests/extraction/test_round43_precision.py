"""Round 43, false pairs and dyads outside the nuclear deal: the first of cities coordinated before the processes
they name ("the Doha and Geneva talks") is no party and no host; a sentence of one-way trade figures ("A's exports to
B rose 20 percent") is no evidence of an occasion of the two told nearby, while the trade between them named again
stays. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, told_by, typed_states


def _states(found: set[tuple[str, frozenset[str]]]) -> set[str]:
    return {c for _, states in found for c in states}


def test_the_first_of_coordinated_cities_naming_talks_is_no_host(extractor: Extractor) -> None:
    text = (
        "The minister hoped that the Doha and Geneva talks attended by Chile, Peru and Spain would succeed."
    )
    found = typed_states(extractor, text)
    assert "QAT" not in _states(found)
    assert frozenset({"CHL", "ESP", "PER"}) in {states for _, states in found}


def test_each_of_three_coordinated_cities_naming_formats_is_no_party(extractor: Extractor) -> None:
    text = "The foreign ministers of Chile and Spain met in Madrid on Monday to discuss the Quito, Lima and Bogota formats."
    found = typed_states(extractor, text)
    assert ("meeting", frozenset({"CHL", "ESP"})) in found
    assert not {"ECU", "PER"} & _states(found)


def test_one_way_trade_figures_are_no_evidence_of_a_meeting_told_before(extractor: Extractor) -> None:
    text = (
        "Peruvian Foreign Minister Ana Ruiz met her Chilean counterpart in Lima on Monday. "
        "Trade between Chile and Peru rose 35 percent last year, the minister added. "
        "Chile's exports to Peru fell 20 percent in the first quarter of the year, the customs office said."
    )
    events = events_of(extractor, text)
    assert ("CHL", "PER") in told_by(events, text, "Trade between Chile and Peru")
    assert not told_by(events, text, "fell 20 percent")
