"""Child processes that do not outlive their parent (Linux `PR_SET_PDEATHSIG`).

A service killed with SIGKILL runs no cleanup, so the processes it spawned (parse and build pools, API
workers) would be left behind, orphaned, blocked forever on their task queue. Each asks the kernel for a
signal when its parent dies. A parent killed before its child asked (a spawned worker takes about a
second to start) sends nothing, so a worker that knows its parent's pid checks it after asking. Best
effort: elsewhere than Linux nothing happens.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGTERM, parent_pid: int | None = None) -> None:
    """Ask the kernel to send this process `sig` when its parent dies (best effort); with `parent_pid`, send
    it now if the parent is already gone (this process was orphaned before it asked)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, sig)
    if parent_pid is not None and os.getppid() != parent_pid:
        os.kill(os.getpid(), sig)


def pool_worker_init() -> None:
    """`ProcessPoolExecutor` initializer: the worker leaves SIGINT and SIGTERM to its service (a terminal's
    Ctrl-C reaches the whole process group; the service drains, then shuts the pool down) and is killed
    with the service if the service is killed, even before the worker started."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    die_with_parent(signal.SIGKILL, parent.pid if parent is not None else None)
