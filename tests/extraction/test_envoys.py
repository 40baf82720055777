"""Ambassadors of several states at one host's occasion are a star around the host (`envoys.py`),
on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # envoys signing the host's condolence book under the host's dateline: a call on the host each
        (
            "LIMA – Ambassadors from Spain, Chile and Brazil signed the condolence book at the "
            "foreign ministry on Monday.",
            {("meeting", ("ESP", "PER")), ("meeting", ("CHL", "PER")), ("meeting", ("BRA", "PER"))},
        ),
        # the host named as the place the envoys are accredited to
        (
            "The Spanish, Chilean and Brazilian ambassadors to Peru signed the book on Monday.",
            {("meeting", ("ESP", "PER")), ("meeting", ("CHL", "PER")), ("meeting", ("BRA", "PER"))},
        ),
    ],
)
def test_envoys_star_around_host(extractor: Extractor, text: str, expected: set) -> None:
    assert typed(events_of(extractor, text)) == expected


def test_envoys_met_by_a_named_official_stay_one_meeting(extractor: Extractor) -> None:
    # the host's official named as a party: left to the other rules (one meeting of all)
    text = "LIMA – Peruvian Foreign Minister Ana Ruiz met with the ambassadors of Spain, Chile and Brazil."
    assert parties(events_of(extractor, text)) == {("BRA", "CHL", "ESP", "PER")}


def test_envoys_of_the_host_itself_are_no_star(extractor: Extractor) -> None:
    # the dateline's state among the listed envoys: no host outside the list
    text = "LIMA – The ambassadors of Peru and Chile held talks on the border dispute on Monday."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


@pytest.mark.parametrize(
    "text",
    [
        "LIMA – The letter was handed over by Deputy Foreign Minister Ana Ruiz to the ambassadors of Spain, "
        "Chile and Brazil, who had been invited to the ministry.",
        "LIMA – Peru's foreign minister delivered a message from the president to the ambassadors of Spain, "
        "Chile and Brazil on Monday.",
    ],
)
def test_letter_handed_to_envoys_is_one_call_each(extractor: Extractor, text: str) -> None:
    # a letter or message handed to several envoys: one call of the sender on each
    assert typed(events_of(extractor, text)) == {
        ("meeting", ("ESP", "PER")),
        ("meeting", ("CHL", "PER")),
        ("meeting", ("BRA", "PER")),
    }


# -- one official's round of meetings (`clauses._OFFICIALS_MET`): the verb, one meeting with each listed state --


def test_counterparts_from_listed_states_met_one_by_one(extractor: Extractor) -> None:
    # "met his counterparts from A, B and C" on the sidelines: one meeting with each
    text = (
        "Peruvian Foreign Minister Ana Ruiz has met his counterparts from Spain, Chile and Norway on the "
        "sidelines of the annual assembly."
    )
    assert parties(events_of(extractor, text)) == {("ESP", "PER"), ("CHL", "PER"), ("NOR", "PER")}


def test_ministers_of_listed_states_met_one_by_one(extractor: Extractor) -> None:
    # "met with the foreign ministers of A, B and C" (the verb): one meeting with each
    text = (
        "LIMA – Peru's foreign minister met with the foreign ministers of Chile, Bolivia and Ecuador on the "
        "sidelines of the summit on Monday."
    )
    assert parties(events_of(extractor, text)) == {("BOL", "PER"), ("CHL", "PER"), ("ECU", "PER")}


def test_meeting_the_ministers_of_six_states_is_a_meeting_with_each(extractor: Extractor) -> None:
    text = (
        "LIMA - On Friday, the Peruvian foreign minister met with the foreign ministers of Chile, Bolivia, "
        "Ecuador, Jordan, Kenya and Ghana."
    )
    expected = {("PER", c) for c in ("CHL", "BOL", "ECU", "JOR", "KEN", "GHA")}
    assert parties(events_of(extractor, text)) == {tuple(sorted(p)) for p in expected}


def test_after_a_meeting_with_the_ministers_of_listed_states_is_one_meeting(extractor: Extractor) -> None:
    # the gathering noun, not the verb: one meeting of all
    text = (
        "LIMA - The Peruvian foreign minister spoke after a meeting with foreign ministers of Chile, "
        "Bolivia and Ecuador."
    )
    assert parties(events_of(extractor, text)) == {("BOL", "CHL", "ECU", "PER")}


def test_a_meeting_with_the_ambassadors_of_listed_states_is_one_meeting(extractor: Extractor) -> None:
    text = "LIMA – The deputy minister spoke in a meeting with the ambassadors of Chile, Bolivia and Ecuador."
    assert len(events_of(extractor, text)) == 1


def test_ambassadors_of_three_states_met_stay_one_meeting(extractor: Extractor) -> None:
    # envoys are usually received together: one meeting of all below five states
    text = "LIMA - The Peruvian foreign minister met with the ambassadors of Chile, Bolivia and Ecuador on Monday."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL", "ECU", "PER")}


def test_ambassadors_of_five_states_met_one_by_one(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian foreign minister met with the ambassadors of Chile, Bolivia, Ecuador, Kenya and "
        "Ghana on Monday."
    )
    expected = {("PER", c) for c in ("CHL", "BOL", "ECU", "KEN", "GHA")}
    assert parties(events_of(extractor, text)) == {tuple(sorted(p)) for p in expected}
