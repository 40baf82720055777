"""Fixtures of the dashboard's browser tests: a real `accord store` seeded through its sink, and Chromium.

The store runs as a process (sink + API + the dashboard's static files) on the embedded Postgres and the
session's embedded broker; the events reach it as the extractor publishes them (records on the topics),
never by inserting rows. The browser is Debian's `chromium` driven by Playwright (never a browser
download): when it is missing these tests skip with the reason, except under CI (`CI=true`), where they fail.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from libs.contracts.events import CooperationEvent
from libs.contracts.records import encode
from libs.contracts.topics import TopicSettings
from libs.infra.broker import free_port
from tests.conftest import REPO_ROOT, make_unique_topics
from tests.runtime.kafka_helpers import produce
from tests.store.dashboard.seed import seed_dataset
from tests.store.helpers import store_process_env
from tests.waiting import wait_until

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STATIC = REPO_ROOT / "services" / "store" / "dashboard" / "static"
OUTPUT = REPO_ROOT / "tests" / "output"


def _unavailable(reason: str) -> None:
    """Skip with `reason`, or fail under CI where the browser tests must run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, launched by Playwright with `executable_path`.

    Module-scoped: Playwright's sync API holds an event loop on this thread while it runs, which
    would break `asyncio.run` in the tests that come after these.
    """
    if not CHROMIUM.exists():
        _unavailable(
            f"Debian chromium not installed at {CHROMIUM} (`make test` installs it as root: apt-get install -y chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed (make install)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Store:
    """A running `accord store` and what it was seeded with."""

    url: str
    events: list[CooperationEvent]  # the current events (what the dashboard shows by default)
    log: Path

    def get(self, path: str, params: Any = None) -> httpx.Response:
        return httpx.get(self.url + path, params=params, timeout=10)


def _run(coro: Any) -> Any:
    """Run a coroutine to completion on a thread of its own (Playwright's sync API owns this thread's loop)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _topics(bootstrap: str) -> TopicSettings:
    """The session broker's uniquely named topics (`make_unique_topics`), made on a thread of its own."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(make_unique_topics, bootstrap).result()


async def _publish(bootstrap: str, topics: TopicSettings, models: list[Any], topic: str) -> None:
    recs = [encode(m, topic=topic, source="tests/dashboard") for m in models]
    await produce(
        bootstrap, topic, [r.value for r in recs], keys=[r.key for r in recs], headers=recs[0].headers
    )


def _wait(predicate: Any, what: str, log: Path, proc: subprocess.Popen[bytes], within: float = 120) -> None:
    last: Any = None

    def done() -> bool:
        nonlocal last
        assert proc.poll() is None, f"the store exited:\n{log.read_text()[-3000:]}"
        try:
            last = predicate()
        except httpx.HTTPError as exc:
            last = repr(exc)
        return last is True

    wait_until(done, within, what, lambda: f"last answer: {last}\n{log.read_text()[-3000:]}", every=0.25)


@pytest.fixture(scope="module")
def store(
    embedded_pg_url: str, kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """`accord store` on a fresh database, seeded through its sink with `seed_dataset()`."""
    if not (STATIC / "index.html").exists():
        _unavailable(f"the dashboard is not built ({STATIC}/index.html missing: run `make install`)")
    from tests.conftest import _fresh_database

    databases = _fresh_database(embedded_pg_url)
    database_url = next(databases)
    log = tmp_path_factory.mktemp("store") / "store.log"
    port = free_port()
    try:
        topics = _topics(kafka_bootstrap)
        with log.open("ab") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "app.cli", "store"],
                env=store_process_env(database_url, kafka_bootstrap, topics, port),
                cwd=REPO_ROOT,
                stdout=out,
                stderr=out,
            )
    except BaseException:
        next(databases, None)
        raise
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: httpx.get(url + "/readyz", timeout=5).status_code == 200, "store not ready", log, proc)
        events, summaries, current = seed_dataset()
        _run(_publish(kafka_bootstrap, topics, events, topics.topic_events))
        _run(_publish(kafka_bootstrap, topics, summaries, topics.topic_articles_extracted))
        want = len(current)
        _wait(
            lambda: (
                httpx.get(url + "/v1/events", params={"limit": 1}, timeout=5).json()["total"] == want
                or "still sinking"
            ),
            f"the store did not receive the {want} seeded events",
            log,
            proc,
        )
        yield Store(url, current, log)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        next(databases, None)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Where screenshots and downloads are written (`tests/output/`, git-ignored)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
