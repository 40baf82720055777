"""RetryPolicy and the retry loops: delays, bounds, classification, the on_retry hook."""

from __future__ import annotations

import asyncio
import random
import time

import pytest
from prometheus_client import REGISTRY

from libs.runtime.errors import Interrupted
from libs.runtime.retry import (
    RetryEvent,
    RetryPolicy,
    count_retry,
    retry_async,
    retry_sync,
    stoppable_sleep,
)


def test_delay_is_exponential_capped_and_jittered() -> None:
    policy = RetryPolicy(initial_s=1.0, max_s=8.0)
    rng = random.Random(7)
    for attempt, full in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (10, 8.0), (500, 8.0)]:
        d = policy.delay(attempt, rng)
        assert full / 2 <= d <= full


def test_delay_grows_exponentially_is_capped_and_never_overflows() -> None:
    rng = random.Random(7)
    policy = RetryPolicy(initial_s=0.1, max_s=10.0)
    for attempt in range(1, 40):
        nominal = min(10.0, 0.1 * 2 ** (attempt - 1))
        for _ in range(50):
            assert nominal / 2 <= policy.delay(attempt, rng) <= nominal
    assert policy.delay(1, random.Random(1)) <= 0.1
    assert policy.delay(5, random.Random(1)) > 0.1 * 2**3 / 2
    assert policy.delay(10_000) <= 10.0


def test_delay_is_spread_by_jitter() -> None:
    rng = random.Random(3)
    assert len({round(RetryPolicy(initial_s=0.2).delay(4, rng), 6) for _ in range(20)}) > 10


def test_invalid_policies_are_refused() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(initial_s=0)
    with pytest.raises(ValueError):
        RetryPolicy(initial_s=2, max_s=1)
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy().delay(0)


def _flaky(failures: int, exc: type[Exception] = ConnectionError):
    calls = {"n": 0}

    def fn() -> str:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise exc(f"fail {calls['n']}")
        return "ok"

    return fn, calls


def test_sync_retries_transient_until_success() -> None:
    fn, calls = _flaky(3)
    events: list[RetryEvent] = []
    waits: list[float] = []
    out = retry_sync(
        fn,
        policy=RetryPolicy(initial_s=0.01, max_s=0.02),
        is_transient=lambda e: isinstance(e, ConnectionError),
        operation="db",
        on_retry=events.append,
        sleep=waits.append,
    )
    assert out == "ok" and calls["n"] == 4
    assert [e.attempt for e in events] == [1, 2, 3] and all(e.operation == "db" for e in events)
    assert waits == [e.delay_s for e in events]


def test_sync_reraises_non_transient_at_once() -> None:
    fn, calls = _flaky(1, ValueError)
    with pytest.raises(ValueError):
        retry_sync(fn, policy=RetryPolicy(), is_transient=lambda e: False, sleep=lambda d: None)
    assert calls["n"] == 1


def test_max_attempts_bounds_the_loop() -> None:
    fn, calls = _flaky(10)
    with pytest.raises(ConnectionError, match="fail 3"):
        retry_sync(
            fn,
            policy=RetryPolicy(initial_s=0.01, max_s=0.01, max_attempts=3),
            is_transient=lambda e: True,
            on_retry=lambda e: None,
            sleep=lambda d: None,
        )
    assert calls["n"] == 3


def test_deadline_bounds_the_loop() -> None:
    fn, calls = _flaky(10)
    with pytest.raises(ConnectionError):
        retry_sync(
            fn,
            policy=RetryPolicy(initial_s=1.0, max_s=1.0, deadline_s=0.1),
            is_transient=lambda e: True,
            on_retry=lambda e: None,
            sleep=lambda d: None,
        )
    assert calls["n"] == 1  # the first wait alone would overrun the deadline


async def test_async_retries_and_honours_an_abandoning_sleep() -> None:
    calls = {"n": 0}

    async def op() -> int:
        calls["n"] += 1
        if calls["n"] < 3:
            raise TimeoutError("slow")
        return calls["n"]

    async def no_wait(_: float) -> None:
        return None

    assert await retry_async(op, policy=RetryPolicy(), is_transient=lambda e: True, sleep=no_wait) == 3

    class Stop(Exception):
        pass

    async def stopping(_: float) -> None:
        raise Stop

    calls["n"] = 0
    with pytest.raises(Stop):
        await retry_async(
            op, policy=RetryPolicy(), is_transient=lambda e: True, on_retry=lambda e: None, sleep=stopping
        )
    assert calls["n"] == 1


async def test_stoppable_sleep_waits_or_raises_interrupted_on_stop() -> None:
    stop = asyncio.Event()
    sleep = stoppable_sleep(stop)
    t0 = time.monotonic()
    await sleep(0.05)
    assert time.monotonic() - t0 >= 0.04
    asyncio.get_running_loop().call_later(0.05, stop.set)
    t0 = time.monotonic()
    with pytest.raises(Interrupted):
        await sleep(30)
    assert time.monotonic() - t0 < 5
    with pytest.raises(Interrupted):
        await sleep(30)  # already stopped: at once


def test_count_retry_counts_per_service_and_operation() -> None:
    def value() -> float:
        labels = {"service": "retry-test", "operation": "publish"}
        return REGISTRY.get_sample_value("accord_retries_total", labels) or 0.0

    before = value()
    on_retry = count_retry("retry-test", source="feed-1")
    on_retry(RetryEvent("publish", 1, 0.1, ConnectionError("down")))
    on_retry(RetryEvent("publish", 2, 0.2, ConnectionError("down")))
    assert value() == before + 2
