"""Extractor 1.14.0, types, dates and sectors: visits announced as to come, gatherings held with a partner,
the year of a dateless day, occasions named with their year, "social / food security"; each on short texts
written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.dates import article_year, find_dates
from tests.extraction.helpers import events_of, typed

# -- types -------------------------------------------------------------------------------------------------


def test_gatherings_that_will_be_also_held_are_an_intent(extractor: Extractor) -> None:
    text = "The Chilean minister said that joint meetings with Peru will be also held to boost fisheries."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_visits_announced_with_a_verb_of_holding_are_an_intent(extractor: Extractor) -> None:
    text = "The Chilean minister said that seminars and visits with Peru will be also held next year."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_a_visit_whose_future_is_its_effect_stays_a_meeting(extractor: Extractor) -> None:
    text = "The Chilean president said his visit to Peru will open a new chapter in relations."
    assert ("meeting", ("CHL", "PER")) in typed(events_of(extractor, text))


def test_a_gathering_hosted_with_a_partner_is_a_conference(extractor: Extractor) -> None:
    text = "Hosted by Chile in collaboration with Peru and Bolivia, the mining forum opened in Santiago."
    assert typed(events_of(extractor, text)) == {("conference", ("BOL", "CHL", "PER"))}


def test_a_webinar_held_in_cooperation_with_an_embassy_is_a_conference(extractor: Extractor) -> None:
    text = "The Chilean chamber of commerce held a webinar on trade in cooperation with the Peruvian embassy."
    assert typed(events_of(extractor, text)) == {("conference", ("CHL", "PER"))}


def test_work_done_in_cooperation_with_a_partner_stays_cooperation(extractor: Extractor) -> None:
    text = "Chile is building the new port in cooperation with Peru."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


# -- dates -------------------------------------------------------------------------------------------------


def test_the_year_of_a_dateless_day_is_the_year_of_the_month_phrases() -> None:
    text = (
        "The 2015 accord was recalled in 2015, in 2015 and in 2015 speeches. "
        "On March 3, 2021 the envoys met; they meet again on May 4."
    )
    assert article_year(text) == 2021


def test_an_occasion_named_with_its_year_is_dated_by_it() -> None:
    text = "Chilean firms took part in EXPO 2017 and the Army-2021 games."
    found = [(d.phrase, d.value.start if d.value else None) for d in find_dates(text, 0, len(text), None)]
    assert found == [("EXPO 2017", "2017"), ("Army-2021", "2021")]


def test_a_plan_horizon_or_a_resolution_number_is_no_date() -> None:
    text = "Under Vision 2030 and Resolution 1929, between 2017 and 2019 the sides met."
    assert all(d.kind != "named_y" for d in find_dates(text, 0, len(text), None))


# -- sectors -----------------------------------------------------------------------------------------------


def test_social_security_is_no_defence_sector(extractor: Extractor) -> None:
    (event,) = events_of(extractor, "Chile and Peru signed an agreement on social security in Lima.")
    assert "defense_security" not in [s.value for s in event.sectors]


def test_border_security_stays_a_defence_sector(extractor: Extractor) -> None:
    (event,) = events_of(extractor, "Chile and Peru signed an agreement on border security in Lima.")
    assert "defense_security" in [s.value for s in event.sectors]


def test_an_accord_to_develop_ties_is_an_intent(extractor: Extractor) -> None:
    text = "The foreign ministers of Chile and Peru agreed on the expansion of cooperation in mining."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_an_accord_on_a_cooperation_pact_stays_an_agreement(extractor: Extractor) -> None:
    text = "Chile and Peru agreed on a security cooperation pact in Lima."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}
