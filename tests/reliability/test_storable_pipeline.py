"""Defect 1 of issue 12: an article holding NUL goes through extraction and its event is stored.

Real parts: the runtime's decoding, the real extraction engine, the store's batch step on a real
Postgres. Before the fix the event was dead-lettered by the store (`UntranslatableCharacter`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from libs.contracts.articles import RawArticle
from libs.contracts.events import CooperationEvent, ExtractorInfo
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.records import OutRecord
from libs.contracts.topics import TopicSettings
from libs.runtime.records import Envelope, Route, decode
from services.extractor.step import ExtractionStep, ExtractorLike
from services.store.db.models import articles, events
from services.store.sink import StoreStep, UnstorableRecord
from tests.extractor.factories import raw_article
from tests.store.factories import make_event

pytestmark = pytest.mark.integration

TOPICS = TopicSettings()
NUL_TEXT = (
    "Tehran, May 5 - Iran and China signed a memorandum\x00 of understanding on scientific and "
    "technological cooperation on Sunday.\x00 The document was signed by the Iranian science minister "
    "and the Chinese ambassador in Tehran."
)


@dataclass
class Rec:
    """A consumed record, as the runtime's `decode` reads it."""

    value: bytes | None
    key: bytes | None = None
    topic: str = "t"
    partition: int = 0
    offset: int = 0
    timestamp: int | None = None
    headers: tuple[tuple[str, bytes], ...] = ()


def consumed(value: bytes, model: type[Any]) -> Envelope[Any]:
    return decode(Rec(value=value), Route(model, dlq_topic="dlq"))


def test_article_with_nul_in_text_and_title_is_extracted_and_its_event_stored(
    engine: tuple[ExtractorLike, ExtractorInfo], migrated_engine: Engine
) -> None:
    data = raw_article(1, text="x").model_dump(mode="json")
    data.update(text=NUL_TEXT, title="Iran\x00 and China sign MoU")
    value = json.dumps(data).encode()
    assert b"\\u0000" in value  # JSON escapes as a producer would send them

    env = consumed(value, RawArticle)
    assert "\x00" not in env.value.text and env.value.title == "Iran and China sign MoU"
    extractor, info = engine
    out = ExtractionStep(extractor=extractor, extractor_info=info, topics=TOPICS)(env)
    records = [r for r in out if isinstance(r, OutRecord)]
    event_envs = [consumed(r.value, CooperationEvent) for r in records if r.topic == TOPICS.topic_events]
    summary_envs = [
        consumed(r.value, ArticleExtraction) for r in records if r.topic == TOPICS.topic_articles_extracted
    ]
    assert event_envs, "the text should yield an event"

    StoreStep(migrated_engine)([*event_envs, *summary_envs])
    with migrated_engine.connect() as conn:
        stored = conn.execute(select(events.c.event_id, events.c.retired_at)).all()
        titles = conn.scalars(select(articles.c.title)).all()
    assert {row.event_id for row in stored} == {e.value.event_id for e in event_envs}
    assert all(row.retired_at is None for row in stored)
    assert titles == ["Iran and China sign MoU"]


def test_without_the_contract_a_nul_is_unstorable(migrated_engine: Engine) -> None:
    """The control: the same database refuses a NUL that bypasses validation (`model_construct`)."""
    good = make_event("u1")
    evidence = [good.evidence[0].model_construct(text="Iran\x00", start=0, end=5)]
    bad = good.model_copy(update={"evidence": evidence})
    env = Envelope(value=bad, key=None, headers={}, topic="t", partition=0, offset=0, timestamp_ms=None)
    with pytest.raises(UnstorableRecord, match=r"UntranslatableCharacter|0x00|\\u0000"):
        StoreStep(migrated_engine)([env])
    with migrated_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 0
