"""Helpers of the store's tests and benchmark: test settings, a real uvicorn server in a thread."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from typing import Any

import uvicorn

from libs.contracts.topics import TopicSettings
from libs.infra.broker import free_port
from services.store.core.config import StoreSettings
from tests.waiting import wait_until


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

    def started() -> bool:
        assert thread.is_alive(), "API server did not start: its thread ended"
        return server.started

    wait_until(started, 20, "the API server to start", every=0.02)
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


def store_process_env(database_url: str, bootstrap: str, topics: TopicSettings, port: int) -> dict[str, str]:
    """The environment of an `accord store` process on the test's broker, topics and database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env.update({f"ACCORD_{k.upper()}": str(v) for k, v in topics.model_dump().items()})
    env.update(
        {
            "ACCORD_DATABASE_URL": database_url,
            "ACCORD_KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "ACCORD_KAFKA_IDEMPOTENCE": "false",
            "ACCORD_KAFKA_SESSION_TIMEOUT_MS": "2000",
            "ACCORD_KAFKA_HEARTBEAT_INTERVAL_MS": "500",
            "ACCORD_STORE_GROUP_ID": f"store-{topics.topic_events}",
            "ACCORD_API_PORT": str(port),
            "ACCORD_LOG_LEVEL": "WARNING",
        }
    )
    return env
