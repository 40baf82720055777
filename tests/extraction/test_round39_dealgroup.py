"""Round 39: the nuclear deal's group, the remaining soft points of the settled convention (made-up sentences).

D5: talks told by the stage they are in or move to ("have entered a decisive phase", "are in their final
stage", "are moving forward") are a fact of the article's time; a round held and then paused ("the eighth round of
the Vienna talks was suspended") was held; hopes and the talks' fate stay no round.
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


@pytest.mark.parametrize(
    "sentence",
    [
        "The Vienna talks have entered a decisive phase, the diplomat said.",
        "The Vienna talks are in their final stage, the diplomat said.",
        "As the Vienna nuclear talks are moving forward, the diplomats keep their positions to themselves.",
        "The eighth round of the Vienna talks was suspended on Friday so that the delegations could consult.",
    ],
)
def test_talks_told_by_their_stage_are_one_meeting_of_the_table(extractor: Extractor, sentence: str) -> None:
    assert "meeting" in _group_events(extractor, _LEAD + sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The diplomat said Tehran hopes the Vienna talks will reach a good final stage.",
        "The fate of the Vienna talks, now in a decisive phase, depends on the other side, the diplomat said.",
        "The Vienna talks have stalled since March, the diplomat said.",
        "The diplomat said the suspended talks in Vienna should move forward.",
    ],
)
def test_a_hope_a_fate_or_a_standstill_is_still_no_round(extractor: Extractor, sentence: str) -> None:
    assert not _group_events(extractor, _LEAD + sentence)
