"""API benchmark (`make bench-api`): 1,000,000 events through the store's write path, then load on the API.

    .venv/bin/python -m benchmarks.bench_api [--events 1000000] [--pg URL|embedded] [--db NAME --keep]
                                             [--list-rate 200] [--stats-rate 20] [--duration 30]
                                             [--api-workers 2] [--load-only] [--only list|stats]

1. Load: synthetic variations of real extracted events (`benchmarks/api_data.py`)
   written by `services.store.persist.apply_batch`, one transaction per batch,
   as the sink does (rollup included), by one writer; VACUUM ANALYZE as the
   tables grow (the write path's plans need statistics: the system Postgres
   here runs without autovacuum) and at the end.
2. The API (`accord store api` with `--api-workers` processes, `ACCORD_API_WORKERS`;
   127.0.0.1) under an open-loop constant-arrival-rate load
   (`benchmarks/loadgen.py`): stats and graph queries at `--stats-rate`
   requests/s, then (after the exports) list queries with two filters at
   `--list-rate` requests/s.
   Targets: list p99 < 50 ms at 200/s; stats and graph p99 < 200 ms.
3. CSV export of 100,000 events with the API key (between the stats and the
   list phases: the list phase overloads the API): rows/s, and the API
   processes' resident memory (supervisor and workers) sampled during the export (flat = independent of
   the export's size, compared with a 10,000-row export).
4. EXPLAIN ANALYZE of the main queries, written next to the figures.

A dedicated database is created (and dropped unless `--keep`); `--db NAME`
reuses a loaded one. The machine's load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from benchmarks import api_data, loadgen
from benchmarks.api_plans import explain_all
from libs.infra.broker import free_port
from services.store.db import migrate
from services.store.db.models import events
from services.store.db.session import make_engine
from tests.store.helpers import settings_for

REPO = Path(__file__).resolve().parents[1]
API_KEY = "bench-key"
#: The most frequent countries of the loaded data (filled by `read_top_countries`), and rarer ones.
TOP_COUNTRIES: list[str] = []
RARE_COUNTRIES: list[str] = []
TYPES = ["meeting", "agreement", "cooperation", "aid", "intent", "conference"]
SECTORS = ["science_research", "higher_education", "health_medicine", "energy", "trade_economy"]


def load_avg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def database(server_url: str, name: str) -> str:
    """The URL of database `name` on that server, created when missing."""
    with psycopg.connect(server_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def ensure_loaded(engine: Engine, n_events: int, shared: Path) -> None:
    migrate.upgrade(engine)
    with engine.connect() as conn:
        have = conn.scalar(select(func.count()).select_from(events)) or 0
    if have >= n_events:
        print(f"database already holds {have:,} events: not loading")
        return
    if have:
        raise SystemExit(f"the database holds {have:,} events, fewer than {n_events:,}: use a fresh --db")
    base = api_data.base_events(shared, REPO / ".accord" / "bench")
    print(f"loading {n_events:,} events (variations of {len(base)} extracted events); load {load_avg()}")
    took = api_data.load(engine, base, n_events)
    print(f"loaded {n_events:,} events in {took:.0f} s = {n_events / took:,.0f} events/s through apply_batch")


def read_top_countries(engine: Engine) -> None:
    """The 8 most frequent countries of the data, and 5 from further down the list."""
    from sqlalchemy import text

    from services.store.vocabularies import is_country

    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT party FROM rollup_months WHERE party IS NOT NULL AND sector IS NULL"
                " GROUP BY party ORDER BY sum(events) DESC"
            )
        ).scalars()
        ranked = [p for p in rows if is_country(p)]
    TOP_COUNTRIES[:] = ranked[:8]
    RARE_COUNTRIES[:] = ranked[20:60:8]


def start_api(url: str, port: int, workers: int = 1, **settings: str) -> subprocess.Popen[bytes]:
    """`accord store api` on 127.0.0.1:`port` (own process); `settings` as ACCORD_<NAME> variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env |= {f"ACCORD_{k.upper()}": v for k, v in settings.items()}
    env |= {
        "ACCORD_DATABASE_URL": url,
        "ACCORD_API_PORT": str(port),
        "ACCORD_API_KEY": API_KEY,
        "ACCORD_READYZ_CHECK_BROKER": "false",
        "ACCORD_LOG_LEVEL": "WARNING",
        "ACCORD_DB_POOL_SIZE": "10",
        "ACCORD_API_WORKERS": str(workers),
    }
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "store", "api"], env=env, cwd=REPO)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("the API did not become ready")


