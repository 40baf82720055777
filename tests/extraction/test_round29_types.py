"""Round 29 (event types): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed

PAIR = ("BOL", "PER")


def test_a_meeting_named_as_the_occasion_of_a_speech_took_place(extractor: Extractor) -> None:
    after = (
        "LIMA - Copper prices must recover soon, the Peruvian mining minister said after his meeting with the "
        "Chilean minister."
    )
    assert typed(events_of(extractor, after)) == {("meeting", ("CHL", "PER"))}


def test_a_meeting_after_a_wish_told_by_the_speaker_stays_an_intent(extractor: Extractor) -> None:
    later = (
        "LIMA - The Peruvian mining minister said he will decide on the tariff after a meeting with Chilean "
        "officials next month."
    )
    assert typed(events_of(extractor, later)) == {("intent", ("CHL", "PER"))}


def test_readiness_for_talks_and_calls_for_talks_are_intents(extractor: Extractor) -> None:
    ready = "LIMA - The Bolivian government said on Monday that it is ready for talk with Peru with or without a mediator."
    assert typed(events_of(extractor, ready)) == {("intent", PAIR)}
    called = "LIMA - The premier of Bolivia called on Thursday for direct talks with Peru over the lake."
    assert typed(events_of(extractor, called)) == {("intent", PAIR)}


def test_talks_held_stay_meetings(extractor: Extractor) -> None:
    held = "LIMA - The Bolivian government held talks with Peru on Monday with a mediator present."
    assert typed(events_of(extractor, held)) == {("meeting", PAIR)}
    held_day = "LIMA - The premier of Bolivia held direct talks with Peru over the lake on Thursday."
    assert typed(events_of(extractor, held_day)) == {("meeting", PAIR)}


def test_hopes_and_offers_of_a_meeting_are_intents(extractor: Extractor) -> None:
    hopes = (
        "LIMA - The Bolivian president expressed hopes for a meeting with his Peruvian counterpart before the "
        "end of the year."
    )
    assert typed(events_of(extractor, hopes)) == {("intent", PAIR)}
    offer = "LIMA - The Bolivian envoy said La Paz renewed its offer of direct talks with Peru over the lake."
    assert typed(events_of(extractor, offer)) == {("intent", PAIR)}


def test_satisfaction_with_a_meeting_held_is_no_intent(extractor: Extractor) -> None:
    pleased = (
        "LIMA - The Bolivian president expressed satisfaction with his meeting with his Peruvian counterpart."
    )
    assert typed(events_of(extractor, pleased)) == {("meeting", PAIR)}
    held = "LIMA - The Bolivian envoy said La Paz and Peru held direct talks over the lake."
    assert typed(events_of(extractor, held)) == {("meeting", PAIR)}


def test_a_meeting_planned_by_its_own_predicate_is_an_intent(extractor: Extractor) -> None:
    planned = (
        "LIMA - The Bolivian envoy said that a meeting between Bolivian and Peruvian engineers is planned for "
        "next month."
    )
    assert typed(events_of(extractor, planned)) == {("intent", PAIR)}


def test_a_meeting_that_was_scheduled_stays_a_meeting(extractor: Extractor) -> None:
    was = (
        "LIMA - The Bolivian envoy said that a meeting between Bolivian and Peruvian engineers was scheduled "
        "for Monday."
    )
    assert typed(events_of(extractor, was)) == {("meeting", PAIR)}


def test_a_wish_voiced_by_a_past_verb_at_a_meeting_leaves_the_meeting(extractor: Extractor) -> None:
    insisted = (
        "LIMA - The presidents of Bolivia and Peru insisted on the need for an inclusive dialogue during a meeting "
        "at the lakeside retreat of their two cabinets."
    )
    assert ("meeting", PAIR) in typed(events_of(extractor, insisted))
    called = (
        "LIMA - The Bolivian president called for closer ties in a meeting with the Peruvian envoy on Monday."
    )
    assert typed(events_of(extractor, called)) == {("meeting", PAIR), ("intent", PAIR)}


def test_a_wish_for_a_meeting_to_come_stays_an_intent(extractor: Extractor) -> None:
    will = "LIMA - The Bolivian president will discuss closer ties in a meeting with the Peruvian envoy next week."
    assert typed(events_of(extractor, will)) == {("intent", PAIR)}
    hopes = "LIMA - The Bolivian president hopes to discuss trade in a meeting with the Peruvian envoy."
    assert typed(events_of(extractor, hopes)) == {("intent", PAIR)}
