"""Sentence dyads, issue 13 round 28: a meeting told by a future verb whose parties are its subject ("the leaders
of A, B and C will meet today") is an intent of them; meeting a foreign minister named by "of" or by a
possessive ("will meet the foreign minister of A", "will meet A's foreign minister") is a meeting cue; meeting
needs, demands or commitments is not; on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import event_pairs, events_of


@pytest.mark.parametrize(
    "text, pairs",
    [
        (
            "QUITO – Leaders of Ecuador, Peru and Bolivia will meet tomorrow to talk about river transport.",
            {("BOL", "ECU"), ("BOL", "PER"), ("ECU", "PER")},
        ),
        (
            "QUITO – The foreign ministers of Ecuador and Peru would meet in Guayaquil next week.",
            {("ECU", "PER")},
        ),
        ("QUITO – Ecuadorian and Peruvian customs chiefs will also meet on Friday.", {("ECU", "PER")}),
    ],
)
def test_listed_parties_that_will_meet_are_an_intent(extractor: Extractor, text: str, pairs: set) -> None:
    events = events_of(extractor, text)
    assert pairs <= event_pairs(events)
    assert all(e.type.value == "intent" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "QUITO – Ecuador's foreign minister will meet the foreign minister of Peru on Friday.",
        "QUITO – Ecuador's foreign minister will meet Peru's foreign minister on Friday.",
    ],
)
def test_meeting_a_foreign_minister_named_by_of_or_possessive(extractor: Extractor, text: str) -> None:
    assert ("ECU", "PER") in event_pairs(events_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "QUITO – Ecuador said it will meet its commitments to Peru under the accord.",
        "QUITO – Ecuador will meet the growing demand for bananas in Peru.",
        "QUITO – The minister said the new port will meet the interests of Ecuador and Peru.",
        "QUITO – Ecuador will not meet Peru's negotiators this year, the spokesman said.",
        "QUITO – The fair lets Ecuadorian buyers meet foreign suppliers from Peru.",
    ],
)
def test_meeting_needs_commitments_or_no_meeting_is_no_event(extractor: Extractor, text: str) -> None:
    assert ("ECU", "PER") not in event_pairs(events_of(extractor, text))
