"""Faults an operator meets, injected into the real services (processes) on the embedded broker and a
Postgres this module owns: nothing lost, nothing duplicated, nothing dead-lettered, and every service
recovers by itself.

* SIGKILL of every service at seeded random points: the fetcher mid-backfill (a file) and mid-poll
  (a local web source), the extractors, the store; restarted; the final database is exact.
* Postgres frozen (SIGSTOP of all its processes) for 30 s, then stopped and started again, while
  events flow: the store and the fetcher's ledger wait and retry, /readyz says 503 naming the database.
* The broker down at start (services first), and killed mid-run under `accord up` (memory-only: the
  fetcher publishes again what the store never confirmed).
* A rebalance: extractors join and leave mid-stream.

The seed of the random schedules is printed (`[faults] seed N`); `ACCORD_FAULT_SEED=N` replays it.
`make reliability-faults` runs longer variants (more kills, more articles: `ACCORD_FAULT_*`).
Figures and how to re-run each: docs/reliability/faults.md.
"""

from __future__ import annotations

import random
import shutil
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from app.up.progress import ProgressLine, ProgressSources
from libs.contracts.topics import TopicSettings
from tests.conftest import _postgres_readable_dir
from tests.fetcher.web.site import Page, Site, article_html, respond, rss
from tests.integration.faults import (
    FaultPipeline,
    OwnedPostgres,
    audit,
    fault_seed,
    redelivered,
    say,
    scaled,
    wait_for,
    write_jsonl,
)
from tests.integration.synthetic import make_articles

pytestmark = pytest.mark.integration

WEB_ENV = {
    "ACCORD_FETCHER_WEB_MIN_HOST_DELAY_S": "0",
    "ACCORD_FETCHER_WEB_MIN_TEXT_CHARS": "100",
    "ACCORD_FETCHER_WEB_CONTACT_URL": "https://example.org/tests",
    "ACCORD_FETCHER_WEB_POLL_INTERVAL_S": "2",
    "ACCORD_FETCHER_POLL_INTERVAL_S": "2",
}


@pytest.fixture(scope="module")
def owned_pg() -> Iterator[OwnedPostgres]:
    """A Postgres of this module alone: freezing or stopping it disturbs no other test."""
    base = _postgres_readable_dir("accord-faults-pg-")
    pg = OwnedPostgres(base)
    try:
        yield pg
    finally:
        pg.close()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pipeline(
    kafka_bootstrap: str, unique_topics: TopicSettings, owned_pg: OwnedPostgres, tmp_path: Path
) -> Iterator[FaultPipeline]:
    suffix = uuid.uuid4().hex[:8]
    p = FaultPipeline(kafka_bootstrap, unique_topics, owned_pg.database(f"faults_{suffix}"), tmp_path, suffix)
    p.extra_env.update(WEB_ENV)
    p.migrate()
    try:
        yield p
    finally:
        p.stop_all()


def _diagnose(p: FaultPipeline) -> str:
    return "\n".join(
        f"--- {n} ---\n{p.log(n)[-2000:]}"
        for n in sorted({*p.procs, "store", "fetcher-files", "fetcher-web"})
    )


def _slow_site(n: int, delay_s: float) -> tuple[Site, list[str]]:
    """A local news site: a feed of `n` article pages, each served after `delay_s` (a poll takes a while)."""
    site = Site()
    paths = []
    for i, record in enumerate(make_articles(n, seed=404)):
        path = f"/news/{i}/story-{i}"
        page = Page(article_html(f"Story {i} of the day", paragraphs=record["text"].split("\n\n")))

        def slow(h: BaseHTTPRequestHandler, page: Page = page) -> None:
            time.sleep(delay_s)
            respond(h, page)

        site.add(path, slow)
        paths.append(path)
    items = [(site.url(p), f"Story {i}", "Wed, 12 Feb 2025 09:00:00 GMT") for i, p in enumerate(paths)]
    site.add("/feed.xml", Page(rss(items), content_type="application/rss+xml"))
    return site, paths


def _kill_plan(rng: random.Random, kills: int) -> dict[str, list[tuple[str, float]]]:
    """service -> [(process to kill, fraction of its progress measure at which to kill it)], sorted.

    `kills` for each: the file fetcher mid-backfill (measure: its ledger rows), the web fetcher
    mid-poll (pages served), an extractor and the store (articles stored). Each runs in a thread
    of its own, so the kills of different services interleave as they fall.
    """
    return {
        "fetcher-files": sorted(("fetcher-files", rng.uniform(0.05, 0.8)) for _ in range(kills)),
        "fetcher-web": sorted(("fetcher-web", rng.uniform(0.05, 0.7)) for _ in range(kills)),
        "extractor": sorted(
            (rng.choice(["extractor-1", "extractor-2"]), rng.uniform(0.1, 0.8)) for _ in range(kills)
        ),
        "store": sorted(("store", rng.uniform(0.1, 0.8)) for _ in range(kills)),
    }


