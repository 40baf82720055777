"""Round 33, multi-party gatherings (made-up sentences): seminars and workshops are gatherings, journalists
from listed states meet each other there, a participants list goes on past an unknown name of two words or a
name the gazetteer knows only in part, a speaker who addresses a conference attends it, and a report of one
fair takes its host from the venue in its lead."""

from __future__ import annotations

from libs.extraction import Extractor


def _pairs_of(extractor: Extractor, text: str) -> set[tuple[str, tuple[str, ...]]]:
    return {(e.type.value, tuple(e.countries)) for e in extractor.extract(text, article_id="t").events}


def test_journalists_from_listed_states_at_a_seminar_meet_each_other_and_the_host(
    extractor: Extractor,
) -> None:
    text = (
        "NAIROBI - The agency held a two-day seminar at its office in Nairobi. The seminar briefed "
        "journalists from African countries including Uganda, Ghana, Malawi and Zambia on copyright."
    )
    assert _pairs_of(extractor, text) == {("conference", ("GHA", "KEN", "MWI", "UGA", "ZMB"))}


def test_a_workshop_is_a_gathering_of_its_listed_scholars(extractor: Extractor) -> None:
    text = "ACCRA - Researchers from Togo, Benin and Niger took part in a workshop on soil science in Accra."
    assert _pairs_of(extractor, text) == {("conference", ("BEN", "GHA", "NER", "TGO"))}


def test_a_list_of_exhibitors_goes_on_past_a_name_known_only_in_part(extractor: Extractor) -> None:
    text = (
        "ACCRA - 40 companies from 12 countries such as Spain, the United Emirates, Kenya, Malawi and "
        "Zambia will showcase products at the trade fair."
    )
    assert _pairs_of(extractor, text) == {
        ("intent", ("ESP", "GHA")),
        ("intent", ("ARE", "GHA")),
        ("intent", ("GHA", "KEN")),
        ("intent", ("GHA", "MWI")),
        ("intent", ("GHA", "ZMB")),
    }


def test_a_list_of_exhibitors_goes_on_past_an_unknown_name_of_two_words(extractor: Extractor) -> None:
    text = "ACCRA - Companies from Spain, Upper Volta, Kenya and Zambia are participating in the trade fair."
    assert _pairs_of(extractor, text) == {
        ("conference", ("ESP", "GHA")),
        ("conference", ("GHA", "KEN")),
        ("conference", ("GHA", "ZMB")),
    }


def test_representatives_from_a_regions_countries_who_address_a_conference_attend_it(
    extractor: Extractor,
) -> None:
    text = (
        "ACCRA - Representatives from West African countries, including Togo, Mali and Niger, addressed the "
        "conference."
    )
    assert _pairs_of(extractor, text) == {
        ("conference", ("GHA", "TGO")),
        ("conference", ("GHA", "MLI")),
        ("conference", ("GHA", "NER")),
    }


def test_a_fair_reported_without_a_dateline_takes_its_host_from_the_venue_in_the_lead(
    extractor: Extractor,
) -> None:
    text = (
        "Held at the Kumasi fairgrounds, the five-day event is hosting 300 companies. "
        "The fair is the biggest in years. "
        "Its organisers said the stands were sold out. "
        "Foreign companies from Germany, Turkey and Canada have participated in the exhibition."
    )
    assert _pairs_of(extractor, text) == {
        ("conference", ("DEU", "GHA")),
        ("conference", ("GHA", "TUR")),
        ("conference", ("CAN", "GHA")),
    }


def test_journalists_at_a_workshop_held_abroad_meet_each_other_and_the_venues_state(
    extractor: Extractor,
) -> None:
    text = "ACCRA - Journalists from Togo, Benin and Niger attended a workshop in Nigeria on press freedom."
    assert _pairs_of(extractor, text) == {("conference", ("BEN", "NER", "NGA", "TGO"))}
