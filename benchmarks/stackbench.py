"""What `make bench-load` and `make bench-backlog` share: the stack of `accord up`, sampled.

`BenchStack` runs the stack exactly as `accord up` does (`app.up.stack.Stack`: embedded broker
and Postgres, migrations, every service a supervised process of its own) in a fresh state
folder, but lets the benchmark start the services in phases and adds settings to one of them.
`Sampler` (a thread) records, every `curve_s` seconds, the progress counts (published,
extracted, stored: from Postgres and the services' /metrics, as the progress line does) and the
consumer lag (`accord_consumer_lag_records`: the last fetch's high-water mark minus the
position, per assigned partition), and every `rss_s` seconds the memory of every service's
process tree (RSS and PSS from /proc/<pid>/smaps_rollup: PSS counts shared pages once, which
matters for Postgres' backends and shared buffers).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
from prometheus_client.parser import text_string_to_metric_families

from app.up.progress import ProgressLine, ProgressSources, Snapshot
from app.up.stack import Stack, UpOptions
from app.up.supervisor import ProcessSpec, Supervisor
from libs.infra.broker import free_port
from libs.runtime.settings import CommonSettings

MIB = 1024 * 1024
#: memory samples needed to judge whether a service's memory plateaus (a minute at the default period)
MIN_SAMPLES = 30


def stack_args(ap: argparse.ArgumentParser, name: str, *, drain_timeout: float) -> None:
    """The options every whole-stack benchmark takes (extractors, corpus, output, state folder)."""
    repo = Path(__file__).resolve().parents[1]
    ap.add_argument("--extractors", type=int, default=2)
    ap.add_argument("--shared", type=Path, default=repo.parent / "shared")
    ap.add_argument(
        "--synthetic", action="store_true", help="synthetic articles even when the corpus is there"
    )
    ap.add_argument(
        "--drain-timeout", type=float, default=drain_timeout, help="longest wait for the backlog to drain"
    )
    ap.add_argument("--sample-s", type=float, default=10.0, help="period of the lag/throughput curve")
    ap.add_argument("--out", type=Path, default=repo / ".accord" / "bench" / f"{name}.json")
    ap.add_argument("--keep", action="store_true", help="keep the state folder (logs, Postgres data)")


def load_avg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict[str, Any]:
    """Cores, memory and the load average at the time of the call."""
    return {
        "cpus": os.cpu_count(),
        "memory_mib": round(psutil.virtual_memory().total / MIB),
        "load_avg_1_5_15": load_avg(),
    }


def quantiles(values: list[float], qs: tuple[float, ...] = (0.5, 0.95, 0.99)) -> dict[str, float | None]:
    """`{"p50": ..., "p95": ..., "p99": ..., "max": ...}` (None when `values` is empty)."""
    ordered = sorted(values)
    out: dict[str, float | None] = {}
    for q in qs:
        key = f"p{round(q * 100)}"
        out[key] = round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3) if ordered else None
    out["max"] = round(ordered[-1], 3) if ordered else None
    return out


def scrape_samples(port: int) -> list[tuple[str, dict[str, str], float]]:
    """Every sample (name, labels, value) of a /metrics endpoint on 127.0.0.1; [] when unreachable."""
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2.0)
        families = list(text_string_to_metric_families(response.raise_for_status().text))
    except (httpx.HTTPError, ValueError):
        return []
    return [(s.name, s.labels, s.value) for f in families for s in f.samples]


def tree_usage(pid: int) -> tuple[int, int, float]:
    """(RSS bytes, PSS bytes, CPU seconds) of process `pid` and its live descendants; zeros when gone."""
    try:
        procs = [psutil.Process(pid)]
        procs += procs[0].children(recursive=True)
    except psutil.Error:
        return 0, 0, 0.0
    rss = pss = 0
    cpu = 0.0
    for p in procs:
        try:
            lines = Path(f"/proc/{p.pid}/smaps_rollup").read_text().splitlines()
            times = p.cpu_times()
        except (OSError, psutil.Error):
            continue
        fields = {ln.split(":")[0]: ln.split()[1] for ln in lines if ln.startswith(("Rss:", "Pss:"))}
        rss += int(fields.get("Rss", 0)) * 1024
        pss += int(fields.get("Pss", 0)) * 1024
        cpu += times.user + times.system
    return rss, pss, cpu


class BenchStack:
    """The stack of `accord up` in a fresh temporary state folder (see the module docstring)."""

    def __init__(self, *, sources: list[str], extractors: int = 2, keep: bool = False) -> None:
        self.state = Path(tempfile.mkdtemp(prefix="accord-bench-stack-"))
        self.state.chmod(0o755)  # pgserver runs postgres as an unprivileged user when we are root
        self.keep = keep
        self.api_port = free_port()
        opts = UpOptions(sources=sources, state_dir=self.state, api_port=self.api_port, extractors=extractors)
        self.stack = Stack(opts, CommonSettings(kafka_bootstrap_servers=None, database_url=None))
        self.supervisors: list[Supervisor] = []
        self.specs: dict[str, ProcessSpec] = {}

    @property
    def database_url(self) -> str:
        assert self.stack.database_url is not None
        return self.stack.database_url

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def start(self) -> None:
        """Infrastructure up, topics created, migrations applied; the services are not started yet."""
        self.stack.start_infrastructure()
        self.stack.migrate()
        self.specs = {s.name: s for s in self.stack.service_specs()}

    def run(self, names: list[str], env: dict[str, dict[str, str]] | None = None) -> Supervisor:
        """Start the services `names` (supervised: a crash is restarted); `env[name]` is added to one's."""
        specs = []
        for name in names:
            spec = self.specs[name]
            spec.env = {**spec.env, **(env or {}).get(name, {})}
            specs.append(spec)
        sup = Supervisor(specs)
        sup.start()
        self.supervisors.append(sup)
        return sup

    def poll(self) -> None:
        for sup in self.supervisors:
            sup.poll()

    def pids(self) -> dict[str, int]:
        """Service name -> pid of what runs now, the broker and the Postgres server included."""
        out: dict[str, int] = {}
        for sup in self.supervisors:
            out |= sup.pids()
        if self.stack.broker is not None and self.stack.broker.pid:
            out["broker"] = self.stack.broker.pid
        pid_file = self.state / "postgres" / "postmaster.pid"
        if pid_file.exists():
            out["postgres"] = int(pid_file.read_text().split()[0])
        return out

    def wait_ready(self, timeout: float = 120.0) -> None:
        """Until the store's /readyz answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.poll()
            try:
                if httpx.get(self.api + "/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"the store did not become ready in {timeout:.0f} s (logs in {self.state / 'logs'})")

    def stop(self) -> dict[str, int | None]:
        """Fetcher first, then the extractors, then the store, then the infrastructure; exit codes."""
        codes: dict[str, int | None] = {}
        order = [["fetcher"], [n for n in self.specs if n.startswith("extractor")], ["store"]]
        for sup in reversed(self.supervisors):
            codes |= sup.stop(order=order)
        if self.stack.broker is not None:
            self.stack.broker.stop()
        if self.stack.postgres is not None:
            self.stack.postgres.stop()
        if not self.keep:
            shutil.rmtree(self.state, ignore_errors=True)
        return codes


@dataclass
class Samples:
    curve: list[dict[str, Any]] = field(default_factory=list)
    rss: list[dict[str, Any]] = field(default_factory=list)
    peak_rss: dict[str, int] = field(default_factory=dict)
    peak_pss: dict[str, int] = field(default_factory=dict)
    pids_seen: dict[str, set[int]] = field(default_factory=dict)
    cpu_s: dict[str, dict[int, float]] = field(default_factory=dict)  # service -> pid -> CPU seconds


class Sampler(threading.Thread):
    """Samples the stack in the background until `stop()` (see the module docstring)."""

    def __init__(self, bench: BenchStack, *, curve_s: float = 10.0, rss_s: float = 2.0) -> None:
        super().__init__(name="bench-sampler", daemon=True)
        self.bench = bench
        self.curve_s, self.rss_s = curve_s, rss_s
        self.samples = Samples()
        self.t0 = time.monotonic()
        self._stop_event = threading.Event()
        self._progress: ProgressLine | None = None
        self.last: Snapshot | None = None

    def progress(self) -> ProgressLine:
        if self._progress is None:
            ports = dict(self.bench.stack.metrics_ports)
            self._progress = ProgressLine(ProgressSources(ports, self.bench.database_url), tty=False)
        return self._progress

    def run(self) -> None:
        next_curve = time.monotonic()
        while not self._stop_event.is_set():
            now = time.monotonic()
            self.sample_memory(now)
            if now >= next_curve:
                self.sample_curve(now)
                next_curve = now + self.curve_s
            self._stop_event.wait(self.rss_s)

    def sample_memory(self, now: float) -> None:
        s = self.samples
        row: dict[str, Any] = {"t": round(now - self.t0, 1)}
        for name, pid in self.bench.pids().items():
            s.pids_seen.setdefault(name, set()).add(pid)
            rss, pss, cpu = tree_usage(pid)
            s.cpu_s.setdefault(name, {})[pid] = max(cpu, s.cpu_s.get(name, {}).get(pid, 0.0))
            row[name] = round(rss / MIB, 1)
            s.peak_rss[name] = max(s.peak_rss.get(name, 0), rss)
            s.peak_pss[name] = max(s.peak_pss.get(name, 0), pss)
        s.rss.append(row)

    def sample_curve(self, now: float) -> None:
        snap = self.progress().collect()
        self.last = snap
        self.samples.curve.append(
            {
                "t": round(now - self.t0, 1),
                "published": snap.published,
                "extracted": snap.extracted,
                "stored": snap.articles_stored,
                "events": snap.events_stored,
                "lag_raw": snap.lag_raw,
                "lag_store": snap.lag_store,
                "waiting_raw": max(0, snap.published - snap.extracted),
                "waiting_store": max(0, snap.extracted - snap.articles_stored),
                "load_avg_1m": load_avg()[0],
            }
        )

    def stop(self) -> Samples:
        self._stop_event.set()
        self.join(30)
        self.sample_curve(time.monotonic())
        if self._progress is not None:
            self._progress.close()
        return self.samples


def rates(curve: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per interval of the curve: published, extracted and stored per second."""
    out = []
    for a, b in itertools.pairwise(curve):
        dt = b["t"] - a["t"]
        if dt <= 0:
            continue
        out.append(
            {
                "t": b["t"],
                **{f"{k}_per_s": round((b[k] - a[k]) / dt, 1) for k in ("published", "extracted", "stored")},
            }
        )
    return out


