"""`ArticleExtraction` v1 (topic `articles.extracted`): one record per article the extractor handled.

It tells the store that an article was processed and which event ids its
current extraction produced, including none; the store keeps its `articles`
table from it and retires events that a newer extraction of the same article no
longer yields. Published after the article's events.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import AwareDatetime, ConfigDict, Field

from libs.contracts.articles import RawArticle
from libs.contracts.events import ExtractorInfo
from libs.contracts.storable import StorableModel

EXTRACTION_SCHEMA_VERSION = "1.0"


class ExtractionStatus(StrEnum):
    extracted = "extracted"  # extraction ran; event_ids may be empty
    skipped = "skipped"  # not extracted, see skip_reason (non-English, empty text, ...)


class ArticleExtraction(StorableModel):
    """The outcome of extracting one article."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    schema_version: Literal["1.0"] = EXTRACTION_SCHEMA_VERSION
    article_id: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")
    status: ExtractionStatus
    skip_reason: str | None = None
    event_ids: list[str] = Field(default_factory=list)
    extractor: ExtractorInfo
    extracted_at: AwareDatetime
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    language: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    source: str | None = None
    publisher: str | None = None
    content_hash: str | None = None
    text_length: int = Field(ge=0, default=0)
    source_ref: str | None = None

    @classmethod
    def of_article(
        cls,
        article: RawArticle,
        *,
        event_ids: list[str],
        extractor: ExtractorInfo,
        extracted_at: datetime,
        skip_reason: str | None = None,
    ) -> ArticleExtraction:
        """The summary of extracting `article`: its metadata copied, `skipped` when a `skip_reason` is given."""
        return cls(
            article_id=article.article_id,
            status=ExtractionStatus.skipped if skip_reason else ExtractionStatus.extracted,
            skip_reason=skip_reason or None,
            event_ids=event_ids,
            extractor=extractor,
            extracted_at=extracted_at,
            url=article.url,
            canonical_url=article.canonical_url,
            title=article.title,
            language=article.language,
            published_at=article.published_at,
            fetched_at=article.fetched_at,
            source=article.source,
            publisher=article.publisher,
            content_hash=article.content_hash,
            text_length=len(article.text),
            source_ref=article.fetch.source_ref,
        )
