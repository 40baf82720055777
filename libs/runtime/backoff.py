"""How the consumer loop waits and retries: interrupts, the paused wait, the retrier.

* `Interrupts`: a stop was requested (SIGTERM/SIGINT) or partitions are being
  revoked; `check()` raises `Interrupted` at the next record boundary.
* `PausedWait`: the wait between two attempts of a transient failure. Every
  assigned partition is paused and the consumer keeps polling, so the group
  keeps the member (no rebalance, however long the outage); an interrupt ends
  the wait early with `Interrupted`.
* `Retrier`: `retry_async` with the consumer's `RetryPolicy`, the paused wait,
  `accord_errors_total`/`accord_retries_total` and `retry.scheduled` logs.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import structlog

from libs.runtime.broker import ConsumerClient, KafkaRecord, TopicPartition
from libs.runtime.errors import FATAL, Interrupted, classify, error_class
from libs.runtime.health import LIVENESS
from libs.runtime.metrics import ERRORS
from libs.runtime.retry import RetryEvent, RetryPolicy, count_retry, retry_async

log = structlog.get_logger(__name__)

T = TypeVar("T")


class Interrupts:
    """Stop requested or partitions being revoked: in-flight work ends at the next record boundary."""

    def __init__(self, stop: asyncio.Event) -> None:
        self.stop = stop
        self.revoking = asyncio.Event()

    def is_set(self) -> bool:
        return self.stop.is_set() or self.revoking.is_set()

    def check(self) -> None:
        """Raise `Interrupted` when stopping or revoking."""
        if self.is_set():
            raise Interrupted("stopping" if self.stop.is_set() else "partitions revoked")


class PausedWait:
    """`await wait(delay)`: partitions paused, the consumer polled, `Interrupted` on stop or revocation."""

    def __init__(self, interrupts: Interrupts) -> None:
        self.interrupts = interrupts
        self.consumer: ConsumerClient | None = None  # set once connected

    async def __call__(self, delay: float) -> None:
        consumer = self.consumer
        paused: list[TopicPartition] = []
        if consumer is not None:
            paused = [tp for tp in consumer.assignment() if tp not in consumer.paused()]
            with contextlib.suppress(Exception):
                consumer.pause(*paused)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + delay
        try:
            while True:
                LIVENESS.tick()
                self.interrupts.check()
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return
                await self._idle(min(remaining, 1.0))
        finally:
            if consumer is not None and paused:
                assigned = consumer.assignment()
                with contextlib.suppress(Exception):
                    consumer.resume(*[tp for tp in paused if tp in assigned])

    async def _idle(self, seconds: float) -> None:
        """Poll the (paused) consumer for `seconds`, waking early on stop/revoke."""
        waiters: list[asyncio.Future[Any]] = [
            asyncio.ensure_future(self.interrupts.stop.wait()),
            asyncio.ensure_future(self.interrupts.revoking.wait()),
        ]
        poll: asyncio.Future[Any] | None = None
        if self.consumer is not None:
            poll = asyncio.ensure_future(self.consumer.getmany(timeout_ms=int(seconds * 1000)))
            waiters.append(poll)
        try:
            await asyncio.wait(waiters, timeout=seconds + 0.5, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waiters:
                if not w.done():
                    w.cancel()
            await asyncio.gather(*waiters, return_exceptions=True)
        if poll is not None and poll.done() and not poll.cancelled() and poll.exception() is None:
            self._give_back(poll.result() or {})

    def _give_back(self, fetched: dict[TopicPartition, list[KafkaRecord]]) -> None:
        """Records of a partition we did not pause (assigned meanwhile): rewind so they are fetched again."""
        assert self.consumer is not None
        for tp, records in fetched.items():
            if records:
                with contextlib.suppress(Exception):
                    self.consumer.seek(tp, records[0].offset)


class Retrier:
    """Retries transient failures of an operation (see the module docstring); re-raises everything else.

    Not retried and not counted: `Interrupted`, `FATAL` and the `passthrough` classes.
    """

    def __init__(
        self,
        *,
        service: str,
        policy: RetryPolicy,
        transient: tuple[type[BaseException], ...],
        sleep: Callable[[float], Awaitable[None]],
        passthrough: tuple[type[BaseException], ...] = (),
    ) -> None:
        self.service = service
        self.policy = policy
        self.transient = transient
        self.sleep = sleep
        self.passthrough = (Interrupted, *FATAL, *passthrough)

    def is_transient(self, exc: BaseException) -> bool:
        """Count the failure in `accord_errors_total`; True when it is to be retried."""
        if isinstance(exc, self.passthrough):
            return False
        kind = classify(exc, self.transient)
        ERRORS.labels(service=self.service, error_class=error_class(exc), kind=kind).inc()
        return kind == "transient"

    async def __call__(
        self,
        operation: str,
        fn: Callable[[], Awaitable[T]],
        *,
        where: KafkaRecord | None = None,
        is_transient: Callable[[BaseException], bool] | None = None,
    ) -> T:
        context = {}
        if where is not None:
            context = {"topic": where.topic, "partition": where.partition, "offset": where.offset}
        on_retry: Callable[[RetryEvent], None] = count_retry(self.service, **context)
        return await retry_async(
            fn,
            policy=self.policy,
            is_transient=is_transient or self.is_transient,
            operation=operation,
            on_retry=on_retry,
            sleep=self.sleep,
        )
