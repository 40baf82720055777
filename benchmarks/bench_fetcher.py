"""Fetcher throughput: publish a JSON-lines corpus to the embedded broker with a fresh ledger.

    .venv/bin/python benchmarks/bench_fetcher.py [--corpus ../shared/corpus/tehran-times.jsonl.gz]
        [--workers 1] [--batch-size 500] [--language en] [--database-url postgresql://...] [--no-verify]

Starts an embedded Tansu broker and (unless --database-url / ACCORD_DATABASE_URL names a server,
on which a fresh database is created and dropped) an embedded Postgres. Migrations run before
the clock starts. Timed runs:

1. `fresh`: the full corpus into an empty ledger (the figure the fetcher is judged on);
2. `restart`: the same source again: unchanged fingerprint, nothing read, nothing published;
3. `rescan`: the same source re-read with `--rescan`: every article found in the ledger, nothing published.

Then (unless --no-verify) the topic is read back: record count, distinct keys and the ledger
size must all equal the articles published. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


async def _read_back(bootstrap: str, topic: str) -> dict[str, int]:
    from aiokafka import AIOKafkaConsumer, TopicPartition

    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=8 << 20,
    )
    await consumer.start()
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
        if not parts:
            await consumer.stop()
            raise RuntimeError(f"topic {topic} has no partitions")
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        records = 0
        keys: set[bytes] = set()
        idle = 0
        while idle < 3:
            batch = await consumer.getmany(timeout_ms=1000, max_records=5000)
            if not batch:
                idle += 1
                continue
            idle = 0
            for msgs in batch.values():
                records += len(msgs)
                keys.update(m.key for m in msgs if m.key is not None)
        return {"records": records, "distinct_keys": len(keys)}
    finally:
        await consumer.stop()


def _fresh_db(server_url: str) -> tuple[str, str]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"accord_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False), name


def _drop_db(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _bench(args: argparse.Namespace, bootstrap: str, database_url: str) -> dict[str, Any]:
    from libs.contracts.topics import TopicSettings, all_topics
    from libs.runtime.topics import ensure_topics
    from services.fetcher.config import FetcherSettings, SourceConfig
    from services.fetcher.db.migrate import migrate_ledger
    from services.fetcher.service import run_fetcher

    topics = TopicSettings()
    await ensure_topics(bootstrap, all_topics(topics))
    settings = FetcherSettings(
        kafka_bootstrap_servers=bootstrap,
        kafka_idempotence=False,
        database_url=database_url,
        fetcher_build_workers=args.workers,
        fetcher_batch_size=args.batch_size,
        fetcher_max_in_flight_batches=args.in_flight,
        log_level="WARNING",
    )
    migrate_ledger(database_url)
    source = SourceConfig(name="corpus", kind="jsonl", path=Path(args.corpus), language=args.language)
    out: dict[str, Any] = {
        "corpus": str(args.corpus),
        "workers": args.workers,
        "batch_size": args.batch_size,
        "in_flight_batches": args.in_flight,
        "declared_language": args.language,
        "cpus": os.cpu_count(),
    }
    for label, kwargs in (("fresh", {}), ("restart", {}), ("rescan", {"rescan": True})):
        t0 = time.perf_counter()
        reports = await run_fetcher(settings, [source], topics=topics, once=True, migrate=False, **kwargs)
        seconds = time.perf_counter() - t0
        r = reports[0]
        out[label] = {
            "seconds": round(seconds, 2),
            "items": r.items,
            "published": r.published,
            "skipped": dict(r.skipped),
            "unchanged": r.unchanged,
            "articles_per_s": round(r.published / seconds, 1) if r.published else None,
            "items_per_s": round(r.items / seconds, 1) if r.items else None,
        }
        if r.error:
            out[label]["error"] = r.error
    if not args.no_verify:
        from sqlalchemy import func, select

        from services.fetcher.db.models import articles
        from services.fetcher.ledger import ledger_engine

        back = await _read_back(bootstrap, topics.topic_articles_raw)
        engine = ledger_engine(database_url)
        with engine.connect() as conn:
            ledger_rows = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        engine.dispose()
        published = out["fresh"]["published"]
        out["verify"] = {
            **back,
            "ledger_rows": ledger_rows,
            "ok": back["records"] == back["distinct_keys"] == ledger_rows == published,
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--in-flight", type=int, default=4)
    parser.add_argument("--database-url", default=os.environ.get("ACCORD_DATABASE_URL"))
    parser.add_argument("--language", help="declare the source's language (skips detection)")
    parser.add_argument("--no-verify", action="store_true")
    args = parser.parse_args()
    args.corpus = args.corpus or args.shared / "corpus" / "tehran-times.jsonl.gz"
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    import orjson

    from libs.runtime.logging import configure_logging
    from libs.runtime.settings import CommonSettings

    configure_logging("bench-fetcher", CommonSettings(log_level="WARNING"))
    from libs.infra.broker import EmbeddedBroker
    from libs.infra.postgres import EmbeddedPostgres

    tmp = Path(tempfile.mkdtemp(prefix="accord-bench-fetcher-"))
    tmp.chmod(0o755)
    pg: EmbeddedPostgres | None = None
    try:
        with EmbeddedBroker() as broker:
            server_url = args.database_url
            if not server_url:
                pg = EmbeddedPostgres(tmp / "pg")
                server_url = pg.start()
            database_url, name = _fresh_db(server_url)
            try:
                result = asyncio.run(_bench(args, broker.bootstrap_servers, database_url))
            finally:
                _drop_db(server_url, name)
        print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
        return 0 if result.get("verify", {}).get("ok", True) else 1
    finally:
        if pg is not None:
            pg.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
