"""Hostile input on `events.cooperation` and `articles.extracted`, through the store's sink.

Real parts: the embedded broker and a real Postgres. Every family of `hostile.families` for
each topic (plus 10 MB values and free text with NUL, markup, RTL marks and emoji), interleaved
with valid records, in one run of the sink: each bad record is dead-lettered with its reason,
each other one stored, every valid record stored, and the sink never stops.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import Engine, select

from libs.contracts.records import DLQ_ERROR_CLASS, DLQ_ERROR_MESSAGE, headers_to_dict
from libs.contracts.topics import TopicSettings
from services.store.db.models import articles, events
from services.store.sink import run_sink
from tests.reliability.hostile import Hostile, families
from tests.runtime.kafka_helpers import read_topic
from tests.store.factories import make_event, make_extraction
from tests.store.helpers import settings_for
from tests.waiting import wait_until_async

pytestmark = pytest.mark.integration

BIG = "Iran and Iraq signed an agreement. " * (10 * 1024 * 1024 // 35 + 1)  # over 10 MB


def event(name: str) -> dict[str, Any]:
    return make_event(f"u-{name}").model_dump(mode="json")


def extraction(name: str) -> dict[str, Any]:
    return make_extraction(f"x-{name}").model_dump(mode="json")


def safe(name: str, data: dict[str, Any], id_field: str) -> Hostile:
    return Hostile(name, f"hostile-{name}".encode(), json.dumps(data).encode(), None, data[id_field])


def event_families() -> list[Hostile]:
    out = families(event, text_field=None, id_field="event_id")
    nul = event("nul-in-names")
    nul["location"]["name"] = "Teh\x00ran \x01"
    nul["participants"][0]["name"] = "Dr\x00 \u202eX\u200f e\u0301 \U0001f600"
    html = event("html-evidence")
    html["evidence"][0]["text"] = "<script>alert(1)</script> Iran and Iraq'); DROP TABLE events;--"
    big = event("evidence-10MB")
    big["evidence"][0] = {"text": BIG, "start": 0, "end": len(BIG)}
    return [
        *out,
        safe("nul-in-names", nul, "event_id"),
        safe("html-evidence", html, "event_id"),
        safe("evidence-10MB", big, "event_id"),
    ]


def extraction_families() -> list[Hostile]:
    out = families(extraction, text_field="title", id_field="article_id")
    return [*out, safe("title-10MB", extraction("title-10MB") | {"title": BIG}, "article_id")]


def interleave(
    hostile: list[Hostile], make: Any, id_field: str
) -> tuple[list[tuple[bytes | None, bytes | None]], set[str]]:
    """valid, hostile, valid, ..., valid: the records and the ids that must be stored."""
    valid = [make(f"valid-{n}") for n in range(len(hostile) + 1)]
    records: list[tuple[bytes | None, bytes | None]] = []
    for v, h in zip(valid, hostile, strict=False):
        records += [(v[id_field].encode(), json.dumps(v).encode()), (h.key, h.value)]
    records.append((valid[-1][id_field].encode(), json.dumps(valid[-1]).encode()))
    stored = {v[id_field] for v in valid} | {h.entity_id for h in hostile if h.entity_id}
    return records, stored


async def produce_all(bootstrap: str, batches: dict[str, list[tuple[bytes | None, bytes | None]]]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=False, max_request_size=32 * 1024 * 1024
    )
    await producer.start()
    try:
        for topic, records in batches.items():
            for key, value in records:
                await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


def stored_ids(engine: Engine) -> tuple[set[str], set[str]]:
    with engine.connect() as conn:
        return set(conn.scalars(select(events.c.event_id))), set(conn.scalars(select(articles.c.article_id)))


async def test_every_hostile_family_on_the_store_topics_is_dead_lettered_or_stored(
    embedded_engine: Engine, embedded_database_url: str, kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    ev_hostile, ex_hostile = event_families(), extraction_families()
    ev_records, ev_stored = interleave(ev_hostile, event, "event_id")
    ex_records, ex_stored = interleave(ex_hostile, extraction, "article_id")
    await produce_all(
        kafka_bootstrap,
        {unique_topics.topic_events: ev_records, unique_topics.topic_articles_extracted: ex_records},
    )
    settings = settings_for(
        embedded_database_url,
        **unique_topics.model_dump(),
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_session_timeout_ms=2000,
        kafka_heartbeat_interval_ms=500,
        retry_initial_backoff_s=0.05,
        retry_max_backoff_s=0.5,
        store_group_id=f"hostile-store-{uuid.uuid4().hex[:6]}",
        store_batch_size=10,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(run_sink(settings, stop=stop, engine=embedded_engine))
    try:
        want = (ev_stored, ex_stored)
        await wait_until_async(
            lambda: stored_ids(embedded_engine) == want,
            120,
            "every valid record stored",
            lambda: stored_ids(embedded_engine),
            every=0.05,
        )
        ev_dead = [h for h in ev_hostile if h.expect]
        ex_dead = [h for h in ex_hostile if h.expect]
        dead_ev = await read_topic(
            kafka_bootstrap, unique_topics.topic_events_dlq, expect=len(ev_dead), settle=0.5
        )
        dead_ex = await read_topic(
            kafka_bootstrap, unique_topics.topic_articles_extracted_dlq, expect=len(ex_dead), settle=0.5
        )
        assert not task.done(), "the sink stopped (crash) on hostile input"
    finally:
        stop.set()
        await asyncio.wait_for(task, 60)

    for dead, expected in ((dead_ev, ev_dead), (dead_ex, ex_dead)):
        reasons = {r.key: headers_to_dict(list(r.headers)) for r in dead}
        assert {k: h[DLQ_ERROR_CLASS] for k, h in reasons.items()} == {h.key: h.expect for h in expected}
        assert all(h[DLQ_ERROR_MESSAGE] for h in reasons.values())
    with embedded_engine.connect() as conn:
        payload = conn.scalar(
            select(events.c.payload).where(events.c.event_id == event("nul-in-names")["event_id"])
        )
    assert payload["location"]["name"] == "Tehran \x01"
