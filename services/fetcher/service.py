"""The fetcher service: migrate the ledger, connect the producer, run every source's pipeline.

`run_fetcher(settings, sources, once=...)` runs all sources concurrently. With `once`, each source
is scanned once (resuming an interrupted scan) and the call returns; otherwise each source is
scanned again every `fetcher_poll_interval_s` (an unchanged local file costs one fingerprint;
a web source polls on its own jittered interval and backs off after a failed poll,
`Source.next_poll_in`) until `stop` is set. Web sources share one `WebContext` (`open_web`):
one HTTP client, robots.txt cache, per-host politeness and the web state tables. Optional
local sources whose file is missing are left out (`present`). SIGTERM/SIGINT
(`libs.runtime.service.install_stop_handlers`, installed by the CLI) set `stop`: reading
stops, batches in flight are acknowledged and recorded, and the process exits 0 (a second signal exits at once; nothing is lost, the unrecorded batches are
published again on restart). Waiting for Postgres and the broker at start is retried per
`ACCORD_RETRY_*`. Every loop ticks `libs.runtime.health.LIVENESS` (`GET /healthz` on the
metrics port).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import structlog

from libs.contracts.topics import TopicSettings, all_topics
from libs.runtime.db import redacted
from libs.runtime.errors import Interrupted, is_transient
from libs.runtime.health import LIVENESS
from libs.runtime.kafka_security import kafka_security_kwargs
from libs.runtime.producer import Producer
from libs.runtime.retry import RetryPolicy, count_retry, retry_async, stoppable_sleep
from libs.runtime.topics import ensure_topics_best_effort
from services.fetcher.config import FetcherSettings, SourceConfig
from services.fetcher.db.migrate import migrate_ledger
from services.fetcher.errors import ConfigError
from services.fetcher.ledger import PgLedger, ledger_engine
from services.fetcher.pipeline import (
    SERVICE,
    Builder,
    PipelineOptions,
    Publisher,
    SourcePipeline,
    SourceReport,
)
from services.fetcher.sources import Source, open_source

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from services.fetcher.web.context import WebContext

log = structlog.get_logger(__name__)

T = TypeVar("T")


def _is_transient(exc: BaseException) -> bool:
    """Postgres unreachable, restarting, not answering within the deadlines (statement timeout 57014,
    checkout deadline), no pooled connection free in time, or the broker unreachable: retried."""
    from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    return is_transient(exc, (OperationalError, InterfaceError, PoolTimeout, DisconnectionError))


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    """Wait `seconds` or until `stop`, ticking the liveness (follow mode between scans)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not stop.is_set() and (remaining := deadline - loop.time()) > 0:
        LIVENESS.tick()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=min(remaining, 1.0))


async def _until_ready(
    settings: FetcherSettings, stop: asyncio.Event, operation: str, fn: Callable[[], Awaitable[T]]
) -> T:
    """`fn()` retried while Postgres or the broker is unreachable; `Interrupted` once `stop` is set."""
    return await retry_async(
        fn,
        policy=RetryPolicy.from_settings(settings),
        is_transient=_is_transient,
        operation=operation,
        on_retry=count_retry(SERVICE),
        sleep=stoppable_sleep(stop),
    )


def pipeline_options(settings: FetcherSettings, topics: TopicSettings) -> PipelineOptions:
    """The pipelines' options from the settings."""
    return PipelineOptions(
        topic=topics.topic_articles_raw,
        batch_size=settings.fetcher_batch_size,
        max_in_flight=settings.fetcher_max_in_flight_batches,
        detect_language=settings.fetcher_detect_language,
        language_sample_chars=settings.fetcher_language_sample_chars,
        max_record_bytes=settings.kafka_max_request_size,
        retry=RetryPolicy.from_settings(settings),
        progress_log_s=settings.fetcher_progress_log_s,
    )


def _check(settings: FetcherSettings, configs: Sequence[SourceConfig], publisher: Publisher | None) -> None:
    if not configs:
        raise ConfigError("no sources configured: use --source KIND:PATH or --sources-file FILE")
    if not settings.database_url:
        raise ConfigError("ACCORD_DATABASE_URL is not set (the fetcher's ledger lives in Postgres)")
    if publisher is None and not settings.kafka_bootstrap_servers:
        raise ConfigError("ACCORD_KAFKA_BOOTSTRAP_SERVERS is not set")


