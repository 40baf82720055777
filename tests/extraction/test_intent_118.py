"""Intents and meetings after 1.17.0: departures and flights ("will leave Lima for Quito", "will fly to
Quito"), gatherings still to come after "ahead of" / "in the run-up to", talks sought or urged, trips told
after their traveller ("This included visits to ..."); each on short texts written for these tests (not the
sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed

# -- departures and flights: the place left is no party, the place travelled to is -----------------------------


def test_delegation_leaving_its_capital_for_a_host_is_an_intent(extractor: Extractor) -> None:
    text = "A Peruvian trade delegation will leave Lima for Quito on July 15, the chamber said."
    assert typed(events_of(extractor, text)) == {("intent", ("ECU", "PER"))}


def test_departure_with_its_day_before_the_destination(extractor: Extractor) -> None:
    text = "Peruvian President Dina Boluarte will leave late Thursday for Bolivia, the palace said."
    assert typed(events_of(extractor, text)) == {("intent", ("BOL", "PER"))}


def test_departure_told_in_the_past_is_a_visit_of_the_destination(extractor: Extractor) -> None:
    text = "Peruvian President Dina Boluarte left Quito for Bolivia on Monday."
    assert typed(events_of(extractor, text)) == {("meeting", ("BOL", "PER"))}


def test_room_left_for_talks_is_no_departure(extractor: Extractor) -> None:
    text = "The new tariffs have left no room for Peru in the market of Chile."
    assert events_of(extractor, text) == []


def test_flight_planned_to_a_host_is_an_intent(extractor: Extractor) -> None:
    text = "The Peruvian minister said he is planning to fly to Bolivia next week to discuss gas supplies."
    assert typed(events_of(extractor, text)) == {("intent", ("BOL", "PER"))}


def test_prices_flying_to_a_record_are_no_flight(extractor: Extractor) -> None:
    text = "Copper prices in Peru are flying to record highs on demand from Chile."
    assert events_of(extractor, text) == []


# -- a gathering still to come after "ahead of" ----------------------------------------------------------------


def test_summit_named_after_ahead_of_is_an_intent(extractor: Extractor) -> None:
    text = (
        "The Chilean foreign minister visited Lima ahead of the summit between the Chilean, Bolivian and "
        "Ecuadorian presidents in Santiago on Friday."
    )
    found = typed(events_of(extractor, text))
    assert ("intent", ("BOL", "CHL", "ECU")) in found
    assert ("meeting", ("BOL", "CHL", "ECU")) not in found


def test_state_visit_named_after_ahead_of_is_an_intent(extractor: Extractor) -> None:
    text = "The talks came ten days ahead of a state visit to Lima by Chilean President Gabriel Boric."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_deal_signed_after_ahead_of_clause_stays_a_deal(extractor: Extractor) -> None:
    text = "Ahead of the visit, Chile and Peru signed an agreement on fisheries."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}


# -- talks sought, wanted or urged are an intent ------------------------------------------------------------------


def test_talks_wanted_are_an_intent(extractor: Extractor) -> None:
    text = "Chilean President Gabriel Boric said Chile wanted talks with Peru on the border."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_talks_urged_are_an_intent_only(extractor: Extractor) -> None:
    text = "The Chilean minister urged direct talks with the Peruvian government on fishing rights."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_gathering_sought_with_participants_is_an_intent(extractor: Extractor) -> None:
    text = (
        "The Chilean minister said Chile seeks regional talks with the participation of countries such as "
        "Peru, Bolivia and Ecuador."
    )
    assert typed(events_of(extractor, text)) == {("intent", ("BOL", "CHL", "ECU", "PER"))}


def test_state_seeking_peace_still_held_talks(extractor: Extractor) -> None:
    text = "Chile, which seeks peace in the region, held talks with Peru on Monday."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


# -- a trip told right after its traveller ------------------------------------------------------------------------


def test_visits_listed_after_this_included_are_the_travellers(extractor: Extractor) -> None:
    text = (
        "Chilean President Gabriel Boric has travelled widely this year. "
        "This included visits to Peru, Bolivia and Ecuador."
    )
    assert typed(events_of(extractor, text)) == {
        ("meeting", ("BOL", "CHL")),
        ("meeting", ("CHL", "ECU")),
        ("meeting", ("CHL", "PER")),
    }


def test_visits_listed_after_his_trips_are_the_travellers(extractor: Extractor) -> None:
    text = (
        "Chilean President Gabriel Boric has travelled widely this year. "
        "His trips included visits to Peru and Bolivia."
    )
    assert typed(events_of(extractor, text)) == {("meeting", ("BOL", "CHL")), ("meeting", ("CHL", "PER"))}


def test_visits_of_tourists_in_a_year_are_no_travellers_trips(extractor: Extractor) -> None:
    text = "Chilean President Gabriel Boric spoke on Monday. This year saw record visits to Peru by tourists."
    assert events_of(extractor, text) == []
