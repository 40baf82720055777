"""Article recall, round 29: arms trade told in a reported clause or in a call to stop it, and arms bought or to
be sold; on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed


def test_the_speaker_of_a_reported_flow_is_no_hub(extractor: Extractor) -> None:
    text = "LIMA – The Peruvian spokesman said Chile is selling patrol boats and arms to Bolivia."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL")}


def test_a_reported_flow_to_several_keeps_its_own_hub(extractor: Extractor) -> None:
    text = "LIMA – The Peruvian spokesman said Chile sold arms to Bolivia and Ecuador last year."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL"), ("CHL", "ECU")}


def test_a_flow_told_without_a_speaker_keeps_its_first_party_as_hub(extractor: Extractor) -> None:
    text = "LIMA – Peru exports copper and oil to Chile, Bolivia and Ecuador."
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("BOL", "PER"), ("ECU", "PER")}


def test_a_call_to_stop_arms_sales_tells_the_sales(extractor: Extractor) -> None:
    text = "LIMA – Peru says Santiago should stop selling weapons to Bolivia at once."
    assert typed(events_of(extractor, text)) == {("cooperation", ("BOL", "CHL"))}


def test_arms_sales_stopped_as_a_fact_are_no_event(extractor: Extractor) -> None:
    text = "LIMA – Chile stopped selling weapons to Bolivia in the spring."
    assert parties(events_of(extractor, text)) == set()


def test_missiles_bought_from_a_state(extractor: Extractor) -> None:
    text = "LIMA – Bolivia has bought short-range missiles from Chile, officials said."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL")}


def test_missiles_fired_from_a_place_are_no_purchase(extractor: Extractor) -> None:
    text = "LIMA – Rebels fired missiles from Bolivia toward the border with Chile."
    assert parties(events_of(extractor, text)) == set()


def test_a_car_maker_stands_for_its_country(extractor: Extractor) -> None:
    text = "LIMA – A Peruvian holding signed a memorandum of understanding with Citroen on Monday."
    assert parties(events_of(extractor, text)) == {("FRA", "PER")}


def test_a_former_leader_named_alone_stands_for_his_country(extractor: Extractor) -> None:
    text = "LIMA – The Peruvian speaker held talks with Bouteflika during a visit in spring."
    assert parties(events_of(extractor, text)) == {("DZA", "PER")}
