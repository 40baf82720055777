"""A small process supervisor: runs child processes, restarts crashed ones with backoff, stops them all.

Policy: a child that exits with code 0 has finished its job (a backfill
fetcher, say) and is not restarted; a child that exits otherwise crashed and is
restarted after an exponential backoff (reset once it has stayed up for
`stable_after` seconds). `stop()` sends SIGTERM to every child, waits for them
to drain, then SIGKILLs stragglers, so nothing is left behind. Children also get
SIGTERM from the kernel if the supervisor itself dies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import structlog

from libs.infra.broker import die_with_parent

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
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
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
                delay = min(self.backoff_max, self.backoff_initial * (2**child.restarts))
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

    def stop(self, timeout: float = 20.0, order: list[list[str]] | None = None) -> None:
        """SIGTERM the children (group by group when `order` is given), then SIGKILL what is left after `timeout`."""
        self._stopping = True
        groups = order or [list(self._children)]
        named = {n for g in groups for n in g}
        groups = [*groups, [n for n in self._children if n not in named]]
        for group in groups:
            procs = [self._children[n].proc for n in group if n in self._children]
            live = [p for p in procs if p is not None and p.poll() is None]
            for p in live:
                p.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + timeout
            for p in live:
                try:
                    p.wait(max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    log.warning("supervisor.kill", pid=p.pid)
                    p.kill()
                    p.wait()
        for child in self._children.values():
            child.proc = None
