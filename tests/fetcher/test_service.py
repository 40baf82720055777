"""The fetcher on the embedded broker and a real Postgres: records, restarts, interruptions, bad input."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from aiokafka.structs import ConsumerRecord
from sqlalchemy import create_engine, func, inspect, select

from libs.contracts.articles import RawArticle, article_id_for, content_hash
from libs.contracts.records import headers_to_dict
from libs.contracts.topics import TopicSettings
from libs.infra.broker import free_port
from libs.runtime.db import sqlalchemy_url
from services.fetcher.config import FetcherSettings, SourceConfig
from services.fetcher.db.models import articles as ledger_articles
from services.fetcher.db.models import sources as ledger_sources
from services.fetcher.pipeline import SourceReport
from services.fetcher.service import run_fetcher
from tests.runtime.kafka_helpers import read_topic as read_all
from tests.waiting import wait_until

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]


# --- helpers ---------------------------------------------------------------------------------------


def settings_for(bootstrap: str, database_url: str, **kw: Any) -> FetcherSettings:
    values: dict[str, Any] = {
        "kafka_bootstrap_servers": bootstrap,
        "kafka_idempotence": False,
        "database_url": database_url,
        "fetcher_build_workers": 0,
        "fetcher_batch_size": 7,
        "retry_initial_backoff_s": 0.05,
        "retry_max_backoff_s": 0.5,
        "metrics_port": None,
    }
    values.update(kw)
    return FetcherSettings(**values)


def read_topic(
    bootstrap: str, topic: str, expect: int, within: float = 20.0, settle: float = 1.0
) -> list[ConsumerRecord]:
    """Every record of `topic`, waiting for `expect` of them and `settle` seconds more (to catch extras)."""
    return asyncio.run(read_all(bootstrap, topic, expect=expect, within=within, settle=settle))


def fetch(
    settings: FetcherSettings, sources: list[SourceConfig], topics: TopicSettings, **kw: Any
) -> dict[str, SourceReport]:
    reports = asyncio.run(run_fetcher(settings, sources, topics=topics, once=True, **kw))
    return {r.source: r for r in reports}


def ledger_count(database_url: str) -> int:
    engine = create_engine(sqlalchemy_url(database_url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(ledger_articles)).scalar_one())
    finally:
        engine.dispose()


def write_corpus(
    path: Path, n: int, *, bad_lines: bool = False, duplicate_of: int | None = None
) -> list[str]:
    """A gzip JSON-lines corpus of `n` generated articles (plus bad lines); returns the expected texts."""
    lines: list[str] = []
    texts: list[str] = []
    for i in range(n):
        text = f"Article {i}: the science ministers of two countries met on day {i} and agreed to cooperate."
        lines.append(
            json.dumps({"id": f"g-{i}", "file": f"data/{i}.txt", "slug": f"Article-{i}", "text": text})
        )
        texts.append(text)
        if bad_lines and i == 3:
            lines += ['{"id": "broken", "text": "unterminated', "[]", json.dumps({"id": "no-text"})]
    if duplicate_of is not None:
        lines.append(json.dumps({"id": "dup", "text": texts[duplicate_of]}))
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return texts


HTML_PAGE = """<html lang="en"><head><title>Iran and Iraq sign science pact</title>
<link rel="canonical" href="https://news.example.org/2025/02/iran-iraq-pact?utm_source=feed"></head>
<body><h1>Iran and Iraq sign science pact</h1>
<p>TEHRAN &ndash; Iran and Iraq signed a memorandum on scientific cooperation on Sunday.</p>
<p>Both ministries will fund joint research projects in medicine and engineering.</p></body></html>"""


def make_folder(root: Path) -> None:
    (root / "2025").mkdir(parents=True)
    (root / "2025" / "pact.html").write_text(HTML_PAGE)
    (root / "a-note.txt").write_text(
        "# University exchange\n\n![](https://img.example.org/x.jpg)\nThe universities of Tehran and Baghdad will exchange   students.\n"
    )
    (root / "empty.md").write_text("   \n")


# --- tests --------------------------------------------------------------------------------------------


FIXTURES = Path(__file__).parent / "fixtures" / "press"


def test_folder_and_jsonl_publish_records_and_restart_publishes_nothing_twice(
    kafka_bootstrap: str, unique_topics: TopicSettings, database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "press"
    shutil.copytree(FIXTURES, folder)
    corpus = tmp_path / "tt.jsonl.gz"
    texts = write_corpus(corpus, 20, bad_lines=True, duplicate_of=5)
    sources = [
        SourceConfig(name="press", kind="folder", path=folder, publisher="Press Office"),
        SourceConfig(name="tt", kind="jsonl", path=corpus, publisher="Tehran Times", language="en"),
    ]
    settings = settings_for(kafka_bootstrap, database_url)
    reports = fetch(settings, sources, unique_topics)

    assert reports["press"].published == 3 and reports["press"].skipped == Counter({"empty": 1})
    assert reports["tt"].published == 20
    assert reports["tt"].skipped == Counter({"bad_record": 2, "empty": 1, "duplicate": 1})
    assert all(r.completed and r.error is None for r in reports.values())

    records = read_topic(kafka_bootstrap, unique_topics.topic_articles_raw, expect=23)
    assert len(records) == 23
    arts = {}
    for rec in records:
        art = RawArticle.model_validate(orjson.loads(rec.value))
        assert rec.key == art.article_id.encode()
        h = headers_to_dict(rec.headers)
        assert h["ce_type"] == "org.accord.article.raw.v1" and h["ce_source"] == "accord/fetcher"
        assert h["ce_id"] == f"{art.article_id}:{art.content_hash[:16]}"
        assert h["schema_version"] == art.schema_version == "1.0" and h["content-type"] == "application/json"
        assert art.content_hash == content_hash(art.text)
        arts[art.fetch.source_ref] = art
    assert len(arts) == 23
    assert sorted(a.text for a in arts.values() if a.source == "tt") == sorted(texts)
    assert {a.publisher for a in arts.values() if a.source == "tt"} == {"Tehran Times"}
    assert arts["g-7"].fetch.kind == "jsonl" and arts["g-7"].canonical_url is None

    page = arts["2025/02/science-week.html"]
    assert page.canonical_url == "https://www.example-daily.test/news/2025/02/science-week"
    assert page.article_id == article_id_for(page.canonical_url, page.text)
    assert page.title == "Iran and Iraq agree on professor exchange at Science Week"
    assert page.language == "en" and page.publisher == "Press Office"
    assert page.published_at == datetime(2025, 2, 10, 5, 45, tzinfo=UTC)
    assert "signed an action plan on the first day of the second Iran-Iraq Science Week" in page.text
    for boilerplate in ("Subscribe now", "Most read", "All rights reserved", "dataLayer"):
        assert boilerplate not in page.text
    note = arts["2025/02/health-mou.txt"]
    assert note.title == "Health ministries sign memorandum" and note.language == "en"
    assert note.text.startswith("Health ministries sign memorandum\n\nTEHRAN – The health ministers")
    assert "![](" not in note.text and "\n\nThe ministers also agreed" in note.text
    assert arts["notes.txt"].text == (
        "Agenda notes (draft)\n\nThe universities of Tehran and Baghdad will exchange students next year."
    )
    assert ledger_count(database_url) == 23

    # Restart: both sources unchanged, nothing read, nothing published.
    again = fetch(settings, sources, unique_topics)
    assert all(r.unchanged and r.published == 0 for r in again.values())
    # Rescan: everything read again, every article found in the ledger.
    rescan = fetch(settings, sources, unique_topics, rescan=True)
    assert rescan["tt"].published == 0 and rescan["tt"].skipped["duplicate"] == 21
    assert rescan["press"].published == 0 and rescan["press"].skipped["duplicate"] == 3
    assert len(read_topic(kafka_bootstrap, unique_topics.topic_articles_raw, expect=23)) == 23


def test_interrupted_backfill_resumes_and_publishes_each_article_once(
    kafka_bootstrap: str,
    unique_topics: TopicSettings,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = tmp_path / "big.jsonl.gz"
    write_corpus(corpus, 60)
    source = SourceConfig(name="big", kind="jsonl", path=corpus)
    first = fetch(settings_for(kafka_bootstrap, database_url), [source], unique_topics, max_items=23)["big"]
    assert first.items == 23 and first.published == 23 and not first.completed

    engine = create_engine(sqlalchemy_url(database_url))
    with engine.connect() as conn:
        saved = conn.execute(select(ledger_sources).where(ledger_sources.c.source == "big")).one()
    engine.dispose()
    assert saved.cursor["line"] == 23 and not saved.completed

    # The rest, built in a worker process this time.
    rest = fetch(
        settings_for(kafka_bootstrap, database_url, fetcher_build_workers=1), [source], unique_topics
    )["big"]
    assert rest.resumed_from is not None and rest.resumed_from["line"] == 23
    assert rest.items == 37 and rest.published == 37 and rest.completed
    monkeypatch.setenv("ACCORD_DATABASE_URL", database_url)
    from app.cli import main

    capsys.readouterr()
    assert main(["fetcher", "status"]) == 0
    (status,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status["source"] == "big" and status["completed"] and status["articles_in_ledger"] == 60
    assert status["cursor"]["line"] == 60

    records = read_topic(kafka_bootstrap, unique_topics.topic_articles_raw, expect=60)
    keys = Counter(r.key for r in records)
    assert len(keys) == 60 and set(keys.values()) == {1}
    assert ledger_count(database_url) == 60


def test_changed_file_publishes_only_new_and_changed_articles(
    kafka_bootstrap: str, unique_topics: TopicSettings, database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    make_folder(folder)
    source = SourceConfig(name="docs", kind="folder", path=folder)
    settings = settings_for(kafka_bootstrap, database_url)
    assert fetch(settings, [source], unique_topics)["docs"].published == 2
    # The page is edited (same canonical URL, new text) and a new file appears.
    (folder / "2025" / "pact.html").write_text(HTML_PAGE.replace("on Sunday", "on Sunday in Tehran"))
    (folder / "b-new.txt").write_text("Iran and Oman opened a joint laboratory for marine research.")
    second = fetch(settings, [source], unique_topics)["docs"]
    assert second.published == 2 and second.skipped["duplicate"] == 1
    records = read_topic(kafka_bootstrap, unique_topics.topic_articles_raw, expect=4)
    assert len(records) == 4
    by_key = Counter(r.key for r in records)
    assert sorted(by_key.values()) == [1, 1, 2]  # the page: two versions under one id


def test_migrations_up_down_and_cli(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main
    from services.fetcher.db.migrate import current_revision, downgrade, head_revision, upgrade
    from services.fetcher.ledger import ledger_engine

    monkeypatch.setenv("ACCORD_DATABASE_URL", database_url)
    assert main(["fetcher", "migrate"]) == 0
    assert f"revision {head_revision()}" in capsys.readouterr().out
    engine = ledger_engine(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"fetcher_ledger", "fetcher_sources", "fetcher_alembic_version"} <= tables
        assert downgrade(engine, "base") is None
        assert not {"fetcher_ledger", "fetcher_sources"} & set(inspect(engine).get_table_names())
        assert upgrade(engine) == head_revision() == current_revision(engine)
    finally:
        engine.dispose()
    assert main(["fetcher", "status"]) == 0
    assert capsys.readouterr().out == ""  # no source scanned yet


# --- the CLI as a process: signals ------------------------------------------------------------------


def _cli_env(bootstrap: str, database_url: str, topics: TopicSettings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env.update(
        ACCORD_KAFKA_BOOTSTRAP_SERVERS=bootstrap,
        ACCORD_KAFKA_IDEMPOTENCE="false",
        ACCORD_DATABASE_URL=database_url,
        ACCORD_TOPIC_ARTICLES_RAW=topics.topic_articles_raw,
        ACCORD_FETCHER_BATCH_SIZE="50",
        ACCORD_FETCHER_BUILD_WORKERS="0",
        ACCORD_FETCHER_DETECT_LANGUAGE="false",
        ACCORD_FETCHER_POLL_INTERVAL_S="3600",
        ACCORD_RETRY_MAX_BACKOFF_S="0.5",
    )
    return env


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "fetcher", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=log.open("wb"),
    )


def _wait_for_records(
    bootstrap: str, topic: str, at_least: int, proc: subprocess.Popen[bytes], within: float = 60
) -> None:

    def enough() -> bool:
        assert proc.poll() is None, f"the fetcher exited with {proc.poll()} before {at_least} records"
        return len(read_topic(bootstrap, topic, expect=at_least, within=1.0, settle=0)) >= at_least

    wait_until(enough, within, f"{at_least} records on {topic}", every=0)  # read_topic waits 1 s itself


def test_sigterm_drains_and_sigkill_restart_loses_nothing(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "stream.jsonl.gz"
    n = 3000
    write_corpus(corpus, n)
    env = _cli_env(kafka_bootstrap, embedded_database_url, unique_topics)
    topic = unique_topics.topic_articles_raw
    spec = f"stream=jsonl:{corpus}"

    def distinct_keys(within: float = 3) -> tuple[int, int]:
        records = read_topic(kafka_bootstrap, topic, expect=n, within=within, settle=0)
        return len(records), len({r.key for r in records})

    # 1. Follow mode, SIGKILL once records flow: the ledger holds only acknowledged articles; the
    #    batches acknowledged but not yet recorded (at most 4 in flight x 50) may be published again.
    proc = _start(["--source", spec], env, tmp_path / "run1.log")
    _wait_for_records(kafka_bootstrap, topic, 100, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    _total1, distinct1 = distinct_keys()
    ledger1 = ledger_count(embedded_database_url)
    assert ledger1 <= distinct1 <= ledger1 + 4 * 50

    # 2. Restart in follow mode, SIGTERM: drains in-flight batches, records them, exits 0. Meanwhile
    #    /healthz answers 200, also after a liveness window spent publishing or waiting between scans.
    port = free_port()
    proc = _start(["--source", spec, "--metrics-port", str(port)], {**env, "ACCORD_LIVENESS_WINDOW_S": "2"},
                  tmp_path / "run2.log")  # fmt: skip
    _wait_for_records(kafka_bootstrap, topic, distinct1 + 50, proc)
    time.sleep(2.5)
    health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
    assert health.status_code == 200, health.text
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == 0, (tmp_path / "run2.log").read_text()[-3000:]
    _total2, distinct2 = distinct_keys()
    assert ledger_count(embedded_database_url) == distinct2  # everything acknowledged was recorded

    # 3. Finish with --once: every article on the topic, only the SIGKILL window repeated.
    proc = _start(["--source", spec, "--once"], env, tmp_path / "run3.log")
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, (tmp_path / "run3.log").read_text()[-3000:]
    final = json.loads(out.decode().strip().splitlines()[-1])
    assert final["source"] == "stream" and final["completed"] and final["error"] is None

    records = read_topic(kafka_bootstrap, topic, expect=n, within=30)
    keys = Counter(r.key for r in records)
    assert len(keys) == n == ledger_count(embedded_database_url)  # nothing lost
    assert len(records) - n <= distinct1 - ledger1  # repeats only from the unrecorded batches at the kill


def test_forget_republishes_articles_a_lost_broker_never_delivered(
    kafka_bootstrap: str, unique_topics: TopicSettings, database_url: str, tmp_path: Path
) -> None:
    from services.fetcher.ledger import PgLedger, ledger_engine

    corpus = tmp_path / "c.jsonl.gz"
    write_corpus(corpus, 12)
    source = SourceConfig(name="c", kind="jsonl", path=corpus)
    settings = settings_for(kafka_bootstrap, database_url)
    assert fetch(settings, [source], unique_topics)["c"].published == 12
    records = read_topic(kafka_bootstrap, unique_topics.topic_articles_raw, expect=12)
    lost = sorted({r.key.decode() for r in records})[:5]
    engine = ledger_engine(database_url)
    try:
        assert PgLedger(engine).forget_sync(lost) == 5
    finally:
        engine.dispose()
    again = fetch(settings, [source], unique_topics)["c"]
    assert not again.unchanged and again.published == 5 and again.skipped["duplicate"] == 7
    records = read_topic(kafka_bootstrap, unique_topics.topic_articles_raw, expect=17)
    assert Counter(r.key.decode() for r in records) == Counter({k: 2 for k in lost}) + Counter(
        {r.key.decode(): 1 for r in records if r.key.decode() not in lost}
    )


def test_optional_sources_whose_file_is_missing_are_left_out(tmp_path: Path) -> None:
    from services.fetcher.service import present

    web = SourceConfig(name="feed", kind="feed", url="http://127.0.0.1:8080/feed.xml")
    missing = SourceConfig(name="corpus", kind="jsonl", path=tmp_path / "absent.jsonl.gz", optional=True)
    required = SourceConfig(name="local", kind="jsonl", path=tmp_path / "also-absent.jsonl")
    assert present([missing, web, required]) == [web, required]  # a required one fails later, loudly


def test_an_unreachable_web_source_is_retried_and_a_signal_still_exits_0(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, tmp_path: Path
) -> None:
    """Following sources (`accord up`'s mode), a failing source is a poll's error, not the fetcher's:
    SIGINT stops it with 0. `--once` reports the failed source with exit code 1."""
    env = _cli_env(kafka_bootstrap, embedded_database_url, unique_topics)
    dead = f"feed:http://127.0.0.1:{free_port()}/feed.xml"  # nothing listens there
    proc = _start(["--source", dead], env, tmp_path / "follow.log")
    deadline = time.monotonic() + 60
    while "fetcher.source.error" not in (tmp_path / "follow.log").read_text() and time.monotonic() < deadline:
        assert proc.poll() is None, (tmp_path / "follow.log").read_text()[-3000:]
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, (tmp_path / "follow.log").read_text()[-3000:]
    assert json.loads(out.decode().strip().splitlines()[-1])["error"]  # the failure is still reported

    proc = _start(["--source", dead, "--once"], env, tmp_path / "once.log")
    proc.communicate(timeout=60)
    assert proc.returncode == 1
