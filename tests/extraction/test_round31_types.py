"""Round 31 (wrong types on right pairs): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed

TRIO = ("CHL", "GHA", "NOR")


def test_what_the_participants_of_a_gathering_agreed_is_an_intent_of_all(extractor: Extractor) -> None:
    text = (
        "OSLO - The fisheries ministers of Norway, Chile and Ghana held a video call on Monday about "
        "shared fish stocks. The participants agreed to meet again in Accra before the winter. "
        "They all agreed to move forward on a common quota register."
    )
    assert typed(events_of(extractor, text)) == {("meeting", TRIO), ("intent", TRIO)}
    # without the gathering before it, the participants stand for no one
    alone = "OSLO - The participants agreed to meet again in Accra before the winter."
    assert typed(events_of(extractor, alone)) == set()


def test_the_participants_after_a_meeting_of_two_stay_unresolved(extractor: Extractor) -> None:
    # the rule takes a gathering of three or more; a pair has its own anaphors ("the two sides")
    text = (
        "OSLO - The fisheries ministers of Norway and Chile held a video call on Monday about fish stocks. "
        "The participants agreed to meet again in Santiago before the winter."
    )
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "NOR"))}


def test_a_meeting_told_as_possible_is_an_intent(extractor: Extractor) -> None:
    possible = (
        "OSLO - The deputy minister said a meeting of the fisheries ministers of Norway, Chile and Ghana "
        "is possible at any time."
    )
    assert typed(events_of(extractor, possible)) == {("intent", TRIO)}
    held = (
        "OSLO - The deputy minister said a meeting of the fisheries ministers of Norway, Chile and Ghana "
        "was useful."
    )
    assert typed(events_of(extractor, held)) == {("meeting", TRIO)}


def test_talks_on_the_agenda_of_a_trip_are_no_prospect(extractor: Extractor) -> None:
    # the topics of a trip under way: the trip is told, not announced
    topics = (
        "OSLO - The Chilean envoy arrived in Oslo on Tuesday. Talks with Norway on salmon farming and "
        "shipping are on the agenda of this trip."
    )
    assert ("meeting", ("CHL", "NOR")) in typed(events_of(extractor, topics))
    assert ("intent", ("CHL", "NOR")) not in typed(events_of(extractor, topics))
    # a gathering whose own predicate is its prospect
    later = "OSLO - Talks between Norway and Chile on salmon farming are also on the agenda for next spring."
    assert typed(events_of(extractor, later)) == {("intent", ("CHL", "NOR"))}
