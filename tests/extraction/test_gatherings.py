"""Gatherings with foreign participants (made-up sentences): meetings, fairs, and who pairs with whom."""

from __future__ import annotations

from libs.extraction import Extractor


def _pairs_of(extractor: Extractor, text: str) -> set[tuple[str, tuple[str, ...]]]:
    return {(e.type.value, tuple(e.countries)) for e in extractor.extract(text, article_id="t").events}


def test_officials_listed_for_a_meeting_meet_each_other(extractor: Extractor) -> None:
    text = (
        "NAIROBI - Besides Kenya's minister, officials from Uganda, Rwanda and Burundi will participate "
        "in the regional security dialogue."
    )
    assert _pairs_of(extractor, text) == {("intent", ("BDI", "KEN", "RWA", "UGA"))}


def test_a_list_of_demonyms_attending_is_one_meeting(extractor: Extractor) -> None:
    text = "LIMA - The event was attended by Chilean, Bolivian and Peruvian officials, in person or online."
    assert _pairs_of(extractor, text) == {("meeting", ("BOL", "CHL", "PER"))}


def test_exhibitors_announced_for_a_fair_are_each_with_the_host(extractor: Extractor) -> None:
    text = "NAIROBI - Companies from Chile, Peru and Brazil are going to attend the Nairobi trade fair."
    assert _pairs_of(extractor, text) == {
        ("intent", ("CHL", "KEN")),
        ("intent", ("KEN", "PER")),
        ("intent", ("BRA", "KEN")),
    }


def test_exhibitors_at_a_held_fair_are_each_with_the_host(extractor: Extractor) -> None:
    text = "NAIROBI - At the trade fair, companies from Chile, Peru and Brazil are showcasing their products."
    assert _pairs_of(extractor, text) == {
        ("conference", ("CHL", "KEN")),
        ("conference", ("KEN", "PER")),
        ("conference", ("BRA", "KEN")),
    }


def test_representatives_from_many_countries_at_a_summit_are_each_with_the_host(extractor: Extractor) -> None:
    text = (
        "NAIROBI - Representatives from 12 countries namely Chile, Peru, Japan and Brazil are taking part in "
        "the two-day investment event in Mombasa."
    )
    assert _pairs_of(extractor, text) == {
        ("conference", ("CHL", "KEN")),
        ("conference", ("KEN", "PER")),
        ("conference", ("JPN", "KEN")),
        ("conference", ("BRA", "KEN")),
    }


def test_participation_of_states_in_talks_is_one_meeting(extractor: Extractor) -> None:
    text = "NAIROBI - The talks were held with the participation of Chile, Peru and Brazil."
    assert _pairs_of(extractor, text) == {("meeting", ("BRA", "CHL", "KEN", "PER"))}


def test_an_unknown_name_does_not_end_the_list(extractor: Extractor) -> None:
    text = "The meeting was attended by ministers from Chile, Peru, Atlantis, Bolivia and Ecuador."
    assert ("meeting", ("BOL", "CHL", "ECU", "PER")) in _pairs_of(extractor, text)


def test_not_taking_part_is_no_event(extractor: Extractor) -> None:
    text = (
        "NAIROBI - Despite being invited, officials from Uganda and Rwanda will not take part in the meeting."
    )
    assert _pairs_of(extractor, text) == set()


def test_delegations_announcing_they_will_attend_a_conference_are_each_with_the_host(
    extractor: Extractor,
) -> None:
    text = (
        "NAIROBI - Representatives from 12 countries comprising Chile, the U.S., Peru and Brazil have "
        "announced readiness to attend the conference."
    )
    assert _pairs_of(extractor, text) == {
        ("intent", ("CHL", "KEN")),
        ("intent", ("KEN", "USA")),
        ("intent", ("KEN", "PER")),
        ("intent", ("BRA", "KEN")),
    }


def test_scholars_from_listed_states_at_a_conference_meet_each_other(extractor: Extractor) -> None:
    text = (
        "LIMA - Scholars from Chile, Peru and Brazil attended the archaeology conference at the university."
    )
    assert _pairs_of(extractor, text) == {("conference", ("BRA", "CHL", "PER"))}
