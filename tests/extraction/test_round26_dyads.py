"""Sentence dyads, issue 13 round 26: a named state praised or thanked ("praised Chile for its role",
"expressed gratitude to Peru", "grateful for Chile's support") is a stance toward it (the sentence
annotators' SUPPORT, an `intent`); praise of a person or of unnamed officials is no cue, and "thanks to"
is a cause; on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties


@pytest.mark.parametrize(
    "text",
    [
        "LIMA – The Peruvian foreign minister praised Chile for its role in the fishery talks on Monday.",
        "LIMA – Peru's trade minister commended Chile's assistance to the flood victims.",
        "LIMA – The Peruvian president expressed gratitude to Chile for the rescue teams it sent.",
        "LIMA – Peru's foreign minister said he was grateful for Chile's support after the floods.",
        "LIMA – Peru's prime minister has appreciated Chile for hosting the regional forum.",
    ],
)
def test_a_named_state_praised_or_thanked(extractor: Extractor, text: str) -> None:
    evs = events_of(extractor, text)
    assert ("CHL", "PER") in parties(evs)


def test_thanks_to_is_a_cause_not_thanks(extractor: Extractor) -> None:
    text = "LIMA – Peru's exports rose last year thanks to Chile's new port, officials said."
    assert not events_of(extractor, text)


def test_praise_of_unnamed_officials_is_no_cue(extractor: Extractor) -> None:
    text = "LIMA – The Peruvian minister expressed gratitude to the Chilean officials for the festival."
    assert not [e for e in events_of(extractor, text) if e.type == "intent"]


def test_a_sidelines_meeting_among_named_states_is_their_meeting(extractor: Extractor) -> None:
    text = (
        "LIMA – On the sidelines of the three-way meeting among Peru, Chile and Bolivia, "
        "the central bank head stressed the use of national currencies."
    )
    assert ("BOL", "CHL", "PER") in parties(events_of(extractor, text))


def test_a_sidelines_meeting_of_a_body_stays_a_forum(extractor: Extractor) -> None:
    text = "LIMA – On the sidelines of the Andean Council of Ministers meeting, Peru said Chile was a friend."
    assert not events_of(extractor, text)
