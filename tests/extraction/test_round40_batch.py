"""Round 40, a batch of small rules each right by class and each under the keep rule's bar alone: the destinations
of a flow of goods are a market, not an act; a state "along the border with" another names a place, not a party; a
bank of one state opening a branch in another is a tie with the host; help rushed to a state is aid. Short texts
invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def test_destinations_of_exported_products_are_no_clique(extractor: Extractor) -> None:
    text = (
        "The head of the province's trade office named Chile, Kenya and Norway as the major destinations of the "
        "products exported from the province last year."
    )
    found = typed_states(extractor, text)
    assert not any(len(states & {"CHL", "KEN", "NOR"}) >= 2 for _, states in found)


def test_export_destinations_listed_are_no_clique(extractor: Extractor) -> None:
    text = "Peru's main export destinations this year were Chile, Kenya and Norway, the customs office said."
    found = typed_states(extractor, text)
    assert not any(len(states & {"CHL", "KEN", "NOR"}) >= 2 for _, states in found)


def test_drills_along_the_border_with_a_state_do_not_make_it_a_party(extractor: Extractor) -> None:
    text = "Peru and Chile held joint naval drills along the border with Bolivia on Monday, the Peruvian navy said."
    found = typed_states(extractor, text)
    assert any(states == frozenset({"PER", "CHL"}) for _, states in found)
    assert not any("BOL" in states for _, states in found)


def test_a_bank_opening_a_branch_abroad_is_a_tie_with_the_host(extractor: Extractor) -> None:
    text = "Peru's Bank of Lima was allowed to open a branch in Kenya's port of Mombasa, officials said on Monday."
    found = typed_states(extractor, text)
    assert any(states == frozenset({"PER", "KEN"}) for _, states in found)


def test_help_rushed_to_a_state_is_aid(extractor: Extractor) -> None:
    text = "When the floods struck, Peru rushed to the help of Bolivia, the minister recalled on Monday."
    found = typed_states(extractor, text)
    assert ("aid", frozenset({"PER", "BOL"})) in found


def test_help_rushed_to_ships_names_no_partner(extractor: Extractor) -> None:
    text = "The Peruvian navy rushed to the assistance of two oil tankers off the coast of Chile on Monday."
    found = typed_states(extractor, text)
    assert not any(states == frozenset({"PER", "CHL"}) for _, states in found)
