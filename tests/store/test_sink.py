"""The sink on the embedded broker and a real Postgres: records in -> rows out, dead letters, outages, redelivery."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import orjson
import psycopg
import pytest
from prometheus_client import REGISTRY
from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, ProgrammingError

from libs.contracts.records import encode, headers_to_dict
from libs.contracts.topics import TopicSettings
from libs.runtime.consumer import Envelope, TransientError
from libs.runtime.errors import classify
from services.store.core.config import StoreSettings
from services.store.db import migrate
from services.store.db.models import articles, events
from services.store.db.session import make_engine
from services.store.sink import StoreStep, UnstorableRecord, is_poison_db_error, run_sink
from tests.runtime.kafka_helpers import produce, read_topic
from tests.store.factories import T0, extraction_of, make_event, make_extraction
from tests.store.helpers import settings_for
from tests.store.sink_harness import harness_settings
from tests.waiting import wait_until_async

integration = pytest.mark.integration


def sink_settings(
    database_url: str, bootstrap: str, topics: TopicSettings, **overrides: Any
) -> StoreSettings:
    """The harness's sink settings with small batches (50), so tests see several of them."""
    return harness_settings(database_url, bootstrap, topics, **({"store_batch_size": 50} | overrides))


@contextlib.asynccontextmanager
async def sink_running(settings: StoreSettings) -> AsyncIterator[asyncio.Task[None]]:
    """The sink as a task of this loop; stopped gracefully (drain, commit) on exit."""
    stop = asyncio.Event()
    task = asyncio.create_task(run_sink(settings, stop=stop))
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


@pytest.fixture
def engine(embedded_database_url: str) -> Iterator[Engine]:
    e = make_engine(settings_for(embedded_database_url))
    migrate.upgrade(e)
    yield e
    e.dispose()


async def send(bootstrap: str, topic: str, models: list[Any]) -> None:
    """Produce contract records exactly as the extractor does (key, JSON value, CloudEvents headers)."""
    for model in models:
        rec = encode(model, topic=topic, source="tests/store")
        await produce(bootstrap, topic, [rec.value], keys=[rec.key], headers=rec.headers)


def rows(engine: Engine) -> tuple[dict[str, Any], dict[str, Any]]:
    with engine.connect() as conn:
        ev = {r.event_id: r for r in conn.execute(select(events))}
        ar = {r.article_id: r for r in conn.execute(select(articles))}
    return ev, ar


def current(engine: Engine) -> set[str]:
    return {k for k, r in rows(engine)[0].items() if r.retired_at is None}