@contextlib.asynccontextmanager
async def _publisher(
    settings: FetcherSettings, topics: TopicSettings, stop: asyncio.Event, given: Publisher | None
) -> AsyncIterator[Publisher]:
    """`given`, or the raw topic (best effort: creation may be forbidden) and a connected producer."""
    if given is not None:
        yield given
        return
    bootstrap = str(settings.kafka_bootstrap_servers)
    raw = [spec for spec in all_topics(topics) if spec.name == topics.topic_articles_raw]  # with its configs
    await ensure_topics_best_effort(bootstrap, raw, service=SERVICE, security=kafka_security_kwargs(settings))
    producer = Producer(settings, service=SERVICE)
    try:
        await _until_ready(settings, stop, "connect", producer.start)
        yield producer
    finally:
        await producer.stop()


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
    topics = topics or TopicSettings()
    stop = stop or asyncio.Event()
    _check(settings, configs, publisher)
    sources: list[Source] = [open_source(c) for c in present(configs)]
    database_url = str(settings.database_url)
    once = once or max_items is not None
    try:
        if migrate:
            revision = await _until_ready(
                settings, stop, "migrate", lambda: asyncio.to_thread(migrate_ledger, database_url)
            )
            log.info("fetcher.db.ready", database=redacted(database_url), revision=revision)
        engine = ledger_engine(database_url, settings)
        builder = Builder(settings.fetcher_build_workers)
        web = None
        try:
            web = open_web(settings, engine, sources)  # None without web sources
            async with _publisher(settings, topics, stop, publisher) as pub:
                options = pipeline_options(settings, topics)
                runner = _Runner(PgLedger(engine), pub, builder, options, settings.fetcher_poll_interval_s)
                _log_start(settings, configs, topics, once)
                return await runner.run_all(sources, stop, once=once, max_items=max_items, rescan=rescan)
        finally:
            if web is not None:
                await web.aclose()
            await asyncio.to_thread(builder.close)
            engine.dispose()
    except Interrupted:  # stopped while waiting for Postgres or the broker
        return []


def _log_start(
    settings: FetcherSettings, configs: Sequence[SourceConfig], topics: TopicSettings, once: bool
) -> None:
    log.info(
        "fetcher.start",
        sources=[
            {"name": c.name, "kind": c.kind, "path": str(c.path) if c.path else None, "url": c.url}
            for c in configs
        ],
        topic=topics.topic_articles_raw,
        once=once,
        build_workers=settings.fetcher_build_workers,
    )


class _Runner:
    """Runs every source's pipeline concurrently (a pipeline fault cancels the others)."""

    def __init__(
        self,
        ledger: PgLedger,
        publisher: Publisher,
        builder: Builder,
        options: PipelineOptions,
        poll_s: float,
    ) -> None:
        self.ledger = ledger
        self.publisher = publisher
        self.builder = builder
        self.options = options
        self.poll_s = poll_s
        self.inflight: dict[str, str] = {}
        self.reports: list[SourceReport] = []

    async def run_all(
        self, sources: list[Source], stop: asyncio.Event, *, once: bool, max_items: int | None, rescan: bool
    ) -> list[SourceReport]:
        async with asyncio.TaskGroup() as group:
            for source in sources:
                group.create_task(
                    self.run_source(source, stop, once=once, max_items=max_items, rescan=rescan),
                    name=f"fetcher-source-{source.name}",
                )
        return self.reports

    async def run_source(
        self, source: Source, stop: asyncio.Event, *, once: bool, max_items: int | None, rescan: bool
    ) -> None:
        pipeline = SourcePipeline(
            source,
            self.options,
            ledger=self.ledger,
            publisher=self.publisher,
            builder=self.builder,
            inflight=self.inflight,
            is_transient=_is_transient,
        )
        first = True
        while not stop.is_set():
            try:
                report = await pipeline.run(stop=stop, max_items=max_items, rescan=rescan and first)
            except Interrupted:  # stopped while waiting for the ledger
                return
            self.reports.append(report)
            first = False
            if once:
                return
            await _wait(stop, source.next_poll_in(report.error is not None, self.poll_s))


def present(configs: Sequence[SourceConfig]) -> list[SourceConfig]:
    """`configs` without the optional local sources whose file is missing (each left out with a log line)."""
    out = []
    for c in configs:
        if c.optional and c.path is not None and not c.path.exists():
            log.info("fetcher.source.absent", source=c.name, path=str(c.path), note="optional: left out")
            continue
        out.append(c)
    return out


def open_web(settings: FetcherSettings, engine: Engine, sources: Sequence[Source]) -> WebContext | None:
    """The shared `WebContext`, attached to every web source; None when there is none."""
    from services.fetcher.web.context import WebContext
    from services.fetcher.web.settings import DEFAULT_CONTACT_URL
    from services.fetcher.web.source import WebSource

    web_sources = [s for s in sources if isinstance(s, WebSource)]
    if not web_sources:
        return None
    if settings.fetcher_web_contact_url == DEFAULT_CONTACT_URL and not settings.fetcher_web_user_agent:
        log.warning(
            "fetcher.web.contact_unset", note="set ACCORD_FETCHER_WEB_CONTACT_URL to your contact page"
        )
    web = WebContext(settings, engine, metrics_port=settings.metrics_port)
    for source in web_sources:
        source.attach(web)
    return web
