"""Recall on articles (fn round): arms trade named by its holder or buyer, weapons given, a long sale told up to
its buyer; a deal carried out in a state makes that state its other side. Short texts written for these tests."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed

# -- arms trade named by its holder or its buyer ----------------------------------------------------------------


def test_largest_arms_exporters_to_a_state(extractor: Extractor) -> None:
    text = "Chile is one of the largest arms exporters to Peru."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_main_arms_supplier_to_a_state(extractor: Extractor) -> None:
    text = "For a decade Chile was the main arms supplier to Peru."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_fighter_jets_purchased_from_a_state(extractor: Extractor) -> None:
    text = "Peru has purchased twelve advanced fighter jets from Chile."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_air_defence_system_bought_from_a_state(extractor: Extractor) -> None:
    text = "Peru is buying the Chilean C-200 air defense system."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_drones_given_before_a_war(extractor: Extractor) -> None:
    text = "The minister said Chile had given Peru a small number of drones months before the war."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_denied_gift_of_drones_is_none(extractor: Extractor) -> None:
    assert events_of(extractor, "Lima denied that it had given drones to Santiago.") == []


def test_sale_of_tanks_told_up_to_the_buyer(extractor: Extractor) -> None:
    text = "Chile approved the sale of 130 tanks and other equipment worth about one billion dollars to Peru."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_sale_of_jets_for_a_purpose_names_no_buyer(extractor: Extractor) -> None:
    assert events_of(extractor, "The sale of 40 fighter jets to help the air force was delayed.") == []


# -- a deal carried out in a state ------------------------------------------------------------------------------


def test_agreement_to_develop_a_field_in_a_state(extractor: Extractor) -> None:
    text = "France’s Total reached an initial agreement to develop a natural gas field in Peru."
    assert typed(events_of(extractor, text)) == {("agreement", ("FRA", "PER"))}


def test_contract_to_build_a_dam_in_a_state(extractor: Extractor) -> None:
    text = "The Chilean company signed a contract to build a dam in Peru."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}


def test_deal_with_a_partner_keeps_the_site_out(extractor: Extractor) -> None:
    text = "Peru signed a contract with Chile to build a power plant in Bolivia."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}
