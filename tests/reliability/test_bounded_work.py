"""Defect 2 of issue 12: bounded work per record.

The text length is bounded by the contract (`MAX_TEXT_CHARS`, cut at a sentence boundary with
`truncated=True`) and by the fetcher (before hashing); an extraction past its time budget is
dead-lettered (`RecordOverBudget`) and the records behind it proceed. In-memory broker here;
`test_raw_topic_hostile.py` runs a 10 MB record through the embedded broker and the real engine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import orjson
import pytest

from libs.contracts.articles import MAX_TEXT_CHARS, RawArticle, content_hash, truncate_text
from libs.contracts.events import ExtractorInfo
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.records import DLQ_ERROR_CLASS, DLQ_ERROR_MESSAGE, OutRecord, headers_to_dict
from libs.contracts.topics import TopicSettings
from libs.extraction.deadline import Deadline
from libs.runtime.memory import MemoryBroker
from libs.runtime.records import Envelope, Route
from services.extractor.step import ExtractionStep, ExtractorLike, RecordOverBudget
from services.fetcher.articles import build_article
from services.fetcher.documents import Document
from tests.extractor.factories import INFO, article_json, raw_article
from tests.runtime.memory_helpers import consuming
from tests.waiting import wait_until_async

SENTENCE = "Iran and China signed a memorandum on science cooperation in Tehran on Sunday. "
BIG = SENTENCE * (10_000_000 // len(SENTENCE))  # 10 MB


def test_a_text_over_the_bound_is_cut_at_a_sentence_end_and_flagged() -> None:
    data = raw_article(1).model_dump(mode="json") | {"text": BIG}
    article = RawArticle.model_validate_json(orjson.dumps(data))
    assert article.truncated is True
    assert MAX_TEXT_CHARS - len(SENTENCE) <= len(article.text) <= MAX_TEXT_CHARS
    assert article.text.endswith("Sunday.") and BIG.startswith(article.text)
    built = RawArticle.model_validate(data)  # the Python path too
    assert built.text == article.text and built.truncated


def test_a_text_within_the_bound_is_untouched() -> None:
    article = raw_article(2)
    assert article.truncated is False
    back = RawArticle.model_validate_json(article_json(article))
    assert back == article
    exact = "a" * MAX_TEXT_CHARS
    assert truncate_text(exact) is exact


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("One two. Three four! Five six", 25, "One two. Three four!"),
        ("Said: \u201cyes.\u201d Then more words here", 20, "Said: \u201cyes.\u201d"),
        ("Line one\nline two goes on and on", 20, "Line one\nline two"),
        ("no sentence end only spaces here", 20, "no sentence end"),
        ("x" * 30, 20, "x" * 20),
    ],
)
def test_truncate_text_prefers_sentence_ends_then_spaces(text: str, limit: int, expected: str) -> None:
    assert truncate_text(text, limit) == expected


def test_the_fetcher_cuts_before_hashing_so_hash_and_id_match_the_text() -> None:
    doc = Document(text=BIG[: MAX_TEXT_CHARS * 2], source_ref="big.jsonl:1", url="https://example.org/big")
    article = build_article(doc, source="files", kind="jsonl", fetched_at=datetime(2025, 1, 1, tzinfo=UTC))
    assert article.truncated and len(article.text) <= MAX_TEXT_CHARS
    assert article.content_hash == content_hash(article.text)


# --- the time budget --------------------------------------------------------------------------


@dataclass
class SlowOnMarker:
    """A fake engine: honours `deadline` like the real one; spins until it on texts holding SLOW."""

    seen: list[str] = field(default_factory=list)

    def extract(self, text: str, *, article_id: str, deadline: float | None = None, **_: object):  # type: ignore[no-untyped-def]
        self.seen.append(article_id)
        clock = Deadline(deadline)
        while "SLOW" in text:
            time.sleep(0.01)
            clock.check("fake stage")
        return type("R", (), {"events": [], "skipped": None})()


async def test_a_record_over_budget_is_dead_lettered_and_the_records_behind_it_proceed() -> None:
    topics = TopicSettings()
    broker = MemoryBroker()
    articles = [raw_article(n) for n in range(3)]
    slow = raw_article(9, text="SLOW article that never finishes. " * 5)
    huge = raw_article(10, text=BIG)
    for a in [articles[0], slow, articles[1], huge, articles[2]]:
        broker.append(OutRecord(topics.topic_articles_raw, a.article_id.encode(), article_json(a)))
    step = ExtractionStep(extractor=SlowOnMarker(), extractor_info=INFO, topics=topics, budget_s=0.2)
    routes = {topics.topic_articles_raw: Route(RawArticle, dlq_topic=topics.topic_articles_raw_dlq)}
    async with consuming(broker, routes=routes, step=step, group_id="g", service="extractor-budget"):
        done = {a.article_id for a in [*articles, huge]}
        await wait_until_async(
            lambda: {r.key.decode() for r in broker.records(topics.topic_articles_extracted)} == done,
            20,
            "every article but the slow one extracted",
            every=0.005,
        )
        await wait_until_async(
            lambda: broker.records(topics.topic_articles_raw_dlq),
            5,
            "the slow article dead-lettered",
            every=0.005,
        )
    dead = broker.records(topics.topic_articles_raw_dlq)
    assert [r.key for r in dead] == [slow.article_id.encode()]
    headers = headers_to_dict(list(dead[0].headers))
    assert headers[DLQ_ERROR_CLASS] == "RecordOverBudget"
    assert "budget of 0.2 s" in headers[DLQ_ERROR_MESSAGE]
    summaries = [
        ArticleExtraction.model_validate_json(r.value)
        for r in broker.records(topics.topic_articles_extracted)
    ]
    assert max(s.text_length for s in summaries) <= MAX_TEXT_CHARS


def test_the_real_engine_honours_the_step_budget(engine: tuple[ExtractorLike, ExtractorInfo]) -> None:
    """A budget already spent when extraction starts: the real engine stops at its first check."""
    extractor, info = engine
    article = raw_article(3, text=SENTENCE * 50)
    step = ExtractionStep(extractor=extractor, extractor_info=info, topics=TopicSettings(), budget_s=1e-9)
    env = Envelope(value=article, key=None, headers={}, topic="t", partition=0, offset=0, timestamp_ms=None)
    with pytest.raises(RecordOverBudget, match=r"DeadlineExceeded|deadline exceeded"):
        step(env)
    unbounded = ExtractionStep(extractor=extractor, extractor_info=info, topics=TopicSettings(), budget_s=30)
    summaries = [
        r for r in unbounded(env) if isinstance(r, OutRecord) and r.key == article.article_id.encode()
    ]
    assert len(summaries) == 1
