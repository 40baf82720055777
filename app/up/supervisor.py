"""A small process supervisor: runs child processes, restarts crashed ones with backoff, stops them all.

Policy: a child that exits with code 0 has finished its job (a backfill
fetcher, say) and is not restarted; a child that exits otherwise crashed and is
restarted after an exponential backoff (reset once it has stayed up for
`stable_after` seconds). `stop()` sends SIGTERM to every child, waits for them
to drain, then SIGKILLs stragglers, so nothing is left behind, and returns
their exit codes. Children also get SIGTERM from the kernel if the supervisor
itself dies.

Each child runs in its own session (`start_new_session`): a terminal's Ctrl-C
(SIGINT to the whole foreground process group) reaches the supervising process
only, which then stops the children in the order it chooses, each exactly once.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import structlog

from libs.runtime.process import die_with_parent
from libs.runtime.retry import RetryPolicy

log = structlog.get_logger(__name__)


@dataclass
class ProcessSpec:
    """What to run: `argv` with `env` added to the supervisor's environment; output appended to `log_path`."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    log_path: Path | None = None
    restart: bool = True


@dataclass
class _Child:
    spec: ProcessSpec
    proc: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restarts: int = 0
    next_start: float = 0.0
    finished: bool = False
    last_exit: int | None = None


class Supervisor:
    """Start, watch (`poll()`), restart and stop a set of child processes."""

    def __init__(
        self,
        specs: list[ProcessSpec],
        *,
        backoff_initial: float = 1.0,
        backoff_max: float = 30.0,
        stable_after: float = 30.0,
    ) -> None:
        self._children = {s.name: _Child(s) for s in specs}
        self.restart_policy = RetryPolicy(initial_s=backoff_initial, max_s=backoff_max)
        self.stable_after = stable_after
        self._stopping = False

    def start(self) -> None:
        for child in self._children.values():
            self._spawn(child)

    def _spawn(self, child: _Child) -> None:
        spec = child.spec
        out: int | object = subprocess.DEVNULL
        if spec.log_path is not None:
            spec.log_path.parent.mkdir(parents=True, exist_ok=True)
            out = os.open(spec.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            child.proc = subprocess.Popen(
                spec.argv,
                env={**os.environ, **spec.env},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent,
                start_new_session=True,
            )
        finally:
            if isinstance(out, int) and out != subprocess.DEVNULL:
                os.close(out)
        child.started_at = time.monotonic()
        log.info("supervisor.started", child=spec.name, pid=child.proc.pid, restarts=child.restarts)

    def poll(self) -> None:
        """Reap exited children and restart crashed ones whose backoff has elapsed. Call periodically."""
        now = time.monotonic()
        for child in self._children.values():
            if child.finished or self._stopping:
                continue
            if child.proc is not None:
                code = child.proc.poll()
                if code is None:
                    continue
                child.last_exit = code
                child.proc = None
                if code == 0 or not child.spec.restart:
                    child.finished = True
                    log.info("supervisor.finished", child=child.spec.name, exit_code=code)
                    continue
                uptime = now - child.started_at
                if uptime >= self.stable_after:
                    child.restarts = 0
                delay = self.restart_policy.delay(child.restarts + 1)
                child.restarts += 1
                child.next_start = now + delay
                log.warning(
                    "supervisor.crashed", child=child.spec.name, exit_code=code, restart_in_s=round(delay, 1)
                )
            elif now >= child.next_start:
                self._spawn(child)

    def pids(self) -> dict[str, int]:
        return {n: c.proc.pid for n, c in self._children.items() if c.proc is not None}

    def status(self) -> dict[str, str]:
        """name -> running | restarting | finished(code)."""
        out = {}
        for name, c in self._children.items():
            if c.proc is not None:
                out[name] = "running"
            elif c.finished:
                out[name] = f"finished({c.last_exit})"
            else:
                out[name] = "restarting"
        return out

    def finished(self, name: str) -> bool:
        return self._children[name].finished

    def exit_code(self, name: str) -> int | None:
        """The last exit code of child `name` (None while it has never exited)."""
        return self._children[name].last_exit

    def stop_child(self, name: str, timeout: float = 20.0) -> int | None:
        """Stop child `name` (SIGTERM, SIGKILL after `timeout`) and keep it stopped until `start_child`."""
        child = self._children[name]
        self._stop_group([child], timeout)
        child.finished = True
        return child.last_exit

    def kill(self, names: list[str]) -> None:
        """SIGKILL children `names` now (no drain) and hold them stopped until `start_child`."""
        for name in names:
            child = self._children[name]
            proc, child.proc = child.proc, None
            child.next_start = math.inf
            if proc is not None and proc.poll() is None:
                log.warning("supervisor.kill", child=name, pid=proc.pid)
                proc.kill()
            if proc is not None:
                child.last_exit = proc.wait()

    def start_child(self, name: str) -> None:
        """Start child `name` again now, also when it had finished (a one-shot job to run once more)."""
        child = self._children[name]
        if child.proc is None:
            child.finished = False
            child.restarts = 0
            self._spawn(child)

    def stop(self, timeout: float = 20.0, order: list[list[str]] | None = None) -> dict[str, int | None]:
        """SIGTERM the children (group by group when `order` is given), SIGKILL what is left after `timeout`.

        Returns each child's exit code (None: it was never started or not reaped).
        """
        self._stopping = True
        groups = order or [list(self._children)]
        named = {n for g in groups for n in g}
        groups = [*groups, [n for n in self._children if n not in named]]
        for group in groups:
            self._stop_group([self._children[n] for n in group if n in self._children], timeout)
        return {name: child.last_exit for name, child in self._children.items()}

    def _stop_group(self, children: list[_Child], timeout: float) -> None:
        live = [c for c in children if c.proc is not None and c.proc.poll() is None]
        for c in live:
            assert c.proc is not None
            c.proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for c in children:
            proc, c.proc = c.proc, None
            if proc is None:
                continue
            try:
                c.last_exit = proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("supervisor.kill", child=c.spec.name, pid=proc.pid)
                proc.kill()
                c.last_exit = proc.wait()
