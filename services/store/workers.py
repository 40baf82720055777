"""`accord store api` with `ACCORD_API_WORKERS` > 1: N API processes serving one port (pre-fork).

The supervisor (this process) binds the listening socket once and starts N
worker processes (`multiprocessing` spawn) that accept on that shared socket,
as uvicorn's own multiprocess supervisor does. Each worker is a whole API
(`serve_api`, its own database pool and load-shedding budget).

* Shutdown: SIGTERM or SIGINT to the supervisor is relayed as SIGTERM to every
  worker, which finishes its in-flight requests; the supervisor exits 0 when
  all workers did. Workers run in their own process group (a terminal's Ctrl-C
  reaches only the supervisor) and get SIGTERM if the supervisor dies
  (`PR_SET_PDEATHSIG`). A second signal is relayed too (workers leave at once)
  and the supervisor exits 130.
* A worker that dies is restarted (`store.api_worker_died`); when workers died
  `MAX_DEATHS` times within `DEATH_WINDOW_S` (a crash loop: the database schema
  missing, a broken configuration), the others are stopped and the supervisor
  exits 1.
* Metrics: `prometheus_client` multiprocess mode. The supervisor creates a
  per-run directory (`PROMETHEUS_MULTIPROC_DIR`, removed on exit) before the
  workers import anything; each worker writes its samples there and `/metrics`,
  whichever worker answers, aggregates every worker's (`metrics_registry`).
  `ACCORD_METRICS_PORT` is not used in this mode: `/metrics` on the API port
  is the place.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections import deque
from multiprocessing.process import BaseProcess
from pathlib import Path

import structlog

from libs.runtime.process import die_with_parent
from services.store.core.config import SERVICE_NAME, StoreSettings

log = structlog.get_logger(__name__)

MAX_DEATHS = 5
DEATH_WINDOW_S = 60.0
#: How long a stop waits for the workers (their graceful shutdown takes up to 10 s) before killing them.
STOP_TIMEOUT_S = 30.0
FORCED_EXIT = 130


def bind_socket(host: str, port: int) -> socket.socket:
    """The API's listening socket, shared by the workers (IPv6 when `host` is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not 0: asyncio sets TCP_NODELAY only on sockets whose `proto` says TCP; with
    # Nagle on, a response's second write (its body after its head) waited for the client's delayed
    # ACK: 40 ms added to every request of a multi-worker API
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise RuntimeError(f"API could not listen on {host}:{port}: {exc}") from exc
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _worker(settings: StoreSettings, sock: socket.socket, index: int) -> None:
    """One API process on the shared socket; exits 0 after a SIGTERM (in-flight requests finished)."""
    from libs.runtime.service import hold_stop_signals, run_service

    hold_stop_signals()
    os.setpgrp()
    die_with_parent(signal.SIGTERM)
    from services.store.api.main import create_app
    from services.store.service import serve_api

    settings = settings.model_copy(update={"metrics_port": None})
    structlog.contextvars.bind_contextvars(api_worker=index)

    async def body(stop: object) -> None:
        await serve_api(create_app(settings), settings, stop, sockets=[sock])  # type: ignore[arg-type]

    raise SystemExit(run_service(SERVICE_NAME, settings, body))


