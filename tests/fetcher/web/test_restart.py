"""A fetcher process killed with SIGKILL in the middle of a poll, then restarted: nothing lost, nothing twice."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from libs.contracts.topics import TopicSettings
from libs.runtime.db import sqlalchemy_url
from services.fetcher.db.models import articles as ledger
from tests.fetcher.web.site import Page, Site, article_html, respond, rss
from tests.runtime.kafka_helpers import read_topic
from tests.waiting import wait_until

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
N = 6


def _ledger_count(url: str) -> int:
    engine = create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(ledger)).scalar_one())
    finally:
        engine.dispose()


def _env(bootstrap: str, database_url: str, topics: TopicSettings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env.update(
        ACCORD_KAFKA_BOOTSTRAP_SERVERS=bootstrap,
        ACCORD_KAFKA_IDEMPOTENCE="false",
        ACCORD_DATABASE_URL=database_url,
        ACCORD_TOPIC_ARTICLES_RAW=topics.topic_articles_raw,
        ACCORD_FETCHER_BUILD_WORKERS="0",
        ACCORD_FETCHER_WEB_MIN_HOST_DELAY_S="0",
        ACCORD_FETCHER_WEB_MIN_TEXT_CHARS="100",
        ACCORD_FETCHER_WEB_READ_TIMEOUT_S="30",
        ACCORD_FETCHER_WEB_TOTAL_TIMEOUT_S="60",
        ACCORD_RETRY_MAX_BACKOFF_S="0.5",
    )
    return env


def test_sigkill_mid_poll_then_restart_publishes_every_article_exactly_once(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, tmp_path: Path
) -> None:
    release = threading.Event()
    pages = {
        f"/news/{i}": Page(article_html(f"Story {i} about a research pact", day=f"day {i}"))
        for i in range(1, N + 1)
    }

    def held(h: BaseHTTPRequestHandler) -> None:  # page 4 answers only once released
        release.wait(30)
        respond(h, pages["/news/4"])

    with Site() as site:
        for path, page in pages.items():
            site.add(path, held if path == "/news/4" else page)
        dates = [f"Sun, 0{9 - i} Feb 2025 08:00:00 GMT" for i in range(1, N + 1)]  # newest first: 1..6
        feed = rss([(site.url(p), p, d) for p, d in zip(pages, dates, strict=True)])
        site.add("/feed.xml", Page(feed, content_type="application/rss+xml", etag='"feed-1"'))
        env = _env(kafka_bootstrap, embedded_database_url, unique_topics)
        spec = f"news=feed:{site.url('/feed.xml')}"
        cmd = [sys.executable, "-m", "app.cli", "fetcher", "--source", spec]
        log1 = (tmp_path / "run1.log").open("wb")
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log1, stderr=log1)
        try:
            wait_until(lambda: site.count("/news/4") == 1 and _ledger_count(embedded_database_url) == 3, 60,
                       "pages 1-3 recorded and page 4 requested", every=0.2)  # fmt: skip
            proc.send_signal(signal.SIGKILL)  # mid-poll: page 4 in flight, 5 and 6 not fetched yet
            proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()
        release.set()
        assert _ledger_count(embedded_database_url) == 3

        done = subprocess.run([*cmd, "--once"], cwd=REPO, env=env, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode()[-3000:]
        assert site.seen("/feed.xml")[-1].headers.get("if-none-match") == '"feed-1"', (
            "second poll is conditional"
        )
        counts = {p: site.count(p) for p in pages}

    records = asyncio.run(
        read_topic(kafka_bootstrap, unique_topics.topic_articles_raw, expect=N, within=15, settle=1)
    )
    keys = Counter(r.key for r in records)
    assert len(keys) == N and set(keys.values()) == {1}, keys  # nothing lost, nothing twice
    assert _ledger_count(embedded_database_url) == N
    assert counts == {"/news/1": 1, "/news/2": 1, "/news/3": 1, "/news/4": 2, "/news/5": 1, "/news/6": 1}
