"""The fetcher service: migrate the ledger, connect the producer, run every source's pipeline.

`run_fetcher(settings, sources, once=...)` runs all sources concurrently. With `once`, each source
is scanned once (resuming an interrupted scan) and the call returns; otherwise each source is
scanned again every `fetcher_poll_interval_s` (an unchanged local file costs one fingerprint)
until `stop` is set. SIGTERM/SIGINT (`libs.runtime.service.install_stop_handlers`, installed by the CLI) set `stop`: reading stops, batches in
flight are acknowledged and recorded, and the process exits 0 (a second signal exits at once;
nothing is lost, the unrecorded batches are published again on restart).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Any

import structlog

from libs.contracts.topics import TopicSettings
from libs.runtime.db import redacted
from libs.runtime.errors import backoff_delay, classify
from services.fetcher.config import ConfigError, FetcherSettings, SourceConfig
from services.fetcher.pipeline import SERVICE, Builder, Publisher, SourcePipeline, SourceReport
from services.fetcher.sources import Source, open_source

log = structlog.get_logger(__name__)


def _is_transient(exc: BaseException) -> bool:
    from sqlalchemy.exc import InterfaceError, OperationalError

    return classify(exc, (OperationalError, InterfaceError)) == "transient"


def migrate_database(database_url: str) -> str | None:
    """Upgrade the ledger's tables to the newest revision; returns it."""
    from services.fetcher.db.migrate import upgrade
    from services.fetcher.ledger import make_engine

    engine = make_engine(database_url)
    try:
        return upgrade(engine)
    finally:
        engine.dispose()


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def _start_producer(settings: FetcherSettings, stop: asyncio.Event) -> Any:
    """The runtime producer, connected; retries while the broker is unreachable (None once `stop` is set)."""
    from libs.runtime.producer import Producer

    producer = Producer(settings, service=SERVICE)
    attempt = 0
    while not stop.is_set():
        try:
            await producer.start()
            return producer
        except Exception as exc:
            if not _is_transient(exc):
                raise
            attempt += 1
            delay = backoff_delay(attempt, settings.retry_initial_backoff_s, settings.retry_max_backoff_s)
            log.warning(
                "fetcher.broker.unavailable", attempt=attempt, delay_s=round(delay, 2), error=str(exc)
            )
            await _wait(stop, delay)
    return None


async def _migrate_with_retry(settings: FetcherSettings, stop: asyncio.Event) -> str | None:
    """Migrate the ledger; retries while Postgres is unreachable (None once `stop` is set)."""
    attempt = 0
    while not stop.is_set():
        try:
            return await asyncio.to_thread(migrate_database, str(settings.database_url))
        except Exception as exc:
            if not _is_transient(exc):
                raise
            attempt += 1
            delay = backoff_delay(attempt, settings.retry_initial_backoff_s, settings.retry_max_backoff_s)
            log.warning("fetcher.db.unavailable", attempt=attempt, delay_s=round(delay, 2), error=str(exc))
            await _wait(stop, delay)
    return None


async def run_fetcher(
    settings: FetcherSettings,
    configs: Sequence[SourceConfig],
    *,
    topics: TopicSettings | None = None,
    once: bool = False,
    stop: asyncio.Event | None = None,
    max_items: int | None = None,
    rescan: bool = False,
    publisher: Publisher | None = None,
    migrate: bool = True,
) -> list[SourceReport]:
    """Publish the sources' articles to `articles.raw`; returns one report per scan.

    `publisher` replaces the runtime producer (tests, dry runs); `max_items` (per source) implies
    `once`. Raises `ConfigError` for bad sources or missing connection settings.
    """
    from libs.runtime.kafka_security import kafka_security_kwargs
    from libs.runtime.topics import ensure_topics
    from services.fetcher.ledger import PgLedger, make_engine

    topics = topics or TopicSettings()
    stop = stop or asyncio.Event()
    if not configs:
        raise ConfigError("no sources configured: use --source KIND:PATH or --sources-file FILE")
    sources: list[Source] = [open_source(c) for c in configs]
    if not settings.database_url:
        raise ConfigError("ACCORD_DATABASE_URL is not set (the fetcher's ledger lives in Postgres)")
    if publisher is None and not settings.kafka_bootstrap_servers:
        raise ConfigError("ACCORD_KAFKA_BOOTSTRAP_SERVERS is not set")
    once = once or max_items is not None

    if migrate:
        revision = await _migrate_with_retry(settings, stop)
        if stop.is_set():
            return []
        log.info("fetcher.db.ready", database=redacted(settings.database_url), revision=revision)
    engine = make_engine(settings.database_url)
    ledger = PgLedger(engine)
    producer = None
    builder = Builder(settings.fetcher_build_workers)
    try:
        if publisher is None:
            with contextlib.suppress(Exception):  # creation may be forbidden on a managed cluster
                await ensure_topics(
                    str(settings.kafka_bootstrap_servers),
                    [_raw_topic_spec(topics)],
                    security=kafka_security_kwargs(settings),
                )
            producer = await _start_producer(settings, stop)
            if producer is None:
                return []
            publisher = producer
        inflight: dict[str, str] = {}
        reports: list[SourceReport] = []

        async def run_source(source: Source) -> None:
            pipeline = SourcePipeline(
                source,
                ledger=ledger,
                publisher=publisher,  # type: ignore[arg-type]
                builder=builder,
                topic=topics.topic_articles_raw,
                batch_size=settings.fetcher_batch_size,
                max_in_flight=settings.fetcher_max_in_flight_batches,
                detect_language=settings.fetcher_detect_language,
                language_sample_chars=settings.fetcher_language_sample_chars,
                max_record_bytes=settings.kafka_max_request_size,
                inflight=inflight,
                is_transient=_is_transient,
                retry_initial_s=settings.retry_initial_backoff_s,
                retry_max_s=settings.retry_max_backoff_s,
                progress_log_s=settings.fetcher_progress_log_s,
            )
            first = True
            while not stop.is_set():
                reports.append(await pipeline.run(stop=stop, max_items=max_items, rescan=rescan and first))
                first = False
                if once:
                    return
                await _wait(stop, settings.fetcher_poll_interval_s)

        log.info(
            "fetcher.start",
            sources=[
                {"name": c.name, "kind": c.kind, "path": str(c.path) if c.path else None} for c in configs
            ],
            topic=topics.topic_articles_raw,
            once=once,
            build_workers=settings.fetcher_build_workers,
        )
        async with asyncio.TaskGroup() as group:  # a pipeline fault cancels the other sources
            for source in sources:
                group.create_task(run_source(source), name=f"fetcher-source-{source.name}")
        return reports
    finally:
        if producer is not None:
            await producer.stop()
        await asyncio.to_thread(builder.close)
        engine.dispose()


def _raw_topic_spec(topics: TopicSettings) -> Any:
    from libs.contracts.topics import TopicSpec

    return TopicSpec(topics.topic_articles_raw, topics.topic_partitions)
