"""Dead letters: the record and its reason, and the limit that stops a consumer after a bad deploy."""

from __future__ import annotations

import pytest

from libs.contracts.records import DLQ_ERROR_CLASS, DLQ_ERROR_MESSAGE, headers_to_dict
from libs.runtime.errors import DeadLetterLimitExceeded
from libs.runtime.records import DLQ_VALUE_OMITTED
from libs.runtime.strategies import Message
from libs.runtime.strategies.dead_letters import DeadLetterLimit, DeadLetters
from tests.runtime.memory_helpers import ROUTE, record, settings, value


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def item(offset: int) -> Message:
    return Message(record=record(offset, value(offset)), route=ROUTE)


def test_mark_builds_the_dead_letter_record() -> None:
    dl = DeadLetters(service="s", group_id="g", limit=DeadLetterLimit())
    it = item(3)
    it.outputs = [[]]
    dl.mark(it, ValueError("bad thing"))
    assert it.outputs == [] and isinstance(it.error, ValueError)
    assert it.dead_letter is not None and it.dead_letter.value == value(3)
    assert headers_to_dict(it.dead_letter.headers)[DLQ_ERROR_MESSAGE] == "bad thing"
    dl.omit_value(it, RuntimeError("too large"))
    h = headers_to_dict(it.dead_letter.headers)
    assert it.dead_letter.value is None and it.value_omitted
    assert h[DLQ_ERROR_CLASS] == "ValueError" and h[DLQ_VALUE_OMITTED].startswith("RuntimeError")


def test_more_than_the_limit_within_the_window_stops_with_a_clear_error() -> None:
    clock = Clock()
    dl = DeadLetters(service="s", group_id="g", limit=DeadLetterLimit(3, window_s=10), clock=clock)
    for n in range(3):
        dl.mark(item(n), ValueError("x"))
    clock.now += 11  # the window slides: the first three no longer count
    for n in range(3, 6):
        dl.mark(item(n), ValueError("x"))
    last = item(6)
    with pytest.raises(DeadLetterLimitExceeded, match="4 records turned out poison within 10 s") as info:
        dl.mark(last, ValueError("the new code is broken"))
    assert "ACCORD_DEAD_LETTER_MAX_RECORDS" in str(info.value) and "in:0:6" in str(info.value)
    assert last.dead_letter is None  # not dead-lettered: it stays on its topic


def test_no_limit_and_limits_from_settings() -> None:
    dl = DeadLetters(service="s", group_id="g", limit=DeadLetterLimit(None))
    for n in range(5000):
        dl.mark(item(n), ValueError("x"))
    assert DeadLetterLimit.from_settings(settings()) == DeadLetterLimit(1000, 60.0)
    assert DeadLetterLimit.from_settings(settings(dead_letter_max_records=0)).max_records is None
    with pytest.raises(ValueError):
        DeadLetterLimit(0)
