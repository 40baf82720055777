"""Issue 13, round 5 (extractor 1.6.0): the classes of misses read on blind_4 and sentences_4,
each on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed

# -- ceremonies and visits of many delegations: a star around the host ------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # delegations at a ceremony one state holds each meet the host
        (
            "LIMA – Delegations from Spain, Chile and Brazil attended the inauguration ceremony of the "
            "president on Saturday.",
            {("meeting", ("ESP", "PER")), ("meeting", ("CHL", "PER")), ("meeting", ("BRA", "PER"))},
        ),
        (
            "Senior officials from Italy, Greece and Japan took part in the funeral of the former king in "
            "Oslo on Monday.",
            {("meeting", ("ITA", "NOR")), ("meeting", ("GRC", "NOR")), ("meeting", ("JPN", "NOR"))},
        ),
        # visitors of a site under a dateline whose state is named only by a city: each with the host
        (
            "QUITO – Delegations from Spain, Chile and Brazil visited the old palace of Cuenca on Monday.",
            {("meeting", ("ECU", "ESP")), ("meeting", ("CHL", "ECU")), ("meeting", ("BRA", "ECU"))},
        ),
    ],
)
def test_ceremony_and_visitors_star(extractor: Extractor, text: str, expected: set) -> None:
    assert typed(events_of(extractor, text)) == expected


def test_officials_at_a_meeting_stay_one_event(extractor: Extractor) -> None:
    text = "Foreign ministers of Peru, Chile and Bolivia attended the meeting in Lima on Monday."
    assert typed(events_of(extractor, text)) == {("meeting", ("BOL", "CHL", "PER"))}


def test_listing_body_is_no_party(extractor: Extractor) -> None:
    text = "Officials from Chile visited the UNESCO-inscribed old town of Cuenca in Ecuador on Monday."
    assert all(not e.igos for e in events_of(extractor, text))


# -- commentary: opinion and history essays report no news events ----------------------------

_ESSAY = (
    "In 1921, Britain and France signed a treaty that divided the region. In other words, the colonial "
    "powers drew the borders. Of course, the West never admitted it. I believe that imperialism has not "
    "ended. Imagine a region free of hegemony. Indeed, we should learn from history."
)


def test_commentary_essay_has_noevents_of(extractor: Extractor) -> None:
    assert events_of(extractor, _ESSAY) == []


def test_dated_news_with_the_same_words_keeps_itsevents_of(extractor: Extractor) -> None:
    text = "PARIS – " + _ESSAY
    assert typed(events_of(extractor, text)) == {("agreement", ("FRA", "GBR"))}


def test_commentary_needs_five_kinds_of_rhetoric() -> None:
    from libs.extraction.genre import commentary

    assert commentary(_ESSAY, has_dateline=False)
    assert not commentary(_ESSAY, has_dateline=True)
    assert not commentary("The Western Sahara talks resumed. " * 5, has_dateline=False)


# -- vocabulary: standing bilateral bodies, goods received --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "During the 12th meeting of the Peru-Chile Joint Economic Committee, held in Lima, the two sides "
            "reviewed trade.",
            {("meeting", ("CHL", "PER"))},
        ),
        (
            "Speaking at the 4th round of Kenya-Ghana political consultations on May 2, the minister praised ties.",
            {("meeting", ("GHA", "KEN"))},
        ),
        (
            "LIMA – The Peru-Chile Joint Chamber of Commerce was formally opened in Lima on Monday.",
            {("cooperation", ("CHL", "PER"))},
        ),
        (
            "Kenya has received Japan’s consignment of rail equipment, the transport minister said.",
            {("cooperation", ("JPN", "KEN"))},
        ),
    ],
)
def test_bilateral_bodies_and_deliveries(extractor: Extractor, text: str, expected: set) -> None:
    assert typed(events_of(extractor, text)) == expected


def test_head_of_a_joint_chamber_is_a_title(extractor: Extractor) -> None:
    text = "Juan Perez, head of the Peru-Chile Joint Chamber of Commerce, said exporters face high costs."
    assert events_of(extractor, text) == []


# -- flows to listed destinations: the ends of one flow are not partners of each other ----------


def test_flow_destinations_are_no_clique(extractor: Extractor) -> None:
    text = "The airline operates flights to destinations such as Lima, Quito and Bogota."
    assert events_of(extractor, text) == []


def test_flow_destinations_under_a_dateline_are_no_event(extractor: Extractor) -> None:
    text = "NAIROBI – The company exports its tea to Germany, France and Italy."
    assert events_of(extractor, text) == []


# -- trips: the stops of one trip are not partners of each other --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "NAIROBI – President William Ruto will pay official visits to the East African countries of Uganda and Rwanda.",
            {("intent", ("KEN", "UGA")), ("intent", ("KEN", "RWA"))},
        ),
        (
            "President William Ruto started a tour on Monday to three African countries, which will first take "
            "him to Ghana, then Togo and finally Benin.",
            {("meeting", ("GHA", "KEN")), ("meeting", ("KEN", "TGO")), ("meeting", ("BEN", "KEN"))},
        ),
    ],
)
def test_trip_stops_pair_with_the_traveller(extractor: Extractor, text: str, expected: set) -> None:
    assert typed(events_of(extractor, text)) == expected


# -- a round of a known negotiation named with its purpose far from the word "round" ------------


def test_round_of_nuclear_talks_with_a_long_description(extractor: Extractor) -> None:
    text = (
        "The fifth round of negotiations between Iran and world powers that seek to revive the "
        "tattered 2015 nuclear deal resumed on Monday. Initially, the European participants, France and "
        "Germany, rejected the proposals, but they agreed to continue the talks."
    )
    # the table named as "world powers" beside the round is the whole group of its time (D2/D5, round 43), not
    # only the members named after it
    assert ("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS")) in typed(events_of(extractor, text))


# -- invitations: each invitee with the host, not a clique of the invited -------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenya has invited Uganda, Rwanda and Ghana to the summit.",
            {("intent", ("GHA", "KEN")), ("intent", ("KEN", "RWA")), ("intent", ("KEN", "UGA"))},
        ),
        (
            'Kenya\'s foreign minister said, "Uganda, Rwanda and Ghana will be invited."',
            {("intent", ("GHA", "KEN")), ("intent", ("KEN", "RWA")), ("intent", ("KEN", "UGA"))},
        ),
    ],
)
def test_invitees_pair_with_the_host(extractor: Extractor, text: str, expected: set) -> None:
    assert typed(events_of(extractor, text)) == expected


# -- vocabulary: cooperation among listed states, a cause that is no schedule, exercises hosted ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "due to" as a cause is no schedule: the cooperation is a fact
        (
            "The rebels are near collapse due to cooperation among the Peruvian, Chilean and Bolivian armies.",
            {("cooperation", ("BOL", "CHL", "PER"))},
        ),
        # "is due to" is a schedule
        (
            "The Kenyan minister is due to hold talks with his Ugandan counterpart next week.",
            {("intent", ("KEN", "UGA"))},
        ),
        # a multinational exercise: each foreign navy with the host
        (
            "Kenya's navy began a large naval exercise in the Indian Ocean with the participation of navies of "
            "30 countries including Ghana, Egypt and Japan.",
            {
                ("cooperation", ("GHA", "KEN")),
                ("cooperation", ("EGY", "KEN")),
                ("cooperation", ("JPN", "KEN")),
            },
        ),
    ],
)
def test_cooperation_among_and_exercises(extractor: Extractor, text: str, expected: set) -> None:
    assert typed(events_of(extractor, text)) == expected


def test_city_naming_an_organisation_is_no_party(extractor: Extractor) -> None:
    # "the Berne Union", like "the Paris Club": the city names the body, its state is no party
    assert events_of(extractor, "The Berne Union signed an agreement with Kenya.") == []


# -- phone calls are between two ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "NAIROBI – “In a phone conversation with the foreign ministers of Uganda and Ghana, I stated "
            "our position,” the minister said.",
            {("meeting", ("KEN", "UGA")), ("meeting", ("GHA", "KEN"))},
        ),
        # a call the three leaders held together stays one event
        (
            "The presidents of Peru, Chile and Bolivia held a phone conversation on Monday.",
            {("meeting", ("BOL", "CHL", "PER"))},
        ),
    ],
)
def test_phone_call_with_listed_ministers(extractor: Extractor, text: str, expected: set) -> None:
    assert typed(events_of(extractor, text)) == expected
