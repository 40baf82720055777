"""Round 38: the nuclear deal's group by its settled convention (made-up sentences).

A session of the deal's Joint Commission named without its members is the group of the time (D2); talks of
the process stated as a fact of the article's time are one meeting of Iran and the remaining parties (D5),
a mere reference to them or a hope to resume them is no round.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_apart

_GROUP = ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS")
# an opening sentence that names the United States (a bystander) and no member of the table
_LEAD = "TEHRAN - Iran's foreign minister criticised the sanctions of the United States on Sunday. "


def _group_events(extractor: Extractor, text: str) -> set[str]:
    """The types of the events whose parties are Iran and the remaining parties (a U.S. said to join aside)."""
    return {t for t, parties, _ in typed_apart(extractor, text) if set(_GROUP) <= set(parties)}


def test_a_joint_commission_session_named_alone_is_the_group(extractor: Extractor) -> None:
    text = (
        "TEHRAN - Iran's deputy foreign minister criticised the sanctions of the United States on Sunday. "
        "The Joint Commission of the JCPOA met in Geneva on Friday, the diplomat said."
    )
    assert "meeting" in _group_events(extractor, text)


def test_the_commission_named_as_a_channel_is_no_session(extractor: Extractor) -> None:
    text = (
        "TEHRAN - Iran's deputy foreign minister criticised the sanctions of the United States on Sunday. "
        "He said Tehran would follow up on the breaches through the JCPOA Joint Commission."
    )
    assert not _group_events(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Five rounds of the Vienna talks have been held since April, the diplomat said.",
        "The Vienna talks, under way since the spring, have made headway on the text, the diplomat said.",
    ],
)
def test_talks_stated_as_a_fact_are_one_meeting_of_the_table(extractor: Extractor, sentence: str) -> None:
    text = _LEAD + sentence
    assert "meeting" in _group_events(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The diplomat said the fate of the Vienna talks depends on the other side.",
        "The diplomat said Tehran is ready to resume the Vienna talks if the other side is serious.",
        "The two ministers reviewed the latest developments related to the Vienna talks.",
        "The envoy also spoke on the ongoing Vienna talks in his meeting with the minister.",
        "He offered an alternative to the current negotiations in Vienna.",
    ],
)
def test_a_reference_or_a_hope_is_no_round_of_the_table(extractor: Extractor, sentence: str) -> None:
    text = _LEAD + sentence
    assert not _group_events(extractor, text)


def test_a_scheduled_round_is_an_intent_of_the_table(extractor: Extractor) -> None:
    text = _LEAD + "The next round of the Vienna talks is set to open on Thursday, the diplomat said."
    assert "intent" in _group_events(extractor, text)


def test_talks_under_way_told_beside_remarks_are_still_a_round(extractor: Extractor) -> None:
    text = _LEAD + "The ongoing Vienna talks have made progress, the envoy said in his remarks."
    assert "meeting" in _group_events(extractor, text)
