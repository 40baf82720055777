"""Smoke runs of `make bench-load` and `make bench-backlog`, so the scripts do not rot.

Both scripts run as the operator runs them (a subprocess each: the whole stack of `accord up`,
a local site on 127.0.0.1), small and synthetic (no ../shared needed), started together so the
two stacks' start-up overlaps. The tests check the report's structure and that nothing was lost;
the figures themselves are the full runs' (docs/reliability/load.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SERVICES = {"store", "extractor-1", "broker", "postgres"}


def _launch(module: str, out: Path, *args: str) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", module, "--synthetic", "--sample-s", "2", "--out", str(out), *args]
    return subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[subprocess.Popen[str], Path]]]:
    tmp = tmp_path_factory.mktemp("bench")
    procs = {
        "load": _launch("benchmarks.bench_load", tmp / "load.json", "--duration", "8", "--rate", "5",
                        "--api-rate", "10", "--drain-timeout", "90"),
        "backlog": _launch("benchmarks.bench_backlog", tmp / "backlog.json", "--articles", "300",
                           "--drain-timeout", "150"),
    }  # fmt: skip
    yield {name: (proc, tmp / f"{name}.json") for name, proc in procs.items()}
    for proc in procs.values():
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _report(run: tuple[subprocess.Popen[str], Path]) -> dict[str, Any]:
    proc, out = run
    output, _ = proc.communicate(timeout=240)
    assert proc.returncode == 0, output[-5000:]
    return json.loads(out.read_text())


def test_bench_load_smoke_loses_nothing_and_reports_every_figure(runs: dict[str, Any]) -> None:
    r = _report(runs["load"])
    a = r["audit"]
    assert a["appeared"] == 40
    assert r["drain"] == "drained" and a["never_seen_by_fetcher"] == 0
    assert a["lost"] == 0 and a["stored"] + a["refused_by_fetcher"] == 40
    assert a["ledger_equals_stored"] and a["articles_stored"] == a["stored"] == a["queryable"]
    assert r["probe"]["seen_live"] > 0, "the latency probe saw nothing while the load ran"
    lat = r["latency"]["appear_to_queryable_s"]
    assert 0 < lat["p50"] <= lat["p95"] <= lat["p99"] <= lat["max"]
    stages = [r["latency"][f"appear_to_{k}_s"]["p50"] for k in ("fetched", "extracted", "stored")]
    assert stages == sorted(stages) and stages[-1] <= lat["p50"]
    assert {"published_per_s", "extracted_per_s", "stored_per_s"} <= set(r["throughput"]["during_load"])
    assert r["throughput"]["until_all_stored"]["stored_per_s"] > 0
    assert r["throughput"]["per_interval"] and r["lag_curve"]
    assert {"t", "lag_raw", "lag_store", "published", "stored"} <= set(r["lag_curve"][0])
    assert SERVICES | {"fetcher"} <= {n for n, m in r["memory"].items() if m["peak_rss_mib"] > 0}
    assert r["memory"]["store"]["cpu_seconds"] > 0 and r["memory"]["fetcher"]["restarts"] == 0
    assert r["api_load"]["requests"] == 80
    assert not [s for s in r["api_load"]["statuses"] if s.startswith("5")]
    assert r["errors"]["dead_letters"] == {} and r["errors"]["api_load_connection_errors"] == 0
    assert r["machine_before"]["cpus"] and r["load_avg_1m_during"]["p50"] is not None
    assert r["api_recovered_seconds_after_load"] is not None and r["probe"]["final_sweep"].startswith("ok")


def test_bench_backlog_smoke_drains_everything(runs: dict[str, Any]) -> None:
    r = _report(runs["backlog"])
    a = r["audit"]
    assert r["input"]["records"] == 300 and a["distinct_articles"] == 300
    assert a["ok"] and a["lost"] == 0 and a["articles_stored"] == 300
    assert a["events_stored"] == a["events_listed"] > 0
    assert r["drain"]["seconds"] > 0 and r["drain"]["stored_per_s"] > 0
    assert r["publish"]["per_s"] > 0
    assert SERVICES <= {n for n, m in r["memory_drain"].items() if m["peak_rss_mib"] > 0}
    assert "fetcher" in r["memory_publish"] and "fetcher" not in r["memory_drain"]
    assert r["lag_curve"][-1]["stored"] == 300 and r["dead_letters"] == {}
