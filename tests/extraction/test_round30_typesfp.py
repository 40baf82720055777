"""Round 30 (wrong types on right pairs): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import cue_types, events_of, typed

PAIR = ("CHL", "PER")


def test_a_counterpart_named_before_a_meeting_to_come_is_no_meeting(extractor: Extractor) -> None:
    slated = (
        "LIMA - The Peruvian trade minister Ana Quispe and her Chilean counterpart, Tomas Rojas, are due to "
        "hold a meeting in Arica on Friday."
    )
    assert typed(events_of(extractor, slated)) == {("intent", PAIR)}
    # a counterpart met stays a meeting beside the talks to come
    met = (
        "LIMA - The Peruvian trade minister met her Chilean counterpart in Arica and said she will hold more "
        "talks with him next month."
    )
    assert typed(events_of(extractor, met)) == {("meeting", PAIR), ("intent", PAIR)}


def test_talks_named_as_the_purpose_of_a_visit_to_come_are_no_meeting(extractor: Extractor) -> None:
    ahead = "Peru hosted the Bolivian minister ahead of the Chilean president's visit to Lima on Friday for talks on copper."
    # hosted | the visit to come | the talks it is for
    assert cue_types(extractor, ahead) == ["meeting", "intent", "intent"]


def test_a_meeting_told_as_planned_is_an_intent(extractor: Extractor) -> None:
    planned = "LIMA - A bilateral meeting of the Peruvian and Chilean trade ministers is also planned."
    assert typed(events_of(extractor, planned)) == {("intent", PAIR)}
    held = "LIMA - A bilateral meeting of the Peruvian and Chilean trade ministers was held in Arica."
    assert typed(events_of(extractor, held)) == {("meeting", PAIR)}


def test_a_gathering_that_will_also_be_attended_is_an_intent(extractor: Extractor) -> None:
    later = (
        "QUITO - Ecuador will host a regional water meeting next month that will also be attended by the "
        "ministers of Chile and Peru, the organisers said."
    )
    assert typed(events_of(extractor, later)) == {("intent", ("CHL", "ECU", "PER"))}
