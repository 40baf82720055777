"""Hostile input on `articles.raw`, through the extractor service on the embedded broker.

Every family of `hostile.families` plus a 10 MB text and a 10,000-character key, interleaved with
valid articles on one topic, in one run: each bad record is dead-lettered with its reason (checked
in the dead-letter headers), each other one is processed safely (its summary published), every
valid article is processed, and the service never stops (no crash loop).
"""

from __future__ import annotations

import asyncio
import json
import uuid
import zlib
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from libs.contracts.articles import MAX_TEXT_CHARS
from libs.contracts.events import ExtractorInfo
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.records import DLQ_ERROR_CLASS, DLQ_ERROR_MESSAGE, DLQ_SOURCE_OFFSET, headers_to_dict
from libs.contracts.topics import TopicSettings
from services.extractor.config import ExtractorSettings
from services.extractor.service import run
from services.extractor.step import ExtractorLike
from tests.extractor.factories import raw_article
from tests.reliability.hostile import Hostile, families
from tests.runtime.kafka_helpers import read_topic

pytestmark = pytest.mark.integration

TEXT = (
    "Tehran, May 5 - Iran and China signed a memorandum of understanding on scientific cooperation on "
    "Sunday. The Iranian science minister and the Chinese ambassador signed it in Tehran. "
)
BIG_TEXT = TEXT * (10 * 1024 * 1024 // len(TEXT) + 1)  # over 10 MB


def article(name: str, text: str = TEXT) -> dict[str, Any]:
    return raw_article(zlib.crc32(name.encode()) % 10**6, text=f"{text} ({name})").model_dump(mode="json")


def raw_families() -> list[Hostile]:
    out = families(article, text_field="text", id_field="article_id")
    big = article("ten-mb", BIG_TEXT)
    out.append(Hostile("text-10MB", b"hostile-text-10MB", json.dumps(big).encode(), None, big["article_id"]))
    long_key = article("key-10000-chars")
    out.append(
        Hostile("key-10000-chars", b"k" * 10_000, json.dumps(long_key).encode(), None, long_key["article_id"])
    )
    return out


async def produce_big(bootstrap: str, topic: str, records: list[tuple[bytes | None, bytes | None]]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=False, max_request_size=32 * 1024 * 1024
    )
    await producer.start()
    try:
        for key, value in records:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


async def test_every_hostile_family_on_the_raw_topic_is_dead_lettered_or_processed_safely(
    kafka_bootstrap: str, unique_topics: TopicSettings, engine: tuple[ExtractorLike, ExtractorInfo]
) -> None:
    hostile = raw_families()
    valid = [article(f"valid-{n}") for n in range(len(hostile) + 1)]
    records: list[tuple[bytes | None, bytes | None]] = []
    for i, h in enumerate(hostile):  # valid, hostile, valid, hostile, ..., valid
        records += [(valid[i]["article_id"].encode(), json.dumps(valid[i]).encode()), (h.key, h.value)]
    records.append((valid[-1]["article_id"].encode(), json.dumps(valid[-1]).encode()))
    await produce_big(kafka_bootstrap, unique_topics.topic_articles_raw, records)

    dead_expected = [h for h in hostile if h.expect]
    processed = {a["article_id"] for a in valid} | {h.entity_id for h in hostile if not h.expect}
    settings = ExtractorSettings(
        **unique_topics.model_dump(),
        kafka_bootstrap_servers=kafka_bootstrap,
        kafka_idempotence=False,
        kafka_session_timeout_ms=2000,
        kafka_heartbeat_interval_ms=500,
        retry_initial_backoff_s=0.05,
        retry_max_backoff_s=0.5,
        extractor_group_id=f"hostile-{uuid.uuid4().hex[:6]}",
        extractor_max_batch=8,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(run(settings, stop, engine=engine))
    try:
        summaries_raw = await read_topic(
            kafka_bootstrap, unique_topics.topic_articles_extracted, expect=len(processed), within=180
        )
        dead = await read_topic(
            kafka_bootstrap, unique_topics.topic_articles_raw_dlq, expect=len(dead_expected), settle=0.5
        )
        assert not task.done(), "the extractor stopped (crash) on hostile input"
    finally:
        stop.set()
        await asyncio.wait_for(task, 60)

    summaries = {
        s.article_id: s for s in (ArticleExtraction.model_validate_json(r.value) for r in summaries_raw)
    }
    assert set(summaries) == processed
    reasons = {r.key: headers_to_dict(list(r.headers)) for r in dead}
    assert {k: h[DLQ_ERROR_CLASS] for k, h in reasons.items()} == {h.key: h.expect for h in dead_expected}
    assert all(h[DLQ_ERROR_MESSAGE] and h[DLQ_SOURCE_OFFSET].isdigit() for h in reasons.values())

    by_family = {h.family: summaries[h.entity_id] for h in hostile if h.entity_id}
    assert by_family["text-10MB"].text_length <= MAX_TEXT_CHARS
    assert by_family["whitespace-only"].skip_reason == "empty_text"
    assert by_family["nul-control"].status.value == "extracted"
