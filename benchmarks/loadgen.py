"""An open-loop, constant-arrival-rate HTTP load generator (asyncio + httpx) for `make bench-api`.

Request i is due at `start + i / rate` whatever happened to the earlier ones,
so a slow response cannot hold the next requests back (no coordinated
omission): latency is measured from the moment a request was due, not from
when it could be sent. Bounded by `duration_s` (and so by `rate * duration_s`
requests); requests still in flight at the end are awaited up to `grace_s`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class Result:
    """Latencies (seconds, from due time to the end of the body) and the statuses seen."""

    name: str
    rate: float
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    late_starts: int = 0  # requests the generator itself sent more than 5 ms after they were due

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

    def line(self) -> str:
        ms = {q: self.quantile(q) * 1000 for q in (0.5, 0.95, 0.99)}
        return (
            f"{self.name}: {len(self.latencies)} requests at {self.rate:g}/s: p50 {ms[0.5]:.1f} ms, "
            f"p95 {ms[0.95]:.1f} ms, p99 {ms[0.99]:.1f} ms, max {max(self.latencies, default=0) * 1000:.1f} ms; "
            f"statuses {dict(sorted(self.statuses.items()))}, errors {self.errors}, late starts {self.late_starts}"
        )


async def _one(
    client: httpx.AsyncClient, due: float, params: tuple[str, dict[str, Any]], out: Result
) -> None:
    path, query = params
    if time.perf_counter() - due > 0.005:
        out.late_starts += 1
    try:
        r = await client.get(path, params=query)
        await r.aread()
    except httpx.HTTPError:
        out.errors += 1
        return
    out.latencies.append(time.perf_counter() - due)
    out.statuses[r.status_code] = out.statuses.get(r.status_code, 0) + 1


async def run(
    base_url: str,
    name: str,
    rate: float,
    duration_s: float,
    next_request: Callable[[int], tuple[str, dict[str, Any]]],
    *,
    grace_s: float = 30.0,
    max_connections: int = 256,
) -> Result:
    """Send `next_request(i)` at `rate` per second for `duration_s` seconds; the latencies."""
    out = Result(name, rate)
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=grace_s) as client:
        start = time.perf_counter() + 0.2
        tasks = []
        for i in range(int(rate * duration_s)):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(_one(client, due, next_request(i), out)))
        await asyncio.wait(tasks, timeout=grace_s)
    return out
