"""Round 36, the nuclear deal's talks named by a role in them, by what a side demands or concedes in them, or
as something referred to or rumoured about: no round held, so no meeting of the deal's parties; "the
developments in the talks" and a condition ("if the talks ...") are no such frames, and rounds held still make a
meeting. An offer under a condition told after it ("ready for talks whenever ...") is no intent. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import DEAL_GROUP, meetings_of_many, talks_read_as_topic, typed_states


@pytest.mark.parametrize(
    ("before", "topic"),
    [
        ("an aide to the negotiating team in the nuclear ", True),
        ("who served as a negotiator in the ", True),
        ("a member of the country's team at the Vienna ", True),
        ("to accept the conditions imposed in the ", True),
        ("to force it into making concessions in the Vienna ", True),
        ("the demands raised during the ", True),
        ("referring to the coming ", True),
        ("the minister touched on the nuclear ", True),
        ("the spokesman dismissed rumours that the ", True),
        ("all participants at a meeting of the ", False),  # a meeting held, not a role
        ("the latest developments in the Vienna ", False),  # may tell a round under way
        ("unless the current Vienna ", False),  # a condition on talks under way
        ("the fifth round of the Vienna ", False),
    ],
)
def test_the_new_frames_end_right_before_the_talks_noun(before: str, topic: bool) -> None:
    assert talks_read_as_topic(before) is topic


@pytest.mark.parametrize(
    "text",
    [
        "TEHRAN - An adviser to the negotiating team in the nuclear talks with China, Russia, France, Britain and "
        "Germany said on Sunday that sanctions relief comes first.",
        "TEHRAN - A lawmaker said on Sunday that the resolution seeks to push Tehran into concessions in the "
        "Vienna talks with China, Russia, France, Britain and Germany.",
        "TEHRAN - Referring to the coming talks with China, Russia, France, Britain and Germany, the minister said "
        "on Sunday that Washington is to blame.",
    ],
)
def test_the_deal_group_in_talks_so_framed_makes_no_meeting(extractor: Extractor, text: str) -> None:
    assert not meetings_of_many(extractor, text)


def test_a_round_held_with_the_group_is_still_a_meeting(extractor: Extractor) -> None:
    text = (
        "VIENNA - Iran's negotiating team held nuclear talks with China, Russia, France, Britain and Germany in "
        "Vienna on Monday to revive the nuclear deal."
    )
    assert any(states >= DEAL_GROUP for states in meetings_of_many(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "TEHRAN - The president said on Sunday that Iran is ready to hold talks with Germany whenever the "
        "sanctions are removed.",
        "TEHRAN - The president said on Sunday that Iran is ready to hold talks with Germany provided that the "
        "sanctions are removed.",
    ],
)
def test_an_offer_under_a_condition_after_it_is_no_intent(extractor: Extractor, text: str) -> None:
    assert not any(kind == "intent" for kind, _ in typed_states(extractor, text))


def test_an_offer_without_a_condition_is_still_an_intent(extractor: Extractor) -> None:
    text = "TEHRAN - The president said on Sunday that Iran is ready to hold talks with Germany next month."
    assert ("intent", frozenset({"DEU", "IRN"})) in typed_states(extractor, text)
