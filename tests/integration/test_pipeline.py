"""The pipeline end to end: fetcher -> Kafka -> extractor -> Kafka -> store -> Postgres, as real processes.

On the embedded broker and a real Postgres: the events in Postgres equal what
`accord extract` gives for the same articles, exactly once each, also when the
extractor and the store are SIGKILLed mid-stream; bad records on either topic
end up in the dead-letter topics while the pipeline keeps flowing.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import uuid
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import httpx
import pytest

from libs.contracts.records import (
    DLQ_ERROR_CLASS,
    DLQ_ERROR_MESSAGE,
    DLQ_SOURCE_OFFSET,
    DLQ_SOURCE_PARTITION,
    DLQ_SOURCE_TOPIC,
    headers_to_dict,
)
from libs.contracts.topics import TopicSettings
from tests.integration.pipeline import Pipeline
from tests.integration.synthetic import make_articles
from tests.runtime.kafka_helpers import produce, read_topic
from tests.waiting import wait_until

pytestmark = pytest.mark.integration


@pytest.fixture
def pipeline(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, tmp_path: Path
) -> Iterator[Pipeline]:
    p = Pipeline(kafka_bootstrap, unique_topics, embedded_database_url, tmp_path, uuid.uuid4().hex[:8])
    p.migrate()
    try:
        yield p
    finally:
        p.stop_all()


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    return path


def _corpus_head(corpus_path: Path, n: int) -> list[dict]:
    with gzip.open(corpus_path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in islice(f, n)]


@pytest.fixture(params=["synthetic", "corpus"])
def articles_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A few hundred input articles: generated ones, and the corpus's first 300 (skipped without ../shared)."""
    if request.param == "synthetic":
        records = make_articles(250)
    else:
        records = _corpus_head(request.getfixturevalue("corpus_path"), 300)
    return _write_jsonl(tmp_path / f"{request.param}.jsonl", records)


def _diagnose(p: Pipeline) -> str:
    return "\n".join(
        f"--- {n} ---\n{p.log(n)[-2500:]}" for n in ("store", "extractor-1", "extractor-2", "fetcher")
    )


def test_events_in_postgres_equal_accord_extract(pipeline: Pipeline, articles_file: Path) -> None:
    p = pipeline
    p.start("store", "store", "--no-migrate")
    p.start("extractor-1", "extractor")
    p.start("extractor-2", "extractor")
    p.run("fetcher", "--source", f"jsonl:{articles_file}", "--once")

    articles = p.raw_articles()
    ids = {a.article_id for a in articles}
    assert len(ids) == len(articles) >= 200
    expected = p.expected_events(articles)
    assert expected, "the input should hold cooperation events"

    wait_until(
        lambda: p.stored_counts() == (len(ids), len(expected)),
        within=180,
        what=f"{len(ids)} articles and {len(expected)} events in Postgres (have {p.stored_counts()})",
        on_fail=lambda: _diagnose(p),
        every=0.25,
    )
    stored = p.stored_events()
    assert stored.keys() == expected.keys()
    for event_id, event in expected.items():
        assert stored[event_id] == event, f"stored event {event_id} differs from `accord extract`"
    assert {r[0] for r in p.query("select article_id from articles")} == ids

    # the API serves the same events
    body = httpx.get(f"http://127.0.0.1:{p.api_port}/v1/events", params={"limit": 500}, timeout=10).json()
    assert body["total"] == len(expected)
    codes = p.stop_all()
    assert set(codes.values()) == {0}, f"graceful stop should exit 0: {codes}"


def test_crashes_and_bad_records_lose_nothing_and_duplicate_nothing(
    pipeline: Pipeline, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    p = pipeline
    try:
        records = _corpus_head(request.getfixturevalue("corpus_path"), 300)
    except pytest.skip.Exception:
        records = make_articles(300, seed=11)
    source = _write_jsonl(tmp_path / "input.jsonl", records)
    # small store transactions: the stored count grows in steps of five, so the kill below lands mid-stream
    # however fast the extractors are (with 500-record transactions it could land after the last one)
    p.extra_env["ACCORD_STORE_BATCH_SIZE"] = "5"

    p.start("store", "store", "--no-migrate")
    p.start("extractor-1", "extractor")
    p.start("extractor-2", "extractor")
    p.start("fetcher", "fetcher", "--source", f"jsonl:{source}", "--once")

    # garbage on both topics while real records flow
    t = p.topics
    asyncio.run(produce(p.bootstrap, t.topic_articles_raw, [b"not json {", b'{"article_id": "x"}']))
    asyncio.run(produce(p.bootstrap, t.topic_events, [b"\xff\xfe", b'{"event_id": "ev-bad", "type": "war"}']))

    # SIGKILL an extractor and the store mid-stream, then bring them back
    # polled tightly and the store killed first: a store that started late drains the extractors' backlog
    # in well under a second (CI once saw all 299 stored between two 0.25 s polls)
    wait_until(
        lambda: p.stored_counts()[0] >= 60,
        within=180,
        what="the first articles stored",
        on_fail=lambda: _diagnose(p),
        every=0.01,
    )
    p.kill("store")
    p.kill("extractor-1")
    at_kill = p.stored_counts()[0]
    p.start("extractor-1", "extractor")
    p.start("store", "store", "--no-migrate")

    assert p.procs["fetcher"].wait(180) == 0, p.log("fetcher")[-3000:]
    articles = p.raw_articles()
    ids = {a.article_id for a in articles}
    expected = p.expected_events(articles)
    assert at_kill < len(ids), "the kill should land mid-stream"

    wait_until(
        lambda: p.stored_counts() == (len(ids), len(expected)),
        within=240,
        what=f"{len(ids)} articles and {len(expected)} events (have {p.stored_counts()})",
        on_fail=lambda: _diagnose(p),
        every=0.25,
    )
    stored = p.stored_events()
    assert stored.keys() == expected.keys()
    assert all(stored[k] == v for k, v in expected.items())
    # exactly once: one row per event id, and the summaries agree with the events
    rows = p.query("select count(*), count(distinct event_id) from events")[0]
    assert rows == (len(expected), len(expected))
    assert p.query("select sum(event_count) from articles")[0][0] == len(expected)

    dlq_raw = asyncio.run(read_topic(p.bootstrap, t.topic_articles_raw_dlq, expect=2, settle=1.0))
    dlq_events = asyncio.run(read_topic(p.bootstrap, t.topic_events_dlq, expect=2, settle=1.0))
    for dead, topic in ((dlq_raw, t.topic_articles_raw), (dlq_events, t.topic_events)):
        # at-least-once: a record dead-lettered just before a SIGKILL may be dead-lettered again
        headers = [headers_to_dict(d.headers) for d in dead]
        offsets = {(h[DLQ_SOURCE_PARTITION], h[DLQ_SOURCE_OFFSET]) for h in headers}
        assert len(offsets) == 2, [headers_to_dict(d.headers) for d in dead]
        for d in dead:
            h = headers_to_dict(d.headers)
            assert h[DLQ_SOURCE_TOPIC] == topic
            assert h[DLQ_ERROR_CLASS] in {"InvalidJSON", "ValidationError"}
            assert h[DLQ_ERROR_MESSAGE]
