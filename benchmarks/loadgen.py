"""An open-loop, constant-arrival-rate HTTP load generator for `make bench-api`.

Request i is due at `start + i / rate` whatever happened to the earlier ones,
so a slow response cannot hold the next requests back (no coordinated
omission): latency is measured from the moment a request was due, not from
when it could be sent. Bounded by `duration_s` (and so by `rate * duration_s`
requests); requests still in flight at the end are awaited up to `grace_s`.

The client is a minimal HTTP/1.1 keep-alive client on asyncio streams (GET,
responses with Content-Length), about a tenth of the CPU of a general client
per request: on a two-core machine the generator must not eat the capacity it
measures. Idle connections are reused; a new one is opened when none is idle.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit


@dataclass
class Result:
    """Latencies (seconds, from due time to the end of the body) and the statuses seen."""

    name: str
    rate: float
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    late_starts: int = 0  # requests the generator itself sent more than 5 ms after they were due
    elapsed_s: float = 0.0  # from the first due time to the last answer
    by_path: dict[str, list[float]] = field(default_factory=dict)

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

    def line(self) -> str:
        ms = {q: self.quantile(q) * 1000 for q in (0.5, 0.95, 0.99)}
        return (
            f"{self.name}: {len(self.latencies)} requests at {self.rate:g}/s: p50 {ms[0.5]:.1f} ms, "
            f"p95 {ms[0.95]:.1f} ms, p99 {ms[0.99]:.1f} ms, max {max(self.latencies, default=0) * 1000:.1f} ms; "
            f"statuses {dict(sorted(self.statuses.items()))}, errors {self.errors}, late starts {self.late_starts}; "
            f"served {len(self.latencies) / max(self.elapsed_s, 1e-9):.0f}/s"
        )

    def per_path(self) -> str:
        """p50 / p99 per path, slowest p99 first."""
        rows = []
        for path, values in self.by_path.items():
            ordered = sorted(values)
            p50, p99 = ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
            rows.append(
                (p99, f"    {path}: n={len(ordered)} p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
            )
        return "\n".join(line for _, line in sorted(rows, reverse=True))


class Connections:
    """Keep-alive connections to one host: `get` borrows an idle one or opens a new one."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def get(self, target: str) -> int:
        """GET `target`; the status (the body is read and dropped). A reused connection the server
        closed meanwhile (keep-alive timeout) is replaced once."""
        if self.idle:
            try:
                return await self._get(target, self.idle.pop())
            except (OSError, asyncio.IncompleteReadError):
                pass
        return await self._get(target, await asyncio.open_connection(self.host, self.port))

    async def _get(self, target: str, conn: tuple[asyncio.StreamReader, asyncio.StreamWriter]) -> int:
        reader, writer = conn
        try:
            writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ", 2)[1])
            length = next(
                int(v) for k, _, v in (h.partition(":") for h in lines[1:]) if k.lower() == "content-length"
            )
            await reader.readexactly(length)
        except BaseException:
            writer.close()
            raise
        self.idle.append((reader, writer))
        return status

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


async def _one(conns: Connections, due: float, request: tuple[str, dict[str, Any]], out: Result) -> None:
    path, query = request
    if time.perf_counter() - due > 0.005:
        out.late_starts += 1
    try:
        status = await conns.get(path + ("?" + urlencode(query, doseq=True) if query else ""))
    except (OSError, ValueError, StopIteration, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        out.errors += 1
        return
    out.latencies.append(time.perf_counter() - due)
    template = re.sub(r"/[A-Z]{3}$", "/{iso3}", path)  # figures per route template
    out.by_path.setdefault(template, []).append(out.latencies[-1])
    out.statuses[status] = out.statuses.get(status, 0) + 1


async def run(
    base_url: str,
    name: str,
    rate: float,
    duration_s: float,
    next_request: Callable[[int], tuple[str, dict[str, Any]]],
    *,
    grace_s: float = 30.0,
) -> Result:
    """Send `next_request(i)` at `rate` per second for `duration_s` seconds; the latencies."""
    out = Result(name, rate)
    conns = Connections(base_url)
    start = time.perf_counter() + 0.2
    tasks = []
    try:
        for i in range(int(rate * duration_s)):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(_one(conns, due, next_request(i), out)))
        await asyncio.wait(tasks, timeout=grace_s)
        out.elapsed_s = time.perf_counter() - start
    finally:
        for task in tasks:
            task.cancel()
        conns.close()
    return out
