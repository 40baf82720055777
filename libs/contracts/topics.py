"""Topic names and partition counts, configurable through `ACCORD_TOPIC_*` variables."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class TopicSettings(BaseSettings):
    """Topic names. Every consumer has its own dead-letter topic."""

    model_config = SettingsConfigDict(env_prefix="ACCORD_", extra="ignore")

    topic_articles_raw: str = Field(default="articles.raw", description="RawArticle records (fetcher → extractor)")
    topic_articles_raw_dlq: str = Field(default="articles.raw.dlq", description="the extractor's dead letters")
    topic_events: str = Field(
        default="events.cooperation", description="CooperationEvent records (extractor → store, consumers)"
    )
    topic_events_dlq: str = Field(default="events.cooperation.dlq", description="the store's dead letters (events)")
    topic_articles_extracted: str = Field(
        default="articles.extracted", description="ArticleExtraction summaries (extractor → store)"
    )
    topic_articles_extracted_dlq: str = Field(
        default="articles.extracted.dlq", description="the store's dead letters (summaries)"
    )
    topic_partitions: int = Field(default=6, ge=1, description="partitions of the three main topics at creation")
    topic_dlq_partitions: int = Field(default=1, ge=1, description="partitions of each dead-letter topic")


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int


def all_topics(settings: TopicSettings | None = None) -> list[TopicSpec]:
    """Every topic the pipeline uses, with its partition count (for creation at start-up)."""
    s = settings or TopicSettings()
    main = [s.topic_articles_raw, s.topic_events, s.topic_articles_extracted]
    dlq = [s.topic_articles_raw_dlq, s.topic_events_dlq, s.topic_articles_extracted_dlq]
    return [TopicSpec(n, s.topic_partitions) for n in main] + [TopicSpec(n, s.topic_dlq_partitions) for n in dlq]
