"""Process entry points of the store: migrate, the API, the sink, or all of them in one process.

`accord store` = `run_all`: migrate, then serve the API and run the sink in one
asyncio loop until SIGTERM/SIGINT; then the sink drains its batch and commits,
the API finishes in-flight requests, and the process exits 0. If either part
dies, the other is stopped and the process exits 1, so a supervisor restarts it.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Generator

import structlog
import uvicorn
from fastapi import FastAPI

from libs.contracts.topics import all_topics
from libs.runtime.kafka_security import kafka_security_kwargs
from libs.runtime.topics import ensure_topics_best_effort
from services.store.core.config import SERVICE_NAME, StoreSettings
from services.store.db import migrate
from services.store.db.session import make_engine, wait_for_database

log = structlog.get_logger(__name__)


def migrate_store(
    settings: StoreSettings, *, revision: str = "head", downgrade_to: str | None = None
) -> str | None:
    """Wait for the database (up to `db_wait_s`), then upgrade to `revision` (or downgrade); the new revision."""
    engine = make_engine(settings)
    try:
        wait_for_database(engine, settings.db_wait_s)
        if downgrade_to is not None:
            return migrate.downgrade(engine, downgrade_to)
        return migrate.upgrade(engine, revision)
    finally:
        engine.dispose()


class _Server(uvicorn.Server):
    """uvicorn without its own signal handling: the service's `stop` event governs shutdown."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


async def serve_api(
    app: FastAPI, settings: StoreSettings, stop: asyncio.Event, *, sockets: list[socket.socket] | None = None
) -> None:
    """Serve `app` on `api_host:api_port` (or on the listening `sockets` an API supervisor bound, see
    `services.store.workers`) until `stop` is set (in-flight requests finish)."""
    config = uvicorn.Config(
        app,
        host=settings.api_host,
        port=settings.api_port,
        log_config=None,  # logs go through libs.runtime.logging
        access_log=False,  # a log record per request costs CPU; `accord_http_requests_total` counts them
        server_header=False,
        timeout_graceful_shutdown=10,
    )
    server = _Server(config)

    async def serve() -> None:
        try:
            await server.serve(sockets=sockets)
        except SystemExit:  # uvicorn exits when it cannot bind
            raise RuntimeError(f"API could not listen on {settings.api_host}:{settings.api_port}") from None

    task = asyncio.create_task(serve())
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        server.should_exit = True
        stopper.cancel()
    await task
    if not server.started:
        raise RuntimeError(f"API did not start on {settings.api_host}:{settings.api_port}")


async def _create_topics(settings: StoreSettings) -> None:
    """Create the pipeline's topics if missing; a broker that does not answer is only logged (the sink retries)."""
    if settings.kafka_bootstrap_servers:
        await ensure_topics_best_effort(
            settings.kafka_bootstrap_servers,
            all_topics(settings),
            service=SERVICE_NAME,
            security=kafka_security_kwargs(settings),
        )


async def run_sink_only(settings: StoreSettings, stop: asyncio.Event) -> None:
    from services.store.sink import run_sink

    await _create_topics(settings)
    await run_sink(settings, stop=stop)


async def run_api_only(settings: StoreSettings, stop: asyncio.Event) -> None:
    from services.store.api.main import create_app

    await serve_api(create_app(settings), settings, stop)


async def run_all(settings: StoreSettings, stop: asyncio.Event, *, migrate_first: bool = True) -> None:
    """Migrate, then the API and the sink together until `stop`; raises if either part fails."""
    from services.store.api.main import create_app
    from services.store.sink import SinkStatus, run_sink

    if settings.api_workers > 1:
        log.warning(
            "store.api_workers_ignored", api_workers=settings.api_workers, reason="all-in-one: one process"
        )
    if migrate_first:
        await asyncio.to_thread(migrate_store, settings)
    await _create_topics(settings)
    status = SinkStatus()
    app = create_app(settings, sink_health=status.health)
    parts = [
        asyncio.create_task(run_sink(settings, stop=stop, status=status), name="sink"),
        asyncio.create_task(serve_api(app, settings, stop), name="api"),
    ]
    done, _ = await asyncio.wait(parts, return_when=asyncio.FIRST_COMPLETED)
    unexpected = not stop.is_set()
    if unexpected:
        for task in done:
            error = "cancelled" if task.cancelled() else repr(task.exception())
            log.error("store.part_ended", part=task.get_name(), error=error)
        stop.set()
    results = await asyncio.gather(*parts, return_exceptions=True)
    for task, result in zip(parts, results, strict=True):
        if isinstance(result, BaseException):
            raise RuntimeError(f"store {task.get_name()} failed: {result!r}") from result
    if unexpected:
        raise RuntimeError(f"store {', '.join(t.get_name() for t in done)} ended unexpectedly")
