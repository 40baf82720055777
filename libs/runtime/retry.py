"""The one retry helper: exponential backoff with jitter, as a policy object and two loops.

Every place that retries (the consumer runtime, the fetcher's publisher and its
web client, topic creation, the store's database wait) uses `RetryPolicy` and
`retry_async`/`retry_sync`; nothing else in the code base writes a retry loop.

```python
policy = RetryPolicy.from_settings(settings)                  # initial/max backoff from ACCORD_RETRY_*
result = await retry_async(
    lambda: producer.send(record),                            # the operation, re-called on failure
    policy=policy,
    is_transient=lambda exc: classify(exc) == "transient",    # False: re-raise at once
    operation="produce",                                      # log/metric label
    sleep=stoppable_sleep(stop),                              # optional: a stop ends the wait (Interrupted)
    on_retry=count_retry("fetcher", source="feed"),           # optional: metric + log with context
)
```

Contract: the operation is awaited until it returns; an exception for which
`is_transient` is False is re-raised at once; a transient one is retried after
`policy.delay(attempt)` unless the policy's `max_attempts` or `deadline_s` is
exhausted, in which case the last exception is re-raised. `on_retry` (default:
a structured `retry.scheduled` warning) is called before every wait; `sleep`
may raise to abandon the loop (a stop or a rebalance).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import structlog

from libs.runtime.errors import Interrupted, Unacknowledged
from libs.runtime.metrics import RETRIES
from libs.runtime.records import error_message

T = TypeVar("T")

log = structlog.get_logger(__name__)


class _BackoffSettings(Protocol):
    retry_initial_backoff_s: float
    retry_max_backoff_s: float


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with "equal jitter": retry n waits in `[d/2, d]`, `d = min(max_s, initial_s * 2**(n-1))`.

    `max_attempts` (total calls, None = unbounded) and `deadline_s` (seconds since the first
    call, None = unbounded) bound the loop; both None means retry forever.
    """

    initial_s: float = 0.2
    max_s: float = 30.0
    max_attempts: int | None = None
    deadline_s: float | None = None

    def __post_init__(self) -> None:
        if self.initial_s <= 0 or self.max_s < self.initial_s:
            raise ValueError("need 0 < initial_s <= max_s")
        if self.max_attempts is not None and self.max_attempts < 1:
            raise ValueError("max_attempts must be >= 1")

    @classmethod
    def from_settings(cls, settings: _BackoffSettings, **bounds: Any) -> RetryPolicy:
        """The policy of `ACCORD_RETRY_INITIAL_BACKOFF_S` / `ACCORD_RETRY_MAX_BACKOFF_S`, plus optional bounds."""
        return cls(initial_s=settings.retry_initial_backoff_s, max_s=settings.retry_max_backoff_s, **bounds)

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait before retry number `attempt` (1-based)."""
        if attempt < 1:
            raise ValueError("attempt starts at 1")
        exp = min(attempt - 1, 62)  # no float overflow on absurd attempt counts
        full = min(self.max_s, self.initial_s * (2.0**exp))
        return full / 2 + (rng or random).random() * full / 2

    def gives_up(self, attempt: int, elapsed_s: float, next_delay_s: float = 0.0) -> bool:
        """True when call number `attempt` failed and no further call is allowed."""
        if self.max_attempts is not None and attempt >= self.max_attempts:
            return True
        return self.deadline_s is not None and elapsed_s + next_delay_s > self.deadline_s


@dataclass(frozen=True, slots=True)
class RetryEvent:
    """What `on_retry` is told before each wait."""

    operation: str
    attempt: int
    delay_s: float
    error: BaseException


def log_retry(event: RetryEvent) -> None:
    """Default `on_retry`: one structured warning per scheduled retry."""
    log.warning(
        "retry.scheduled",
        operation=event.operation,
        attempt=event.attempt,
        delay_s=round(event.delay_s, 3),
        error_class=type(event.error).__name__,
        error=str(event.error)[:500],
    )


def count_retry(service: str, **context: Any) -> Callable[[RetryEvent], None]:
    """An `on_retry` that counts `accord_retries_total{service,operation}` and logs `retry.scheduled`.

    `context` (source, topic, partition, ...) is added to the log line.
    """

    def on_retry(event: RetryEvent) -> None:
        RETRIES.labels(service=service, operation=event.operation).inc()
        error = event.error.first if isinstance(event.error, Unacknowledged) else event.error
        log.warning(
            "retry.scheduled",
            operation=event.operation,
            attempt=event.attempt,
            delay_s=round(event.delay_s, 3),
            error_class=type(error).__name__,
            error=error_message(error, 500),
            **context,
        )

    return on_retry


def stoppable_sleep(stop: asyncio.Event) -> Callable[[float], Awaitable[None]]:
    """A `sleep` for `retry_async` that raises `Interrupted` as soon as `stop` is set (or already is)."""

    async def sleep(delay: float) -> None:
        if stop.is_set():
            raise Interrupted("stopping")
        try:
            await asyncio.wait_for(stop.wait(), timeout=delay)
        except TimeoutError:
            return
        raise Interrupted("stopping")

    return sleep


def _next_delay(
    policy: RetryPolicy,
    attempt: int,
    started: float,
    exc: BaseException,
    is_transient: Callable[[BaseException], bool],
) -> float | None:
    """The wait before the next call, or None when `exc` must be re-raised."""
    if not is_transient(exc):
        return None
    delay = policy.delay(attempt)
    if policy.gives_up(attempt, time.monotonic() - started, delay):
        return None
    return delay


async def retry_async(
    operation_fn: Callable[[], Awaitable[T]],
    *,
    policy: RetryPolicy,
    is_transient: Callable[[BaseException], bool],
    operation: str = "operation",
    on_retry: Callable[[RetryEvent], None] = log_retry,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Await `operation_fn()` until it succeeds, retrying transient failures per `policy` (module docstring)."""
    started = time.monotonic()
    attempt = 0
    while True:
        attempt += 1
        try:
            return await operation_fn()
        except Exception as exc:
            delay = _next_delay(policy, attempt, started, exc, is_transient)
            if delay is None:
                raise
            on_retry(RetryEvent(operation, attempt, delay, exc))
        await sleep(delay)


def retry_sync(
    operation_fn: Callable[[], T],
    *,
    policy: RetryPolicy,
    is_transient: Callable[[BaseException], bool],
    operation: str = "operation",
    on_retry: Callable[[RetryEvent], None] = log_retry,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """The blocking twin of `retry_async`, for start-up waits outside an event loop."""
    started = time.monotonic()
    attempt = 0
    while True:
        attempt += 1
        try:
            return operation_fn()
        except Exception as exc:
            delay = _next_delay(policy, attempt, started, exc, is_transient)
            if delay is None:
                raise
            on_retry(RetryEvent(operation, attempt, delay, exc))
        sleep(delay)
