"""Valid contract objects for extractor tests (built by hand, not by running the extractor)."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from libs.contracts.articles import FetchMeta, RawArticle, article_id_for, content_hash
from libs.contracts.events import CooperationEvent, ExtractorInfo

INFO = ExtractorInfo(name="fake-extractor", version="0.0-test")


def raw_article(n: int, text: str | None = None, language: str | None = "en") -> RawArticle:
    text = text or f"Article {n}: Iran and China signed a memorandum on science cooperation in Tehran."
    url = f"https://example.org/news/{n}"
    return RawArticle(
        article_id=article_id_for(url, text),
        url=url,
        canonical_url=url,
        title=f"Title {n}",
        text=text,
        language=language,
        published_at=datetime(2024, 5, 1 + n % 28, tzinfo=UTC),
        fetched_at=datetime(2025, 1, 1, tzinfo=UTC),
        source="test-source",
        publisher="Example Times",
        content_hash=content_hash(text),
        fetch=FetchMeta(kind="jsonl", source_ref=f"test.jsonl:{n}"),
    )


def event(article: RawArticle, i: int = 0, info: ExtractorInfo = INFO) -> CooperationEvent:
    return CooperationEvent(
        event_id=f"ev-{article.article_id[:12]}-{i}",
        article_id=article.article_id,
        type="agreement",
        countries=["IRN", "CHN"],
        sectors=["science_research"],
        evidence=[{"text": article.text[:40], "start": 0, "end": 40}],
        confidence=0.8,
        article={"url": article.url, "title": article.title, "publisher": article.publisher},
        extractor=info,
    )


def article_json(article: RawArticle) -> bytes:
    return orjson.dumps(article.model_dump(mode="json"))
