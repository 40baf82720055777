"""Issue 13, recall after blind_14: classes of missed pairs (a state's short name skipped, a war on a common
threat read as conflict, military backing abroad, normalisation deals, a coalition joined, a
trip told with "He"), each on short texts written for these tests (not the sets' texts); one official's round
of meetings is in test_envoys.py."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed

# -- Jordan is a state, its river and valley are not ----------------------------------------------------


def test_jordan_named_bare_is_a_party(extractor: Extractor) -> None:
    text = "AMMAN - Peru and Jordan signed a trade agreement on Monday."
    assert typed(events_of(extractor, text)) == {("agreement", ("JOR", "PER"))}


def test_the_jordan_valley_is_no_party(extractor: Extractor) -> None:
    text = "LIMA - Peru signed a water agreement with Chile on the Jordan Valley model on Monday."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


# -- a war waged on a common threat is no conflict between the parties -----------------------------------


def test_support_in_a_war_against_terrorists_is_cooperation(extractor: Extractor) -> None:
    text = "Peru supports the Colombian government in its war against terrorists, the minister said."
    assert typed(events_of(extractor, text)) == {("cooperation", ("COL", "PER"))}


def test_a_war_against_a_state_still_drops_the_cue(extractor: Extractor) -> None:
    text = "Peru supports the Colombian government in its war against Ecuador, the minister said."
    assert events_of(extractor, text) == []


def test_standing_beside_a_government_until_the_defeat_of_terrorism(extractor: Extractor) -> None:
    text = "Peru will stand beside the Colombian government until the complete defeat of terrorism, he said."
    assert typed(events_of(extractor, text)) == {("intent", ("COL", "PER"))}


# -- military backing abroad ---------------------------------------------------------------------------


def test_advisory_help_to_two_states(extractor: Extractor) -> None:
    text = "Peru gave advisory help to Bolivia and Ecuador in their wars against Daesh militants."
    assert parties(events_of(extractor, text)) == {("BOL", "PER"), ("ECU", "PER")}


def test_present_in_a_state_upon_its_request(extractor: Extractor) -> None:
    text = (
        "The minister said Peru is present in Bolivia upon the official request of La Paz to fight terrorism."
    )
    assert typed(events_of(extractor, text)) == {("cooperation", ("BOL", "PER"))}


def test_the_main_supporters_of_a_government(extractor: Extractor) -> None:
    text = "Peru and Chile are the main supporters of the Bolivian government, the report said."
    assert typed(events_of(extractor, text)) == {("cooperation", ("BOL", "CHL", "PER"))}


# -- normalisation deals and ties established ----------------------------------------------------------


def test_normalization_deals_between_a_state_and_listed_examples(extractor: Extractor) -> None:
    text = (
        "He said the normalization deals between Peru and some countries such as Chile and Bolivia are wrong."
    )
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER")), ("agreement", ("BOL", "PER"))}


def test_establishing_ties_with_a_state(extractor: Extractor) -> None:
    text = "The leader said on Tuesday that Chile made a mistake by establishing ties with Peru."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}


# -- a coalition joined ----------------------------------------------------------------------------------


def test_joining_a_coalition_led_by_a_state_named_before(extractor: Extractor) -> None:
    text = (
        "The Peru-led maritime coalition patrols the coast. So far, only Chile and Ecuador have joined "
        "this coalition."
    )
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "ECU", "PER"))}


def test_agreeing_to_join_the_coalition_is_an_intent_with_its_leader(extractor: Extractor) -> None:
    text = (
        "The Peru-led maritime coalition patrols the coast. So far, only Chile and Ecuador have agreed "
        "to join the coalition."
    )
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "ECU", "PER"))}


# -- a trip told with "He" -------------------------------------------------------------------------------


def test_he_visited_after_a_named_minister(extractor: Extractor) -> None:
    text = (
        "LIMA - Peruvian Foreign Minister Javier Gonzalez said on Friday that ties with Asia are good. "
        "He also visited Kenya and Ghana."
    )
    assert {("GHA", "PER"), ("KEN", "PER")} <= parties(events_of(extractor, text))


def test_a_visited_state_named_again_is_no_second_traveller(extractor: Extractor) -> None:
    text = (
        "A key topic of the Peruvian president’s visits to Chile, Bolivia and Ecuador is trade with Ecuador."
    )
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("BOL", "PER"), ("ECU", "PER")}


def test_gone_to_a_capital_is_a_trip(extractor: Extractor) -> None:
    text = "The Peruvian minister had gone to Santiago to deliver a message to the Chilean president."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}
    assert events_of(extractor, "Peru has gone to great lengths to help Chile, he said.") == []