@integration
async def test_records_in_rows_out_with_reextraction(
    engine: Engine, embedded_database_url: str, kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    settings = sink_settings(embedded_database_url, kafka_bootstrap, unique_topics)
    v1_events, v1_summary = extraction_of("u1", 3)
    other_events, other_summary = extraction_of("u2", 2)
    async with sink_running(settings):
        await send(kafka_bootstrap, unique_topics.topic_events, [*v1_events, *other_events])
        await send(kafka_bootstrap, unique_topics.topic_articles_extracted, [v1_summary, other_summary])
        want = {e.event_id for e in [*v1_events, *other_events]}
        await wait_until_async(
            lambda: current(engine) == want and len(rows(engine)[1]) == 2,
            60,
            "the v1 events and both summaries stored",
            every=0.05,
        )

        # re-extraction: event 0 dropped, a new one added; the summary first this time
        t1 = T0 + timedelta(days=1)
        new = make_event("u1", 9, extracted_at=t1, extractor={"name": "accord-rules", "version": "2.0.0"})
        keep = [e.event_id for e in v1_events[1:]]
        summary2 = make_extraction(
            "u1",
            [new.event_id, *keep],
            extracted_at=t1,
            extractor={"name": "accord-rules", "version": "2.0.0"},
        )
        await send(kafka_bootstrap, unique_topics.topic_articles_extracted, [summary2])
        await send(kafka_bootstrap, unique_topics.topic_events, [new])
        want2 = {new.event_id, *keep, *(e.event_id for e in other_events)}
        await wait_until_async(lambda: current(engine) == want2, 60, "the re-extraction stored", every=0.05)
    ev, ar = rows(engine)
    assert ev[v1_events[0].event_id].retired_at == t1
    assert ar["u1"].event_ids == [new.event_id, *keep] and ar["u1"].extractor_version == "2.0.0"
    assert ev[new.event_id].payload == new.model_dump(mode="json")


@integration
async def test_bad_records_are_dead_lettered_and_the_flow_goes_on(
    engine: Engine, embedded_database_url: str, kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    settings = sink_settings(embedded_database_url, kafka_bootstrap, unique_topics)
    before, after = make_event("u1", 0), make_event("u2", 0)
    unstorable = make_event("u3", 0, date={"start": "2025-02-30", "precision": "day", "text": "x"})
    with_nul = make_event("u4", 0).model_dump(mode="json")
    with_nul["location"]["name"] = "Teh\x00ran"  # storable once decoded (libs.contracts.storable)
    schema_invalid = before.model_dump(mode="json") | {
        "event_id": "bad-record-1",
        "countries": ["IRN"],
        "igos": [],
    }
    async with sink_running(settings):
        await send(kafka_bootstrap, unique_topics.topic_events, [before])
        await produce(kafka_bootstrap, unique_topics.topic_events, [b"{not json"], keys=[b"junk-1"])
        await produce(
            kafka_bootstrap,
            unique_topics.topic_events,
            [orjson.dumps(schema_invalid)],
            keys=[b"bad-record-1"],
        )
        await produce(
            kafka_bootstrap, unique_topics.topic_articles_extracted, [b"\xff\xfe"], keys=[b"junk-2"]
        )
        await send(kafka_bootstrap, unique_topics.topic_events, [unstorable, after])
        await produce(
            kafka_bootstrap, unique_topics.topic_events, [orjson.dumps(with_nul)], keys=[b"with-nul"]
        )
        want = {before.event_id, after.event_id, with_nul["event_id"]}
        await wait_until_async(lambda: current(engine) == want, 60, "the valid events stored", every=0.05)
        dlq = await read_topic(kafka_bootstrap, unique_topics.topic_events_dlq, expect=3, settle=1.0)
        dlq2 = await read_topic(
            kafka_bootstrap, unique_topics.topic_articles_extracted_dlq, expect=1, settle=0.5
        )

    by_key = {r.key: (r, headers_to_dict(list(r.headers))) for r in dlq}
    assert set(by_key) == {b"junk-1", b"bad-record-1", unstorable.event_id.encode()}
    rec, h = by_key[b"junk-1"]
    assert rec.value == b"{not json" and h["dlq_error_class"] == "InvalidJSON"
    assert (
        h["dlq_source_topic"] == unique_topics.topic_events
        and h["dlq_consumer_group"] == settings.store_group_id
    )
    assert h["dlq_source_offset"].isdigit() and h["dlq_failed_at"]
    rec, h = by_key[b"bad-record-1"]
    assert h["dlq_error_class"] == "ValidationError" and "two or more" in h["dlq_error_message"]
    rec, h = by_key[unstorable.event_id.encode()]
    assert h["dlq_error_class"] == "UnstorableRecord" and "not a calendar date" in h["dlq_error_message"]
    assert h["ce_type"] == "org.accord.cooperation.event.v1"  # original headers kept
    assert [headers_to_dict(list(r.headers))["dlq_error_class"] for r in dlq2] == ["InvalidJSON"]


def _retries() -> float:
    return REGISTRY.get_sample_value("accord_retries_total", {"service": "store", "operation": "step"}) or 0.0


@integration
async def test_database_unavailable_is_retried_never_dead_lettered(
    embedded_pg_url: str, kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    """The database does not exist when the records come; the sink waits, then stores them all."""
    name = f"accord_late_{unique_topics.topic_events.rsplit('.', 1)[-1]}"
    url = make_url(embedded_pg_url).set(database=name).render_as_string(hide_password=False)
    settings = sink_settings(url, kafka_bootstrap, unique_topics, db_connect_timeout_s=1)
    evs, summary = extraction_of("u1", 3)
    retries_before = _retries()
    try:
        async with sink_running(settings):
            await send(kafka_bootstrap, unique_topics.topic_events, evs)
            await send(kafka_bootstrap, unique_topics.topic_articles_extracted, [summary])
            await wait_until_async(
                lambda: _retries() >= retries_before + 2, 60, "two more retries", every=0.05
            )
            with psycopg.connect(embedded_pg_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            engine = make_engine(settings_for(url))
            try:
                migrate.upgrade(engine)
                await wait_until_async(
                    lambda: current(engine) == {e.event_id for e in evs},
                    60,
                    "the events stored in the new database",
                    every=0.05,
                )
            finally:
                engine.dispose()
        dlq = await read_topic(kafka_bootstrap, unique_topics.topic_events_dlq, expect=1, within=1.0)
        assert dlq == []
    finally:
        with psycopg.connect(embedded_pg_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@integration
async def test_redelivery_of_everything_changes_nothing(
    engine: Engine, embedded_database_url: str, kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    """A second consumer group re-reads both topics from the start (as after a lost commit): same rows."""
    settings = sink_settings(embedded_database_url, kafka_bootstrap, unique_topics)
    records: list[Any] = []
    for a in range(8):
        evs, summary = extraction_of(f"u{a}", 3)
        records += [*evs, summary]
    await send(kafka_bootstrap, unique_topics.topic_events, [r for r in records if hasattr(r, "event_id")])
    await send(
        kafka_bootstrap,
        unique_topics.topic_articles_extracted,
        [r for r in records if not hasattr(r, "event_id")],
    )
    async with sink_running(settings):
        await wait_until_async(
            lambda: len(current(engine)) == 24 and len(rows(engine)[1]) == 8,
            60,
            "24 events and 8 summaries stored",
            every=0.05,
        )
    state = rows(engine)
    replay = settings.model_copy(update={"store_group_id": settings.store_group_id + "-replay"})
    written_before = REGISTRY.get_sample_value("accord_store_events_written_total", {"service": "store"})
    consumed_before = _consumed(unique_topics.topic_events)
    async with sink_running(replay):
        await wait_until_async(
            lambda: _consumed(unique_topics.topic_events) >= consumed_before + 24,
            60,
            "the replay consumed 24 more events",
            every=0.05,
        )
    assert rows(engine) == state  # updated_at included
    assert (
        REGISTRY.get_sample_value("accord_store_events_written_total", {"service": "store"}) == written_before
    )


def _consumed(topic: str) -> float:
    return (
        REGISTRY.get_sample_value("accord_records_consumed_total", {"service": "store", "topic": topic})
        or 0.0
    )


# --- the step's failure classes (no database) ----------------------------------------------------


class _Orig(Exception):
    def __init__(self, sqlstate: str | None) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("exc", "poison"),
    [
        (DataError("stmt", {}, _Orig(None)), True),
        (IntegrityError("stmt", {}, _Orig("23505")), True),
        (ProgrammingError("stmt", {}, _Orig("22P05")), True),  # classified by SQLSTATE
        (OperationalError("stmt", {}, _Orig("08006")), False),  # connection failure
        (OperationalError("stmt", {}, _Orig("40P01")), False),  # deadlock
        (ProgrammingError("stmt", {}, _Orig("42P01")), False),  # table missing: not migrated yet
    ],
)
def test_database_errors_are_poison_only_when_the_record_is_at_fault(exc: Any, poison: bool) -> None:
    assert is_poison_db_error(exc) is poison


class _FailingEngine:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    @contextlib.contextmanager
    def begin(self) -> Iterator[None]:
        raise self.exc
        yield


def _env(value: Any) -> Envelope[Any]:
    return Envelope(value=value, key=None, headers={}, topic="t", partition=0, offset=0, timestamp_ms=None)


def test_the_step_maps_failures_to_the_runtime_classes() -> None:
    ev = make_event("u1", 0)
    down = StoreStep(_FailingEngine(OperationalError("stmt", {}, _Orig("08006"))))  # type: ignore[arg-type]
    with pytest.raises(TransientError) as info:
        down([_env(ev)])
    assert classify(info.value) == "transient"
    assert down.status.last_error and "_Orig" in down.status.last_error

    refused = StoreStep(_FailingEngine(DataError("stmt", {}, _Orig(None))))  # type: ignore[arg-type]
    with pytest.raises(UnstorableRecord) as info2:
        refused([_env(ev)])
    assert classify(info2.value) == "poison"

    bad_date = make_event("u1", 0, date={"start": "2024-02-30", "precision": "day", "text": "x"})
    with pytest.raises(UnstorableRecord, match="calendar"):
        StoreStep(_FailingEngine(AssertionError("not reached")))([_env(bad_date)])  # type: ignore[arg-type]


@integration
def test_a_statement_stuck_on_the_database_is_a_transient_failure(
    engine: Engine, embedded_database_url: str
) -> None:
    """The writer's statement timeout (`ACCORD_DB_STATEMENT_TIMEOUT_MS`) turns a write that waits on a
    held lock (as on a frozen database) into a retried failure: never a hang, never a dead letter."""
    settings = settings_for(embedded_database_url, db_statement_timeout_ms=300)
    writer = make_engine(settings, statement_timeout_ms=settings.db_statement_timeout_ms)
    step = StoreStep(writer)
    try:
        with psycopg.connect(embedded_database_url) as holder:
            holder.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
            with pytest.raises(TransientError, match="statement timeout") as info:
                step([_env(make_event("u1", 0))])
            assert classify(info.value) == "transient"
        step([_env(make_event("u1", 0))])  # the lock is gone: the retry succeeds
        assert current(engine) == {make_event("u1", 0).event_id}
    finally:
        writer.dispose()
