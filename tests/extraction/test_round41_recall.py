"""Round 41, missed pairs outside the nuclear deal (recall): a founding told of the states the sentence before
listed ("A, B, C and D are the bloc's members. Those four states founded it"), one act of all of them (an
`agreement` when an organisation is founded); a number word that does not count the list makes nothing. Firms
said to come from listed states at a host's gathering ("foreign companies attending this event come from A and
B", "corporations are coming from A") each deal with the host. Forces or planes sent to help a state ("troops
from A and B were deployed to C to assist its government") are `aid`. Short texts invented for these tests (not
the sets' texts)."""

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


_FAIR = "LIMA - The 7th International Mining Expo opened in Lima on Tuesday with 250 exhibitors. "


def test_foreign_companies_attending_said_to_come_from_listed_states_deal_with_the_host(
    extractor: Extractor,
) -> None:
    text = _FAIR + "Foreign companies attending this event come from Canada, Chile and Australia."
    found = {states for _, states in typed_states(extractor, text)}
    assert found == {frozenset({"PER", "CAN"}), frozenset({"PER", "CHL"}), frozenset({"PER", "AUS"})}


def test_corporations_coming_from_listed_states_deal_with_the_host(extractor: Extractor) -> None:
    text = _FAIR + "Other corporations and holding companies are coming from Canada and Australia."
    found = {states for _, states in typed_states(extractor, text)}
    assert found == {frozenset({"PER", "CAN"}), frozenset({"PER", "AUS"})}


def test_firms_said_to_be_from_listed_states_without_a_gathering_make_nothing(extractor: Extractor) -> None:
    text = "The Peruvian mining ministry signed contracts with three firms on Tuesday. The firms are from Canada and Chile."
    assert not typed_states(extractor, text)


def _aided(text: str, extractor: Extractor) -> set[frozenset[str]]:
    """The state sets of the `aid` events of `text`."""
    return _pairs(typed_states(extractor, text), "aid")


def test_planes_dispatched_to_aid_a_states_service_are_aid(extractor: Extractor) -> None:
    text = "Chile dispatched two water-bombing planes on Sunday morning to aid the Bolivian fire service."
    assert frozenset({"CHL", "BOL"}) in _aided(text, extractor)


def test_troops_deployed_to_a_state_to_assist_it_are_aid_of_each_sender(extractor: Extractor) -> None:
    text = "In May 2012, troops from Chile and Peru were deployed to Bolivia to assist the La Paz government."
    aided = _aided(text, extractor)
    assert any({"CHL", "BOL"} <= states for states in aided)
    assert any({"PER", "BOL"} <= states for states in aided)


def test_an_envoy_sent_to_help_mediate_is_no_aid(extractor: Extractor) -> None:
    text = "Chile sent its envoy to Bolivia to help mediate in the border dispute."
    assert not _aided(text, extractor)


def test_participants_from_n_countries_comprising_a_list_deal_with_the_host(extractor: Extractor) -> None:
    # guard: "including" gives examples (round 37), "comprising" names them all
    text = _FAIR + "The participants are mainly from 14 countries comprising Canada, Chile and Australia."
    found = {states for _, states in typed_states(extractor, text)}
    assert found == {frozenset({"PER", "CAN"}), frozenset({"PER", "CHL"}), frozenset({"PER", "AUS"})}
