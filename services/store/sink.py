"""The sink: `events.cooperation` and `articles.extracted` into Postgres, on the Kafka runtime.

One consumer group (`accord-store`), batch mode: each fetched batch (up to
`ACCORD_STORE_BATCH_SIZE` records) is written by `persist.apply_batch` in ONE
database transaction; the runtime commits the Kafka offsets only after the
step returned, i.e. after the database commit. A crash in between re-delivers
the batch, and re-applying it changes nothing (see `services.store.persist`).

Failure classes (what the runtime does with them):
* database unreachable, restarting, out of resources, a deadlock or
  serialisation failure, missing tables (not migrated yet): `TransientError`,
  retried with backoff, consumption paused; never dead-lettered.
* a record the database refuses (SQLSTATE classes 22 data exception and 23
  integrity violation, e.g. a NUL character) or that cannot be converted
  (an impossible calendar date): `UnstorableRecord`, poison; the runtime
  re-runs the batch record by record and dead-letters only that record.
* non-JSON and schema-invalid records never reach the step: the runtime
  dead-letters them while decoding.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from libs.contracts.extractions import ArticleExtraction
from libs.contracts.retractions import EventsTopicValue
from libs.runtime.consumer import Envelope, Route, TransientError, run_consumer
from libs.runtime.db import checkout_deadline
from libs.runtime.records import describe_error
from services.store.core.config import SERVICE_NAME, StoreSettings
from services.store.errors import RecordError, UnstorableRecord
from services.store.metrics import (
    ARTICLES_WRITTEN,
    BATCH_RECORDS,
    EVENTS_RESTORED,
    EVENTS_RETIRED,
    EVENTS_WRITTEN,
    SERVICE,
)
from services.store.persist import BatchStats, StoreRecord, apply_batch, to_rows

__all__ = ["SinkStatus", "StoreStep", "UnstorableRecord", "is_poison_db_error", "routes", "run_sink"]

log = structlog.get_logger(__name__)

#: SQLSTATE classes that blame the record, not the database: data exception, integrity violation.
POISON_SQLSTATE_CLASSES = frozenset({"22", "23"})


def is_poison_db_error(exc: DBAPIError) -> bool:
    """True when the error is about the data written, not about the database's availability."""
    from sqlalchemy.exc import DataError, IntegrityError

    if isinstance(exc, DataError | IntegrityError):
        return True
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    return sqlstate[:2] in POISON_SQLSTATE_CLASSES


def routes(settings: StoreSettings) -> dict[str, Route[Any]]:
    """The sink's source topics, each with its model and dead-letter topic."""
    return {
        settings.topic_events: Route(EventsTopicValue, dlq_topic=settings.topic_events_dlq),
        settings.topic_articles_extracted: Route(
            ArticleExtraction, dlq_topic=settings.topic_articles_extracted_dlq
        ),
    }


@dataclass
class SinkStatus:
    """What `/readyz` reports about an in-process sink."""

    running: bool = False
    batches: int = 0
    last_batch_at: float | None = None  # time.time()
    last_error: str | None = None
    stopped_reason: str | None = None

    def health(self) -> dict[str, Any]:
        return {
            "ok": self.running,
            "batches": self.batches,
            "last_batch_age_s": None
            if self.last_batch_at is None
            else round(time.time() - self.last_batch_at, 1),
            "last_error": self.last_error,
            **({"stopped": self.stopped_reason} if self.stopped_reason else {}),
        }


def _unwrap(value: Any) -> StoreRecord:
    """The event or retraction inside an events-topic value; a summary as it is."""
    return value.root if isinstance(value, EventsTopicValue) else value


class StoreStep:
    """The sink's batch step: decoded envelopes -> one transaction through `apply_batch`."""

    def __init__(self, engine: Engine, status: SinkStatus | None = None) -> None:
        self.engine = engine
        self.status = status or SinkStatus()

    def __call__(self, envs: list[Envelope[StoreRecord]]) -> list[Any]:
        """Write the batch; raises `TransientError` or `UnstorableRecord` (see the module docstring)."""
        try:
            rows = to_rows([_unwrap(env.value) for env in envs])
        except RecordError as exc:
            raise UnstorableRecord(str(exc)) from exc
        try:
            with self.engine.begin() as conn:
                stats = apply_batch(conn, rows)
        except DBAPIError as exc:
            reason = describe_error(exc)
            if is_poison_db_error(exc):
                raise UnstorableRecord(reason) from exc
            self.status.last_error = reason
            raise TransientError(f"database: {reason}") from exc
        except SQLAlchemyError as exc:  # pool timeout, closed engine, ...: the database side, not the record
            self.status.last_error = describe_error(exc)
            raise TransientError(f"database: {self.status.last_error}") from exc
        self._observe(stats, len(envs))
        return []

    def _observe(self, stats: BatchStats, n: int) -> None:
        BATCH_RECORDS.labels(SERVICE).observe(n)
        EVENTS_WRITTEN.labels(SERVICE).inc(stats.events_written)
        ARTICLES_WRITTEN.labels(SERVICE).inc(stats.articles_written)
        EVENTS_RETIRED.labels(SERVICE).inc(stats.events_retired)
        EVENTS_RESTORED.labels(SERVICE).inc(stats.events_restored)
        self.status.batches += 1
        self.status.last_batch_at = time.time()
        self.status.last_error = None
        log.debug(
            "batch.stored",
            records=n,
            events_written=stats.events_written,
            articles_written=stats.articles_written,
            events_retired=stats.events_retired,
            events_restored=stats.events_restored,
        )


async def run_sink(
    settings: StoreSettings,
    *,
    stop: asyncio.Event,
    engine: Engine | None = None,
    status: SinkStatus | None = None,
) -> None:
    """Consume until `stop` is set (then drain the batch in hand, commit, return)."""
    own_engine = engine is None
    if engine is None:
        from services.store.db.session import make_engine

        # a statement stuck on a locked database fails (57014), a call to a database that does not
        # answer (frozen, gone) fails at the checkout deadline: both are retried, never a hang
        engine = make_engine(
            settings,
            statement_timeout_ms=settings.db_statement_timeout_ms or None,
            checkout_deadline_s=checkout_deadline(settings),
        )
    status = status or SinkStatus()
    step = StoreStep(engine, status)
    status.running = True
    try:
        await run_consumer(
            service=SERVICE_NAME,
            settings=settings,
            group_id=settings.store_group_id,
            routes=routes(settings),
            step=step,
            batch=True,
            max_batch=settings.store_batch_size,
            stop=stop,
            step_name="store_batch",
        )
        status.stopped_reason = "stopped"
    except BaseException as exc:
        status.stopped_reason = f"crashed: {describe_error(exc)}"
        raise
    finally:
        status.running = False
        if own_engine:
            engine.dispose()
