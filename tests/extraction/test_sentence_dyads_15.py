"""Issue 13, sentence dyads after sentences_13-16 (extractor 1.14.0): things founded, drafted or brokered by
listed states, gatherings "with participation of" listed states, corporations at a fair, a second cue of the
clause when the parse drops parties, support beside a censure, on short texts written for these tests."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed


def test_a_plan_drafted_by_listed_states_is_one_cooperation_of_all(extractor: Extractor) -> None:
    text = "A border truce took hold last year under a plan drafted by Peru, Chile and Bolivia."
    assert ("BOL", "CHL", "PER") in parties(events_of(extractor, text))


def test_a_body_founded_in_a_year_by_listed_states(extractor: Extractor) -> None:
    text = "The Andean customs forum was established in 1991 by Peru, Chile and Bolivia to ease trade."
    assert typed(events_of(extractor, text)) == {("cooperation", ("BOL", "CHL", "PER"))}


def test_talks_brokered_by_two_states(extractor: Extractor) -> None:
    text = "The third round of border talks, brokered by Peru and Chile, was held in Quito last week."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_listed_states_that_brokered_an_initiative(extractor: Extractor) -> None:
    text = "Peru, Chile and Bolivia brokered a regional water initiative in La Paz in 2019."
    assert ("BOL", "CHL", "PER") in parties(events_of(extractor, text))


def test_a_war_launched_by_two_states_is_no_founding(extractor: Extractor) -> None:
    text = "The war launched by Peru and Chile in the desert killed thousands of soldiers."
    assert events_of(extractor, text) == []


def test_a_dialogue_with_participation_of_listed_states_is_one_meeting(extractor: Extractor) -> None:
    text = (
        "LIMA – Peru is holding the Regional Water Dialogue with participation of Chile, Bolivia and Ecuador."
    )
    assert typed(events_of(extractor, text)) == {("meeting", ("BOL", "CHL", "ECU", "PER"))}


def test_foreign_corporations_at_a_fair_each_deal_with_the_host(extractor: Extractor) -> None:
    text = "LIMA – The exhibition has brought 40 local firms as well as 9 foreign corporations from Chile and Bolivia."
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("BOL", "PER")}


def test_a_second_cue_keeps_the_parties_the_first_one_loses(extractor: Extractor) -> None:
    # the parse hangs the listed sides under "attend", not under "arrive in"
    text = "The Chilean president will arrive in Lima to attend the trilateral meeting of Peru, Chile and Bolivia."
    assert ("BOL", "CHL", "PER") in parties(events_of(extractor, text))


def test_support_stays_when_a_censure_of_a_third_state_follows(extractor: Extractor) -> None:
    text = "A Peruvian spokesman said Peru supports Chile’s territorial integrity, condemning Bolivian aggression."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_support_of_a_named_states_mediation(extractor: Extractor) -> None:
    text = "The Bolivian president reiterated that Bolivia supports Peru’s mediation in the water talks."
    assert ("BOL", "PER") in parties(events_of(extractor, text))


def test_a_well_known_persons_family_name_is_not_the_datelines_state(extractor: Extractor) -> None:
    # "Al Thani" at the end of the emir's name stood for the dateline's state, a third party of his visits
    text = "LIMA – Sheikh Tamim bin Hamad Al Thani visited Chile, Bolivia and Ecuador last month."
    assert parties(events_of(extractor, text)) == {("CHL", "QAT"), ("BOL", "QAT"), ("ECU", "QAT")}
