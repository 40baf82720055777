"""One fixed, valid instance of every contract model: the AsyncAPI examples and a starting point for tests.

Deterministic (fixed ids and instants), so the generated documents do not change
between runs. The texts are made up.
"""

from __future__ import annotations

from datetime import UTC, datetime

from libs.contracts.articles import RawArticle, article_id_for, content_hash
from libs.contracts.events import CooperationEvent, ExtractorInfo
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.retractions import EventRetraction, RetractionReason

SAMPLE_TEXT = (
    "TEHRAN - Iran and Iraq signed a memorandum of understanding on January 18 in Karbala "
    "to expand cooperation in higher education, including 200 scholarships for Iraqi students."
)
SAMPLE_URL = "https://example.org/news/iran-iraq-universities"
SAMPLE_EXTRACTOR = ExtractorInfo(name="accord-rules", version="1.1.0")
SAMPLE_EXTRACTED_AT = datetime(2025, 2, 10, 8, 0, tzinfo=UTC)


def sample_raw_article() -> RawArticle:
    return RawArticle(
        article_id=article_id_for(SAMPLE_URL, SAMPLE_TEXT),
        url=SAMPLE_URL,
        canonical_url=SAMPLE_URL,
        title="Iran, Iraq sign higher education MoU",
        text=SAMPLE_TEXT,
        language="en",
        published_at=datetime(2025, 2, 10, tzinfo=UTC),
        fetched_at=datetime(2025, 2, 10, 7, 55, tzinfo=UTC),
        source="example-feed",
        publisher="Example Times",
        content_hash=content_hash(SAMPLE_TEXT),
        fetch={"kind": "feed", "source_ref": SAMPLE_URL, "http_status": 200, "content_type": "text/html"},
    )


def sample_event() -> CooperationEvent:
    article = sample_raw_article()
    sentence = SAMPLE_TEXT[9:]
    return CooperationEvent(
        event_id="ev-3f1c9a0e5b7d2c48",
        article_id=article.article_id,
        type="agreement",
        countries=["IRN", "IRQ"],
        participants=[{"name": "University of Baghdad", "kind": "organization", "country": "IRQ"}],
        sectors=["higher_education"],
        date={"start": "2025-01-18", "precision": "day", "text": "January 18"},
        location={"name": "Karbala", "country": "IRQ"},
        quantities=[{"value": 200, "unit": "scholarships", "text": "200 scholarships"}],
        evidence=[{"text": sentence, "start": 9, "end": 9 + len(sentence)}],
        confidence=0.82,
        article={
            "url": SAMPLE_URL,
            "title": article.title,
            "published_at": article.published_at,
            "publisher": article.publisher,
        },
        extractor=SAMPLE_EXTRACTOR,
        extracted_at=SAMPLE_EXTRACTED_AT,
    )


def sample_retraction() -> EventRetraction:
    event = sample_event()
    return EventRetraction(
        event_id=event.event_id,
        article_id=event.article_id,
        retracted_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
        reason=RetractionReason.superseded,
        extractor=ExtractorInfo(name="accord-rules", version="1.2.0"),
    )


def sample_extraction() -> ArticleExtraction:
    return ArticleExtraction.of_article(
        sample_raw_article(),
        event_ids=[sample_event().event_id],
        extractor=SAMPLE_EXTRACTOR,
        extracted_at=SAMPLE_EXTRACTED_AT,
    )
