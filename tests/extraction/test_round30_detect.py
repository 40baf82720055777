"""Article detection, issue 13 round 30: gatherings abroad and their participants (`gatherings.py`). Contestants
or competitors from listed states at a gathering named before each deal with its host; one state taking part
in a fair held in another is an exhibitor with the host; works entered at a festival ("films will compete at");
"its fair share" names no fair. On short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, pair_sets, typed


def test_contestants_from_listed_states_each_deal_with_the_host(extractor: Extractor) -> None:
    text = (
        "ACCRA – The coastal town of Elmina hosted an international kite festival on Sunday. "
        "Contestants from Kenya, Peru and Norway took part in the event, which drew large crowds, organisers said."
    )
    assert pair_sets(extractor, text) == {
        frozenset({"GHA", "KEN"}),
        frozenset({"GHA", "PER"}),
        frozenset({"GHA", "NOR"}),
    }


def test_one_state_taking_part_in_a_fair_abroad_deals_with_the_host(extractor: Extractor) -> None:
    for text in (
        "NAIROBI – Kenya is participating in the spring tea fair in Lisbon, which opens its doors on Monday.",
        "NAIROBI – Kenya took part in the spring tea fair in Lisbon with a stand of its growers.",
    ):
        assert pair_sets(extractor, text) == {frozenset({"KEN", "PRT"})}, text
    # one state at talks is no exhibitor
    talks = "NAIROBI – Kenya is participating in the talks on fisheries in Lisbon, which open on Monday."
    assert frozenset({"KEN", "PRT"}) not in pair_sets(extractor, talks)


def test_films_entered_at_a_festival_abroad(extractor: Extractor) -> None:
    done = "LIMA – Two Peruvian films competed at the autumn film festival in Lyon, France, last week."
    assert typed(events_of(extractor, done)) == {("conference", ("FRA", "PER"))}
    coming = "LIMA – Two Peruvian films will compete at the autumn film festival in Lyon, France."
    assert typed(events_of(extractor, coming)) == {("intent", ("FRA", "PER"))}


def test_a_fair_share_is_no_fair(extractor: Extractor) -> None:
    text = (
        "OSLO – Officials from Norway, Denmark and Sweden are participating in the new naval mission in the "
        "Baltic and will contribute their fair share to it."
    )
    assert not events_of(extractor, text)
