"""Round 43: parties told in another part of the text (made-up sentences).

A fair named in the sentences before and its foreign exhibitors listed after a report's adverb ("The foreign
companies reportedly come from A, B and C"): each exhibitor with the host, as when the adverb is absent. A tour
told by its stops after a short opening phrase ("After the talks, he will travel to A, B and C"): the last person
named is the traveller. Attendees described as a group, then listed after a dash ("presidents of the five
littoral states - A, B, C, D and E"): they meet each other. "Partake in" a gathering is attending it.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor

_FAIR = (
    "TEHRAN - The 9th International Exhibition of Paper Products opened on Sunday at the city's fairgrounds. "
    "Some 150 Iranian and 60 foreign firms are showcasing their goods in the five-day event. "
)


def _pairs_in(extractor: Extractor, text: str, sentence: str) -> set[frozenset[str]]:
    """The state pairs of the events whose evidence lies in `sentence`."""
    lo = text.index(sentence)
    hi = lo + len(sentence)
    return {
        frozenset(ev.countries)
        for ev in extractor.extract(text, article_id="t").events
        if any(e.start < hi and lo < e.end for e in ev.evidence)
    }


@pytest.mark.parametrize(
    "listed",
    [
        "The foreign exhibitors reportedly come from Brazil, Chile, Kenya and Norway.",
        "Foreign firms reportedly come from Brazil, Chile, Kenya and Norway.",
        "Visitors also came from Brazil, Chile, Kenya and Norway.",
    ],
)
def test_exhibitors_listed_after_a_reports_adverb_each_meet_the_host(
    extractor: Extractor, listed: str
) -> None:
    pairs = _pairs_in(extractor, _FAIR + listed, listed)
    assert {frozenset({"IRN", c}) for c in ("BRA", "CHL", "KEN", "NOR")} <= pairs
    assert frozenset({"BRA", "CHL"}) not in pairs  # a star around the host, not a clique


@pytest.mark.parametrize(
    "opening",
    ["After concluding his visit to Nairobi, he", "According to the agency, he", "Following the talks, she"],
)
def test_a_tour_told_by_its_stops_after_an_opening_phrase_is_the_last_travellers(
    extractor: Extractor, opening: str
) -> None:
    told = f"{opening} is scheduled to travel to Ghana, Senegal and Mali."
    text = "ABUJA - Nigerian Foreign Minister Bola Adeyemi started a regional tour on Monday. " + told
    pairs = _pairs_in(extractor, text, told)
    assert {frozenset({"NGA", c}) for c in ("GHA", "SEN", "MLI")} <= pairs
    assert frozenset({"GHA", "SEN"}) not in pairs  # a visit to each stop, not a meeting of the stops


@pytest.mark.parametrize(
    "attended",
    [
        "The summit will be attended by presidents of the four Lake Victoria basin states - Kenya, Uganda, "
        "Tanzania and Rwanda.",
        "The forum will see participation of high-level delegations of all four countries – Kenya, Uganda, "
        "Tanzania and Rwanda.",
    ],
)
def test_attendees_described_as_a_group_then_listed_after_a_dash_meet_each_other(
    extractor: Extractor, attended: str
) -> None:
    text = "NAIROBI - Leaders will gather in Kisumu next month. " + attended
    pairs = _pairs_in(extractor, text, attended)
    assert frozenset({"KEN", "UGA", "TZA", "RWA"}) in pairs


def test_partaking_in_a_gathering_named_before_is_attending_it(extractor: Extractor) -> None:
    listed = "Teams from Brazil, Chile, Kenya and Norway have applied to partake in the event."
    text = "TEHRAN - The 3rd International Chess Olympiad will open in Tehran on Monday. " + listed
    pairs = _pairs_in(extractor, text, listed)
    assert {frozenset({"IRN", c}) for c in ("BRA", "CHL", "KEN", "NOR")} <= pairs
