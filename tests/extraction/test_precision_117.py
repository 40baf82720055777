"""Issue 13, precision after 1.16.0: a landmark deal named as "an agreement on Iran's nuclear program",
stalled talks and rounds; short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties


def test_the_landmark_agreement_on_the_nuclear_program_is_background(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The science fair opened on Sunday. It is the first fair held since Iran and the 5+1 group "
        "reached a historic agreement on Iran's nuclear program in Vienna."
    )
    assert not [e for e in events_of(extractor, text) if e.type == "agreement"]


def test_stalled_talks_are_no_meeting(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian minister said his government wants to resume the stalled talks with Chile over "
        "the fishing quotas."
    )
    assert not [e for e in events_of(extractor, text) if e.type == "meeting"]


def test_a_stalled_round_of_the_vienna_talks_is_no_round(extractor: Extractor) -> None:
    stalled = "TEHRAN - Critics complain about the government's silence over the stalled talks in Vienna with the P4+1."
    assert not events_of(extractor, stalled)
    held = stalled.replace("stalled ", "")
    assert any({"IRN", "GBR", "FRA", "DEU"} <= set(p) for p in parties(events_of(extractor, held)))


def test_talks_whose_notion_is_dismissed_are_no_meeting(extractor: Extractor) -> None:
    dismissed = "TEHRAN - The Iranian lawmaker dismissed the notion of talks with Peru, saying dialogue would be useless."
    assert not events_of(extractor, dismissed)
    welcomed = "TEHRAN - The Iranian lawmaker welcomed talks with Peru, saying dialogue would be useful."
    assert parties(events_of(extractor, welcomed))


def test_states_backing_opposite_sides_are_no_partners(extractor: Extractor) -> None:
    text = "LIMA - Chile and Peru support opposite sides in the Bolivian civil war, the paper said."
    assert not [p for p in parties(events_of(extractor, text)) if {"CHL", "PER"} <= set(p)]


def test_import_figures_are_no_cooperation(extractor: Extractor) -> None:
    for text in (
        "LIMA - Only six copper cargoes were exported to Chile last year.",
        "LIMA - Peru's top export destination was Chile with $4 billion worth of imports from Peru.",
    ):
        assert not events_of(extractor, text), text
    assert events_of(extractor, "LIMA - Bolivia imports electricity from Peru.")
