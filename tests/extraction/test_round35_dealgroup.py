"""Round 35, the nuclear deal's talks named as what a side holds or meets in them, as an issue, as made or
put into a state, among examples or as what another asks to join: no round held, so no meeting of the deal's
parties; their fate or outcome is no such frame, and rounds held still make a meeting. Short texts invented
for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import DEAL_GROUP, meetings_of_many, talks_read_as_topic


@pytest.mark.parametrize(
    ("before", "topic"),
    [
        ("the minister defends the country's rights in the nuclear ", True),
        ("Tehran will keep its red lines in the ", True),
        ("the envoy listed Iran's demands at the Vienna ", True),
        ("the main obstacle to the ", True),
        ("referring to the issue of nuclear ", True),
        ("the vote will make the Vienna ", True),
        ("the move puts the ", True),
        ("he helped on several files, such as the Vienna ", True),
        ("Riyadh asked them to include it in the Vienna ", True),
        ("the emirate sought inclusion in ", True),
        ("the outcome of the Vienna ", False),  # a round's result may tell a round under way
        ("the success of the nuclear ", False),
        ("Iran made progress in the Vienna ", False),  # "made" reaches the noun only right before "the"
        ("the seventh round of the Vienna ", False),
    ],
)
def test_the_new_frames_end_right_before_the_talks_noun(before: str, topic: bool) -> None:
    assert talks_read_as_topic(before) is topic


@pytest.mark.parametrize(
    "text",
    [
        "TEHRAN - The Iranian vice president said on Sunday that Tehran defends its rights in the nuclear talks "
        "with China, Russia, France, Britain and Germany.",
        "TEHRAN - A lawmaker warned on Sunday that the new resolution will make the Vienna talks between Iran and "
        "China, Russia, France, Britain and Germany harder.",
    ],
)
def test_the_deal_group_in_talks_named_as_a_topic_makes_no_meeting(extractor: Extractor, text: str) -> None:
    assert not meetings_of_many(extractor, text)


def test_a_round_held_with_the_group_is_still_a_meeting(extractor: Extractor) -> None:
    text = (
        "VIENNA - Iran held nuclear talks with China, Russia, France, Britain and Germany in Vienna on Monday "
        "to revive the nuclear deal."
    )
    assert any(states >= DEAL_GROUP for states in meetings_of_many(extractor, text))
