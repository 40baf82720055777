"""Recall on articles after 1.16.0: counterparts listed after "as well as his", one call with each; armies
backed and governments propped up; talks hosted or held under the auspices of a third state; each on short
texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties

# -- calls with counterparts listed: one call with each -------------------------------------------------------


def test_calls_with_counterparts_after_as_well_as(extractor: Extractor) -> None:
    text = (
        "Chilean President Gabriel Boric held phone calls with Peruvian President Dina Boluarte as well as "
        "his Bolivian counterpart Luis Arce and Ecuadorian President Daniel Noboa about the floods."
    )
    assert parties(events_of(extractor, text)) == {("BOL", "CHL"), ("CHL", "PER"), ("CHL", "ECU")}


def test_calls_with_titled_leaders_listed(extractor: Extractor) -> None:
    text = (
        "Chilean President Gabriel Boric held phone calls with Peruvian President Dina Boluarte, "
        "Bolivian President Luis Arce and Ecuadorian President Daniel Noboa."
    )
    assert parties(events_of(extractor, text)) == {("BOL", "CHL"), ("CHL", "PER"), ("CHL", "ECU")}


def test_talks_with_a_counterpart_after_and_his(extractor: Extractor) -> None:
    text = "Chilean President Gabriel Boric held talks with Peruvian President Dina Boluarte and his Bolivian counterpart."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL", "PER")}


def test_call_with_a_leader_before_the_speaker_is_no_list(extractor: Extractor) -> None:
    text = (
        "Chilean President Gabriel Boric met Peruvian officials in Lima. In a separate phone call with "
        "Bolivian President Luis Arce, Ecuadorian President Daniel Noboa said that trade must grow."
    )
    assert ("BOL", "PER") not in parties(events_of(extractor, text))


# -- armies backed, governments propped up ----------------------------------------------------------------------


def test_advisers_backing_the_armies_of_two_states(extractor: Extractor) -> None:
    text = "Chilean military advisers are backing the national armies of Peru and Bolivia in their fight against rebels."
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("BOL", "CHL")}


def test_government_propped_up_by_a_state(extractor: Extractor) -> None:
    text = "This gave comfort to Peruvian President Dina Boluarte, whose government is propped up by Chilean air power."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_state_props_up_a_government(extractor: Extractor) -> None:
    assert parties(events_of(extractor, "Chile props up the Peruvian government.")) == {("CHL", "PER")}


def test_plan_to_prop_up_an_industry_is_no_backing(extractor: Extractor) -> None:
    assert (
        events_of(extractor, "The Chilean plan to prop up Peru's copper industry is certain to fail.") == []
    )


# -- talks hosted or held under the auspices of a third state ----------------------------------------------------


def test_talks_hosted_by_two_states_add_no_broker(extractor: Extractor) -> None:
    text = "The Chilean minister made trips to Lima and took part in talks hosted by Quito and Brasilia."
    assert ("BRA", "CHL", "ECU") not in parties(events_of(extractor, text))


def test_talks_under_the_auspices_of_a_third_state(extractor: Extractor) -> None:
    text = "Chile and Peru held talks in Quito under the auspices of Ecuador."
    assert parties(events_of(extractor, text)) == {("CHL", "ECU", "PER")}


def test_discussions_hosted_and_mediated_by_a_third_state(extractor: Extractor) -> None:
    text = "Chile and Peru reached an agreement on Friday after three days of discussions hosted and mediated by Ecuador."
    assert ("CHL", "ECU", "PER") in parties(events_of(extractor, text))


# -- a call named by its verb ------------------------------------------------------------------------------------


def test_leader_phoned(extractor: Extractor) -> None:
    text = "Chilean Foreign Minister Alberto van Klaveren phoned Peruvian leader Dina Boluarte to thank her."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_secretary_general_telephoned(extractor: Extractor) -> None:
    text = "Chilean President Gabriel Boric telephoned UN Secretary-General Antonio Guterres on Monday."
    assert {(e.countries[0], e.igos[0]) for e in events_of(extractor, text)} == {("CHL", "UN")}
