"""`Commit`: stages the offsets of the items whose effects are durable and commits them per `CommitPolicy`.

Items reach `Commit` only after `Produce` saw every output and dead-letter record
acknowledged, so a committed offset never passes a record whose effect is not
durable (at-least-once). The policy decides when staged offsets are committed:
`CommitPolicy()` (the default) after every fetched batch; `max_records` /
`max_interval_s` commit less often (more re-delivery after a crash, fewer
commit requests). `join()` commits whatever is staged: before partitions are
revoked and at shutdown. Transient commit failures are retried (paused wait); a
commit the group refuses (it rebalanced meanwhile) or one interrupted by a stop
is logged and given up: those records are re-delivered.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import structlog

from libs.runtime.backoff import Retrier
from libs.runtime.broker import ConsumerClient, TopicPartition
from libs.runtime.errors import FATAL, Interrupted, error_class
from libs.runtime.records import error_message
from libs.runtime.strategies import Message

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class CommitPolicy:
    """Commit once `max_records` records are staged or `max_interval_s` passed since the last commit.

    At least one bound must be set; the default (`max_records=1`) commits after every batch.
    """

    max_records: int | None = 1
    max_interval_s: float | None = None

    def __post_init__(self) -> None:
        if self.max_records is None and self.max_interval_s is None:
            raise ValueError("set max_records or max_interval_s")
        if self.max_records is not None and self.max_records < 1:
            raise ValueError("max_records must be >= 1")

    def due(self, staged_records: int, since_last_s: float) -> bool:
        """Whether to commit now."""
        if self.max_records is not None and staged_records >= self.max_records:
            return True
        return self.max_interval_s is not None and since_last_s >= self.max_interval_s and staged_records > 0


#: Commit after every fetched batch (the runtime's default).
EVERY_BATCH = CommitPolicy()


class Commit:
    """The last part of the chain: stages offsets, commits them per the policy (see the module docstring)."""

    def __init__(
        self,
        consumer: ConsumerClient,
        *,
        retry: Retrier,
        policy: CommitPolicy = EVERY_BATCH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.consumer = consumer
        self.retry = retry
        self.policy = policy
        self.clock = clock
        self.staged: dict[TopicPartition, int] = {}
        self.staged_records = 0
        self.last_commit = clock()

    async def submit(self, work: list[Message]) -> None:
        for it in work:
            tp = TopicPartition(it.record.topic, it.record.partition)
            self.staged[tp] = max(self.staged.get(tp, 0), it.record.offset + 1)
        self.staged_records += len(work)
        await self.poll()

    async def poll(self) -> None:
        if self.policy.due(self.staged_records, self.clock() - self.last_commit):
            await self.join()

    async def join(self) -> None:
        """Commit what is staged (if anything)."""
        if not self.staged:
            return
        offsets, self.staged, self.staged_records = self.staged, {}, 0
        self.last_commit = self.clock()
        try:
            await self.retry("commit", lambda: self.consumer.commit(offsets))
        except Interrupted:
            log.warning("commit.abandoned", service=self.retry.service, partitions=len(offsets))
        except FATAL:
            raise
        except Exception as exc:
            log.warning(
                "commit.failed",
                service=self.retry.service,
                error_class=error_class(exc),
                error=error_message(exc, 300),
                note="the group rebalanced; these records will be re-delivered",
            )

    async def close(self) -> None:
        """Nothing to release (the loop owns the consumer)."""
