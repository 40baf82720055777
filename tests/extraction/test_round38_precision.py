"""Round 38, false pairs outside the nuclear deal: support of a people's cause named by its demonym ("backing the
Palestinian nation") is no intent with that state; aid suspended, cut off or cancelled is no aid or cooperation;
a traveller's review quoted with its signature ("(A. from Sydney, Australia; visited May 2017)") is no meeting;
the composition of a trade ("are among Iranian exports to A, B and C") is no cooperation. Support of a state's
standing, aid given and official visits still make their events. Short texts invented for these tests (not the
sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def _states(extractor: Extractor, text: str) -> set[frozenset[str]]:
    return {states for _, states in typed_states(extractor, text)}


def test_backing_a_peoples_cause_is_no_intent(extractor: Extractor) -> None:
    text = (
        "Iran's parliament speaker said the country will keep backing the Palestinian nation, speaking in Tehran on "
        "Sunday."
    )
    assert frozenset({"IRN", "PSE"}) not in _states(extractor, text)


def test_support_of_a_states_standing_is_still_an_intent(extractor: Extractor) -> None:
    text = "Iran supports Syria's territorial integrity, the Iranian foreign minister told his Syrian counterpart."
    assert ("intent", frozenset({"IRN", "SYR"})) in typed_states(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon announced the suspension of military aid to Pakistan on Friday.",
        "Washington said on Monday that its security assistance to Egypt is suspended until further notice.",
    ],
)
def test_aid_stopped_is_no_aid(extractor: Extractor, text: str) -> None:
    assert not typed_states(extractor, text)


def test_aid_given_is_still_aid(extractor: Extractor) -> None:
    text = "Japan granted $5 million in aid to Afghanistan on Monday, the Japanese embassy said."
    assert ("aid", frozenset({"AFG", "JPN"})) in typed_states(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "(Anna K. from Sydney, Australia; visited May 2017) Well worth a visit, we enjoyed visiting Iran and its old "
        "castles.",
        "(Tom B. from Toronto, Canada; reviewed June 2018) A lovely place to visit when you travel to Iran.",
    ],
)
def test_a_travellers_review_is_no_meeting(extractor: Extractor, text: str) -> None:
    assert not typed_states(extractor, text)


def test_an_official_visit_in_a_month_is_still_a_meeting(extractor: Extractor) -> None:
    text = (
        "The Australian foreign minister visited Iran in May 2017 and met his Iranian counterpart in Tehran."
    )
    assert ("meeting", frozenset({"AUS", "IRN"})) in typed_states(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Carpets, ceramics and handwoven cloths are among Iranian exports to Iraq, Germany and Japan, the trade "
        "official said.",
        "Iran's annual exports to Germany witnessed a 35-percent growth last year, the chamber of commerce said.",
    ],
)
def test_what_a_trade_is_made_of_is_no_cooperation(extractor: Extractor, text: str) -> None:
    assert not any(kind == "cooperation" for kind, _ in typed_states(extractor, text))


def test_exports_agreed_are_still_cooperation(extractor: Extractor) -> None:
    text = "Iran and Iraq agreed on Monday to boost their cooperation in electricity exports, the Iraqi minister said."
    assert typed_states(extractor, text)
