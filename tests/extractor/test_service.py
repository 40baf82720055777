"""The extractor service on the embedded broker with the real extraction engine.

Articles in -> events and summaries out, equal to what the engine gives for the same input;
non-JSON and schema-invalid records end up in `articles.raw.dlq` and the flow goes on; the
`accord extractor` process stops cleanly on SIGTERM.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from libs.contracts.events import CooperationEvent, ExtractorInfo
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.records import DLQ_ERROR_CLASS, DLQ_SOURCE_OFFSET, headers_to_dict
from libs.contracts.topics import TopicSettings
from libs.infra.broker import free_port
from services.extractor.config import ExtractorSettings
from services.extractor.service import load_extractor, run
from services.extractor.step import ExtractorLike, extract_article
from tests.conftest import REPO_ROOT
from tests.extractor.factories import article_json, raw_article
from tests.runtime.kafka_helpers import produce, read_topic

pytestmark = pytest.mark.integration

# Short news-like texts written for this test (several with cooperation events, some without).
TEXTS = [
    "Tehran, May 5 - Iran and China signed a memorandum of understanding on scientific and technological "
    "cooperation on Sunday. The document was signed by the Iranian science minister and the Chinese "
    "ambassador in Tehran. The two sides agreed to expand joint research in nanotechnology.",
    "Iranian and Russian university presidents met in Moscow on Monday to discuss student exchanges and "
    "joint research programs in medicine, the science ministry said.",
    "The weather in Tehran will be sunny for the rest of the week, with temperatures reaching 30 degrees.",
    "Iran and Iraq agreed to establish a joint science and technology park in Basra, the Iraqi higher "
    "education minister announced after a meeting with his Iranian counterpart in Baghdad on Tuesday.",
    "The national football team won its qualifying match 2-0 on Friday evening in front of a full stadium.",
    "Iran's health minister and the World Health Organization representative signed an agreement in "
    "Tehran on Wednesday to cooperate on vaccine production and training of health workers.",
    "Iran and India held the fifth meeting of their joint commission on science and technology in New "
    "Delhi, where the two countries signed three memoranda on space research and biotechnology.",
    "A new metro line opened in Isfahan on Thursday, connecting the city center with the airport.",
]


@pytest.fixture(scope="module")
def engine() -> tuple[ExtractorLike, ExtractorInfo]:
    """The real extraction engine, loaded once for the module."""
    try:
        from libs.extraction import Extractor  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the extraction engine (libs.extraction) is not available: {exc}")
    return load_extractor()


def settings_for(bootstrap: str, topics: TopicSettings, **extra: Any) -> ExtractorSettings:
    return ExtractorSettings(
        **topics.model_dump(),
        kafka_bootstrap_servers=bootstrap,
        kafka_idempotence=False,
        kafka_session_timeout_ms=2000,
        kafka_heartbeat_interval_ms=500,
        retry_initial_backoff_s=0.05,
        retry_max_backoff_s=0.5,
        extractor_group_id=f"extractor-{uuid.uuid4().hex[:6]}",
        **extra,
    )


def strip_time(event: CooperationEvent) -> dict[str, Any]:
    return event.model_copy(update={"extracted_at": None}).model_dump(mode="json")


async def test_articles_in_events_and_summaries_out_bad_records_dead_lettered(
    kafka_bootstrap: str, unique_topics: TopicSettings, engine: tuple[ExtractorLike, ExtractorInfo]
) -> None:
    extractor, info = engine
    articles = [raw_article(n, text=TEXTS[n % len(TEXTS)] + f" (report {n})") for n in range(16)]
    invalid_schema = orjson.dumps(
        {**articles[0].model_dump(mode="json"), "content_hash": "nope", "text": None}
    )
    values = [article_json(a) for a in articles[:6]]
    values += [b"<html>not json</html>", invalid_schema]
    values += [article_json(a) for a in articles[6:]]
    keys = [a.article_id.encode() for a in articles[:6]] + [b"bad-1", b"bad-2"]
    keys += [a.article_id.encode() for a in articles[6:]]
    await produce(kafka_bootstrap, unique_topics.topic_articles_raw, values, keys=keys)

    settings = settings_for(kafka_bootstrap, unique_topics, extractor_max_batch=5)
    stop = asyncio.Event()
    task = asyncio.create_task(run(settings, stop, engine=engine))
    try:
        summaries_raw = await read_topic(
            kafka_bootstrap, unique_topics.topic_articles_extracted, expect=len(articles), within=120
        )
    finally:
        stop.set()
        await asyncio.wait_for(task, 60)
    summaries = [ArticleExtraction.model_validate_json(r.value) for r in summaries_raw]
    assert sorted(s.article_id for s in summaries) == sorted(a.article_id for a in articles)
    assert all(r.key == s.article_id.encode() for r, s in zip(summaries_raw, summaries, strict=True))

    expected: dict[str, list[CooperationEvent]] = {}
    for a in articles:
        result = extract_article(extractor, a)
        expected[a.article_id] = list(result.events)
    n_expected_events = sum(len(v) for v in expected.values())
    assert n_expected_events > 0, "the test texts should yield some events"

    event_records = await read_topic(
        kafka_bootstrap, unique_topics.topic_events, expect=n_expected_events, settle=0.5
    )
    got: dict[str, list[CooperationEvent]] = defaultdict(list)
    for r in event_records:
        ev = CooperationEvent.model_validate_json(r.value)
        assert r.key == ev.event_id.encode()
        assert ev.extracted_at is not None
        assert ev.extractor == info
        got[ev.article_id].append(ev)

    by_article = {s.article_id: s for s in summaries}
    for a in articles:
        want = sorted((strip_time(e) for e in expected[a.article_id]), key=lambda d: d["event_id"])
        have = sorted((strip_time(e) for e in got.get(a.article_id, [])), key=lambda d: d["event_id"])
        assert have == want, f"events of article {a.article_id} differ from the engine's"
        summary = by_article[a.article_id]
        assert summary.event_ids == [e.event_id for e in expected[a.article_id]]
        stamps = {e.extracted_at for e in got.get(a.article_id, [])}
        assert stamps <= {summary.extracted_at}  # one timestamp per article

    dead = await read_topic(kafka_bootstrap, unique_topics.topic_articles_raw_dlq, expect=2, settle=0.5)
    reasons = {r.key: headers_to_dict(list(r.headers)) for r in dead}
    assert set(reasons) == {b"bad-1", b"bad-2"}
    assert reasons[b"bad-1"][DLQ_ERROR_CLASS] == "InvalidJSON"
    assert reasons[b"bad-2"][DLQ_ERROR_CLASS] == "ValidationError"
    assert {int(h[DLQ_SOURCE_OFFSET]) >= 0 for h in reasons.values()} == {True}

    statuses = ("events", "no_events", "skipped")
    handled = sum(
        REGISTRY.get_sample_value("accord_articles_extracted_total", {"service": "extractor", "status": s})
        or 0
        for s in statuses
    )
    assert handled >= len(articles)


def test_accord_extractor_process_serves_metrics_and_healthz_and_stops_on_sigterm(
    kafka_bootstrap: str,
    unique_topics: TopicSettings,
    tmp_path: Path,
    engine: tuple[ExtractorLike, ExtractorInfo],
) -> None:
    articles = [raw_article(100 + n, text=TEXTS[n % len(TEXTS)]) for n in range(4)]
    asyncio.run(
        produce(
            kafka_bootstrap,
            unique_topics.topic_articles_raw,
            [article_json(a) for a in articles],
            keys=[a.article_id.encode() for a in articles],
        )
    )
    port = free_port()
    env = {
        **os.environ,
        **{f"ACCORD_{k.upper()}": str(v) for k, v in unique_topics.model_dump().items()},
        "ACCORD_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "ACCORD_KAFKA_IDEMPOTENCE": "false",
        "ACCORD_KAFKA_SESSION_TIMEOUT_MS": "2000",
        "ACCORD_KAFKA_HEARTBEAT_INTERVAL_MS": "500",
    }
    log_path = tmp_path / "extractor.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.cli",
                "extractor",
                "--group",
                f"g-{uuid.uuid4().hex[:6]}",
                "--metrics-port",
                str(port),
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            summaries = asyncio.run(
                read_topic(
                    kafka_bootstrap, unique_topics.topic_articles_extracted, expect=len(articles), within=120
                )
            )
            assert len(summaries) == len(articles)
            text = ""
            deadline = time.monotonic() + 10
            handled = 0.0
            while time.monotonic() < deadline and handled < len(articles):
                text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text
                handled = sum(
                    s.value
                    for fam in text_string_to_metric_families(text)
                    if fam.name == "accord_articles_extracted"
                    for s in fam.samples
                    if s.name.endswith("_total")
                )
                time.sleep(0.2)
            assert handled == len(articles)
            assert "accord_consumer_lag_records" in text
            health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            assert health.status_code == 200 and health.json()["status"] == "ok"
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(60) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    lines = [orjson.loads(line) for line in log_path.read_bytes().splitlines() if line.startswith(b"{")]
    assert any(line.get("event") == "extractor.loaded" for line in lines)
    assert all(line.get("service") == "extractor" for line in lines)
