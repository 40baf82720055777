"""Extractor 1.16.0, recall on articles: summits named with their sides, steady backing of a people, acts done
"in concert with" a partner, an arms sale with a long amount, physical pressure that is no conflict; each on
short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed

# -- a summit named with its sides ---------------------------------------------------------------------------


def test_summit_between_two_states(extractor: Extractor) -> None:
    text = "The summit between Chile and Peru in Lima ended with a joint photo."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


def test_summit_between_demonym_leaders_is_one_event_of_all(extractor: Extractor) -> None:
    text = "The recent summit between Chilean, Bolivian and Peruvian presidents in Lima was very important."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL", "PER")}


def test_summit_with_a_named_leader(extractor: Extractor) -> None:
    text = "Chilean President Gabriel Boric held a summit with Peruvian President Dina Boluarte last month."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_upcoming_summit_between_states_is_an_intent(extractor: Extractor) -> None:
    text = "The ministers discussed the upcoming summit between Chile, Peru and Bolivia."
    assert {t for t, _ in typed(events_of(extractor, text))} == {"intent"}


def _strong_cues(extractor: Extractor, sentence: str) -> list[str]:
    scan = extractor.scanner.scan(sentence)
    return [c.text for c in extractor.cue_matcher.find(scan, 0, len(sentence)) if c.strong]


def test_summit_with_focus_on_is_no_strong_cue(extractor: Extractor) -> None:
    assert _strong_cues(extractor, "A mining summit with focus on copper prices opened.") == []
    assert _strong_cues(extractor, "Peru held a summit with Chile.") == ["summit with"]


# -- steady backing of a people or government ---------------------------------------------------------------


def test_has_always_stood_by_a_people(extractor: Extractor) -> None:
    text = "Chile has always stood by the Peruvian people over the past decades."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_stood_by_a_decision_is_no_event(extractor: Extractor) -> None:
    text = "Chile has stood by its decision on fishing quotas, Peru said."
    assert events_of(extractor, text) == []


def test_they_stood_by_peoples_makes_no_clique(extractor: Extractor) -> None:
    text = "When they stood by the people of Peru and Bolivia, the region was safer."
    assert events_of(extractor, text) == []


# -- acts done in concert, arms sales with a long amount ------------------------------------------------------


def test_worked_in_concert_with(extractor: Extractor) -> None:
    text = "During the flood relief campaign, Lima worked in concert with Santiago."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_sale_of_weapons_worth_an_amount(extractor: Extractor) -> None:
    text = "Chile approved the sale of millions of dollars’ worth of weapons to Peru last week."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


# -- physical pressure is no conflict ---------------------------------------------------------------------------


def test_gas_pressure_does_not_drop_a_signed_deal(extractor: Extractor) -> None:
    text = (
        "Peru signed a contract with Chile to build platforms equipped with gas pressure boosting units, "
        "the company said."
    )
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}


def test_political_pressure_still_drops_a_weak_cue(extractor: Extractor) -> None:
    text = "Under pressure from Chile, Peru signed."
    assert events_of(extractor, text) == []


def test_delivery_of_one_system_to_a_state(extractor: Extractor) -> None:
    text = "Chile completed the delivery of the C-200 radar system to Peru on Monday."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_purchase_of_planes_from_a_state(extractor: Extractor) -> None:
    text = "Peru finalized the purchase of 40 planes from Chile last year."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


# -- arms sold: kept beside a criticism told after the cue ------------------------------------------------------


def test_arms_sales_kept_beside_a_criticism_after_them(extractor: Extractor) -> None:
    text = "In 2019 Chile approved the resumption of weapons sales to Peru, which critics have linked to the war."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_arms_sales_criticised_before_them_make_no_party_of_the_critic(extractor: Extractor) -> None:
    text = "Bolivia condemned Chile for its weapons sales to Peru."
    assert not any("BOL" in ps for ps in parties(events_of(extractor, text)))


def test_gas_sales_still_dropped_beside_a_war_after_them(extractor: Extractor) -> None:
    text = "Chile approved the sale of gas to Peru, which critics linked to the war."
    assert events_of(extractor, text) == []
