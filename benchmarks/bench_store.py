"""Store benchmark (a script, not a test): batch-step, end-to-end sink and API figures.

    .venv/bin/python -m benchmarks.bench_store [--articles 5000] [--pg embedded|URL]

1. `apply_batch` alone: events+summaries per second into Postgres, batches of 500.
2. the sink on the embedded broker: records produced first, then the time from
   sink start until every row is in Postgres (records/s, consumer to commit).
3. the API over the result: latency of typical `GET /v1/events` queries.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg
from prometheus_client import REGISTRY
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from libs.contracts.records import encode
from libs.contracts.topics import TopicSettings, all_topics
from libs.infra.broker import EmbeddedBroker
from libs.infra.postgres import EmbeddedPostgres
from libs.runtime.producer import Producer
from libs.runtime.topics import ensure_topics
from services.store.api.main import create_app
from services.store.db import migrate
from services.store.db.models import articles, events
from services.store.db.session import make_engine
from services.store.persist import apply_batch
from services.store.sink import run_sink
from tests.store.factories import extraction_of
from tests.store.helpers import serving, settings_for

COUNTRIES = ["IRN", "IRQ", "CHN", "RUS", "IND", "TUR", "PAK", "BRA"]


def dataset(n_articles: int) -> list[Any]:
    """3 events + 1 summary per article, countries varied."""
    out: list[Any] = []
    for a in range(n_articles):
        pair = sorted({COUNTRIES[a % len(COUNTRIES)], COUNTRIES[(a * 7 + 3) % len(COUNTRIES)], "IRN"})
        evs, summary = extraction_of(f"u{a:06d}", 3, countries=pair)
        out += [*evs, summary]
    return out


CREATED: list[tuple[str, str]] = []  # (server URL, database) to drop at the end


def fresh_db(server_url: str) -> str:
    name = f"accord_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    CREATED.append((server_url, name))
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def bench_step(url: str, records: list[Any], batch: int = 500) -> None:
    engine = make_engine(settings_for(url))
    migrate.upgrade(engine)
    t0 = time.perf_counter()
    for i in range(0, len(records), batch):
        with engine.begin() as conn:
            apply_batch(conn, records[i : i + batch])
    dt = time.perf_counter() - t0
    t1 = time.perf_counter()
    for i in range(0, len(records), batch):  # redelivery of everything: no-op upserts
        with engine.begin() as conn:
            apply_batch(conn, records[i : i + batch])
    dt2 = time.perf_counter() - t1
    engine.dispose()
    print(
        f"apply_batch: {len(records)} records in {dt:.2f}s = {len(records) / dt:,.0f} records/s (batches of {batch})"
    )
    print(f"apply_batch redelivered: {dt2:.2f}s = {len(records) / dt2:,.0f} records/s")


async def bench_sink(url: str, bootstrap: str, records: list[Any], batch: int) -> None:
    suffix = uuid.uuid4().hex[:6]
    topics = TopicSettings(
        topic_events=f"bench.events.{suffix}", topic_articles_extracted=f"bench.extracted.{suffix}"
    )
    await ensure_topics(bootstrap, all_topics(topics))
    settings = settings_for(
        url,
        **topics.model_dump(),
        kafka_bootstrap_servers=bootstrap,
        store_batch_size=batch,
        store_group_id=f"bench-{suffix}",
    )
    async with Producer(settings, service="bench") as producer:
        out = [
            encode(
                r,
                topic=topics.topic_events if hasattr(r, "event_id") else topics.topic_articles_extracted,
                source="bench",
            )
            for r in records
        ]
        await producer.send_many(out)
    engine = make_engine(settings)
    migrate.upgrade(engine)
    n_events = sum(1 for r in records if hasattr(r, "event_id"))
    stop = asyncio.Event()
    t0 = time.perf_counter()
    task = asyncio.create_task(run_sink(settings, stop=stop))
    first = None
    while True:
        with engine.connect() as conn:
            n = conn.scalar(select(func.count()).select_from(events))
            n_art = conn.scalar(select(func.count()).select_from(articles))
        if n and first is None:
            first = time.perf_counter()
        if n == n_events and n_art == len(records) - n_events:
            break
        await asyncio.sleep(0.05)
    dt = time.perf_counter() - t0
    stop.set()
    await task
    engine.dispose()
    batches = REGISTRY.get_sample_value("accord_store_batch_records_count", {"service": "store"}) or 0
    stored = REGISTRY.get_sample_value("accord_store_batch_records_sum", {"service": "store"}) or 0
    assert first is not None
    print(
        f"sink end to end: {len(records)} records ({n_events} events) in {dt:.2f}s = {len(records) / dt:,.0f} records/s"
        f" (max batch {batch}; {batches:.0f} transactions, {stored / max(batches, 1):.0f} records each;"
        f" {first - t0:.2f}s to the first row: group join)"
    )


def bench_api(url: str, n: int = 200) -> None:
    engine = make_engine(settings_for(url))
    app = create_app(settings_for(url, api_page_size_max=500), engine=engine)
    queries = {
        "first page (50)": {},
        "country=IRN&country=CHN": {"country": ["IRN", "CHN"]},
        "type+date range": {"type": "agreement", "date_from": "2025-01-01", "date_to": "2025-12-31"},
        "limit=500": {"limit": 500},
    }
    with serving(app) as base, httpx.Client(base_url=base) as client:
        for name, params in queries.items():
            times = []
            for _ in range(n):
                t0 = time.perf_counter()
                r = client.get("/v1/events", params=params)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200
            times.sort()
            print(
                f"GET /v1/events {name}: p50 {statistics.median(times):.1f} ms, "
                f"p95 {times[int(0.95 * len(times))]:.1f} ms (total {r.json()['total']})"
            )
        # deep paging with the cursor
        t0 = time.perf_counter()
        pages, cursor = 0, None
        while True:
            body = client.get(
                "/v1/events", params={"limit": 500, **({"cursor": cursor} if cursor else {})}
            ).json()
            pages += 1
            cursor = body["next_cursor"]
            if not cursor:
                break
        print(f"paging through all events by 500: {pages} pages in {time.perf_counter() - t0:.2f}s")
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--pg", default="embedded", help="'embedded' or an admin postgresql:// URL")
    args = ap.parse_args()
    records = dataset(args.articles)
    tmp = Path(tempfile.mkdtemp(prefix="accord-bench-"))
    tmp.chmod(0o755)
    pg = EmbeddedPostgres(tmp / "pg") if args.pg == "embedded" else None
    server = pg.start() if pg else args.pg
    try:
        print(f"dataset: {args.articles} articles, {len(records)} records; Postgres: {args.pg}")
        bench_step(fresh_db(server), records, args.batch)
        with EmbeddedBroker() as broker:
            url = fresh_db(server)
            asyncio.run(bench_sink(url, broker.bootstrap_servers, records, args.batch))
        bench_api(url)
    finally:
        for server_url, name in CREATED:
            with psycopg.connect(server_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if pg:
            pg.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
