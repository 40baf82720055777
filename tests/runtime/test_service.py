"""Crash and shutdown of a real consumer process (tests/runtime/consumer_app.py) on the embedded broker."""

from __future__ import annotations

import asyncio
import collections
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from libs.contracts.topics import TopicSettings
from tests.conftest import REPO_ROOT
from tests.runtime.kafka_helpers import produce
from tests.waiting import wait_until

pytestmark = pytest.mark.integration


class App:
    """One consumer_app subprocess writing to `out`."""

    def __init__(self, bootstrap: str, topics: TopicSettings, group: str, out: Path, log: Path, *extra: str):
        self.out = out
        cmd = [
            sys.executable,
            "-m",
            "tests.runtime.consumer_app",
            "--bootstrap",
            bootstrap,
            "--topic",
            topics.topic_articles_raw,
            "--dlq",
            topics.topic_articles_raw_dlq,
            "--group",
            group,
            "--out",
            str(out),
            *extra,
        ]
        self.log_file = open(log, "ab")  # closed in wait()
        self.proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=self.log_file, stderr=subprocess.STDOUT)
        _started.append(self)

    def wait(self, timeout: float = 30) -> int:
        try:
            return self.proc.wait(timeout)
        finally:
            self.log_file.close()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.wait()


def lines(path: Path) -> list[tuple[int, int, int]]:
    """(partition, offset, n) per processed record, in processing order."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        p, o, n = line.split(":")
        out.append((int(p), int(o), int(n)))
    return out


def assert_ordered_per_partition_per_run(records: list[tuple[int, int, int]]) -> None:
    last: dict[int, int] = {}
    for p, o, _ in records:
        assert o > last.get(p, -1), f"partition {p} went back from {last[p]} to {o} within one run"
        last[p] = o


_started: list[App] = []


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    """A scratch folder; any app a failed test left running is killed afterwards."""
    yield tmp_path
    while _started:
        app = _started.pop()
        if app.proc.poll() is None:
            app.kill()


def publish(bootstrap: str, topic: str, numbers: range) -> None:
    asyncio.run(produce(bootstrap, topic, [orjson.dumps({"n": n}) for n in numbers]))


@pytest.mark.parametrize("mode", [[], ["--batch", "--max-batch", "15"]], ids=["per-record", "batch"])
def test_sigkill_mid_batch_then_restart_processes_every_record(
    kafka_bootstrap: str, unique_topics: TopicSettings, workdir: Path, mode: list[str]
) -> None:
    n_records = 80
    publish(kafka_bootstrap, unique_topics.topic_articles_raw, range(n_records))
    group = f"g-{uuid.uuid4().hex[:6]}"
    first, second = workdir / "run1.txt", workdir / "run2.txt"

    app = App(kafka_bootstrap, unique_topics, group, first, workdir / "app.log", "--delay", "0.03", *mode)
    wait_until(lambda: len(lines(first)) >= 25, 60, "25 records processed", every=0.05)
    app.kill()  # SIGKILL in the middle of a fetched batch
    assert app.proc.returncode == -signal.SIGKILL
    killed_at = len(lines(first))
    assert killed_at < n_records

    app = App(kafka_bootstrap, unique_topics, group, second, workdir / "app.log", "--delay", "0.01", *mode)
    wait_until(
        lambda: {n for *_, n in lines(first) + lines(second)} >= set(range(n_records)),
        60,
        f"all {n_records} records processed over both runs",
        every=0.05,
    )
    app.proc.send_signal(signal.SIGTERM)
    assert app.wait() == 0

    run1, run2 = lines(first), lines(second)
    assert_ordered_per_partition_per_run(run1)
    assert_ordered_per_partition_per_run(run2)
    combined = collections.Counter(n for *_, n in run1 + run2)
    assert set(combined) == set(range(n_records))  # nothing lost: every record at least once
    assert run2, "the restarted process re-processed what the killed one had not committed"


@pytest.mark.parametrize("mode", [[], ["--batch", "--max-batch", "15"]], ids=["per-record", "batch"])
def test_sigterm_drains_commits_and_exits_zero(
    kafka_bootstrap: str, unique_topics: TopicSettings, workdir: Path, mode: list[str]
) -> None:
    n_records = 60
    topic = unique_topics.topic_articles_raw
    publish(kafka_bootstrap, topic, range(n_records))
    group = f"g-{uuid.uuid4().hex[:6]}"
    out = workdir / "processed.txt"

    app = App(kafka_bootstrap, unique_topics, group, out, workdir / "app.log", "--delay", "0.03", *mode)
    wait_until(lambda: len(lines(out)) >= 20, 60, "20 records processed", every=0.05)
    app.proc.send_signal(signal.SIGTERM)
    assert app.wait() == 0
    stopped_at = len(lines(out))
    assert stopped_at < n_records, "SIGTERM came after everything was done; the test proves nothing"

    # A restart continues exactly where the graceful stop committed: nothing twice, nothing missing.
    app = App(kafka_bootstrap, unique_topics, group, out, workdir / "app.log", "--delay", "0", *mode)
    wait_until(lambda: len(lines(out)) >= n_records, 60, f"{n_records} records processed", every=0.05)
    publish(kafka_bootstrap, topic, range(n_records, n_records + 5))  # and keeps consuming new records
    wait_until(lambda: len(lines(out)) >= n_records + 5, 60, "the 5 new records processed", every=0.05)
    time.sleep(0.5)
    app.proc.send_signal(signal.SIGTERM)
    assert app.wait() == 0

    counts = collections.Counter(n for *_, n in lines(out))
    assert set(counts) == set(range(n_records + 5))
    assert [n for n, c in counts.items() if c > 1] == []


def test_second_signal_forces_exit(kafka_bootstrap: str, unique_topics: TopicSettings, workdir: Path) -> None:
    """A step stuck far longer than an operator wants to wait: the second SIGTERM exits without waiting (130)."""
    publish(kafka_bootstrap, unique_topics.topic_articles_raw, range(3))
    out = workdir / "processed.txt"
    app = App(
        kafka_bootstrap, unique_topics, f"g-{uuid.uuid4().hex[:6]}", out, workdir / "app.log", "--delay", "60"
    )
    wait_until(
        lambda: (workdir / "app.log").exists() and b"consumer.started" in (workdir / "app.log").read_bytes(),
        60,
        "consumer.started in the app's log",
        every=0.05,
    )
    time.sleep(0.5)  # the first record's 60 s step is under way
    app.proc.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    app.proc.send_signal(signal.SIGTERM)
    assert app.wait(timeout=30) == 130  # well before the step could have finished
    assert lines(out) == []


_STARTING_AND_EXITING = """
import asyncio, os, signal, sys, time
from libs.runtime.service import run_service
from libs.runtime.settings import CommonSettings

async def main(stop):
    await asyncio.wait_for(stop.wait(), 30)  # the signal held at start-up reaches the loop
    print("stopped", flush=True)

from libs.runtime.service import hold_stop_signals
hold_stop_signals()  # what `run_service` and the fetcher do first
if sys.argv[1] == "early":
    os.kill(os.getpid(), signal.SIGTERM)  # while importing / connecting: held
    code = run_service("test", CommonSettings(log_format="console"), main)
else:
    code = run_service("test", CommonSettings(log_format="console"), lambda stop: asyncio.sleep(0))
    os.kill(os.getpid(), signal.SIGTERM)  # while exiting: absorbed
    time.sleep(0.2)
    print("stopped", flush=True)
sys.exit(code)
"""


@pytest.mark.parametrize("when", ["early", "late"])
def test_a_stop_while_starting_or_exiting_ends_the_service_with_exit_zero(when: str) -> None:
    """SIGTERM before the service's loop handles signals (imports, connections) or after it (exit):
    the process ends with 0, not killed by the signal, so a supervisor's stop is never a crash."""
    done = subprocess.run(
        [sys.executable, "-c", _STARTING_AND_EXITING, when], cwd=REPO_ROOT, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "stopped" in done.stdout
