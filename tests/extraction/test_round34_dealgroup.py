"""Round 34, talks named as a topic, not a round held: talks harmed or endangered, a stance on them, talks as
an idea or a claim, talks discussed by others or in a list of topics, talks instead of which something else
is done, a period ("during nuclear negotiations") make no meeting between the talks' parties; rounds held
still do. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.resources import load_resources, talks_topic_pattern
from libs.extraction.triggers import Cue, talks_as_topic, topic_before
from tests.extraction.helpers import talks_read_as_topic, typed_states


@pytest.mark.parametrize(
    "text",
    [
        # harmed, endangered
        "TEHRAN - An Iranian diplomat said on Monday that the new U.S. sanctions harm the nuclear talks with Iran.",
        "TEHRAN - An Iranian diplomat said on Monday that Washington is trying to sabotage the nuclear negotiations "
        "with Iran.",
        # a stance on the talks
        "TEHRAN - The Iranian spokesman on Tuesday explained Iran's position in the nuclear talks with the United "
        "States.",
        "TEHRAN - The Russian envoy said on Tuesday that he opposed the nuclear talks between Iran and the United "
        "States.",
        "TEHRAN - The Iranian spokesman said on Tuesday that the U.S. approach toward the Vienna talks with Iran is "
        "wrong.",
        # done instead of talks
        "TEHRAN - The Iranian spokesman said on Tuesday that the U.S. imposed sanctions instead of engaging in "
        "nuclear talks with Iran.",
        # an idea, not a round
        "TEHRAN - The U.S. envoy spoke on Sunday about the possibility of talks with Iran.",
        # a period, no article
        "TEHRAN - The analyst wrote on Monday that during nuclear negotiations Iran and the United States kept "
        "their distance.",
    ],
)
def test_talks_named_as_a_topic_make_no_meeting(extractor: Extractor, text: str) -> None:
    assert not any(kind in ("meeting", "intent") for kind, _ in typed_states(extractor, text))


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("TEHRAN - Iran held talks with Russia in Moscow on Monday.", ("IRN", "RUS")),
        ("VIENNA - Iran and the United States held indirect talks in Vienna on Monday.", ("IRN", "USA")),
        (
            "TEHRAN - The Iranian spokesman said on Monday that the talks with the United States in Vienna made "
            "progress.",
            ("IRN", "USA"),
        ),
    ],
)
def test_talks_held_are_still_a_meeting(extractor: Extractor, text: str, parties: tuple[str, ...]) -> None:
    assert ("meeting", frozenset(parties)) in typed_states(extractor, text)


@pytest.mark.parametrize(
    ("before", "topic"),
    [
        ("the new sanctions harm the nuclear ", True),
        ("to derail the ongoing ", True),
        ("Iran's stance toward the Vienna ", True),
        ("the party supports the ", True),
        ("rather than engaging in ", True),
        ("the U.S. claim of ", True),
        ("they exchanged views on ties, Syria and the nuclear ", True),  # a list of topics
        ("they discussed the Vienna nuclear deal ", True),
        ("during nuclear ", True),
        ("during the ", False),  # "during the talks": a round told
        ("during bilateral ", False),
        ("the sixth round of the Vienna ", False),
        ("Iran and Oman held ", False),
        ("the envoys began ", False),
    ],
)
def test_the_topic_frames_end_right_before_the_talks_noun(before: str, topic: bool) -> None:
    assert talks_read_as_topic(before, "with Oman.") is topic


def test_a_frame_more_than_four_words_before_the_noun_does_not_reach_it() -> None:
    pattern = talks_topic_pattern(["harm\\w*"])
    near, far = "it harms the new nuclear talks", "it harms ties and the new nuclear talks"
    assert topic_before(pattern, near, 0, near.index("talks"), "talks")
    assert not topic_before(pattern, far, 0, far.index("talks"), "talks")


def test_only_a_talks_noun_cue_is_read_as_a_topic() -> None:
    pattern = load_resources().talks_topic
    text = "Washington tried to sabotage the talks with Iran and then met officials."
    talks = Cue(text.index("talks"), text.index("talks") + len("talks with"), "meeting", True, "talks with")
    assert talks_as_topic(pattern, text, 0, talks)
    met = Cue(text.index("met"), text.index("met") + 3, "meeting", True, "met")
    assert not talks_as_topic(pattern, text, 0, met)
