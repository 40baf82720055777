"""Topic names and partition counts, configurable through `ACCORD_TOPIC_*` variables."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic_settings import BaseSettings, SettingsConfigDict


class TopicSettings(BaseSettings):
    """Topic names. Every consumer has its own dead-letter topic."""

    model_config = SettingsConfigDict(env_prefix="ACCORD_", extra="ignore")

    topic_articles_raw: str = "articles.raw"
    topic_articles_raw_dlq: str = "articles.raw.dlq"
    topic_events: str = "events.cooperation"
    topic_events_dlq: str = "events.cooperation.dlq"
    topic_articles_extracted: str = "articles.extracted"
    topic_articles_extracted_dlq: str = "articles.extracted.dlq"
    topic_partitions: int = 6
    topic_dlq_partitions: int = 1


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
