"""Faults an operator meets, injected into the real services (processes) on the embedded broker and a
Postgres this module owns: nothing lost, nothing duplicated, nothing dead-lettered, and every service
recovers by itself.

* SIGKILL of every service at seeded random points: the fetcher mid-backfill (a file) and mid-poll
  (a local web source), the extractors, the store; restarted; the final database is exact.
* Postgres frozen (SIGSTOP of all its processes) for 10 s (30 s in `make reliability-faults`), then stopped and started again, while
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
import signal
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import psutil
import pytest

from app.up.progress import ProgressLine, ProgressSources
from libs.contracts.topics import TopicSettings
from tests.conftest import _postgres_readable_dir
from tests.fetcher.web.site import Page, Site, article_html, respond, rss
from tests.integration.faults import (
    FaultPipeline,
    OwnedBroker,
    OwnedPostgres,
    audit,
    fault_seed,
    file_articles,
    process_tree,
    redelivered,
    say,
    scaled,
    signal_all,
    write_jsonl,
)
from tests.integration.synthetic import make_articles
from tests.waiting import wait_until

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


Measure = tuple[Callable[[], int], int, str]  # (progress now, its end, what it counts)


def _run_schedule(
    p: FaultPipeline,
    plan: dict[str, list[tuple[str, float]]],
    measures: dict[str, Measure],
    services: dict[str, tuple[str, ...]],
    rng: random.Random,
) -> list[str]:
    """Carry out `plan`, one thread per service: at each point SIGKILL, wait 0-1 s, start again."""
    done: list[str] = []
    started = time.monotonic()

    def killer(kind: str, delays: random.Random) -> None:
        measure, whole, what = measures[kind]
        last = 0
        for svc, frac in plan[kind]:
            want = min(whole, max(int(frac * whole), last + 1))  # past the previous kill, unless all is done
            wait_until(
                lambda w=want: measure() >= w, 240, f"{what} >= {want}", lambda: _diagnose(p), every=0.01
            )
            p.kill(svc)
            last = measure()
            done.append(f"{svc} at {what} {last}/{whole}")
            say(f"SIGKILL {svc} at {what} {last}/{whole} (t={time.monotonic() - started:.1f} s)")
            time.sleep(delays.uniform(0.0, 1.0))
            p.start_service(svc, *services[svc])

    with ThreadPoolExecutor(len(plan)) as pool:
        for future in [pool.submit(killer, kind, random.Random(rng.random())) for kind in plan]:
            future.result()
    return done


def test_sigkill_of_every_service_at_random_points_loses_and_duplicates_nothing(
    pipeline: FaultPipeline, tmp_path: Path
) -> None:
    p = pipeline
    seed = fault_seed()
    rng = random.Random(seed)
    kills, n_files, n_pages = scaled("KILLS", 2), scaled("ARTICLES", 320), scaled("PAGES", 10)
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
    with site:
        started = time.monotonic()
        for name, args in services.items():
            p.start_service(name, *args)
        done = _run_schedule(p, plan, measures, services, rng)
        wait_until(
            lambda: p.stored_counts()[0] >= total, 300, f"{total} articles stored", lambda: _diagnose(p)
        )
        drained = time.monotonic() - started
    mid_backfill = [d for d in done if " backfill " in d and not d.endswith(f" {n_files}/{n_files}")]
    mid_poll = [d for d in done if " poll " in d and not d.endswith(f" {n_pages}/{n_pages}")]
    assert mid_backfill, f"no fetcher kill landed mid-backfill: {done}"
    assert mid_poll, f"no fetcher kill landed mid-poll: {done}"

    articles = p.raw_articles()
    assert len(articles) == total
    expected = p.expected_events(articles)
    wait_until(
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

        wait_until(
            settled, 60, "progress: everything published stored, lag 0", lambda: str(progress.collect())
        )
        line = progress.line(progress.collect())
    finally:
        progress.close()
    assert f"published {published:,}" in line and "lag raw 0 store 0" in line, line
    # Each consumer's own gauge: every partition of its topic owned by some live process, each at lag 0.
    # Waited for, not read once: a restarted consumer's samples appear a second after its rebalance ends.
    wait_until(
        lambda: _lag_samples(p)[1],
        60,
        "every partition's lag sample present and 0",
        lambda: _lag_samples(p)[0],
    )
    say(f"operator view after the kills: {line}")


def _lag_samples(p: FaultPipeline) -> tuple[dict[str, list[str]], bool]:
    """The consumers' `accord_consumer_lag_records` lines by service, and whether all of them are 0, the
    extractors' together cover every partition of the raw topic, and the store reports its own."""
    lines: dict[str, list[str]] = {}
    for name, port in p.metrics_ports.items():
        if name.startswith("extractor") or name == "store":
            try:
                text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
            except httpx.HTTPError:
                text = ""
            lines[name] = [ln for ln in text.splitlines() if ln.startswith("accord_consumer_lag_records{")]
    samples = [ln for group in lines.values() for ln in group]
    zero = all(ln.rsplit(" ", 1)[1] in ("0.0", "0") for ln in samples)
    raw = {ln for name, group in lines.items() if name.startswith("extractor") for ln in group}
    owned = {ln.split('partition="')[1].split('"')[0] for ln in raw if p.topics.topic_articles_raw in ln}
    return lines, zero and len(owned) == p.topics.topic_partitions and bool(lines.get("store"))


