"""Issue 13 round 25, pair precision: rounds of a negotiation process told as at a standstill after
their name, and talks told as the history of the deal they produced; short texts written for these
tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.triggers import TALKS_HISTORY
from tests.extraction.helpers import events_of, parties

_E3 = {"IRN", "GBR", "FRA", "DEU"}


def _round_of_e3(extractor: Extractor, text: str) -> bool:
    return any(_E3 <= set(p) for p in parties(events_of(extractor, text)))


@pytest.mark.parametrize(
    "standstill",
    [
        "the talks in Vienna with the P4+1, which have stalemated since spring",
        "the talks in Vienna with the P4+1 that have been deadlocked for weeks",
        "the talks in Vienna with the P4+1 were suspended",
        "the talks in Vienna with the P4+1 remain stalled",
    ],
)
def test_a_round_at_a_standstill_after_its_name_is_no_round(extractor: Extractor, standstill: str) -> None:
    text = f"TEHRAN - Lawmakers voiced their anger in parliament on Sunday as {standstill}."
    assert not _round_of_e3(extractor, text)


def test_a_round_under_way_after_its_name_is_still_a_round(extractor: Extractor) -> None:
    text = "TEHRAN - Lawmakers voiced their anger in parliament on Sunday as the talks in Vienna with the P4+1 went on."
    assert _round_of_e3(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Years of negotiations with the five powers resulted in the JCPOA.",
        "He was heavily involved in talks with the five powers in crafting the nuclear agreement.",
        "The minister praised the JCPOA negotiated between Iran and the five powers.",
        "The nuclear deal, hammered out with the five powers, was a success.",
    ],
)
def test_talks_told_as_the_deals_history(sentence: str) -> None:
    assert TALKS_HISTORY.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Negotiations with the five powers resumed in Vienna on Monday.",
        "The talks aim at reviving the JCPOA, the diplomats said.",
        "The minister negotiated with his Peruvian counterpart on Monday.",
    ],
)
def test_talks_held_now_are_no_history(sentence: str) -> None:
    assert not TALKS_HISTORY.search(sentence)


def test_the_deal_named_with_its_negotiators_is_no_round(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The Iranian minister spoke at a university on Sunday about the JCPOA negotiated between "
        "Iran, Britain, France and Germany."
    )
    assert not _round_of_e3(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "TEHRAN - The ministry deplored a resolution drafted by Peru, Chile and Bolivia at the agency's board.",
        "TEHRAN - The resolution, which was drafted by Peru and Chile, undermined trust, the president said.",
        "TEHRAN - Resolution 1234, which was co-sponsored by Peru, Chile and Bolivia, was adopted last year.",
    ],
)
def test_the_sponsors_of_a_resolution_make_no_joint_act(extractor: Extractor, text: str) -> None:
    assert not [p for p in parties(events_of(extractor, text)) if {"CHL", "PER"} <= set(p)]


def test_a_plan_drafted_by_listed_states_is_still_one_act(extractor: Extractor) -> None:
    text = "LIMA - The transit plan drafted by Peru, Chile and Bolivia was welcomed by traders on Monday."
    assert any({"BOL", "CHL", "PER"} <= set(p) for p in parties(events_of(extractor, text)))
