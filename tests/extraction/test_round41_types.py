"""Round 41: event types by wording (made-up sentences).

A session of the nuclear deal's Joint Commission to come with a schedule ("the Joint Commission will convene next
week") is a meeting beside the intent, as a round of the talks is since round 40; a round to come under a
condition ("if the West wants to negotiate ..., the talks could resume on Monday") stays an intent only.
"""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import types_between

HELD = "Iran and the remaining parties to the JCPOA held talks in Vienna on Tuesday. "


def test_session_to_convene_with_a_schedule_is_an_intent_and_a_meeting(extractor: Extractor) -> None:
    text = HELD + "The European Union said the JCPOA Joint Commission will convene again next week."
    assert types_between(extractor, text, "IRN", "DEU") == {"intent", "meeting"}


def test_session_to_convene_without_a_schedule_adds_no_intent_of_the_table(extractor: Extractor) -> None:
    text = HELD + "The European Union said the JCPOA Joint Commission may convene at some point."
    assert "intent" not in types_between(extractor, text, "IRN", "DEU")


def test_conditional_round_with_a_weekday_stays_an_intent(extractor: Extractor) -> None:
    text = (
        "If the West wants to negotiate with Tehran, Iran and the remaining parties to the nuclear deal could "
        "resume the Vienna talks on Monday, an official said."
    )
    assert types_between(extractor, text, "IRN", "RUS") == {"intent"}


def test_unconditional_round_with_a_weekday_is_also_a_meeting(extractor: Extractor) -> None:
    text = (
        "Iran and the remaining parties to the nuclear deal will resume the Vienna talks on Monday, an official "
        "said."
    )
    assert types_between(extractor, text, "IRN", "RUS") == {"intent", "meeting"}