def _readyz(p: FaultPipeline) -> tuple[int, dict]:
    try:
        r = httpx.get(f"http://127.0.0.1:{p.api_port}/readyz", timeout=15)
    except httpx.HTTPError as exc:
        return 0, {"error": repr(exc)}
    return r.status_code, r.json().get("checks", {})


def _outage(p: FaultPipeline, seconds: float) -> list[tuple[int, dict]]:
    """/readyz answers sampled for `seconds` (the database must not be queried meanwhile: it may be frozen)."""
    answers, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        answers.append(_readyz(p))
        time.sleep(min(2.0, max(0.0, end - time.monotonic())))
    return answers


def _recovered(p: FaultPipeline, before: int, t0: float) -> tuple[float, float]:
    """Seconds until /readyz says 200, and from `t0` until more than `before` articles are stored."""
    ready = wait_until(
        lambda: _readyz(p)[0] == 200, 120, "/readyz 200 again", lambda: _diagnose(p), every=0.5
    )
    wait_until(lambda: p.stored_counts()[0] > before, 180, "the store writing again", lambda: _diagnose(p))
    return ready, time.monotonic() - t0


def _retries(p: FaultPipeline, name: str) -> int:
    return p.log(name).count('"retry.scheduled"')


def _outage_phase(
    p: FaultPipeline,
    inject: Callable[[], object],
    recover: Callable[[], object],
    fetcher: tuple[str, str, Path],
    at_least_s: float,
) -> tuple[list[tuple[int, dict]], float, float, float, int]:
    """Inject a database outage while events flow, start a fetcher (name, source, file) during it, and
    sample /readyz; recover once `at_least_s` passed and the fetcher met the outage (it retried).
    Returns (/readyz answers, outage seconds, seconds to ready, seconds to writing, store retries)."""
    before, retries_before = p.stored_counts()[0], _retries(p, "store")
    inject()
    t0 = time.monotonic()
    name, source, path = fetcher
    try:
        p.start_service(name, "fetcher", "--source", f"{source}=jsonl:{path}", "--once")
        answers = _outage(p, at_least_s)
        wait_until(lambda: _retries(p, name) > 0, 120, f"{name} retrying", lambda: _diagnose(p))
        answers.append(_readyz(p))
        store_retries = _retries(p, "store") - retries_before
    finally:
        recover()
    recovered = time.monotonic()
    ready, writing = _recovered(p, before, recovered)
    return answers, recovered - t0, ready, writing, store_retries


