"""Pool workers die with their service: a SIGKILLed parent leaves no orphan (real processes, Linux)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# a service stand-in: a spawn pool with the shared initializer, prints its workers' pids, then waits
_PARENT = textwrap.dedent(
    """
    import multiprocessing, os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from libs.runtime.process import pool_worker_init

    if __name__ == "__main__":
        init = pool_worker_init if sys.argv[1] == "init" else None
        pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"), initializer=init)
        pids = {pool.submit(os.getpid).result() for _ in range(8)}
        print(" ".join(str(p) for p in sorted(pids)), flush=True)
        time.sleep(120)
    """
)


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped by init, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _workers_left_after_kill(mode: str) -> list[int]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _PARENT, mode],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert workers, "the pool ran its tasks"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    left = [p for p in workers if _alive(p)]
    for p in left:  # never leave an orphan behind, whatever the outcome
        os.kill(p, signal.SIGKILL)
    return left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_pool_workers_die_when_their_service_is_killed() -> None:
    assert _workers_left_after_kill("init") == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_without_the_initializer_workers_outlive_a_killed_service() -> None:
    """The control: what `pool_worker_init` prevents (orphans blocked on their task queue)."""
    assert _workers_left_after_kill("none") != []


def _die_with_parent_run(parent: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import os, signal\n"
        "from libs.runtime.process import die_with_parent\n"
        f"die_with_parent(signal.SIGKILL, {parent})\n"
        "print('alive')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_a_worker_orphaned_before_it_asked_dies_at_once() -> None:
    """The race of a service killed while its worker starts: the parent it knew is no longer its parent."""
    gone = _die_with_parent_run("os.getppid() + 1000000")
    assert gone.returncode == -signal.SIGKILL and "alive" not in gone.stdout
    kept = _die_with_parent_run("os.getppid()")
    assert kept.returncode == 0 and "alive" in kept.stdout
