"""Round 41, missed pairs outside the nuclear deal (recall): a founding told of the states the sentence before
listed ("A, B, C and D are the bloc's members. Those four states founded it"), one act of all of them (an
`agreement` when an organisation is founded); a number word that does not count the list makes nothing. Short
texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states

_LISTED = "Peru, Chile, Bolivia and Ecuador are the members of the Andean bloc. "


def _pairs(found: set[tuple[str, frozenset[str]]], kind: str) -> set[frozenset[str]]:
    """The state sets of the events of one type."""
    return {states for t, states in found if t == kind}


def test_organisation_founded_by_those_listed_states_is_an_agreement_of_all(extractor: Extractor) -> None:
    text = _LISTED + "Those four states formally founded the bloc as a regional organization in 1969 in Lima."
    assert _pairs(typed_states(extractor, text), "agreement") == {frozenset({"PER", "CHL", "BOL", "ECU"})}


def test_body_set_up_by_these_countries_is_a_cooperation_of_all(extractor: Extractor) -> None:
    text = _LISTED + "These countries set up a joint water fund in 1971."
    assert frozenset({"PER", "CHL", "BOL", "ECU"}) in _pairs(typed_states(extractor, text), "cooperation")


def test_number_word_that_does_not_count_the_list_makes_nothing(extractor: Extractor) -> None:
    text = _LISTED + "The three countries founded the bloc in 1969."
    assert not typed_states(extractor, text)
