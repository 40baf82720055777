"""Issue 13, round 36 (two-party recall): projects carried out with or in a named partner state, an amount
between the projects and the partner; visits told as separate, each visitor with the one destination. Short
texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed

# -- projects carried out with or in a partner ------------------------------------------------------------


def test_projects_implemented_in_a_partner_state(extractor: Extractor) -> None:
    text = "A Peruvian state firm has implemented 40 projects in Bolivia over the past decade, the minister said."
    assert typed(events_of(extractor, text)) == {("cooperation", ("BOL", "PER"))}


def test_an_amount_between_the_projects_and_the_partner(extractor: Extractor) -> None:
    text = "A Peruvian engineering company is carrying out three projects worth $80 million in Bolivia."
    assert parties(events_of(extractor, text)) == {("BOL", "PER")}


def test_projects_conducted_with_a_partner(extractor: Extractor) -> None:
    text = "Chilean universities are conducting several research projects with Argentina, the rector said."
    assert typed(events_of(extractor, text)) == {("cooperation", ("ARG", "CHL"))}


def test_projects_with_unnamed_neighbours_make_no_event(extractor: Extractor) -> None:
    text = "Kenya is implementing rail projects to build rail links with neighbouring countries."
    assert events_of(extractor, text) == []


def test_projects_at_home_make_no_event(extractor: Extractor) -> None:
    text = "The Peruvian ministry has implemented 40 water projects in the Cusco region this year."
    assert events_of(extractor, text) == []


# -- visits told as separate, their visitors listed before the one destination -----------------------------


def test_separate_visits_of_listed_visitors_are_one_each_with_the_host(extractor: Extractor) -> None:
    text = (
        "Chile's foreign minister, the Argentine president and the speaker of the Uruguayan parliament "
        "paid separate visits to Peru this month."
    )
    assert parties(events_of(extractor, text)) == {("ARG", "PER"), ("CHL", "PER"), ("PER", "URY")}
