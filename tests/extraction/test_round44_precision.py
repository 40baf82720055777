"""Round 44, false pairs and dyads outside the nuclear deal: passengers of a tourist train listed by their
countries are private travellers; the oil producers' talks in Vienna are no round of the nuclear talks; ", though"
opens a clause whose parties are none of the talks'. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def _states(found: set[tuple[str, frozenset[str]]]) -> set[str]:
    return {c for _, states in found for c in states}


def test_passengers_of_a_tourist_train_listed_by_country_make_no_meeting(extractor: Extractor) -> None:
    text = (
        "The luxury train, which arrived in Shiraz on Sunday, carries 40 passengers from Chile, Peru, Spain and "
        "Norway, the agency reported."
    )
    assert not typed_states(extractor, text)


def test_a_state_visit_by_train_is_still_a_meeting(extractor: Extractor) -> None:
    text = "The Chilean president arrived in Lima by train on Sunday for talks with his Peruvian counterpart."
    assert ("meeting", frozenset({"CHL", "PER"})) in typed_states(extractor, text)


def test_the_oil_producers_talks_in_vienna_are_no_round_of_the_nuclear_talks(extractor: Extractor) -> None:
    text = (
        "Iran's oil minister met his Chinese counterpart on Monday. "
        "OPEC members held another round of talks in Vienna on output cuts, the minister added."
    )
    found = typed_states(extractor, text)
    assert ("meeting", frozenset({"CHN", "IRN"})) in found
    assert not {"DEU", "FRA", "GBR"} & _states(found)


def test_a_round_of_the_nuclear_talks_in_vienna_stays_without_opec(extractor: Extractor) -> None:
    text = (
        "Iran's foreign minister met his Chinese counterpart on Monday. "
        "Diplomats held another round of talks in Vienna on reviving the nuclear deal, the minister added."
    )
    assert {"DEU", "FRA", "GBR"} <= _states(typed_states(extractor, text))


def test_parties_after_though_are_not_the_talks_parties(extractor: Extractor) -> None:
    text = (
        "On Friday, the group said it made progress toward a deal after another round of talks with Chile, "
        "though it left details including the role of Peru and Spain to be resolved."
    )
    assert not {"ESP", "PER"} & _states(typed_states(extractor, text))
