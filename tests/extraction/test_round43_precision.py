"""Round 43, false pairs and dyads outside the nuclear deal: a sentence of trade figures ("exports to B rose 20
percent") is no evidence of an occasion of its two states told nearby; the first of cities coordinated before the
processes they name ("the Doha and Geneva talks") is no party and no host. Short texts invented for these tests
(not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, told_by, typed_states


def _states(found: set[tuple[str, frozenset[str]]]) -> set[str]:
    return {c for _, states in found for c in states}


def test_trade_figures_are_no_evidence_of_a_meeting_told_before(extractor: Extractor) -> None:
    text = (
        "Peruvian Foreign Minister Ana Ruiz met her Chilean counterpart in Lima on Monday. "
        "Chile and Peru enjoy close relations, the minister added. "
        "Chile's exports to Peru rose 20 percent in the first quarter of the year, the customs office said."
    )
    events = events_of(extractor, text)
    assert ("CHL", "PER") in told_by(events, text, "enjoy close relations")  # ties named again stay evidence
    assert not told_by(events, text, "rose 20 percent")


def test_the_first_of_coordinated_cities_naming_talks_is_no_host(extractor: Extractor) -> None:
    text = (
        "The minister hoped that the Doha and Geneva talks attended by Chile, Peru and Spain would succeed."
    )
    found = typed_states(extractor, text)
    assert "QAT" not in _states(found)
    assert frozenset({"CHL", "ESP", "PER"}) in {states for _, states in found}