def list_request(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A list query with two filters, drawn from what a dashboard or a program asks."""
    year = rng.randint(2010, 2025)
    country = rng.choice([*TOP_COUNTRIES, "FRA", "DEU", "ZAF", "EGY", "KAZ"])
    choices: list[dict[str, Any]] = [
        {"country": country, "type": rng.choice(TYPES)},
        {"country": country, "date_from": f"{year}-01-01", "date_to": f"{year}-12-31"},
        {"type": rng.choice(TYPES), "sector": rng.choice(SECTORS)},
        {"country": country, "sector": rng.choice(SECTORS)},
        {"pair": f"IRN,{rng.choice(TOP_COUNTRIES[1:])}", "date_from": f"{year}-01-01"},
        {"type": rng.choice(TYPES), "date_from": f"{year}-03-01", "date_to": f"{year}-05-31"},
    ]
    return "/v1/events", rng.choice(choices)


def stats_request(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A stats or graph query with the filters a dashboard sends (none, a country, a type, whole months)."""
    year = rng.randint(2010, 2024)
    filters: dict[str, Any] = rng.choice(
        [
            {},
            {"country": rng.choice(TOP_COUNTRIES)},
            {"type": rng.choice(TYPES)},
            {"date_from": f"{year}-01-01", "date_to": f"{year + 1}-06-30"},
            {"country": rng.choice(TOP_COUNTRIES), "date_from": f"{year}-01-01", "date_to": f"{year}-12-31"},
        ]
    )
    path = rng.choice(
        [
            "/v1/stats/types",
            "/v1/stats/sectors",
            "/v1/stats/timeline",
            "/v1/stats/pairs",
            "/v1/graph",
            "country",
        ]
    )
    if path == "country":  # one label per template in the figures
        filters = {**filters, "country": rng.choice(TOP_COUNTRIES)}
        path = f"/v1/countries/{filters.pop('country')}"
    return path, filters


def drain(base: str, budget_s: float = 120) -> None:
    """Wait until the API answers a one-event listing quickly again (a sync route: the thread pool and
    a database round trip), three times in a row: the requests an overload queued, in the API's thread
    pools and in Postgres, are done (an export streams through the same thread pool)."""
    deadline = time.monotonic() + budget_s
    fast = 0
    while time.monotonic() < deadline and fast < 3:
        t0 = time.perf_counter()
        try:
            ok = httpx.get(base + "/v1/events", params={"limit": 1}, timeout=10).status_code == 200
        except httpx.HTTPError:
            ok = False
        fast = fast + 1 if ok and time.perf_counter() - t0 < 0.05 else 0
        time.sleep(0.5 if fast else 1)


def drive(base: str, rate: float, duration: float, name: str, make: Any, seed: int) -> loadgen.Result:
    rng = random.Random(seed)
    drain(base)
    result = asyncio.run(loadgen.run(base, name, rate, duration, lambda _i: make(rng)))
    print(result.line() + f"  [load {load_avg()}]", flush=True)
    return result


def rss_kib(pid: int) -> int:
    """Resident memory of process `pid` and its children (the API workers)."""
    total = 0
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for p in [pid, *(int(c) for c in (children.read_text().split() if children.exists() else []))]:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except FileNotFoundError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


def export(base: str, pid: int, params: dict[str, Any]) -> tuple[int, float, int, int]:
    """(rows, seconds, RSS before KiB, peak RSS during KiB) of one CSV export with the key."""
    before = peak = rss_kib(pid)
    rows = 0
    t0 = time.perf_counter()
    with httpx.stream(
        "GET",
        base + "/v1/events",
        params={**params, "format": "csv"},
        headers={"X-API-Key": API_KEY},
        timeout=600,
    ) as r:
        assert r.status_code == 200, r.read()
        for chunk in r.iter_bytes():
            rows += chunk.count(b"\r\n")
            peak = max(peak, rss_kib(pid))
    return rows - 1, time.perf_counter() - t0, before, peak


def exports(base: str, pid: int) -> None:
    for label, params in (
        ("10,000 rows", {"date_from": "2016-01-01", "date_to": "2016-02-06"}),
        ("100,000 rows", {"date_from": "2016-01-01", "date_to": "2017-08-15"}),
        ("300,000 rows", {"date_from": "2016-01-01", "date_to": "2020-10-20"}),
    ):
        rows, secs, before, peak = export(base, pid, params)
        print(
            f"CSV export ({label} asked): {rows:,} rows in {secs:.2f} s = {rows / secs:,.0f} rows/s; "
            f"API RSS {before / 1024:.0f} MiB before, {peak / 1024:.0f} MiB peak  [load {load_avg()}]",
            flush=True,
        )


def run_api_phase(url: str, args: argparse.Namespace, out_dir: Path) -> None:
    port = free_port()
    api = start_api(url, port, workers=args.api_workers)
    print(f"API: {args.api_workers} worker process(es)")
    base = f"http://127.0.0.1:{port}"
    try:
        drive(base, 20, 5, "warm-up (mixed)", lambda rng: rng.choice([list_request, stats_request])(rng), 1)
        if args.only in (None, "stats"):
            stats = drive(base, args.stats_rate, args.duration, "stats and graph", stats_request, 3)
            print(stats.per_path())
        if args.only is None:
            drain(base)
            exports(base, api.pid)  # before the list phase: its overload would slow the first exports
        if args.only in (None, "list"):
            lists = drive(base, args.list_rate, args.duration, "list, two filters", list_request, 2)
        if args.only is None:
            verdict = "met" if lists.quantile(0.99) < 0.05 and stats.quantile(0.99) < 0.2 else "NOT met"
            print(f"latency targets (list p99 < 50 ms, stats/graph p99 < 200 ms): {verdict}")
    finally:
        api.terminate()
        api.wait(30)
    if args.only is not None:
        return
    engine = make_engine(settings_for(url), statement_timeout_ms=60_000, work_mem_mb=32)  # as the API's
    try:
        plans = explain_all(engine)
    finally:
        engine.dispose()
    (out_dir / "bench_api_plans.txt").write_text(plans)
    print(f"EXPLAIN ANALYZE of the main queries: {out_dir / 'bench_api_plans.txt'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument(
        "--pg", default="postgresql://postgres@127.0.0.1:5432/postgres", help="admin URL or 'embedded'"
    )
    ap.add_argument("--db", help="database name to create or reuse (default: a new one)")
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument("--list-rate", type=float, default=200)
    ap.add_argument("--stats-rate", type=float, default=20)
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--load-only", action="store_true")
    ap.add_argument("--api-workers", type=int, default=2, help="API processes (ACCORD_API_WORKERS)")
    ap.add_argument(
        "--only", choices=["list", "stats"], help="only that load phase (no exports, no plans): to iterate"
    )
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="accord-bench-api-"))
    tmp.chmod(0o755)
    pg = None
    if args.pg == "embedded":
        from libs.infra.postgres import EmbeddedPostgres

        pg = EmbeddedPostgres(tmp / "pg")
    server = pg.start() if pg else args.pg
    name = args.db or f"accord_bench_api_{os.getpid()}"
    out_dir = REPO / ".accord" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        url = database(server, name)
        engine = make_engine(settings_for(url))
        try:
            ensure_loaded(engine, args.events, args.shared)
            read_top_countries(engine)
        finally:
            engine.dispose()
        if not args.load_only:
            run_api_phase(url, args, out_dir)
    finally:
        if not args.keep:
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if pg:
            pg.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
