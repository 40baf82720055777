"""Slow consumer (`make bench-backlog`): a backlog of 50,000 articles on `articles.raw` drains,
and every service's memory stays bounded.

    .venv/bin/python -m benchmarks.bench_backlog [--articles 50000] [--extractors 2] [--shared ../shared]

1. The stack of `accord up` (`benchmarks/stackbench.py`) in a fresh state folder, with only the
   fetcher started: it reads a JSON-lines file of `--articles` records (the shared corpus' first
   33,684, then synthetic stories from `tests/integration/synthetic.py` up to the count;
   synthetic only with `--synthetic` or without the corpus) and publishes them to the raw topic
   (`--once`) while no consumer runs: the backlog.
2. Then the store and `--extractors` extractors start and drain it: until every distinct
   article is stored and both consumer lags are 0 (at most `--drain-timeout` s).
3. Memory of every service's process tree sampled every 2 s (RSS and PSS); the lag and the
   counts every `--sample-s` s. A service's memory plateaus when the peak of the last third of
   the drain is within 10 % (or 20 MiB) of the peak before it.
4. The audit of `bench_pipeline.py`: every distinct text is one ledger row and one stored
   article, every event listed is stored once.

Prints a table, writes JSON to `--out`; exit 1 when the audit fails, the drain timed out or the
memory of a service (fetcher, extractor, store) did not plateau during the drain. The embedded
broker's and Postgres' memory is reported but not judged: the broker is memory-only and holds
every record it was given (the backlog itself), and Postgres' RSS grows as it touches its shared
buffers (counted once per backend in RSS, once in PSS).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_pipeline import AUDIT_SQL  # noqa: E402
from benchmarks.stackbench import (  # noqa: E402
    BenchStack,
    Sampler,
    Samples,
    dead_letters,
    machine,
    memory_report,
    quantiles,
    rates,
    stack_args,
)

PLATEAU = {True: "plateau", False: "GROWING", None: "too short to tell"}
#: their memory follows the data they hold (the memory-only broker keeps every record; Postgres
#: fills its shared buffers): reported, not judged
INFRASTRUCTURE = {"broker", "postgres"}


def _args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=50_000)
    stack_args(ap, "bench_backlog", drain_timeout=3600.0)
    return ap.parse_args()


def write_input(path: Path, args: argparse.Namespace) -> tuple[int, int, str]:
    """The JSON-lines input: (records, distinct article ids, what it holds)."""
    from libs.contracts.articles import article_id_for
    from services.fetcher.articles import clean_text
    from tests.integration.synthetic import make_articles

    corpus = args.shared / "corpus" / "tehran-times.jsonl.gz"
    lines: list[bytes] = []
    if corpus.exists() and not args.synthetic:
        with gzip.open(corpus, "rb") as f:
            lines = [ln.rstrip(b"\n") for ln in islice(f, args.articles)]
    from_corpus = len(lines)
    lines += [orjson.dumps(a) for a in make_articles(args.articles - from_corpus, seed=23)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    texts = {orjson.loads(ln)["text"] for ln in lines}
    distinct = {article_id_for(None, c) for c in (clean_text(t) for t in texts) if c}
    kind = f"{from_corpus} corpus records + {len(lines) - from_corpus} synthetic"
    return len(lines), len(distinct), kind


def main() -> int:
    args = _args()
    bench = BenchStack(sources=[], extractors=args.extractors, keep=args.keep)
    source = bench.state / "input.jsonl"
    records, distinct, kind = write_input(source, args)
    bench.stack.opts.sources = [f"backlog=jsonl:{source}"]
    report: dict[str, Any] = {
        "config": {k: str(v) for k, v in vars(args).items()},
        "input": {"records": records, "distinct_articles": distinct, "holds": kind},
        "machine_before": machine(),
    }
    try:
        bench.start()
        report |= run_backlog(args, bench, distinct)
    finally:
        report["exit_codes"] = bench.stop()
        if args.keep:
            print(f"state kept in {bench.state}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    print_table(report)
    print(f"\nJSON: {args.out}")
    ok = report["audit"]["ok"] and report["drain"]["seconds"] is not None
    services = [m for n, m in report["memory_drain"].items() if n not in INFRASTRUCTURE]
    return 0 if ok and all(m["plateaus"] is not False for m in services) else 1


def run_backlog(args: argparse.Namespace, bench: BenchStack, distinct: int) -> dict[str, Any]:
    """Publish the backlog with no consumer running, then drain it; the measurements."""
    sampler = Sampler(bench, curve_s=args.sample_s)
    sampler.start()
    t0 = time.monotonic()
    fetcher = bench.run(["fetcher"])
    while not fetcher.finished("fetcher"):
        fetcher.poll()
        time.sleep(0.5)
    publish_s = time.monotonic() - t0
    if fetcher.exit_code("fetcher") != 0:
        raise SystemExit(
            f"the fetcher exited {fetcher.exit_code('fetcher')} (logs in {bench.state / 'logs'})"
        )
    marker = len(sampler.samples.rss)
    t1 = time.monotonic()
    bench.run(["store", *[n for n in bench.specs if n.startswith("extractor")]])
    drained = None
    while time.monotonic() - t1 < args.drain_timeout:
        bench.poll()
        snap = sampler.progress().collect()
        if snap.db_ok and snap.articles_stored >= distinct and snap.lag_raw == 0 and snap.lag_store == 0:
            drained = time.monotonic() - t1
            break
        time.sleep(1.0)
    letters = dead_letters(bench)
    samples = sampler.stop()
    return {
        "publish": {"seconds": round(publish_s, 1), "per_s": round(distinct / publish_s, 1)},
        "drain": {
            "seconds": round(drained, 1) if drained else None,
            "stored_per_s": round(distinct / drained, 1) if drained else None,
            "load_avg_1m_during": quantiles([row["load_avg_1m"] for row in samples.curve]),
        },
        "memory_publish": memory_report(_phase(samples, samples.rss[:marker])),
        "memory_drain": memory_report(_phase(samples, samples.rss[marker:], leave_out="fetcher")),
        "memory_whole_run": memory_report(samples),
        "lag_curve": samples.curve,
        "rates": rates(samples.curve),
        "dead_letters": letters,
        "audit": audit(bench, distinct),
        "machine_after": machine(),
    }


def _peaks(rows: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        for k, v in row.items():
            if k != "t":
                out[k] = max(out.get(k, 0), int(v * 1024 * 1024))
    return out


def _phase(samples: Samples, rows: list[dict[str, Any]], leave_out: str = "") -> Samples:
    """The memory samples `rows` of one phase (PSS peaks are the whole run's), without `leave_out`."""
    rows = [{k: v for k, v in row.items() if k != leave_out} for row in rows]
    peaks = _peaks(rows)
    return Samples(
        rss=rows,
        peak_rss=peaks,
        peak_pss={k: samples.peak_pss.get(k, 0) for k in peaks},
        pids_seen={k: v for k, v in samples.pids_seen.items() if k in peaks},
        cpu_s={k: v for k, v in samples.cpu_s.items() if k in peaks},
    )


def audit(bench: BenchStack, distinct: int) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(bench.database_url) as conn:
        out: dict[str, Any] = {k: int(conn.execute(q).fetchone()[0]) for k, q in AUDIT_SQL.items()}  # type: ignore[index]
    out["distinct_articles"] = distinct
    out["lost"] = distinct - out["articles_stored"]
    out["ok"] = (
        out["ledger_rows"] == out["articles_stored"] == distinct
        and out["ledger_not_stored"] == 0
        and out["stored_not_in_ledger"] == 0
        and out["events_listed"] == out["events_stored"]
        and out["events_listed_missing"] == 0
    )
    return out


def print_table(r: dict[str, Any]) -> None:
    a, d = r.get("audit", {}), r.get("drain", {})
    print(f"\nbench-backlog: {r['input']}; machine {r['machine_before']}")
    print(f"  publish (no consumer running): {r.get('publish')}")
    print(
        f"  drain: {d.get('seconds')} s, {d.get('stored_per_s')} articles/s; load avg 1m: {d.get('load_avg_1m_during')}"
    )
    print(f"  audit: stored {a.get('articles_stored')} of {a.get('distinct_articles')} distinct, "
          f"LOST {a.get('lost')}, events {a.get('events_stored')}, ok {a.get('ok')}; dead letters {r.get('dead_letters')}")  # fmt: skip
    print("  lag curve (t s: published / extracted / stored, lag raw / store):")
    for row in r.get("lag_curve", []):
        print(f"    {row['t']:>6}: {row['published']:>6} / {row['extracted']:>6} / {row['stored']:>6}, "
              f"lag {row['lag_raw']:>6} / {row['lag_store']:>5}  (load {row['load_avg_1m']})")  # fmt: skip
    for phase in ("memory_publish", "memory_drain"):
        print(f"  {phase} (MiB): " + ", ".join(
            f"{n} peak RSS {m['peak_rss_mib']} PSS {m['peak_pss_mib']} CPU {m['cpu_seconds']} s "
            f"(last third {m['rss_last_third_peak_mib']}, {PLATEAU[m['plateaus']]})"
            for n, m in r.get(phase, {}).items()))  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
