"""Issue 13, round 7 (extractor 1.8.0): the classes of misses read on blind_6 and sentences_6,
each on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed

SIX = ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS")


# -- who pairs with whom -------------------------------------------------------------------------


def test_a_listed_subject_acts_as_one_with_the_object(extractor: Extractor) -> None:
    text = "Portugal, Spain and Italy signed a fisheries deal with Morocco."
    assert parties(events_of(extractor, text)) == {("ESP", "ITA", "MAR", "PRT")}


def test_a_list_after_with_stays_the_object(extractor: Extractor) -> None:
    text = "Chile signed a deal with Peru and held talks with Bolivia."
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("BOL", "CHL")}


def test_companies_from_listed_states_deal_each_with_the_partner(extractor: Extractor) -> None:
    text = "Shipping firms from Greece, Norway and Japan will cooperate with Panama on the new locks."
    assert typed(events_of(extractor, text)) == {
        ("intent", ("GRC", "PAN")),
        ("intent", ("NOR", "PAN")),
        ("intent", ("JPN", "PAN")),
    }


def test_companies_from_many_states_including_a_list(extractor: Extractor) -> None:
    text = "Travel agencies from 20 countries including Peru, Chile and Brazil are supposed to collaborate with Mexico."
    assert parties(events_of(extractor, text)) == {("MEX", "PER"), ("CHL", "MEX"), ("BRA", "MEX")}


def test_a_state_in_a_related_compound_is_the_topic(extractor: Extractor) -> None:
    text = "Peru and Chile held Bolivia-related talks in Santiago on Monday."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_a_state_described_as_a_neighbour_is_no_party(extractor: Extractor) -> None:
    text = "Peru and Chile which border Bolivia have attended this year's meeting in Quito."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_the_country_a_special_envoy_deals_with_is_not_his_state(extractor: Extractor) -> None:
    text = (
        "U.S. Special Representative for Venezuela Elliott Abrams met Colombian officials in Bogota. "
        "Abrams will then visit Peru and Chile."
    )
    found = parties(events_of(extractor, text))
    assert ("PER", "USA") in found and not any("VEN" in p for p in found)


# -- types -----------------------------------------------------------------------------------------


def test_a_meeting_announced_after_its_noun_is_an_intent(extractor: Extractor) -> None:
    text = "A meeting of the commission will take place in Geneva with representatives of Chile, Peru and Bolivia."
    assert typed(events_of(extractor, text)) == {("intent", ("BOL", "CHL", "PER"))}


def test_a_gathering_that_will_be_attended_is_an_intent(extractor: Extractor) -> None:
    text = "The summit will be attended by representatives of Chile, Peru and Bolivia."
    assert {t for t, _ in typed(events_of(extractor, text))} == {"intent"}


def test_talks_held_stay_a_meeting_when_a_later_round_is_announced(extractor: Extractor) -> None:
    text = "Chile held talks with Peru which will resume next month."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


def test_a_round_in_preparation_is_an_intent(extractor: Extractor) -> None:
    text = "The tweet came amid preparations to resume the Vienna-hosted talks between Iran and the P4+1."
    assert typed(events_of(extractor, text)) == {("intent", SIX)}


# -- vocabulary ------------------------------------------------------------------------------------


def test_a_session_of_a_joint_working_group_is_a_meeting(extractor: Extractor) -> None:
    text = "LIMA - The first session of the Peru-Chile joint working group on fisheries was held in Lima."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


def test_a_call_named_by_contacted(extractor: Extractor) -> None:
    text = "LIMA - Peru's foreign minister contacted his Chilean counterpart on Saturday."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_telling_a_foreign_army_chief_is_a_meeting(extractor: Extractor) -> None:
    text = "Peru's defence minister told Chile's army chief on Tuesday that the border must stay calm."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


def test_a_coalition_of_listed_founders_is_one_cooperation(extractor: Extractor) -> None:
    text = "The founding members of the new alliance are Brazil, Chile and Peru."
    assert typed(events_of(extractor, text)) == {("cooperation", ("BRA", "CHL", "PER"))}


def test_other_founders_add_those_named_at_the_forming(extractor: Extractor) -> None:
    text = (
        "Officials said Ghana, Togo and Benin are seeking support for a coalition to protect the coast. "
        "The plan was drafted last year. "
        "Other founding members of the group are Nigeria and Niger."
    )
    assert parties(events_of(extractor, text)) == {("BEN", "GHA", "NER", "NGA", "TGO")}


def test_founders_of_a_caucus_of_people_make_no_event(extractor: Extractor) -> None:
    text = "The founding members of the caucus are three senators from Ohio."
    assert events_of(extractor, text) == []


def test_leaders_at_a_celebration_each_meet_the_host(extractor: Extractor) -> None:
    text = (
        "LIMA - The harvest festivities were held in Lima with the participation of the presidents of "
        "Peru, Chile, Bolivia and Ecuador."
    )
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("BOL", "PER"), ("ECU", "PER")}


def test_a_security_council_named_gives_no_defence_sector(extractor: Extractor) -> None:
    text = "LIMA - Peru and Chile signed a fisheries agreement after the UN Security Council session."
    events = events_of(extractor, text)
    assert events and all("defense_security" not in {s.value for s in e.sectors} for e in events)


def test_the_states_of_background_tensions_are_no_parties(extractor: Extractor) -> None:
    text = "Chile and Peru signed a fisheries deal amid rising tensions with Bolivia."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_economic_talks_are_trade_and_economic_sanctions_are_not(extractor: Extractor) -> None:
    talks = events_of(extractor, "LIMA - Peru and Chile held talks on economic issues in Lima on Monday.")
    assert talks and all("trade_economy" in {s.value for s in e.sectors} for e in talks)
    sanctions = events_of(extractor, "LIMA - Peru and Chile held talks on Monday about economic sanctions.")
    assert sanctions and all("trade_economy" not in {s.value for s in e.sectors} for e in sanctions)