def memory_report(samples: Samples) -> dict[str, Any]:
    """Peak RSS/PSS per service (MiB), restarts seen, and whether each one's RSS plateaus.

    Plateau: the peak of the last third of the samples is within 10 % (or 20 MiB) of the
    peak before it, i.e. memory stopped growing while the work went on; None (cannot tell)
    with fewer than `MIN_SAMPLES` samples.
    """
    out: dict[str, Any] = {}
    for name, peak in sorted(samples.peak_rss.items()):
        series = [row[name] for row in samples.rss if name in row]
        cut = max(1, len(series) * 2 // 3)
        before, after = max(series[:cut], default=0.0), max(series[cut:], default=0.0)
        out[name] = {
            "peak_rss_mib": round(peak / MIB, 1),
            "peak_pss_mib": round(samples.peak_pss.get(name, 0) / MIB, 1),
            "rss_first_two_thirds_peak_mib": before,
            "rss_last_third_peak_mib": after,
            "plateaus": after <= max(before * 1.1, before + 20) if len(series) >= MIN_SAMPLES else None,
            "restarts": len(samples.pids_seen.get(name, ())) - 1,
            "cpu_seconds": round(sum(samples.cpu_s.get(name, {}).values()), 1),
        }
    return out


def dead_letters(bench: BenchStack) -> dict[str, float]:
    """`accord_records_dead_lettered_total` per service and error class, from every /metrics."""
    out: dict[str, float] = {}
    for name, port in bench.stack.metrics_ports.items():
        for metric, labels, value in scrape_samples(port):
            if metric == "accord_records_dead_lettered_total" and value:
                key = f"{name}:{labels.get('topic')}:{labels.get('error_class')}"
                out[key] = out.get(key, 0) + value
    return out
