"""Round 39: event types by wording (made-up sentences).

Ties restored told as a fact by a finite verb ("restored relations", "has reopened its embassy") are a
`cooperation`; restoring agreed is an agreement, planned or hoped for an intent. A meeting named as the means
of an effort under way ("has been trying to heal the rift by making visits to A and B") took place: the
progressive of trying is no irrealis for its means, while what the effort seeks stays an intent.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states, types_between


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Chile and Bolivia restored diplomatic relations in May after a break of four decades.",
            ("CHL", "BOL"),
        ),
        (
            "Peru and Venezuela have reopened their embassies, the Peruvian foreign ministry said.",
            ("PER", "VEN"),
        ),
        ("Ecuador and Colombia re-established ties last year, officials in Quito said.", ("ECU", "COL")),
    ],
)
def test_ties_restored_as_a_fact_are_cooperation(
    extractor: Extractor, text: str, pair: tuple[str, str]
) -> None:
    assert types_between(extractor, text, *pair) == {"cooperation"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile and Bolivia will restore diplomatic relations next month, the two ministers said.", "intent"),
        ("Chile and Bolivia agreed on Friday to restore diplomatic relations.", "agreement"),
        ("Chile and Bolivia hope to restore diplomatic relations soon.", "intent"),
    ],
)
def test_ties_to_restore_are_no_cooperation(extractor: Extractor, text: str, expected: str) -> None:
    assert types_between(extractor, text, "CHL", "BOL") == {expected}


def test_a_deal_that_restored_ties_stays_an_agreement(extractor: Extractor) -> None:
    text = "The Brazilian-brokered deal that restored diplomatic relations between Chile and Bolivia was signed in May."
    assert "cooperation" not in types_between(extractor, text, "CHL", "BOL")


def test_visits_made_as_the_means_of_an_effort_are_meetings(extractor: Extractor) -> None:
    text = "Norway's prime minister has been trying to ease the dispute between Chile and Bolivia by making visits to Santiago and La Paz."
    assert types_between(extractor, text, "NOR", "CHL") == {"meeting"}


def test_talks_as_the_means_of_an_effort_are_a_meeting(extractor: Extractor) -> None:
    text = "Japan is trying to calm the tensions by holding talks with Peru."
    assert types_between(extractor, text, "JPN", "PER") == {"meeting"}


@pytest.mark.parametrize(
    "text",
    [
        # what the effort seeks is still to come
        "Japan is trying to arrange a meeting between Chile and Peru.",
        # a future effort: its means are planned too
        "Japan will try to calm the tensions by holding talks with Peru.",
    ],
)
def test_an_effort_sought_or_to_come_stays_an_intent(extractor: Extractor, text: str) -> None:
    pair = ("CHL", "PER") if "between" in text else ("JPN", "PER")
    assert types_between(extractor, text, *pair) == {"intent"}


def test_joint_ventures_whose_importance_is_stressed_are_an_intent(extractor: Extractor) -> None:
    text = "The Peruvian minister stressed the importance of joint ventures with Chile in the mining sector."
    assert types_between(extractor, text, "PER", "CHL") == {"intent"}


def test_joint_ventures_told_as_a_fact_stay_cooperation(extractor: Extractor) -> None:
    text = "Peruvian firms have set up joint ventures with Chile in the mining sector."
    assert "intent" not in types_between(extractor, text, "PER", "CHL")


@pytest.mark.parametrize(
    "text",
    [
        "Paraguay has shown interest in cooperation with Peru in the energy sector.",
        "Paraguay expressed interest in promoting trade with Peru.",
    ],
)
def test_interest_in_cooperation_is_an_intent(extractor: Extractor, text: str) -> None:
    assert types_between(extractor, text, "PRY", "PER") == {"intent"}


def test_a_gathering_held_in_cooperation_with_a_partner_keeps_its_co_host(extractor: Extractor) -> None:
    text = "The forum was organized by Peru in cooperation with Chile in Lima on Monday."
    assert "conference" in types_between(extractor, text, "PER", "CHL")


def test_officials_of_listed_states_at_a_forum_are_a_conference(extractor: Extractor) -> None:
    text = (
        "Peru hosted an economic forum in Lima on Monday. "
        "Senior officials from Chile, Bolivia and Ecuador attended the forum along with Peruvian ministers."
    )
    found = {t for t, states in typed_states(extractor, text) if {"CHL", "BOL", "ECU"} <= states}
    assert found == {"conference"}


def test_officials_at_a_summit_still_meet(extractor: Extractor) -> None:
    text = "Senior officials from Chile, Bolivia and Ecuador attended the summit in Lima on Monday."
    found = {t for t, states in typed_states(extractor, text) if {"CHL", "BOL", "ECU"} <= states}
    assert "conference" not in found


def test_a_brokered_accord_to_implement_is_an_agreement(extractor: Extractor) -> None:
    text = (
        "The Peruvian minister met his Chilean counterpart, emphasizing the need to implement the "
        "Brazil-brokered accord."
    )
    assert "agreement" in types_between(extractor, text, "PER", "CHL")


def test_an_accord_to_implement_without_its_making_stays_an_intent(extractor: Extractor) -> None:
    text = "The Peruvian minister met his Chilean counterpart, emphasizing the need to sign an accord on the border."
    assert "agreement" not in types_between(extractor, text, "PER", "CHL")


def test_a_diary_told_in_the_past_is_a_meeting(extractor: Extractor) -> None:
    text = "The Peruvian foreign minister was expected to meet with Chilean officials in Santiago."
    assert types_between(extractor, text, "PER", "CHL") == {"meeting"}


@pytest.mark.parametrize(
    "text",
    [
        "The Peruvian foreign minister is expected to meet with Chilean officials in Santiago.",
        "The Peruvian minister was set to meet Chilean officials, but Santiago called off the talks.",
    ],
)
def test_a_diary_to_come_or_called_off_is_no_meeting(extractor: Extractor, text: str) -> None:
    assert "meeting" not in types_between(extractor, text, "PER", "CHL")
