"""The embedded PostgreSQL 16 (`pgserver`): data kept under the state folder between runs.

It listens on a unix socket only (inside the data folder). `pgserver` shares
one server between the processes that open the same data folder and stops it
when the last of them exits (`cleanup_mode="stop"`). The server is started by
`pg_ctl`, which puts it in a session of its own: a terminal's Ctrl-C does not
reach it, so it outlives the services' drain and stops when released.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from types import TracebackType
from typing import Any

import structlog

from libs.infra.errors import InfraError

log = structlog.get_logger(__name__)


class EmbeddedPostgres:
    """A pgserver-managed PostgreSQL whose data lives in `data_dir`."""

    def __init__(self, data_dir: Path, *, stop_on_exit: bool = True) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.stop_on_exit = stop_on_exit
        self._server: Any = None

    def start(self) -> str:
        """Initialise (first time) and start the server; returns its `postgresql://` URL."""
        if self._server is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR
                import pgserver

                logging.getLogger("pgserver").setLevel(logging.WARNING)
                self.data_dir.parent.mkdir(parents=True, exist_ok=True)
                self._server = pgserver.get_server(
                    self.data_dir, cleanup_mode="stop" if self.stop_on_exit else None
                )
            log.info("postgres.started", data_dir=str(self.data_dir))
        return self.url

    @property
    def url(self) -> str:
        if self._server is None:
            raise InfraError("embedded Postgres is not started")
        return str(self._server.get_uri())

    def stop(self) -> None:
        """Release this process's handle; the server stops when no process holds it."""
        server, self._server = self._server, None
        if server is not None:
            server.cleanup()
            log.info("postgres.released", data_dir=str(self.data_dir))

    def __enter__(self) -> EmbeddedPostgres:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
