"""Issue 13, round 27 (event types): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed


def test_a_visitor_told_after_a_forecast_is_met(extractor: Extractor) -> None:
    told = (
        "LIMA - The tender for the railway would open shortly, the Peruvian president told the visiting "
        "Chilean foreign minister on Thursday."
    )
    assert typed(events_of(extractor, told)) == {("meeting", ("CHL", "PER"))}


def test_a_meeting_held_after_a_glued_call_is_met(extractor: Extractor) -> None:
    glued = (
        "LIMA - Peru calls for new fishing quotas The Peruvian president also met with the Chilean foreign "
        "minister on Monday."
    )
    assert typed(events_of(extractor, glued)) == {("meeting", ("CHL", "PER"))}


def test_a_meeting_still_governed_by_a_modal_stays_an_intent(extractor: Extractor) -> None:
    received = "LIMA - The Peruvian president will receive the visiting Chilean foreign minister on Friday."
    assert typed(events_of(extractor, received)) == {("intent", ("CHL", "PER"))}
    counterfactual = "LIMA - The Peruvian president would have met the Chilean foreign minister on Monday."
    assert typed(events_of(extractor, counterfactual)) == {("intent", ("CHL", "PER"))}
    heading = "LIMA - The Peruvian trade minister will be heading the delegation visiting Chile next week."
    assert typed(events_of(extractor, heading)) == {("intent", ("CHL", "PER"))}