def test_postgres_frozen_then_stopped_while_events_flow(
    pipeline: FaultPipeline, owned_pg: OwnedPostgres, tmp_path: Path
) -> None:
    """SIGSTOP of every Postgres process for 10 s (`ACCORD_FAULT_FREEZE_S`), then `pg_ctl stop` and start: the store and the
    fetcher's ledger wait and retry (a fetcher is even started during each outage), /readyz answers
    503 naming the database meanwhile and 200 after; nothing dead-lettered, lost or duplicated."""
    p = pipeline
    freeze_s, down_s = scaled("FREEZE_S", 10), scaled("DOWN_S", 6)
    n = scaled("ARTICLES", 160)
    files = {
        name: write_jsonl(tmp_path / f"{name}.jsonl", make_articles(k, seed=seed))
        for name, k, seed in (("a", n // 4, 21), ("held", n // 4, 24), ("b", n // 4, 22), ("c", n // 4, 23))
    }
    p.extra_env.update({"ACCORD_STORE_BATCH_SIZE": "10", "ACCORD_DB_STATEMENT_TIMEOUT_MS": "5000"})
    p.start_service("store", "store", "--no-migrate")
    p.start_service("extractor-1", "extractor")
    p.start_service(
        "fetcher-a", "fetcher", "--source", f"a=jsonl:{files['a']}", "--batch-size", "2", "--once"
    )
    wait_until(lambda: p.stored_counts()[0] >= n // 4, 240, "source a stored", lambda: _diagnose(p))
    assert _readyz(p)[0] == 200
    # events in flight when the database freezes, whatever the machine's pace: the extractor is paused
    # while a fetcher publishes a backlog, and resumed once Postgres is frozen, so the store has
    # records to write during the freeze (without this, a fast store may have caught up before it)
    extractor = process_tree(p.procs["extractor-1"].pid)  # with any worker processes
    signal_all(extractor, signal.SIGSTOP)
    try:
        p.start_service("fetcher-held", "fetcher", "--source", f"held=jsonl:{files['held']}", "--once")
        assert p.procs["fetcher-held"].wait(120) == 0, p.log("fetcher-held")[-3000:]
    finally:
        if p.ledger_count("held") != n // 4:
            signal_all(extractor, signal.SIGCONT)
    assert p.ledger_count("held") == n // 4

    def freeze_with_backlog() -> None:
        owned_pg.freeze()
        signal_all(extractor, signal.SIGCONT)

    frozen = len(owned_pg.processes())
    during_freeze, took, ready, writing, store_retries = _outage_phase(
        p, freeze_with_backlog, owned_pg.thaw, ("fetcher-b", "b", files["b"]), freeze_s
    )
    say(f"froze {frozen} Postgres processes for {took:.1f} s: /readyz {[c for c, _ in during_freeze]}; "
        f"store retries meanwhile {store_retries}; after SIGCONT: ready in {ready:.1f} s, "
        f"store writing in {writing:.1f} s")  # fmt: skip
    assert store_retries > 0, "the store's write on the frozen database should fail and be retried"
    during_stop, took, ready, writing, store_retries = _outage_phase(
        p, owned_pg.stop, owned_pg.restart, ("fetcher-c", "c", files["c"]), down_s
    )
    say(f"stopped Postgres for {took:.1f} s: /readyz {[c for c, _ in during_stop]}; store retries "
        f"meanwhile {store_retries}; after the restart: ready in {ready:.1f} s, store writing in {writing:.1f} s")  # fmt: skip

    for code, checks in during_freeze + during_stop:
        assert code == 503 and checks["database"]["ok"] is False, (code, checks)
    for name in ("fetcher-a", "fetcher-held", "fetcher-b", "fetcher-c"):
        assert p.procs[name].wait(240) == 0, p.log(name)[-3000:]
    articles = [a for name, path in files.items() for a in file_articles(path, name)]
    expected = p.expected_events(articles)
    total = (len(articles), len(expected))
    wait_until(lambda: p.stored_counts() == total, 240, f"{total} stored", lambda: _diagnose(p))
    figures = audit(p, articles, expected)
    retries = {name: _retries(p, name) for name in ("store", "fetcher-b", "fetcher-c")}
    assert retries["store"] > 0 and retries["fetcher-b"] > 0 and retries["fetcher-c"] > 0, retries
    figures["redelivered"] = redelivered(p, len(articles))
    codes = p.stop_all()
    assert set(codes.values()) == {0}, codes
    say(f"Postgres outages: {figures}, retries logged {retries}")


def test_broker_down_at_start_every_service_waits_and_recovers(
    owned_pg: OwnedPostgres, tmp_path: Path
) -> None:
    """The services start before the broker (down for `ACCORD_FAULT_BROKER_LATE_S`, 5 s by default):
    each retries with backoff, nothing exits, and once the broker is up the backfill completes exactly."""
    broker = OwnedBroker(tmp_path / "broker.log")
    suffix = uuid.uuid4().hex[:8]
    names = TopicSettings().model_dump()
    topics = TopicSettings(**{k: f"{v}.{suffix}" for k, v in names.items() if isinstance(v, str)})
    p = FaultPipeline(
        broker.bootstrap_servers, topics, owned_pg.database(f"faults_{suffix}"), tmp_path, suffix
    )
    source = write_jsonl(tmp_path / "a.jsonl", make_articles(scaled("ARTICLES", 160) // 2, seed=31))
    try:
        p.migrate()  # the database alone
        started = time.monotonic()
        for name, args in (("store", ("store", "--no-migrate")), ("extractor-1", ("extractor",)),
                           ("fetcher", ("fetcher", "--source", f"a=jsonl:{source}", "--once"))):  # fmt: skip
            p.start_service(name, *args)
        late = scaled("BROKER_LATE_S", 5)
        wait_until(
            lambda: all(_retries(p, n) for n in p.procs), 120, "every service retrying", lambda: _diagnose(p)
        )
        time.sleep(max(0.0, late - (time.monotonic() - started)))
        assert all(proc.poll() is None for proc in p.procs.values()), "a service gave up"
        waited = {n: _retries(p, n) for n in p.procs}
        broker.start()
        up = time.monotonic()
        say(f"broker started after {up - started:.1f} s; retries meanwhile {waited}")
        articles = file_articles(source, "a")
        wait_until(
            lambda: p.stored_counts()[0] >= len(articles), 240, "the backfill stored", lambda: _diagnose(p)
        )
        say(f"backfill stored {time.monotonic() - up:.1f} s after the broker came up")
        assert p.procs["fetcher"].wait(60) == 0
        expected = p.expected_events(articles)
        wait_until(
            lambda: p.stored_counts() == (len(articles), len(expected)),
            120,
            "every event",
            lambda: _diagnose(p),
        )
        figures = audit(p, articles, expected)
        codes = p.stop_all()
        assert set(codes.values()) == {0}, codes
        say(f"broker late at start: {figures}")
    finally:
        p.stop_all()
        broker.stop()


def _cmdline(proc: psutil.Process) -> list[str]:
    """A child's command line; [] for one that is gone or a zombie not yet reaped (a crashed service)."""
    try:
        return proc.cmdline()
    except psutil.Error:
        return []


def test_embedded_broker_killed_mid_run_under_accord_up(pg_tmp_path: Path, tmp_path: Path) -> None:
    """`accord up` restarts its embedded broker after a SIGKILL (everything it held is lost), the
    fetcher publishes again what the store never confirmed, the extractors and the store reconnect
    by themselves; `--until-idle` ends with every article and event stored exactly once. Records lost
    after the restart (events missing in one CI run and 17 in a local one; in another, 7 summaries
    whose raw offsets were committed yet which are not on the topic, and a run that never became
    idle) are published again once everything is quiet (`Stack.republish_unconfirmed`)."""
    import os
    import re
    import subprocess
    import sys

    from libs.infra.broker import free_port
    from libs.infra.postgres import EmbeddedPostgres

    state = pg_tmp_path / "state"
    records = make_articles(scaled("ARTICLES", 250), seed=41)
    source = write_jsonl(tmp_path / "a.jsonl", records)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env |= {"ACCORD_RETRY_MAX_BACKOFF_S": "2", "ACCORD_STORE_BATCH_SIZE": "10"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "up", "--source", f"a=jsonl:{source}", "--state-dir", str(state),
         "--api-port", str(free_port()), "--until-idle"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    url = f"postgresql://postgres:@/postgres?host={state.resolve() / 'postgres'}"

    def stored() -> int:
        import psycopg

        try:
            with psycopg.connect(url, connect_timeout=2) as conn:
                return int(conn.execute("select count(*) from articles").fetchone()[0])
        except psycopg.Error:
            return 0

    try:
        wait_until(lambda: stored() > 0, 240, "the first articles stored", every=0.1)
        (broker,) = [c for c in psutil.Process(proc.pid).children() if "--listener-url" in _cmdline(c)]
        broker.kill()
        at_kill, killed = stored(), time.monotonic()
        say(f"SIGKILL of the embedded broker with {at_kill}/{len(records)} articles stored")
        assert at_kill < len(records), "the kill should land mid-run"
        out, _ = proc.communicate(timeout=400)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 9)
            proc.communicate(timeout=30)
    assert proc.returncode == 0, out[-3000:]
    assert "the embedded broker stopped: restarting it" in out, out[-3000:]
    forgotten = re.search(r"\[accord\] (\d+) articles published before", out)
    recovered = time.monotonic() - killed
    codes = re.search(r"services stopped \(exit codes\): (.*)", out)
    assert codes and set(re.findall(r" (\S+)(?:,|$)", codes.group(1))) == {"0"}, out[-3000:]
    for log in (state / "logs").glob("*.log"):
        dead = [
            line for line in log.read_text(errors="replace").splitlines() if "record.dead_lettered" in line
        ]
        assert not dead, (log.name, [re.findall(r'"error(?:_class)?":"[^"]*"', line) for line in dead[:3]])

    p = FaultPipeline("unused:9092", TopicSettings(), url, tmp_path, "x")
    with EmbeddedPostgres(state / "postgres"):
        articles = file_articles(source, "a")
        expected = p.expected_events(articles)
        ids = {a.article_id for a in articles}
        assert {r[0] for r in p.query("select article_id from articles")} == ids
        assert p.query("select count(*) from articles")[0][0] == len(ids)
        assert p.stored_events() == expected
        assert {r[0] for r in p.query("select article_id from fetcher_ledger")} == ids
    at_idle = sum(
        int(n) for n in re.findall(r"\[accord\] (\d+) published articles are not \(fully\) stored", out)
    )
    say(f"broker killed mid-run: {len(ids)} articles, {len(expected)} events, lost 0, duplicates 0; "
        f"{forgotten.group(1) if forgotten else 0} republished; {at_idle} republished once quiet (lost by "
        f"the broker after its restart); idle {recovered:.1f} s after the kill")  # fmt: skip


def _extracted_total(p: FaultPipeline, name: str) -> int:
    from app.up.progress import scrape

    return int(scrape(p.metrics_ports[name]).get("accord_articles_extracted_total", 0))


class _Stream:
    """Appends `records` to a JSON-lines file, 5 every 0.5 s, from a thread, until the block ends."""

    def __init__(self, path: Path, records: list[dict]) -> None:
        import threading

        self.path, self.records, self.written = path, records, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import json

        while not self._stop.is_set() and self.written < len(self.records):
            chunk = self.records[self.written : self.written + 5]
            with self.path.open("a", encoding="utf-8") as f:
                f.write("".join(json.dumps(r) + "\n" for r in chunk))
            self.written += len(chunk)
            self._stop.wait(0.5)

    def __enter__(self) -> _Stream:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def test_rebalance_extractors_join_and_leave_mid_stream(pipeline: FaultPipeline, tmp_path: Path) -> None:
    """A second and a third extractor join mid-stream, then one leaves (SIGTERM): no loss, no duplicate
    row; articles processed twice (at-least-once redelivery around a rebalance) are counted."""
    p = pipeline
    records = make_articles(scaled("REBALANCE_ARTICLES", 2000), seed=51)
    source = tmp_path / "a.jsonl"
    source.write_text("", encoding="utf-8")
    stream = _Stream(source, records)
    p.extra_env |= {"ACCORD_STORE_BATCH_SIZE": "10", "ACCORD_FETCHER_POLL_INTERVAL_S": "0.5"}
    p.start_service("store", "store", "--no-migrate")
    p.start_service("extractor-1", "extractor")
    p.start_service("fetcher", "fetcher", "--source", f"a=jsonl:{source}")  # follows the growing file
    with stream:
        wait_until(lambda: p.stored_counts()[0] > 0, 300, "the first article stored", lambda: _diagnose(p))
        steps = [f"extractor-2 and extractor-3 start at {p.stored_counts()[0]} stored"]
        p.start_service("extractor-2", "extractor")
        p.start_service("extractor-3", "extractor")
        for name in ("extractor-2", "extractor-3"):  # both joined: partitions were moved to them
            wait_until(
                lambda x=name: _extracted_total(p, x) > 0, 300, f"{name} extracting", lambda: _diagnose(p)
            )
        extracted_by_leaver = _extracted_total(p, "extractor-2")
        steps.append(f"extractor-2 stopped (SIGTERM) at {p.stored_counts()[0]} stored")
        assert p.kill("extractor-2", signal.SIGTERM) == 0, p.log("extractor-2")[-2000:]
        time.sleep(3)  # the stream goes on after the third rebalance
    n = stream.written
    say("; ".join(steps) + f"; {n} articles streamed")
    wait_until(
        lambda: p.ledger_count("a") >= n, 120, "every streamed article published", lambda: _diagnose(p)
    )
    articles = file_articles(source, "a")
    expected = p.expected_events(articles)
    wait_until(
        lambda: p.stored_counts() == (len(articles), len(expected)), 300, "all stored", lambda: _diagnose(p)
    )
    figures = audit(p, articles, expected)
    by_member = {"extractor-2 (at its stop, at least)": extracted_by_leaver} | {
        name: _extracted_total(p, name) for name in ("extractor-1", "extractor-3")
    }
    twice = redelivered(p, len(articles))
    # at-least-once: only what was in flight on a moved partition is processed again
    assert twice < len(articles) // 4, f"{twice} articles processed twice"
    codes = p.stop_all()
    assert set(codes.values()) == {0}, codes
    say(f"rebalance: {steps}; extracted per member {by_member}; processed twice {twice}; {figures}")
