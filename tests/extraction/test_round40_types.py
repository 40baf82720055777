"""Round 40: event types by wording (made-up sentences).

A round of a named negotiation process to come with a schedule ("are set to resume the talks in Vienna next
week") is the round itself as well as the plan: a `meeting` beside the `intent`; a round only hoped for stays an
intent.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import types_between


@pytest.mark.parametrize(
    "text",
    [
        "Iran and the remaining parties to the nuclear deal are set to resume the seventh round of the Vienna talks "
        "next week.",
        "Iran and the remaining parties to the nuclear deal are scheduled to resume the Vienna talks on Thursday, "
        "a diplomat said.",
    ],
)
def test_scheduled_round_to_come_is_also_a_meeting(extractor: Extractor, text: str) -> None:
    assert types_between(extractor, text, "IRN", "RUS") == {"intent", "meeting"}


def test_round_hoped_for_stays_an_intent(extractor: Extractor) -> None:
    text = "Iran and the remaining parties to the nuclear deal hope to resume the Vienna talks soon."
    assert "meeting" not in types_between(extractor, text, "IRN", "RUS")