class Supervisor:
    """Starts, watches and stops the workers (see the module docstring)."""

    def __init__(self, settings: StoreSettings) -> None:
        """Takes over SIGTERM/SIGINT at once (a stop during start-up is kept, not fatal)."""
        self.settings = settings
        self.sock: socket.socket | None = None
        self.ctx = multiprocessing.get_context("spawn")
        self.workers: list[BaseProcess] = []
        self.deaths: deque[float] = deque()
        self.signals: list[int] = []
        self.wake = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)

    def _start(self, index: int) -> BaseProcess:
        proc = self.ctx.Process(
            target=_worker, args=(self.settings, self.sock, index), name=f"accord-store-api-{index}"
        )
        proc.start()
        return proc

    def _on_signal(self, signum: int, _frame: object) -> None:
        self.signals.append(signum)
        self.wake.set()

    def _relay(self, sig: signal.Signals) -> None:
        for proc in self.workers:
            if proc.pid is not None and proc.exitcode is None:
                try:
                    os.kill(proc.pid, sig)
                except ProcessLookupError:
                    pass

    def _replace_dead(self) -> bool:
        """Restart the workers that died; False when they die too often (a crash loop)."""
        from prometheus_client import multiprocess

        now = time.monotonic()
        for index, proc in enumerate(self.workers):
            if proc.exitcode is None:
                continue
            log.error("store.api_worker_died", worker=index, pid=proc.pid, exit_code=proc.exitcode)
            multiprocess.mark_process_dead(proc.pid)
            self.deaths.append(now)
            while self.deaths and self.deaths[0] < now - DEATH_WINDOW_S:
                self.deaths.popleft()
            if len(self.deaths) >= MAX_DEATHS:
                return False
            self.workers[index] = self._start(index)
        return True

    def _stop(self, deadline: float) -> int:
        """SIGTERM to the workers, a second signal relayed, SIGKILL at `deadline`; 130 if forced, else 0/1."""
        self._relay(signal.SIGTERM)
        handled, forced = len(self.signals), False
        for proc in self.workers:
            while proc.exitcode is None and time.monotonic() < deadline:
                proc.join(0.2)
                if len(self.signals) > handled:  # a second stop signal: leave at once
                    handled, forced = len(self.signals), True
                    self._relay(signal.SIGTERM)
            if proc.exitcode is None:
                log.warning("store.api_worker_killed", pid=proc.pid)
                proc.kill()
                proc.join()
                forced = True
        codes = [p.exitcode for p in self.workers]
        if forced:
            return FORCED_EXIT
        if any(c not in (0, -signal.SIGTERM) for c in codes):  # -SIGTERM: stopped while starting up
            log.error("store.api_workers_failed_to_stop", exit_codes=codes)
            return 1
        return 0

    def run(self, sock: socket.socket) -> int:
        """Serve on `sock` until SIGTERM/SIGINT (exit 0, or 130 when a second signal cut the stop short) or a
        crash loop (1)."""
        self.sock = sock
        self.workers = [self._start(i) for i in range(self.settings.api_workers)]
        log.info("store.api_workers_started", workers=len(self.workers), pids=[p.pid for p in self.workers])
        crash_loop = False
        while not self.signals:
            self.wake.wait(0.5)
            if not self.signals and not self._replace_dead():
                log.error("store.api_workers_crash_loop", deaths=len(self.deaths), window_s=DEATH_WINDOW_S)
                crash_loop = True
                break
        code = self._stop(time.monotonic() + STOP_TIMEOUT_S)
        log.info("store.api_workers_stopped", exit_code=1 if crash_loop else code)
        return 1 if crash_loop else code


def run_api_workers(settings: StoreSettings, *, migrate_first: bool = False) -> int:
    """Serve the API with `settings.api_workers` processes on one port (migrate first when asked); the
    exit code."""
    from libs.runtime.logging import configure_logging
    from services.store.service import migrate_store

    supervisor = Supervisor(settings)
    configure_logging(SERVICE_NAME, settings)
    if migrate_first:
        migrate_store(settings)
    metrics_dir = Path(tempfile.mkdtemp(prefix="accord-store-metrics-"))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)  # inherited by the spawned workers
    try:
        sock = bind_socket(settings.api_host, settings.api_port)
    except RuntimeError as exc:
        log.error("store.api_bind_failed", error=str(exc))
        shutil.rmtree(metrics_dir, ignore_errors=True)
        return 1
    try:
        return supervisor.run(sock)
    finally:
        sock.close()
        shutil.rmtree(metrics_dir, ignore_errors=True)
