"""Lists of participants at gatherings (extractor 1.16.0, made-up sentences): star with the host or clique."""

from __future__ import annotations

from libs.extraction import Extractor


def _pairs_of(extractor: Extractor, text: str) -> set[tuple[str, tuple[str, ...]]]:
    return {(e.type.value, tuple(e.countries)) for e in extractor.extract(text, article_id="t").events}


def test_officials_from_listed_states_at_a_fair_are_each_with_the_host(extractor: Extractor) -> None:
    text = (
        "NAIROBI - Traders, ministers and officials from Chile, Peru, Japan and Brazil are among the "
        "visitors to the trade exhibition."
    )
    assert _pairs_of(extractor, text) == {
        ("conference", ("CHL", "KEN")),
        ("conference", ("KEN", "PER")),
        ("conference", ("JPN", "KEN")),
        ("conference", ("BRA", "KEN")),
    }


def test_demonym_officials_at_a_fair_are_each_with_the_host(extractor: Extractor) -> None:
    text = "NAIROBI - Chilean, Bolivian and Peruvian officials attended the Nairobi book fair on Monday."
    assert _pairs_of(extractor, text) == {
        ("conference", ("BOL", "KEN")),
        ("conference", ("CHL", "KEN")),
        ("conference", ("KEN", "PER")),
    }


def test_officials_from_listed_states_at_a_meeting_still_meet_each_other(extractor: Extractor) -> None:
    text = (
        "NAIROBI - Officials from Uganda, Rwanda and Burundi participated in the regional security meeting."
    )
    assert _pairs_of(extractor, text) == {("meeting", ("BDI", "KEN", "RWA", "UGA"))}


def test_an_abbreviation_in_brackets_does_not_end_a_list_of_participants(extractor: Extractor) -> None:
    text = (
        "NAIROBI - Officials from Chile, United Arab Emirates (UAE), Peru and Japan are among the "
        "visitors to the trade exhibition."
    )
    assert _pairs_of(extractor, text) == {
        ("conference", ("CHL", "KEN")),
        ("conference", ("ARE", "KEN")),
        ("conference", ("KEN", "PER")),
        ("conference", ("JPN", "KEN")),
    }


def test_guests_from_listed_states_of_a_gathering_named_before_are_each_with_the_host(
    extractor: Extractor,
) -> None:
    text = (
        "NAIROBI - Mombasa hosted the third meeting of the committee on the heritage of the spice routes "
        "last week. The invitees toured the old town. The guests were from Chile, Peru and Japan, the "
        "report said."
    )
    assert _pairs_of(extractor, text) == {
        ("conference", ("CHL", "KEN")),
        ("conference", ("KEN", "PER")),
        ("conference", ("JPN", "KEN")),
    }


def test_guests_from_listed_states_without_a_gathering_are_no_event(extractor: Extractor) -> None:
    text = "NAIROBI - The tourists were from Chile, Peru and Japan, the hotel said."
    assert _pairs_of(extractor, text) == set()


def test_delegations_from_listed_states_at_talks_meet_each_other(extractor: Extractor) -> None:
    text = "NAIROBI - Delegations from Chile, Peru and Japan attended the talks in Mombasa."
    assert _pairs_of(extractor, text) == {("meeting", ("CHL", "JPN", "KEN", "PER"))}


def test_delegations_from_listed_states_at_a_ceremony_or_a_fair_stay_a_star(extractor: Extractor) -> None:
    text = "NAIROBI - Delegations from Chile, Peru and Japan attended the trade fair."
    assert _pairs_of(extractor, text) == {
        ("conference", ("CHL", "KEN")),
        ("conference", ("JPN", "KEN")),
        ("conference", ("KEN", "PER")),
    }
    text = "NAIROBI - Delegations from Chile, Peru and Japan will attend the inauguration of the president."
    assert _pairs_of(extractor, text) == {
        ("intent", ("CHL", "KEN")),
        ("intent", ("JPN", "KEN")),
        ("intent", ("KEN", "PER")),
    }


def test_the_caspian_littoral_states_are_a_group_with_fixed_members(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The foreign minister will travel to Baku to attend the foreign ministers' meeting of "
        "the Caspian littoral states next week."
    )
    countries = {e.countries and tuple(e.countries) for e in extractor.extract(text, article_id="t").events}
    assert ("AZE", "IRN", "KAZ", "RUS", "TKM") in countries


def test_participants_mainly_from_listed_states_are_each_with_the_host(extractor: Extractor) -> None:
    text = (
        "NAIROBI - Over 90 foreign companies took part in the Nairobi packaging exhibition. The participants "
        "were mainly from five countries comprising Chile, Peru and Japan."
    )
    assert _pairs_of(extractor, text) == {
        ("conference", ("CHL", "KEN")),
        ("conference", ("KEN", "PER")),
        ("conference", ("JPN", "KEN")),
    }


def test_the_host_is_the_city_a_gathering_is_held_in_not_the_city_naming_it(extractor: Extractor) -> None:
    text = (
        "LIMA - The minister addressed the second round of the Quito Conference for Cooperation and "
        "Partnership in Nairobi on Sunday. The participants at the conference were Chile, Peru, Japan and "
        "Brazil."
    )
    assert _pairs_of(extractor, text) == {("conference", ("BRA", "CHL", "JPN", "KEN", "PER"))}


def test_officials_of_one_state_at_a_fair_still_meet_the_other_side_named(extractor: Extractor) -> None:
    text = (
        "LIMA - The fair was attended by senior Peruvian officials, including an advisor to the president, "
        "and on the Chilean side the head of international affairs at the Chilean Ministry of Defense."
    )
    assert ("conference", ("CHL", "PER")) in _pairs_of(extractor, text)


def test_a_list_of_participants_goes_on_after_a_dash(extractor: Extractor) -> None:
    text = (
        "LIMA - The participants at the conference were Chile, Brazil and Japan as well as two new guests "
        "— Bolivia and Ecuador."
    )
    assert _pairs_of(extractor, text) == {("conference", ("BOL", "BRA", "CHL", "ECU", "JPN", "PER"))}
