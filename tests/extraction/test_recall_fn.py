"""Recall on articles (fn round): arms trade named by its holder or buyer, weapons given, a long sale told up to
its buyer; a deal carried out in a state makes that state its other side; a first-person quote's speaker named
outside it; help in a fight against terrorism and a fight shared. Short texts written for these tests."""

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
    text = "The minister said Chile had given Peru a small number of drones weeks before the conflict."
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
    text = "France’s Total reached an initial agreement to develop an offshore gas field in Peru."
    assert typed(events_of(extractor, text)) == {("agreement", ("FRA", "PER"))}


def test_contract_to_build_a_dam_in_a_state(extractor: Extractor) -> None:
    text = "The Chilean company signed a contract to build a dam in Peru."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}


def test_deal_with_a_partner_keeps_the_site_out(extractor: Extractor) -> None:
    text = "Peru signed a contract with Chile to build a power plant in Bolivia."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


# -- a quote's first person is its speaker's state ----------------------------------------------------------


def test_we_in_a_quote_is_the_named_speakers_state(extractor: Extractor) -> None:
    text = "“We have defense cooperation with Chile, but our policy is neutral,” Peruvian President Dina Boluarte said."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_quote_without_first_person_takes_no_speaker(extractor: Extractor) -> None:
    text = "“Bolivia has defense cooperation with Chile,” Peruvian President Dina Boluarte said."
    assert ("CHL", "PER") not in parties(events_of(extractor, text))


# -- help in a fight against terrorism, a fight shared --------------------------------------------------------


def test_help_to_two_states_in_their_fight_against_terrorism(extractor: Extractor) -> None:
    text = "The senator praised Chile’s help to Peru and Bolivia in their campaign against terrorist groups."
    assert typed(events_of(extractor, text)) == {
        ("cooperation", ("CHL", "PER")),
        ("cooperation", ("BOL", "CHL")),
    }


def test_states_fighting_terrorism_together(extractor: Extractor) -> None:
    text = "The minister said Chile and Peru are fighting terrorism in the Andes."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_one_state_fighting_terrorists_abroad_is_no_cooperation(extractor: Extractor) -> None:
    assert events_of(extractor, "Chile has been fighting rebel terrorists in Peru.") == []


def test_condemned_support_in_a_war_is_none(extractor: Extractor) -> None:
    assert (
        events_of(extractor, "Chile condemned the support of Peru for Bolivia in its war against the rebels.")
        == []
    )


def test_one_states_own_fight_leaves_its_cooperation_with_a_partner(extractor: Extractor) -> None:
    text = (
        "Chile has been fighting terrorism for decades, the envoy said, adding that his country cooperates "
        "with Peru in the fight against terrorism."
    )
    assert ("CHL", "PER") in parties(events_of(extractor, text))
