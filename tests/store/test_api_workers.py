"""`accord store api` with 2 worker processes on one port, as a real process on a real Postgres: requests
served by both workers, `/metrics` counting every worker's requests, a dead worker restarted, SIGTERM -> 0."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from libs.contracts.topics import TopicSettings
from libs.infra.broker import free_port
from services.store.db import migrate
from services.store.db.session import make_engine
from services.store.persist import apply_batch
from tests.store.factories import extraction_of
from tests.store.helpers import settings_for, store_process_env
from tests.waiting import wait_until

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
REQUESTS = 60


def _seed(database_url: str) -> None:
    engine = make_engine(settings_for(database_url))
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            for a in range(5):
                evs, summary = extraction_of(f"w{a}", 2)
                apply_batch(conn, [*evs, summary])
    finally:
        engine.dispose()


def _children(pid: int) -> set[int]:
    return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def _workers(pid: int, n: int, within: float = 60) -> set[int]:
    """The API worker processes of supervisor `pid` (multiprocessing's resource tracker excepted)."""
    found: set[int] = set()

    def complete() -> bool:
        nonlocal found
        found = {c for c in _children(pid) if "accord-store-api" in _cmdline(c) or _is_worker(c)}
        return len(found) == n

    wait_until(complete, within, f"{n} workers of {pid}", lambda: f"children: {_children(pid)}", every=0.2)
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


def _is_worker(pid: int) -> bool:
    return "multiprocessing.spawn" in _cmdline(pid) and "resource_tracker" not in _cmdline(pid)


def _metrics_dir(worker: int) -> Path:
    env = Path(f"/proc/{worker}/environ").read_bytes().split(b"\0")
    (value,) = [e.split(b"=", 1)[1] for e in env if e.startswith(b"PROMETHEUS_MULTIPROC_DIR=")]
    return Path(value.decode())


def _events_requests(samples: list[tuple[str, dict[str, str], float]]) -> float:
    return sum(
        v
        for name, labels, v in samples
        if name == "accord_http_requests_total" and labels.get("route") == "/v1/events"
    )


def _served_by(metrics_dir: Path, pid: int) -> float:
    """The /v1/events requests worker `pid` counted (its own multiprocess file)."""
    files = [str(p) for p in metrics_dir.glob(f"counter_{pid}.db")]
    families = MultiProcessCollector.merge(files, accumulate=True) if files else []
    return _events_requests([(s.name, s.labels, s.value) for f in families for s in f.samples])


def _scraped(base: str) -> float:
    text = httpx.get(base + "/metrics", timeout=10).text
    families = text_string_to_metric_families(text)
    return _events_requests([(s.name, s.labels, s.value) for f in families for s in f.samples])


def test_two_api_workers_share_the_port_and_the_metrics_and_stop_on_sigterm(
    embedded_database_url: str, tmp_path: Path
) -> None:
    _seed(embedded_database_url)
    port = free_port()
    env = store_process_env(embedded_database_url, "127.0.0.1:9", TopicSettings(), port)
    env |= {"ACCORD_API_WORKERS": "2", "ACCORD_READYZ_CHECK_BROKER": "false"}
    log = tmp_path / "api.log"
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "store", "api"], env=env, cwd=REPO, stdout=out, stderr=out
        )
    try:
        workers = _workers(proc.pid, 2)
        metrics_dir = _metrics_dir(next(iter(workers)))

        def ready() -> bool:
            assert proc.poll() is None, log.read_text()[-3000:]
            return _ready(base)

        wait_until(ready, 60, "the API to be ready", lambda: log.read_text()[-3000:], every=0.2)

        def get(_: int) -> int:  # a new connection per request: either worker may accept it
            with httpx.Client(timeout=10) as client:
                return client.get(base + "/v1/events", params={"limit": 5}).status_code

        # `/readyz` answers as soon as one worker is up; the other may still be starting on a loaded
        # machine, so requests go in rounds until both have served one (bounded in time)
        sent, deadline = 0, time.monotonic() + 60
        with ThreadPoolExecutor(8) as pool:
            while True:
                assert list(pool.map(get, range(REQUESTS))) == [200] * REQUESTS
                sent += REQUESTS
                per_worker = {pid: _served_by(metrics_dir, pid) for pid in workers}
                if all(n > 0 for n in per_worker.values()) or time.monotonic() > deadline:
                    break
        # a worker counts a request after its last byte is sent: the client can see the response first
        _settled(lambda: sum(_served_by(metrics_dir, pid) for pid in workers), sent, "requests served")
        assert all(n > 0 for n in per_worker.values()), per_worker  # both workers served
        _settled(lambda: _scraped(base), sent, "requests scraped")  # whichever worker answers counts both

        dead = next(iter(workers))  # a worker killed is replaced; its counts stay in the metrics
        subprocess.run(["kill", "-KILL", str(dead)], check=True)
        replaced = _workers(proc.pid, 2) - {dead}
        deadline = time.monotonic() + 60
        while len(replaced) < 2 or not _ready(base):
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.2)
            replaced = _workers(proc.pid, 2) - {dead}
        assert get(0) == 200
        _settled(lambda: _scraped(base), sent + 1, "requests scraped")

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(40) == 0, log.read_text()[-3000:]
        assert not metrics_dir.exists()  # the per-run directory is removed
        assert not any(Path(f"/proc/{pid}").exists() for pid in replaced)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _settled(read: Callable[[], float], expected: float, what: str, within: float = 10) -> None:
    """Waits until `read()` equals `expected`; fails naming `what` and its last value."""
    wait_until(
        lambda: read() == expected, within, f"{what} == {expected}", lambda: f"{what} is {read()}", every=0.1
    )


def _ready(base: str) -> bool:
    try:
        return httpx.get(base + "/readyz", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def test_connections_on_the_shared_socket_are_tcp_nodelay() -> None:
    """asyncio sets TCP_NODELAY only on sockets whose `proto` says TCP: with Nagle on, a response's body
    (written after its head) waited for the client's delayed ACK, 40 ms added to every request."""
    import asyncio
    import socket

    from services.store.workers import bind_socket

    async def accepted_nodelay() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def on_connect(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            seen.set_result(
                writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
            )
            writer.close()

        listening = bind_socket("127.0.0.1", 0)
        server = await asyncio.start_server(on_connect, sock=listening)
        _, writer = await asyncio.open_connection(*listening.getsockname())
        try:
            return await asyncio.wait_for(seen, 5)
        finally:
            writer.close()
            server.close()

    assert asyncio.run(accepted_nodelay()) != 0
