"""Extractor 1.14.0, recall on articles: the broker of a deal or talks, a rapprochement done, a national
company named with its state's name, departures and the stops of a tour, trips, talking to a titled official,
each on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed

# -- the broker of a deal or of talks is a party ----------------------------------------------------------


def test_a_deal_brokered_by_a_third_state(extractor: Extractor) -> None:
    text = "In May, Peru signed a border deal with Ecuador that was brokered by Chile, the foreign minister said."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "ECU", "PER"))}


def test_a_deal_mediated_by_a_listed_pair(extractor: Extractor) -> None:
    """The mediators join the deal; their joint mediation is also one act of both (`coalitions._made_by`,
    as the sentence annotators code a multi-party act: every pair)."""
    text = "Bolivia and Paraguay signed a water deal mediated by Chile and Brazil on Monday."
    assert typed(events_of(extractor, text)) == {
        ("agreement", ("BOL", "BRA", "CHL", "PRY")),
        ("cooperation", ("BRA", "CHL")),
    }


def test_accords_negotiated_by_a_titled_official(extractor: Extractor) -> None:
    text = (
        "Under the accords, which were negotiated by the government of Brazilian President Lula in 2009, "
        "Peru and Bolivia have normalized their relations with Chile."
    )
    assert parties(events_of(extractor, text)) == {("BOL", "BRA", "CHL"), ("BRA", "CHL", "PER")}


def test_a_truce_between_two_states_brokered_by_a_third(extractor: Extractor) -> None:
    text = "The truce between Peru and Ecuador was brokered by Brazil last year."
    assert parties(events_of(extractor, text)) == {("BRA", "ECU", "PER")}


def test_a_group_sponsored_by_a_state_adds_no_broker(extractor: Extractor) -> None:
    text = "Peru signed a trade deal with Ecuador, while rebels sponsored by Chile fought on."
    assert parties(events_of(extractor, text)) == {("ECU", "PER")}


# -- a rapprochement done ------------------------------------------------------------------------------


def test_a_reconciliation_between_two_states_is_an_agreement(extractor: Extractor) -> None:
    text = "The minister cited the recent reconciliation between Peru and Ecuador as a model for the region."
    assert typed(events_of(extractor, text)) == {("agreement", ("ECU", "PER"))}


# -- a company named with its state's name is that state ---------------------------------------------------


def test_the_national_airline_signs_with_a_foreign_maker(extractor: Extractor) -> None:
    text = "Iran Air signed a deal with Boeing for 80 passenger jets on Sunday."
    assert typed(events_of(extractor, text)) == {("agreement", ("IRN", "USA"))}


# -- a departure abroad and the stops of a tour ----------------------------------------------------------


def test_remarks_before_a_departure_for_a_capital(extractor: Extractor) -> None:
    text = "The Peruvian president spoke to reporters before his departure for Quito on Monday."
    assert typed(events_of(extractor, text)) == {("meeting", ("ECU", "PER"))}


def test_the_final_stop_of_a_tour(extractor: Extractor) -> None:
    text = "The final stop on his four-nation tour will be Chile, the Peruvian president said."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_many_trips_to_a_capital(extractor: Extractor) -> None:
    text = "Peru's foreign minister has made many trips to Quito recently."
    assert parties(events_of(extractor, text)) == {("ECU", "PER")}


# -- talking to a titled official ---------------------------------------------------------------------------


def test_spoke_to_a_titled_official(extractor: Extractor) -> None:
    text = "Peruvian President Pedro Castillo spoke to Chilean President Gabriel Boric on Monday."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


def test_a_point_of_departure_is_no_trip(extractor: Extractor) -> None:
    text = "The deal is a point of departure to closer ties, the Peruvian minister told Chilean reporters."
    assert events_of(extractor, text) == []
