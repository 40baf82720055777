"""Issue 13, round 27, second part (event types): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed


def test_ties_built_now_in_the_progressive_are_cooperation(extractor: Extractor) -> None:
    restored = "LIMA - Peru and Chile are re-establishing diplomatic ties, officials said on Monday."
    assert typed(events_of(extractor, restored)) == {("cooperation", ("CHL", "PER"))}
    developing = "LIMA - Peru is developing its relations with Chile in trade and energy."
    assert typed(events_of(extractor, developing)) == {("cooperation", ("CHL", "PER"))}


def test_ties_still_to_build_stay_an_intent(extractor: Extractor) -> None:
    future = "LIMA - Peru will be strengthening its ties with Chile next year."
    assert typed(events_of(extractor, future)) == {("intent", ("CHL", "PER"))}
    wanted = "LIMA - Peru wants to strengthen its ties with Chile."
    assert typed(events_of(extractor, wanted)) == {("intent", ("CHL", "PER"))}
    aim = "LIMA - Peru is improving relations with Chile."
    assert typed(events_of(extractor, aim)) == {("intent", ("CHL", "PER"))}


def test_a_visit_that_is_the_occasion_of_a_far_future_act_is_an_intent(extractor: Extractor) -> None:
    planned = (
        "LIMA - The Chilean minister noted that the Peruvian president will also discuss the latest developments "
        "in the long fishing dispute and in the mining sector with him during his visit to Chile on Friday."
    )
    assert typed(events_of(extractor, planned)) == {("intent", ("CHL", "PER"))}


def test_a_visit_that_is_the_occasion_of_a_speech_stays_a_meeting(extractor: Extractor) -> None:
    spoken = (
        "LIMA - Chile will soon focus on a large amount of support for fishermen and farmers in the poor southern "
        "regions, the Chilean minister said during his visit to Peru on Friday."
    )
    assert typed(events_of(extractor, spoken)) == {("meeting", ("CHL", "PER"))}