def test_sigkill_of_every_service_at_random_points_loses_and_duplicates_nothing(
    pipeline: FaultPipeline, tmp_path: Path
) -> None:
    p = pipeline
    seed = fault_seed()
    rng = random.Random(seed)
    kills, n_files, n_pages = scaled("KILLS", 2), scaled("ARTICLES", 160), scaled("PAGES", 10)
    plan = _kill_plan(rng, kills)
    say(
        "schedule: "
        + "; ".join(f"{k}: " + ", ".join(f"{svc}@{f:.2f}" for svc, f in v) for k, v in plan.items())
    )
    source = write_jsonl(tmp_path / "files.jsonl", make_articles(n_files, seed=seed % 1000))
    site, _ = _slow_site(n_pages, delay_s=1.0)
    p.extra_env.update({"ACCORD_STORE_BATCH_SIZE": "10", "ACCORD_FETCHER_MAX_IN_FLIGHT_BATCHES": "1"})
    services = {
        "store": ("store", "--no-migrate"),
        "extractor-1": ("extractor",),
        "extractor-2": ("extractor",),
        "fetcher-web": ("fetcher", "--source", f"web=feed:{site.url('/feed.xml')}"),
        "fetcher-files": ("fetcher", "--source", f"files=jsonl:{source}", "--batch-size", "2", "--once"),
    }
    total = n_files + n_pages
    measures = {
        "fetcher-files": (lambda: p.ledger_count("files"), n_files, "backfill"),
        "fetcher-web": (lambda: len({x for x in site.paths() if x.startswith("/news/")}), n_pages, "poll"),
        "extractor": (lambda: p.stored_counts()[0], total, "stored"),
        "store": (lambda: p.stored_counts()[0], total, "stored"),
    }
    done: list[str] = []

    def killer(kind: str, delays: random.Random) -> None:
        measure, whole, what = measures[kind]
        last = 0
        for svc, frac in plan[kind]:
            want = min(whole, max(int(frac * whole), last + 1))  # past the previous kill, unless all is done
            wait_for(
                lambda want=want: measure() >= want,
                240,
                f"{what} >= {want}",
                lambda: _diagnose(p),
                every=0.01,
            )
            p.kill(svc)
            last = measure()
            done.append(f"{svc} at {what} {last}/{whole}")
            say(f"SIGKILL {svc} at {what} {last}/{whole} (t={time.monotonic() - started:.1f} s)")
            time.sleep(delays.uniform(0.0, 1.0))
            p.start_service(svc, *services[svc])

    with site:
        started = time.monotonic()
        for name, args in services.items():
            p.start_service(name, *args)
        with ThreadPoolExecutor(len(plan)) as pool:
            for future in [pool.submit(killer, kind, random.Random(rng.random())) for kind in plan]:
                future.result()
        wait_for(lambda: p.stored_counts()[0] >= total, 300, f"{total} articles stored", lambda: _diagnose(p))
        drained = time.monotonic() - started
    mid_backfill = [d for d in done if " backfill " in d and not d.endswith(f" {n_files}/{n_files}")]
    mid_poll = [d for d in done if " poll " in d and not d.endswith(f" {n_pages}/{n_pages}")]
    assert mid_backfill, f"no fetcher kill landed mid-backfill: {done}"
    assert mid_poll, f"no fetcher kill landed mid-poll: {done}"

    articles = p.raw_articles()
    assert len(articles) == total
    expected = p.expected_events(articles)
    wait_for(
        lambda: p.stored_counts() == (total, len(expected)), 120, "every event stored", lambda: _diagnose(p)
    )
    figures = audit(p, articles, expected)
    figures["redelivered"] = redelivered(p, total)
    _operator_view_is_true(p, published=total)
    assert p.procs["fetcher-files"].wait(30) == 0
    codes = p.stop_all()
    assert set(codes.values()) == {0}, codes
    say(f"kills: {len(done)} ({kills} per kind), drained in {drained:.1f} s, {figures}")


def _operator_view_is_true(p: FaultPipeline, published: int) -> None:
    """After the crashes, `accord up`'s progress line and the lag metrics tell the real state: lag 0."""
    progress = ProgressLine(ProgressSources(dict(p.metrics_ports), p.database_url), tty=False)
    try:

        def settled() -> bool:
            snap = progress.collect()
            return snap.idle() and snap.published == snap.articles_stored == published

        wait_for(settled, 60, "progress: everything published stored, lag 0", lambda: str(progress.collect()))
        line = progress.line(progress.collect())
    finally:
        progress.close()
    assert f"published {published:,}" in line and "lag raw 0 store 0" in line, line
    for name, port in p.metrics_ports.items():
        if name.startswith("extractor") or name == "store":
            text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
            lags = [ln for ln in text.splitlines() if ln.startswith("accord_consumer_lag_records{")]
            assert lags and all(ln.rsplit(" ", 1)[1] in ("0.0", "0") for ln in lags), (name, lags)
    say(f"operator view after the kills: {line}")
