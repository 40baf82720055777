"""Dead-lettering: the dead-letter record of a failed source record, its log line, and the limit.

`DeadLetterLimit` (from `ACCORD_DEAD_LETTER_MAX_RECORDS` / `ACCORD_DEAD_LETTER_WINDOW_S`,
default 1000 records in 60 s; 0 = no limit): when more source records than that
turn out poison within the window, the consumer stops with
`DeadLetterLimitExceeded` (a `FatalError`: the service exits 1, nothing in hand
is committed) instead of emptying the topic into its dead-letter topic after a
bad deploy or a broken dependency that looks like bad input. The limit counts
per consumer (process), over a sliding window.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import structlog

from libs.runtime.errors import DeadLetterLimitExceeded, error_class
from libs.runtime.records import dead_letter_record, error_message
from libs.runtime.settings import CommonSettings
from libs.runtime.strategies import Message

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class DeadLetterLimit:
    """At most `max_records` dead letters within any `window_s` seconds; `max_records=None`: no limit."""

    max_records: int | None = 1000
    window_s: float = 60.0

    def __post_init__(self) -> None:
        if self.max_records is not None and self.max_records < 1:
            raise ValueError("max_records must be >= 1 (None: no limit)")
        if self.window_s <= 0:
            raise ValueError("window_s must be > 0")

    @classmethod
    def from_settings(cls, settings: CommonSettings) -> DeadLetterLimit:
        return cls(settings.dead_letter_max_records or None, settings.dead_letter_window_s)


class DeadLetters:
    """Marks items as dead letters (record built, reason logged), within the limit."""

    def __init__(
        self,
        *,
        service: str,
        group_id: str,
        limit: DeadLetterLimit,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.service = service
        self.group_id = group_id
        self.limit = limit
        self.clock = clock
        self._times: deque[float] = deque()

    def mark(self, item: Message, exc: BaseException) -> None:
        """Make `item` a dead letter for `exc`; `DeadLetterLimitExceeded` when that is one too many."""
        self._count(item, exc)
        record = item.record
        item.error = exc
        item.outputs = []
        item.dead_letter = dead_letter_record(
            record, dlq_topic=item.route.dlq_topic, group_id=self.group_id, error=exc
        )
        log.warning(
            "record.dead_lettered",
            service=self.service,
            group_id=self.group_id,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            key=record.key.decode("utf-8", "replace") if record.key is not None else None,
            dlq_topic=item.route.dlq_topic,
            error_class=error_class(exc),
            error=error_message(exc, 500),
        )

    def omit_value(self, item: Message, refusal: BaseException) -> None:
        """Rebuild `item`'s dead-letter record without the original value (the broker refused it)."""
        item.value_omitted = True
        item.dead_letter = dead_letter_record(
            item.record,
            dlq_topic=item.route.dlq_topic,
            group_id=self.group_id,
            error=item.error or refusal,
            omit_value=f"{error_class(refusal)}: {error_message(refusal, 300)}",
        )

    def _count(self, item: Message, exc: BaseException) -> None:
        if self.limit.max_records is None:
            return
        now = self.clock()
        self._times.append(now)
        while self._times and self._times[0] < now - self.limit.window_s:
            self._times.popleft()
        if len(self._times) <= self.limit.max_records:
            return
        r = item.record
        message = (
            f"{len(self._times)} records turned out poison within {self.limit.window_s:g} s "
            f"(limit {self.limit.max_records}, ACCORD_DEAD_LETTER_MAX_RECORDS): stopping instead of "
            f"dead-lettering the topic. Last: {r.topic}:{r.partition}:{r.offset} "
            f"{error_class(exc)}: {error_message(exc, 300)}. Fix the cause (a bad deploy, a broken "
            "dependency) and restart: nothing in hand was committed."
        )
        log.error("dead_letter.limit_exceeded", service=self.service, group_id=self.group_id, error=message)
        raise DeadLetterLimitExceeded(message)
