"""Benchmark: extractor throughput on the Tehran Times corpus, alone and through Kafka.

    python -m benchmarks.bench_extractor [--shared ../shared] [--articles 2000] [--processes 1 2]

1. Engine only: articles/s of `Extractor.extract` in this process (one thread).
2. Service: publishes `--articles` corpus articles to `articles.raw` on an embedded
   broker, starts N `accord extractor` processes, and reports articles/s from the
   first summary on `articles.extracted` to the last (model loading and group join
   excluded), plus the events produced. Run on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from libs.contracts.articles import FetchMeta, RawArticle, article_id_for, content_hash
from libs.contracts.topics import TopicSettings, all_topics
from services.extractor.step import extract_article

REPO = Path(__file__).resolve().parents[1]


def corpus_articles(shared: Path, n: int) -> list[RawArticle]:
    """The first `n` corpus lines with text, as RawArticles (url from the slug)."""
    out = []
    with gzip.open(shared / "corpus" / "tehran-times.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            row = orjson.loads(line)
            text = (row.get("text") or "").strip()
            if not text:
                continue
            url = f"https://www.tehrantimes.com/news/{row['id']}/{row.get('slug', '')}"
            out.append(
                RawArticle(
                    article_id=article_id_for(url, text),
                    url=url,
                    canonical_url=url,
                    title=(row.get("slug") or "").replace("-", " ") or None,
                    text=text,
                    language="en",
                    fetched_at=datetime.now(UTC),
                    source="bench",
                    publisher="Tehran Times",
                    content_hash=content_hash(text),
                    fetch=FetchMeta(kind="jsonl", source_ref=f"tehran-times.jsonl.gz:{i + 1}"),
                )
            )
            if len(out) >= n:
                break
    return out


def engine_only(articles: list[RawArticle], limit: int = 300) -> float:
    from libs.extraction import Extractor
    from services.extractor.service import WARM_UP_TEXT

    t0 = time.perf_counter()
    engine = Extractor()
    print(f"engine load: {time.perf_counter() - t0:.1f} s")
    sample = articles[:limit]
    engine.extract(WARM_UP_TEXT, article_id="warm-up", language="en")  # loads spaCy
    t0 = time.perf_counter()
    events = failures = 0
    for a in sample:
        try:
            result = extract_article(engine, a)
        except Exception:  # the service dead-letters these; count them here
            failures += 1
            continue
        events += len(result.events)
    rate = len(sample) / (time.perf_counter() - t0)
    print(
        f"engine only: {len(sample)} articles, {events} events, {failures} failures, "
        f"{rate:,.1f} articles/s (one thread)"
    )
    return rate


async def publish(bootstrap: str, topic: str, articles: list[RawArticle]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        enable_idempotence=False,
        linger_ms=20,
        compression_type="lz4",
        max_request_size=8 * 1024 * 1024,
    )
    await producer.start()
    try:
        futs = [
            await producer.send(topic, orjson.dumps(a.model_dump(mode="json")), key=a.article_id.encode())
            for a in articles
        ]
        await asyncio.gather(*futs)
    finally:
        await producer.stop()


async def count_until(bootstrap: str, topics: list[str], n: int, within: float) -> tuple[float, float, int]:
    """(time of the first record, time of the n-th, records) on `topics` together."""
    consumer = AIOKafkaConsumer(
        *topics, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
    )
    await consumer.start()
    first = last = 0.0
    seen = 0
    deadline = time.monotonic() + within
    try:
        while seen < n and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            got = sum(len(v) for v in batch.values())
            if got and not first:
                first = time.monotonic()
            seen += got
            last = time.monotonic() if got else last
    finally:
        await consumer.stop()
    return first, last, seen


def service_run(articles: list[RawArticle], processes: int) -> None:
    from libs.infra.broker import EmbeddedBroker
    from libs.runtime.topics import ensure_topics

    with EmbeddedBroker() as broker:
        bs = broker.bootstrap_servers
        topics = TopicSettings()
        asyncio.run(ensure_topics(bs, all_topics(topics)))
        asyncio.run(publish(bs, topics.topic_articles_raw, articles))
        env = {
            **os.environ,
            "ACCORD_KAFKA_BOOTSTRAP_SERVERS": bs,
            "ACCORD_KAFKA_IDEMPOTENCE": "false",
            "ACCORD_LOG_LEVEL": "WARNING",
        }
        group = f"bench-{uuid.uuid4().hex[:6]}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "app.cli", "extractor", "--group", group],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
            )
            for _ in range(processes)
        ]
        try:
            first, last, seen = asyncio.run(
                count_until(
                    bs, [topics.topic_articles_extracted, topics.topic_articles_raw_dlq], len(articles), 1800
                )
            )
            dead = asyncio.run(count_until(bs, [topics.topic_articles_raw_dlq], 10**9, 2))[2]
            events = asyncio.run(count_until(bs, [topics.topic_events], 10**9, 3))[2]
        finally:
            for p in procs:
                p.terminate()
            codes = [p.wait(60) for p in procs]
        rate = (seen - 1) / (last - first) if last > first else float("nan")
        print(
            f"service x{processes}: {seen} articles ({dead} dead-lettered), {events} events, {rate:,.1f} articles/s "
            f"(first to last summary, {last - first:.1f} s); exit codes {codes}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--skip-engine", action="store_true")
    args = ap.parse_args()
    articles = corpus_articles(args.shared, args.articles)
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} corpus articles, {chars / len(articles):,.0f} characters on average")
    if not args.skip_engine:
        engine_only(articles)
    for n in args.processes:
        service_run(articles, n)


if __name__ == "__main__":
    main()
