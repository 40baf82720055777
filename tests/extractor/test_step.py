"""The extraction step with a fake engine: records, order, keys, timestamps, outcomes and failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from prometheus_client import REGISTRY

from libs.contracts.events import CooperationEvent
from libs.contracts.extractions import ArticleExtraction, ExtractionStatus
from libs.contracts.records import OutRecord, headers_to_dict
from libs.contracts.topics import TopicSettings
from libs.runtime.consumer import FLUSH, Envelope, PoisonError
from libs.runtime.errors import classify
from services.extractor.step import ExtractionFailed, ExtractionStep
from tests.extractor.factories import INFO, event, raw_article

TOPICS = TopicSettings(topic_events="ev", topic_articles_extracted="ax")
NOW = datetime(2025, 6, 7, 8, 9, 10, tzinfo=UTC)


@dataclass
class Result:
    events: list[CooperationEvent]
    skipped: str | None = None


@dataclass
class FakeExtractor:
    results: dict[str, Result] = field(default_factory=dict)
    calls: list[dict[str, object]] = field(default_factory=list)
    fail_with: Exception | None = None

    def extract(self, text: str, **kwargs: object) -> Result:
        self.calls.append({"text": text, **kwargs})
        if self.fail_with:
            raise self.fail_with
        return self.results.get(str(kwargs["article_id"]), Result(events=[]))


def envelope(article) -> Envelope:  # type: ignore[no-untyped-def]
    return Envelope(
        value=article,
        key=article.article_id,
        headers={},
        topic="articles.raw",
        partition=0,
        offset=5,
        timestamp_ms=None,
    )


def make_step(fake: FakeExtractor, service: str) -> ExtractionStep:
    return ExtractionStep(
        extractor=fake, extractor_info=INFO, topics=TOPICS, service=service, clock=lambda: NOW
    )


def count(service: str, status: str) -> float:
    return (
        REGISTRY.get_sample_value("accord_articles_extracted_total", {"service": service, "status": status})
        or 0
    )


def test_events_first_then_barrier_then_summary() -> None:
    article = raw_article(1, language="en")
    events = [event(article, 0), event(article, 1)]
    fake = FakeExtractor(results={article.article_id: Result(events=events)})
    out = make_step(fake, "x1")(envelope(article))

    assert fake.calls == [
        {
            "text": article.text,
            "article_id": article.article_id,
            "published_at": article.published_at,
            "url": article.url,
            "title": article.title,
            "publisher": article.publisher,
            "language": "en",
        }
    ]
    assert len(out) == 4 and out[2] is FLUSH
    ev_records, summary_record = out[:2], out[3]
    assert all(isinstance(r, OutRecord) for r in out if r is not FLUSH)
    for rec, ev in zip(ev_records, events, strict=True):
        assert rec.topic == "ev"
        assert rec.key == ev.event_id.encode()
        decoded = CooperationEvent.model_validate_json(rec.value)
        assert decoded.extracted_at == NOW
        assert decoded.model_copy(update={"extracted_at": None}) == ev
        h = headers_to_dict(rec.headers)
        assert h["ce_type"] == "org.accord.cooperation.event.v1"
        assert h["ce_source"] == "accord/extractor"
        assert h["ce_id"] == ev.event_id

    assert summary_record.topic == "ax"
    assert summary_record.key == article.article_id.encode()
    summary = ArticleExtraction.model_validate_json(summary_record.value)
    assert summary.status is ExtractionStatus.extracted
    assert summary.event_ids == [e.event_id for e in events]
    assert summary.extracted_at == NOW
    assert summary.extractor == INFO
    assert (summary.url, summary.title, summary.language, summary.source) == (
        article.url,
        article.title,
        "en",
        "test-source",
    )
    assert summary.content_hash == article.content_hash
    assert summary.text_length == len(article.text)
    assert summary.source_ref == "test.jsonl:1"
    assert count("x1", "events") == 1
    assert REGISTRY.get_sample_value("accord_events_extracted_total", {"service": "x1"}) == 2


def test_article_without_events_still_gets_a_summary() -> None:
    article = raw_article(2)
    out = make_step(FakeExtractor(), "x2")(envelope(article))
    assert out[0] is FLUSH and len(out) == 2
    summary = ArticleExtraction.model_validate_json(out[1].value)
    assert (summary.status, summary.event_ids, summary.skip_reason) == (ExtractionStatus.extracted, [], None)
    assert count("x2", "no_events") == 1


def test_skipped_article_is_summarised_with_its_reason() -> None:
    article = raw_article(3, language="fa")
    fake = FakeExtractor(results={article.article_id: Result(events=[], skipped="language fa not supported")})
    out = make_step(fake, "x3")(envelope(article))
    summary = ArticleExtraction.model_validate_json(out[-1].value)
    assert summary.status is ExtractionStatus.skipped
    assert summary.skip_reason == "language fa not supported"
    assert fake.calls[0]["language"] == "fa"
    assert count("x3", "skipped") == 1 and count("x3", "no_events") == 0


def test_duplicate_event_ids_are_published_once() -> None:
    article = raw_article(4)
    ev = event(article, 0)
    fake = FakeExtractor(results={article.article_id: Result(events=[ev, ev])})
    out = make_step(fake, "x4")(envelope(article))
    assert len(out) == 3
    assert ArticleExtraction.model_validate_json(out[-1].value).event_ids == [ev.event_id]


@pytest.mark.parametrize(
    "error", [ValueError("bad offsets"), OSError("model file"), IndexError("list index")]
)
def test_extraction_failure_is_poison_and_counted(error: Exception) -> None:
    step = make_step(FakeExtractor(fail_with=error), f"x5-{type(error).__name__}")
    with pytest.raises(ExtractionFailed) as info:
        step(envelope(raw_article(5)))
    assert isinstance(info.value, PoisonError)
    assert classify(info.value) == "poison"  # even an OSError from the engine is never retried forever
    assert type(error).__name__ in str(info.value) and str(error) in str(info.value)
    assert info.value.__cause__ is error
    assert count(f"x5-{type(error).__name__}", "failed") == 1


def test_one_timestamp_per_article() -> None:
    ticks = iter([datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 1, 2, tzinfo=UTC)])
    article = raw_article(6)
    fake = FakeExtractor(results={article.article_id: Result(events=[event(article, 0), event(article, 1)])})
    step = ExtractionStep(
        extractor=fake, extractor_info=INFO, topics=TOPICS, service="x6", clock=lambda: next(ticks)
    )
    out = step(envelope(article))
    stamps = {CooperationEvent.model_validate_json(r.value).extracted_at for r in out[:2]}
    stamps.add(ArticleExtraction.model_validate_json(out[-1].value).extracted_at)
    assert stamps == {datetime(2025, 1, 1, tzinfo=UTC)}
