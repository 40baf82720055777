"""Helpers of the store's tests and benchmark: test settings, a real uvicorn server in a thread."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn

from libs.infra.broker import free_port
from services.store.core.config import StoreSettings


def settings_for(database_url: str | None = None, **overrides: object) -> StoreSettings:
    """StoreSettings for tests: idempotence off (embedded broker), nothing read from a real deployment."""
    return StoreSettings(database_url=database_url, kafka_idempotence=False, **overrides)  # type: ignore[arg-type]


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run `app` on a real uvicorn server (a thread, a free port); yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "API server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server of `server_url` (dropped on exit); yields its URL."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    name = f"accord_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
