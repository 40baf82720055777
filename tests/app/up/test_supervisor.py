"""The supervisor restarts crashed children, leaves finished ones alone and stops everything."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.up.supervisor import ProcessSpec, Supervisor
from tests.waiting import wait_until


def _py(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _poll_until(sup: Supervisor, cond: Callable[[], object], what: str, within: float = 10.0) -> None:
    """`wait_until`, with `sup.poll()` (reap and restart children) before each look at `cond()`."""

    def polled() -> object:
        sup.poll()
        return cond()

    wait_until(polled, within, what, every=0.05)


def test_crashed_child_is_restarted_with_backoff(tmp_path: Path) -> None:
    counter = tmp_path / "starts"
    code = f"open({str(counter)!r}, 'a').write('x'); raise SystemExit(3)"
    sup = Supervisor([ProcessSpec("crashy", _py(code))], backoff_initial=0.1, backoff_max=0.2)
    sup.start()
    try:
        _poll_until(sup, lambda: counter.exists() and len(counter.read_text()) >= 3, "three starts of crashy")
    finally:
        sup.stop(timeout=2)
    assert sup.status()["crashy"] in ("restarting", "running")


def test_child_exiting_zero_is_finished_not_restarted(tmp_path: Path) -> None:
    counter = tmp_path / "starts"
    code = f"open({str(counter)!r}, 'a').write('x')"
    sup = Supervisor([ProcessSpec("job", _py(code))], backoff_initial=0.05)
    sup.start()
    _poll_until(sup, lambda: sup.finished("job"), "job finished")
    time.sleep(0.3)
    sup.poll()
    sup.stop(timeout=2)
    assert counter.read_text() == "x"
    assert sup.status()["job"] == "finished(0)"


def test_stop_terminates_and_kills_stragglers(tmp_path: Path) -> None:
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('up', flush=True); time.sleep(60)"
    polite = "import time; time.sleep(60)"
    log = tmp_path / "stubborn.log"
    sup = Supervisor(
        [ProcessSpec("stubborn", _py(stubborn), log_path=log), ProcessSpec("polite", _py(polite))]
    )
    sup.start()
    _poll_until(sup, lambda: log.exists() and "up" in log.read_text(), "stubborn up")
    pids = sup.pids()
    started = time.monotonic()
    sup.stop(timeout=1.0)
    assert time.monotonic() - started < 10
    for pid in pids.values():
        assert not _alive(pid)


def test_no_restart_policy_marks_crash_finished() -> None:
    sup = Supervisor([ProcessSpec("once", _py("raise SystemExit(1)"), restart=False)])
    assert sup.exit_code("once") is None
    sup.start()
    _poll_until(sup, lambda: sup.finished("once"), "once finished")
    sup.stop(timeout=1)
    assert sup.status()["once"] == "finished(1)"
    assert sup.exit_code("once") == 1


def test_a_child_is_stopped_and_started_again_even_after_it_finished(tmp_path: Path) -> None:
    """What `accord up` does with the fetcher when its embedded broker died: stop it, then run it again."""
    counter = tmp_path / "starts"
    job = ProcessSpec("job", _py(f"open({str(counter)!r}, 'a').write('x')"), restart=False)
    long = ProcessSpec("long", _py("import time; time.sleep(60)"))
    sup = Supervisor([job, long], backoff_initial=0.05)
    sup.start()
    try:
        _poll_until(sup, lambda: sup.finished("job"), "job finished")
        sup.start_child("job")  # a finished one-shot job runs once more
        _poll_until(sup, lambda: sup.finished("job") and len(counter.read_text()) == 2, "job finished twice")
        pid = sup.pids()["long"]
        assert sup.stop_child("long", timeout=5) is not None
        assert not _alive(pid)
        sup.poll()
        assert sup.status()["long"].startswith("finished"), "stopped: not restarted by poll()"
        sup.start_child("long")
        assert sup.status()["long"] == "running" and sup.pids()["long"] != pid
    finally:
        sup.stop(timeout=2)


def test_killed_children_stay_down_until_started_again() -> None:
    ignores_term = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"
    sup = Supervisor([ProcessSpec("consumer", _py(ignores_term))], backoff_initial=0.01)
    sup.start()
    try:
        first = sup.pids()["consumer"]
        sup.kill(["consumer"])  # SIGKILL: no drain, whatever it does with SIGTERM
        assert not _alive(first)
        for _ in range(5):
            sup.poll()
            time.sleep(0.05)
        assert "consumer" not in sup.pids(), "held down: not restarted by the crash policy"
        sup.start_child("consumer")
        assert sup.pids()["consumer"] != first and _alive(sup.pids()["consumer"])
    finally:
        sup.stop(timeout=1)
