"""Host gates and breakers (pure, with a fake clock)."""

from __future__ import annotations

import pytest

from libs.runtime.retry import RetryPolicy
from services.fetcher.web.errors import HostPaused
from services.fetcher.web.politeness import HostBreaker, Hosts


def test_breaker_pauses_after_consecutive_failures_with_growing_pauses() -> None:
    now = [100.0]
    b = HostBreaker(3, RetryPolicy(10.0, 1000.0))
    assert b.failure(lambda: now[0]) is None and b.failure(lambda: now[0]) is None
    first = b.failure(lambda: now[0])
    assert first is not None and 5.0 <= first <= 10.0
    with pytest.raises(HostPaused):
        b.check("h", lambda: now[0])
    now[0] += 11
    b.check("h", lambda: now[0])
    for _ in range(3):
        second = b.failure(lambda: now[0])
    assert second is not None and 10.0 <= second <= 20.0
    b.success()
    assert b.failures == 0 and b.pauses == 0


def test_crawl_delay_is_capped_and_never_below_the_minimum() -> None:
    hosts = Hosts(concurrency=1, min_delay_s=1.0, failures_before_pause=5, pause=RetryPolicy(1.0, 2.0))
    hosts.set_crawl_delay("a", 3600, cap_s=60)
    hosts.set_crawl_delay("b", 0.1, cap_s=60)
    assert hosts.gate("a").delay_s == 60 and hosts.gate("b").delay_s == 1.0
