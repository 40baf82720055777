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


def test_states_named_bare_as_a_summits_attendees_meet_each_other(extractor: Extractor) -> None:
    text = (
        "KAMPALA - A regional summit on the Great Lakes was held on Monday. "
        "It was attended by Rwanda, Ethiopia and Burundi."
    )
    assert _pairs_of(extractor, text) == {("meeting", ("BDI", "ETH", "RWA", "UGA"))}


def test_states_listed_as_a_conferences_participants_meet_each_other(extractor: Extractor) -> None:
    text = "NAIROBI - The participants at the water conference were Uganda, Rwanda and Burundi."
    assert _pairs_of(extractor, text) == {("conference", ("BDI", "KEN", "RWA", "UGA"))}


def test_states_announced_as_a_summits_attendees_are_one_intent(extractor: Extractor) -> None:
    text = "LIMA - The summit will be attended by Chile, Bolivia and Brazil."
    assert _pairs_of(extractor, text) == {("intent", ("BOL", "BRA", "CHL", "PER"))}


def test_states_taking_part_in_a_meeting_meet_each_other(extractor: Extractor) -> None:
    text = "NAIROBI - Uganda, Rwanda and Burundi took part in the meeting on river basins."
    assert _pairs_of(extractor, text) == {("meeting", ("BDI", "KEN", "RWA", "UGA"))}


def test_states_named_bare_as_a_fairs_attendees_are_each_with_the_host(extractor: Extractor) -> None:
    text = "NAIROBI - The book fair was attended by Uganda, Rwanda and Burundi."
    assert _pairs_of(extractor, text) == {
        ("conference", ("BDI", "KEN")),
        ("conference", ("KEN", "RWA")),
        ("conference", ("KEN", "UGA")),
    }


def test_attendees_from_countries_are_people_not_states(extractor: Extractor) -> None:
    # people of the listed states at the host's workshop: each with the host, never a clique of the states
    text = (
        "NAIROBI - A training workshop opened on Monday. "
        "The attendees are from countries including Uganda, Rwanda and Burundi."
    )
    assert _pairs_of(extractor, text) == {
        ("conference", ("BDI", "KEN")),
        ("conference", ("KEN", "RWA")),
        ("conference", ("KEN", "UGA")),
    }


def test_one_state_named_as_attending_makes_no_gathering(extractor: Extractor) -> None:
    text = "NAIROBI - The meeting in Kampala was attended by Rwanda's foreign minister."
    assert _pairs_of(extractor, text) == set()


def test_attendees_said_to_come_from_listed_states_are_each_with_the_host(extractor: Extractor) -> None:
    # people of the listed states at the host's gathering: a star around the host, not a clique
    text = (
        "NAIROBI - The opening ceremony of the assembly is held in Mombasa on Sunday. "
        "Attendees to the event are from Chile, Peru, Japan and Brazil."
    )
    pairs = {p for _, p in _pairs_of(extractor, text)}
    assert pairs == {("CHL", "KEN"), ("KEN", "PER"), ("JPN", "KEN"), ("BRA", "KEN")}


def test_a_meeting_named_where_states_attend_outranks_a_conference_named_before(extractor: Extractor) -> None:
    text = (
        "The envoy spoke to reporters at the end of the Lima conference on Monday. "
        "The Lima meeting was attended by Chile, Bolivia and Ecuador."
    )
    # the host (Lima's state) attends too
    assert _pairs_of(extractor, text) == {("meeting", ("BOL", "CHL", "ECU", "PER"))}


def test_a_conference_named_where_states_attend_stays_a_conference(extractor: Extractor) -> None:
    text = (
        "The envoy spoke to reporters after the meeting on Monday. "
        "The Lima conference was attended by Chile, Bolivia and Ecuador."
    )
    assert _pairs_of(extractor, text) == {("conference", ("BOL", "CHL", "ECU", "PER"))}
