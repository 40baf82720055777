"""Per-host politeness: concurrency, spacing between requests, Retry-After, and pausing failing hosts.

`HostGate` is one per host: a semaphore (`ACCORD_FETCHER_WEB_HOST_CONCURRENCY`, default 1) and
the earliest time of the next request (`delay` after the previous one: the larger of the
minimum host delay and robots.txt's Crawl-delay; a Retry-After pushes it further).

`HostBreaker` is the circuit breaker: after `failures_before_pause` consecutive failed requests a
host is paused for `pause.delay(n)` seconds (`n` = pauses so far, so pauses grow exponentially
with jitter up to `pause.max_s`); a request to a paused host fails at once with `HostPaused`
without touching the network; one success closes the breaker.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from libs.runtime.retry import RetryPolicy
from services.fetcher.web.errors import HostPaused


@dataclass
class HostGate:
    """Spacing and concurrency of requests to one host."""

    concurrency: int = 1
    delay_s: float = 1.0
    next_at: float = 0.0
    _sem: asyncio.Semaphore = field(init=False)
    _lock: asyncio.Lock = field(init=False)

    def __post_init__(self) -> None:
        self._sem = asyncio.Semaphore(self.concurrency)
        self._lock = asyncio.Lock()

    def hold_until(self, when: float) -> None:
        """No request before monotonic time `when` (Retry-After)."""
        self.next_at = max(self.next_at, when)

    @contextlib.asynccontextmanager
    async def slot(self, clock: Callable[[], float] = time.monotonic) -> AsyncIterator[None]:
        """Wait for a free slot and for the host's next allowed time; the next one is `delay_s` later."""
        async with self._sem:
            async with self._lock:
                wait = self.next_at - clock()
                if wait > 0:
                    await asyncio.sleep(wait)
                self.next_at = clock() + self.delay_s
            yield


@dataclass
class HostBreaker:
    """Consecutive failures of one host and its pause (see the module docstring)."""

    failures_before_pause: int
    pause: RetryPolicy
    failures: int = 0
    pauses: int = 0
    paused_until: float = 0.0

    def check(self, host: str, clock: Callable[[], float] = time.monotonic) -> None:
        """Raise `HostPaused` while the host is paused."""
        left = self.paused_until - clock()
        if left > 0:
            raise HostPaused(
                "host_paused",
                f"{host} is paused for {left:.0f}s more after {self.failures} failures in a row",
            )

    def success(self) -> None:
        self.failures = 0
        self.pauses = 0

    def failure(self, clock: Callable[[], float] = time.monotonic) -> float | None:
        """Count a failure; returns the pause in seconds when the host is now paused."""
        self.failures += 1
        if self.failures % self.failures_before_pause:
            return None
        self.pauses += 1
        seconds = self.pause.delay(self.pauses)
        self.paused_until = clock() + seconds
        return seconds


@dataclass
class Hosts:
    """The gates and breakers of every host seen, created on first use."""

    concurrency: int
    min_delay_s: float
    failures_before_pause: int
    pause: RetryPolicy
    gates: dict[str, HostGate] = field(default_factory=dict)
    breakers: dict[str, HostBreaker] = field(default_factory=dict)

    def gate(self, host: str) -> HostGate:
        if host not in self.gates:
            self.gates[host] = HostGate(self.concurrency, self.min_delay_s)
        return self.gates[host]

    def breaker(self, host: str) -> HostBreaker:
        if host not in self.breakers:
            self.breakers[host] = HostBreaker(self.failures_before_pause, self.pause)
        return self.breakers[host]

    def set_crawl_delay(self, host: str, seconds: float | None, cap_s: float) -> None:
        """Space requests to `host` by max(minimum delay, Crawl-delay capped at `cap_s`)."""
        crawl = min(seconds or 0.0, cap_s)
        self.gate(host).delay_s = max(self.min_delay_s, crawl)
