"""Sustained load (`make bench-load`): a local news site at 50 articles/s through the whole stack,
while the API takes 100 requests/s of mixed queries.

    .venv/bin/python -m benchmarks.bench_load [--duration 300] [--rate 50] [--api-rate 100]
                                              [--feeds 8] [--extractors 2] [--shared ../shared]

1. The stack of `accord up` (`benchmarks/stackbench.py`: embedded broker and Postgres, the store
   with its API, `--extractors` extractors and the fetcher, each its own supervised process) in
   a fresh state folder. The fetcher follows `--feeds` RSS feeds of a local site
   (`benchmarks/loadsite.py`, 127.0.0.1 only) on which `--rate` articles/s appear for `--duration`
   seconds (`rate * duration` articles in all: corpus text from `--shared`, else synthetic).
   The site is the operator's own, so the fetcher is configured for it through settings (no
   per-host delay, 16 requests in flight per host, a poll every second): the production
   defaults (one request per second per host, a poll every 15 minutes) are unchanged.
2. Meanwhile an open-loop generator (`benchmarks/loadgen.py`) sends `--api-rate` requests/s:
   the event list and stats/graph queries of `make bench-api` (`benchmarks/bench_api.py`; their
   plans are in `benchmarks/api_plans.py`) and article lists.
3. A probe asks `GET /v1/articles` twice a second for what appeared lately: an article's
   end-to-end latency runs from the instant it appeared in its feed (its `published_time`) to
   the first probe answer listing it (so it includes up to 0.5 s of probe period, and the API's
   own queueing under the load). The stages' latencies come from the stored article's
   timestamps (`fetched_at`, `extracted_at`, `ingested_at`).
4. After the load, the stack drains until every article that appeared is stored or refused by
   the fetcher with a reason (Postgres; at most `--drain-timeout` s, or until nothing moved for
   2 minutes); lost = the others (articles that dropped off their feed before the fetcher read it
   again are counted apart: `never_seen_by_fetcher`). A final
   sweep of the API then checks that it lists every stored article.

Reports (printed as a table, written as JSON to `--out`): throughput per stage (published by
the fetcher, extracted, stored per second, per `--sample-s` interval, during the load and until all was stored), latency
(appear → fetched / extracted / stored / listed by the API: p50/p95/p99/max), consumer lag over
time (the services' `accord_consumer_lag_records`: high-water mark minus position; and the counts
waiting between stages), errors (HTTP statuses seen by the site, the fetcher and the API
clients; dead letters), peak RSS/PSS per service process tree, the machine's load average.
Exit 1 when an article was lost, a stored one is not listed, the ledger and the store disagree,
or a dead letter appeared.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks import bench_api, loadgen  # noqa: E402
from benchmarks.bench_pipeline import AUDIT_SQL  # noqa: E402
from benchmarks.loadsite import ARTICLE_PATH, LoadSite, corpus_pages, synthetic_pages  # noqa: E402
from benchmarks.stackbench import (  # noqa: E402
    BenchStack,
    Sampler,
    dead_letters,
    machine,
    memory_report,
    quantiles,
    rates,
    scrape_samples,
    stack_args,
)

#: the countries the API queries name (bench_api reads them from its database; here they are fixed)
COUNTRIES = ["IRN", "CHN", "RUS", "IRQ", "IND", "TUR", "PAK", "SYR"]
#: the fetcher's settings for the operator's own local site (see the module docstring)
WEB_ENV = {
    "ACCORD_FETCHER_WEB_MIN_HOST_DELAY_S": "0",
    "ACCORD_FETCHER_WEB_HOST_CONCURRENCY": "16",
    "ACCORD_FETCHER_WEB_POLL_INTERVAL_S": "1",
    "ACCORD_FETCHER_WEB_ERROR_RETRY_INITIAL_S": "2",
    "ACCORD_FETCHER_WEB_MIN_TEXT_CHARS": "80",
    "ACCORD_FETCHER_WEB_CONTACT_URL": "https://example.org/accord-bench-load",
}
REJECTED_SQL = (
    "select coalesce(outcome, 'pending') as outcome, coalesce(reason, '') as reason, count(*) "
    "from fetcher_web_urls where url like %s group by 1, 2"
)


def api_request(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """60 % event lists (two filters), 25 % stats and graph, 15 % article lists."""
    r = rng.random()
    if r < 0.60:
        return bench_api.list_request(rng)
    if r < 0.85:
        return bench_api.stats_request(rng)
    return "/v1/articles", rng.choice([{}, {"status": "extracted"}, {"status": "no_events"}])


class ApiLoad(threading.Thread):
    """The API load generator, in a thread with its own event loop."""

    def __init__(self, api: str, rate: float, duration: float, seed: int = 5) -> None:
        super().__init__(name="bench-api-load", daemon=True)
        self.api, self.rate, self.duration = api, rate, duration
        self.rng = random.Random(seed)
        self.result: loadgen.Result | None = None

    def run(self) -> None:
        bench_api.TOP_COUNTRIES[:] = COUNTRIES
        self.result = asyncio.run(
            loadgen.run(self.api, "API mixed", self.rate, self.duration, lambda _i: api_request(self.rng))
        )


class Probe(threading.Thread):
    """Lists the lately appeared articles from the API; `seen[n]` = when article n was first listed."""

    HORIZON_S = 120.0  # articles older than this are left to the final sweep

    def __init__(self, site: LoadSite, api: str, interval_s: float = 0.5) -> None:
        super().__init__(name="bench-probe", daemon=True)
        self.site, self.api, self.interval_s = site, api, interval_s
        self.seen: dict[int, float] = {}
        self.errors = 0
        self.requests = 0
        self._low = 0
        self._stop_event = threading.Event()
        self.client = httpx.Client(base_url=api, timeout=30.0)

    def run(self) -> None:
        while not self._stop_event.wait(self.interval_s):
            try:
                self.tick()
            except (httpx.HTTPError, ValueError, KeyError):
                self.errors += 1

    def stop(self) -> None:
        self._stop_event.set()
        self.join(30)

    def tick(self) -> None:
        visible = self.site.visible()
        horizon = int(max(0.0, time.monotonic() - self.HORIZON_S - self.site.appeared_at(0)) * self.site.rate)
        self._low = max(self._low, horizon)
        while self._low < visible and self._low in self.seen:
            self._low += 1
        if self._low < visible:
            self.sweep(self.site.published(self._low) - timedelta(seconds=2))

    def sweep(self, since: Any = None) -> None:
        """Page through the articles published since `since` (all when None), noting the new ones."""
        params: dict[str, Any] = {"limit": 500}
        if since is not None:
            params["published_since"] = since.isoformat(timespec="microseconds").replace("+00:00", "Z")
        while True:
            self.requests += 1
            body = self.client.get("/v1/articles", params=params).raise_for_status().json()
            now = time.monotonic()
            for item in body["items"]:
                m = ARTICLE_PATH.match(urlsplit(item.get("url") or "").path)
                if m:
                    self.seen.setdefault(int(m.group(1)), now)
            if not body.get("next_cursor"):
                return
            params["cursor"] = body["next_cursor"]


def _args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=300.0, help="seconds of load (default 300)")
    ap.add_argument("--rate", type=float, default=50.0, help="articles appearing per second")
    ap.add_argument("--api-rate", type=float, default=100.0, help="API requests per second")
    ap.add_argument("--feeds", type=int, default=8, help="feeds the articles are spread over")
    ap.add_argument("--window", type=int, default=2000, help="entries listed per feed (the newest)")
    stack_args(ap, "bench_load", drain_timeout=900.0)
    return ap.parse_args()


def _pages(args: argparse.Namespace) -> tuple[list[tuple[str, list[str]]], str]:
    n = max(1, int(args.rate * args.duration))
    corpus = args.shared / "corpus" / "tehran-times.jsonl.gz"
    if corpus.exists() and not args.synthetic:
        return corpus_pages(corpus, n), f"corpus ({corpus})"
    return synthetic_pages(n), "synthetic (tests/integration/synthetic.py)"


def main() -> int:
    args = _args()
    pages, kind = _pages(args)
    site = LoadSite(pages, rate=args.rate, feeds=args.feeds, window=args.window)
    sources = [f"bench-feed-{k}=feed:{url}" for k, url in enumerate(site.feed_urls())]
    bench = BenchStack(sources=sources, extractors=args.extractors, keep=args.keep)
    report: dict[str, Any] = {"config": {**{k: str(v) for k, v in vars(args).items()}, "pages": kind}}
    report["machine_before"] = machine()
    try:
        bench.start()
        bench.run(list(bench.specs), env={"fetcher": WEB_ENV})
        bench.wait_ready()
        report |= run_load(args, site, bench)
    finally:
        report["exit_codes"] = bench.stop()
        site.stop()
        if args.keep:
            print(f"state kept in {bench.state}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    print_table(report)
    print(f"\nJSON: {args.out}")
    a = report["audit"]
    ok = a["lost"] == 0 and a["stored_not_listed_by_api"] == 0 and a["ledger_equals_stored"]
    return 0 if ok and not report["errors"]["dead_letters"] else 1


def run_load(args: argparse.Namespace, site: LoadSite, bench: BenchStack) -> dict[str, Any]:
    """The load phase, the drain and the measurements (the stack runs)."""
    sampler = Sampler(bench, curve_s=args.sample_s)
    probe = Probe(site, bench.api)
    load = ApiLoad(bench.api, args.api_rate, args.duration)
    wait_polled(site, bench)
    site.start()
    sampler.start()  # its t = 0 is the load's start
    probe.start()
    load.start()
    loads = []
    end = time.monotonic() + args.duration
    while time.monotonic() < end:
        bench.poll()
        loads.append(machine()["load_avg_1_5_15"][0])
        time.sleep(min(5.0, max(0.0, end - time.monotonic())))
    load.join(60)  # its last requests answered (or given up after its grace period)
    recovered = api_recovery(bench.api, end, args.drain_timeout)
    drained_in, drain_end = drain(args, site, bench, since=end)
    probe.stop()
    live = len(probe.seen)
    final_sweep = final_sweep_of(probe)
    out = {"drain_seconds_after_load": drained_in, "drain": drain_end, "load_avg_1m_during": quantiles(loads)}
    out["api_recovered_seconds_after_load"] = recovered
    out["probe"] = {
        "requests": probe.requests,
        "seen_live": live,
        "seen_by_final_sweep": len(probe.seen) - live,
        "final_sweep": final_sweep,
    }
    out["errors"] = errors(site, bench, load.result, probe)
    samples = sampler.stop()
    out["memory"] = memory_report(samples)
    out["throughput"] = throughput(samples.curve, args, site, drained_in)
    out["lag_curve"] = samples.curve
    out |= outcomes(site, bench, probe, drained_in is not None)
    out["api_load"] = api_summary(load.result)
    out["machine_after"] = machine()
    return out


def api_recovery(api: str, since: float, timeout: float) -> float | None:
    """Seconds from `since` (the load's end) until the API lists an article within a second again;
    None when it did not within `timeout` s of now (requests queued during an overload still run)."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=api, timeout=10.0) as client:
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            try:
                if (
                    client.get("/v1/articles", params={"limit": 1}).status_code == 200
                    and time.monotonic() - t0 < 1
                ):
                    return round(time.monotonic() - since, 1)
            except httpx.HTTPError:
                pass
            time.sleep(2.0)
    return None


def final_sweep_of(probe: Probe, attempts: int = 5) -> str:
    """The probe's last sweep over every article (what its horizon left out), retried; how it went."""
    error = ""
    for attempt in range(1, attempts + 1):
        try:
            probe.sweep()
            return f"ok (attempt {attempt})"
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            error = f"{type(exc).__name__}: {exc}"
            time.sleep(5.0)
    return f"failed {attempts} times, last {error}"


def wait_polled(site: LoadSite, bench: BenchStack, timeout: float = 120.0) -> None:
    """Until the fetcher has polled every (still empty) feed once: the clock starts on a running fetcher."""
    deadline = time.monotonic() + timeout
    while sum(n for k, n in site.requests.items() if k.startswith("feed")) < site.feeds:
        if time.monotonic() > deadline:
            raise SystemExit(
                f"the fetcher did not poll the feeds in {timeout:.0f} s (logs in {bench.state / 'logs'})"
            )
        bench.poll()
        time.sleep(0.2)


def rejected_counts(site: LoadSite, bench: BenchStack) -> dict[str, int]:
    """The fetcher's outcome of every page of the site: `article`, `rejected:<reason>`, `failed:...`."""
    import psycopg

    with psycopg.connect(bench.database_url) as conn:
        rows = conn.execute(REJECTED_SQL, (site.base + "/news/%",)).fetchall()
    return {f"{o}:{r}" if r else o: int(n) for o, r, n in rows}


def stored_and_refused(site: LoadSite, bench: BenchStack) -> tuple[int, int]:
    """(articles of the site stored, pages the fetcher refused), from Postgres."""
    import psycopg

    with psycopg.connect(bench.database_url) as conn:
        row = conn.execute(
            "select (select count(*) from articles where url like %s), "
            "(select count(*) from fetcher_web_urls where url like %s and outcome = 'rejected')",
            (site.base + "/news/%", site.base + "/news/%"),
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


#: the drain gives up when nothing was stored or refused for this long (articles that will never come)
STALL_S = 120.0


def drain(
    args: argparse.Namespace, site: LoadSite, bench: BenchStack, since: float
) -> tuple[float | None, str]:
    """Wait until every appeared article is stored or refused: (seconds from `since`, the load's end,
    "drained"), or (None, "stalled" | "timed out")."""
    last, last_change = -1, time.monotonic()
    while time.monotonic() - since < args.drain_timeout:
        bench.poll()
        done = sum(stored_and_refused(site, bench))
        if done >= site.total:
            return round(time.monotonic() - since, 1), "drained"
        if done != last:
            last, last_change = done, time.monotonic()
        elif time.monotonic() - last_change > STALL_S:
            return None, "stalled"
        time.sleep(1.0)
    return None, "timed out"


def outcomes(site: LoadSite, bench: BenchStack, probe: Probe, drained: bool) -> dict[str, Any]:
    """Latencies and the audit (database counts, lost articles)."""
    import psycopg

    e2e = [probe.seen[n] - site.appeared_at(n) for n in probe.seen if n < site.total]
    with psycopg.connect(bench.database_url) as conn:
        audit = {k: int(conn.execute(q).fetchone()[0]) for k, q in AUDIT_SQL.items()}  # type: ignore[index]
        rows = conn.execute(
            "select url, fetched_at, extracted_at, ingested_at from articles where url like %s",
            (site.base + "/news/%",),
        ).fetchall()
    stages: dict[str, list[float]] = {"fetched": [], "extracted": [], "stored": []}
    for url, *instants in rows:
        m = ARTICLE_PATH.match(urlsplit(url).path)
        for stage, at in zip(stages, instants, strict=True):
            if m and at is not None:
                stages[stage].append((at - site.published(int(m.group(1)))).total_seconds())
    by_outcome = rejected_counts(site, bench)
    stored, refused = stored_and_refused(site, bench)
    queryable = len([n for n in probe.seen if n < site.total])
    audit |= {
        "appeared": site.total,
        "stored": stored,
        "refused_by_fetcher": refused,
        "fetcher_outcomes": by_outcome,
        # a drain that timed out is reported as such, not as a loss (the audit needs the end state)
        "lost": site.total - stored - refused if drained else None,
        "not_stored_when_the_drain_ended": None if drained else site.total - stored - refused,
        # never in the fetcher's web state: dropped off its feed before the fetcher read the feed again
        "never_seen_by_fetcher": site.total - sum(by_outcome.values()),
        "queryable": queryable,
        "stored_not_listed_by_api": stored - queryable,
        "ledger_equals_stored": audit["ledger_rows"] == audit["articles_stored"]
        and audit["ledger_not_stored"] == 0
        and audit["stored_not_in_ledger"] == 0
        and audit["events_listed"] == audit["events_stored"],
    }
    latency = {f"appear_to_{k}_s": quantiles(v) for k, v in stages.items()}
    latency["appear_to_queryable_s"] = quantiles(e2e)
    return {"latency": latency, "audit": audit}


def throughput(
    curve: list[dict[str, Any]], args: argparse.Namespace, site: LoadSite, drained: float | None
) -> dict[str, Any]:
    """Per interval; during the load (the samples from its start to its end); until all was stored."""
    first = curve[0]
    end = next((row for row in curve if row["t"] >= args.duration - 1), curve[-1])
    span = max(1e-9, end["t"] - first["t"])
    keys = ("published", "extracted", "stored")
    until = args.duration + drained if drained is not None else None
    return {
        "offered_per_s": round(site.total / args.duration, 1),
        "during_load": {f"{k}_per_s": round((end[k] - first[k]) / span, 1) for k in keys} | {"span_s": span},
        "until_all_stored": {
            "seconds": round(until, 1) if until else None,
            "stored_per_s": round(site.total / until, 1) if until else None,
        },
        "per_interval": rates(curve),
    }


def errors(site: LoadSite, bench: BenchStack, api: loadgen.Result | None, probe: Probe) -> dict[str, Any]:
    """HTTP answers other than 200/304 (site, fetcher, API clients) and the dead letters."""
    fetcher: dict[str, float] = {}
    for metric, labels, value in scrape_samples(bench.stack.metrics_ports.get("fetcher", 0)):
        if metric == "accord_fetch_requests_total" and labels.get("status") not in ("200", "304"):
            fetcher[f"fetch {labels.get('status')}"] = fetcher.get(f"fetch {labels.get('status')}", 0) + value
        if metric == "accord_source_errors_total" and value:
            fetcher[f"source {labels.get('reason')}"] = value
    site_errors = {k: n for k, n in site.requests.items() if not k.endswith((" 200", " 304"))}
    api_errors = {str(s): n for s, n in (api.statuses if api else {}).items() if s >= 400}
    return {
        "site_requests": dict(site.requests),
        "site_non_2xx": site_errors,
        "fetcher": fetcher,
        "api_load_4xx_5xx": api_errors,
        "api_load_connection_errors": api.errors if api else None,
        "probe_errors": probe.errors,
        "dead_letters": dead_letters(bench),
    }


def api_summary(result: loadgen.Result | None) -> dict[str, Any]:
    if result is None:
        return {"error": "the load generator did not finish"}
    return {
        "line": result.line(),
        "requests": len(result.latencies),
        "latency_s": quantiles(result.latencies),
        "statuses": {str(k): v for k, v in sorted(result.statuses.items())},
        "late_starts": result.late_starts,
        "per_path": result.per_path().splitlines(),
    }


def print_table(r: dict[str, Any]) -> None:
    t, lat, a = r.get("throughput", {}), r.get("latency", {}), r.get("audit", {})
    print(f"\nbench-load: {r['config']['duration']} s at {r['config']['rate']} articles/s "
          f"({r['config']['pages']}), API {r['config']['api_rate']} req/s; machine {r['machine_before']}")  # fmt: skip
    print(f"  throughput during the load: {t.get('during_load')}; offered {t.get('offered_per_s')}/s; "
          f"until all stored: {t.get('until_all_stored')}")  # fmt: skip
    for name, q in lat.items():
        print(f"  latency {name}: {q}")
    print(f"  audit: appeared {a.get('appeared')}, stored {a.get('stored')} (listed by the API "
          f"{a.get('queryable')}), refused "
          f"{a.get('refused_by_fetcher')}, LOST {a.get('lost')} (drain {r.get('drain')}; not stored at its end "
        f"{a.get('not_stored_when_the_drain_ended')}, of which never seen by the fetcher "
        f"{a.get('never_seen_by_fetcher')}); outcomes {a.get('fetcher_outcomes')}")  # fmt: skip
    print(f"  drain after load: {r.get('drain_seconds_after_load')} s; API answering within 1 s again "
          f"{r.get('api_recovered_seconds_after_load')} s after the load; load avg 1m during: "
          f"{r.get('load_avg_1m_during')}")  # fmt: skip
    print(f"  API: {r.get('api_load', {}).get('line')}")
    print(f"  errors: {orjson.dumps(r.get('errors', {})).decode()}")
    print("  lag curve (t s: published / extracted / stored, lag raw / store):")
    for row in r.get("lag_curve", []):
        print(f"    {row['t']:>6}: {row['published']:>6} / {row['extracted']:>6} / {row['stored']:>6}, "
              f"lag {row['lag_raw']:>5} / {row['lag_store']:>5}  (load {row['load_avg_1m']})")  # fmt: skip
    print("  peak memory per service (MiB): " + ", ".join(
        f"{n} RSS {m['peak_rss_mib']} PSS {m['peak_pss_mib']} CPU {m['cpu_seconds']} s{' (still growing)' if m['plateaus'] is False else ''}"
        for n, m in r.get("memory", {}).items()))  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
