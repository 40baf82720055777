"""Issue 13, round 26 (event types): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed


def test_a_tour_being_planned_is_an_intent(extractor: Extractor) -> None:
    planned = (
        "LIMA - The Peruvian president is planning his first trip abroad with visits to Chile and Bolivia."
    )
    types = typed(events_of(extractor, planned))
    assert ("intent", ("CHL", "PER")) in types
    assert not any(t == "meeting" for t, _ in types)
    made = "LIMA - The Peruvian president made his first foreign tour with visits to Chile and Bolivia."
    assert any(t == "meeting" for t, _ in typed(events_of(extractor, made)))


def test_a_tanker_arriving_is_a_delivery_not_a_visit(extractor: Extractor) -> None:
    text = "LIMA - The first of three Chilean fuel tankers arrived in Peru, the energy minister said."
    types = typed(events_of(extractor, text))
    assert ("cooperation", ("CHL", "PER")) in types
    assert not any(t == "meeting" for t, _ in types)


def test_more_than_meets_the_eye_is_no_meeting(extractor: Extractor) -> None:
    text = "LIMA - Chile means a lot more to Peru than meets the eye, the analyst said."
    assert not any(t == "meeting" for t, _ in typed(events_of(extractor, text)))


def test_travellers_counted_by_their_demonym_are_no_visit(extractor: Extractor) -> None:
    counted = "LIMA - Some 52,400 Chileans travelled to Peru last year, the tourism office said."
    assert not any(t == "meeting" for t, _ in typed(events_of(extractor, counted)))
    official = "LIMA - The Chilean foreign minister travelled to Peru last week, the office said."
    assert ("meeting", ("CHL", "PER")) in typed(events_of(extractor, official))


def test_an_agreement_hoped_or_expected_to_be_signed_is_an_intent(extractor: Extractor) -> None:
    hoped = (
        "LIMA - The Peruvian minister expressed hope that a fisheries agreement is signed between Peru and Chile, "
        "the ministry said."
    )
    assert ("intent", ("CHL", "PER")) in typed(events_of(extractor, hoped))
    expected = (
        "LIMA - The minister said a fisheries agreement is expected to be signed between Peru and Chile soon."
    )
    assert ("intent", ("CHL", "PER")) in typed(events_of(extractor, expected))
    signed = "LIMA - A fisheries agreement was signed between Peru and Chile on Monday, the ministry said."
    assert ("agreement", ("CHL", "PER")) in typed(events_of(extractor, signed))
