"""The live progress line of `accord up`: what was fetched, extracted and stored, and the lag.

Counts come from the services' Prometheus endpoints (extracted, lag) and from
Postgres through the functions the services own (articles and events stored:
`services.store.confirmations.stored_counts`; published:
`services.fetcher.ledger.published_count`), so the line reflects durable state,
not just what the processes claim.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

import httpx
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from libs.runtime.db import pg_engine
from services.fetcher.ledger import published_count
from services.store.confirmations import stored_counts


@dataclass
class ProgressSources:
    metrics_ports: dict[str, int]
    database_url: str | None


@dataclass
class Snapshot:
    at: float
    published: int = 0  # fetcher: published to Kafka (ledger)
    extracted: int = 0  # extractors: articles processed (this run)
    articles_stored: int = 0  # store: articles with their extraction summary
    events_stored: int = 0
    lag_raw: int = 0  # articles waiting for an extractor
    lag_store: int = 0  # records waiting for the store
    db_ok: bool = False

    def quiet(self) -> bool:
        """Nothing is waiting for an extractor or for the store (the database answers)."""
        return self.db_ok and self.lag_raw == 0 and self.lag_store == 0

    def idle(self) -> bool:
        """Everything published has reached the store and nothing is waiting."""
        return self.quiet() and self.articles_stored >= self.published


def scrape(port: int, host: str = "127.0.0.1") -> dict[str, float]:
    """Sum each metric sample by name (labels folded) from a /metrics endpoint; {} when unreachable
    or when the answer is not metrics (an error page of a busy server)."""
    try:
        response = httpx.get(f"http://{host}:{port}/metrics", timeout=1.0)
    except httpx.HTTPError:
        return {}
    if response.status_code != 200:
        return {}
    totals: dict[str, float] = {}
    try:
        for family in text_string_to_metric_families(response.text):
            for sample in family.samples:
                totals[sample.name] = totals.get(sample.name, 0.0) + sample.value
    except ValueError:
        return {}
    return totals


class ProgressLine:
    """Collects snapshots and prints the progress line (in place on a terminal, every 10 s otherwise)."""

    def __init__(self, sources: ProgressSources, *, tty: bool) -> None:
        self.sources = sources
        self.tty = tty
        self._first: Snapshot | None = None
        self._last_print = 0.0
        self.last: Snapshot | None = None
        self._engine: Engine | None = None
        if sources.database_url:
            self._engine = pg_engine(
                sources.database_url,
                application_name="accord-up",
                pool_size=1,
                max_overflow=0,
                connect_timeout_s=2,
                statement_timeout_ms=5_000,  # a stuck database must not freeze the supervisor's loop
            )

    def collect(self) -> Snapshot:
        snap = Snapshot(at=time.monotonic())
        for name, port in self.sources.metrics_ports.items():
            m = scrape(port)
            if name.startswith("extractor"):
                snap.extracted += int(m.get("accord_articles_extracted_total", 0))
                snap.lag_raw += int(m.get("accord_consumer_lag_records", 0))
            elif name == "store":
                snap.lag_store += int(m.get("accord_consumer_lag_records", 0))
        if self._engine is not None:
            try:
                snap.articles_stored, snap.events_stored = stored_counts(self._engine)
                snap.published = published_count(self._engine)  # after: never fewer than what was stored
                snap.db_ok = True
            except SQLAlchemyError:
                pass
        return snap

    def close(self) -> None:
        """Release the database connection."""
        if self._engine is not None:
            self._engine.dispose()

    def tick(self) -> Snapshot:
        snap = self.collect()
        if self._first is None:
            self._first = snap
        self.last = snap
        now = time.monotonic()
        if self.tty or now - self._last_print >= 10:
            self._last_print = now
            self._print(self.line(snap), final=False)
        return snap

    def rate(self, snap: Snapshot) -> float:
        first = self._first
        if first is None or snap.at <= first.at:
            return 0.0
        return (snap.articles_stored - first.articles_stored) / (snap.at - first.at)

    def line(self, snap: Snapshot) -> str:
        return (
            f"published {snap.published:,} | extracted {snap.extracted:,} (this run) | stored {snap.articles_stored:,} "
            f"articles, {snap.events_stored:,} events | lag raw {snap.lag_raw:,} store {snap.lag_store:,} "
            f"| {self.rate(snap):,.0f} articles/s"
        )

    def final(self, wall_seconds: float) -> None:
        snap = self.last or self.collect()
        rate = snap.articles_stored / wall_seconds if wall_seconds > 0 else 0.0
        self._print(
            f"idle: {snap.articles_stored:,} articles and {snap.events_stored:,} events stored "
            f"in {wall_seconds:,.1f} s ({rate:,.0f} articles/s, start-up included)",
            final=True,
        )

    def _print(self, text: str, *, final: bool) -> None:
        if self.tty and not final:
            sys.stdout.write("\r\x1b[2K[accord] " + text)
        else:
            sys.stdout.write(("\n" if self.tty else "") + "[accord] " + text + "\n")
        sys.stdout.flush()
