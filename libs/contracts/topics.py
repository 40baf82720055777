"""Topic names, partition counts and production topic configs, configurable through `ACCORD_TOPIC_*`.

`all_topics()` is the one list of topics the pipeline uses, each with the Kafka
topic configs it needs in production (passed to the admin client at creation):

* `events.cooperation`: `cleanup.policy=compact` keyed by event id. The last
  record per event id (the event, or its `EventRetraction`) is the current
  state, which is what compaction keeps, so the topic holds every event's
  state forever.
* `articles.extracted`: `cleanup.policy=compact` keyed by article id (the
  newest extraction summary of every article).
* `articles.raw` and the dead-letter topics: `cleanup.policy=delete` with a
  retention time.
* every topic: `max.message.bytes`; dead-letter topics allow 64 KiB more, for
  the `dlq_*` headers added to a record that fitted its source topic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DAY_MS = 24 * 60 * 60 * 1000


class TopicSettings(BaseSettings):
    """Topic names. Every consumer has its own dead-letter topic."""

    model_config = SettingsConfigDict(env_prefix="ACCORD_", extra="ignore")

    topic_articles_raw: str = Field(
        default="articles.raw", description="RawArticle records (fetcher → extractor)"
    )
    topic_articles_raw_dlq: str = Field(
        default="articles.raw.dlq", description="the extractor's dead letters"
    )
    topic_events: str = Field(
        default="events.cooperation", description="CooperationEvent records (extractor → store, consumers)"
    )
    topic_events_dlq: str = Field(
        default="events.cooperation.dlq", description="the store's dead letters (events)"
    )
    topic_articles_extracted: str = Field(
        default="articles.extracted", description="ArticleExtraction summaries (extractor → store)"
    )
    topic_articles_extracted_dlq: str = Field(
        default="articles.extracted.dlq", description="the store's dead letters (summaries)"
    )
    topic_partitions: int = Field(
        default=6, ge=1, description="partitions of the three main topics at creation"
    )
    topic_dlq_partitions: int = Field(default=1, ge=1, description="partitions of each dead-letter topic")
    topic_raw_retention_ms: int = Field(
        default=30 * DAY_MS,
        ge=-1,
        description="retention.ms of the raw articles topic at creation (-1 = forever)",
    )
    topic_dlq_retention_ms: int = Field(
        default=30 * DAY_MS,
        ge=-1,
        description="retention.ms of each dead-letter topic at creation (-1 = forever)",
    )
    topic_max_message_bytes: int = Field(
        default=4 * 1024 * 1024,
        ge=1024,
        description="max.message.bytes of the main topics at creation (dead-letter topics: 64 KiB more); "
        "keep it >= ACCORD_KAFKA_MAX_REQUEST_SIZE",
    )


#: Extra room on dead-letter topics for the `dlq_*` headers.
DLQ_HEADROOM_BYTES = 64 * 1024


@dataclass(frozen=True)
class TopicSpec:
    """A topic to create: name, partition count and Kafka topic configs (`cleanup.policy`, ...)."""

    name: str
    partitions: int
    configs: Mapping[str, str] = field(default_factory=dict, hash=False)


def all_topics(settings: TopicSettings | None = None) -> list[TopicSpec]:
    """Every topic the pipeline uses, with its partition count and production configs (see the module doc)."""
    s = settings or TopicSettings()
    size = str(s.topic_max_message_bytes)
    dlq_size = str(s.topic_max_message_bytes + DLQ_HEADROOM_BYTES)
    compact = {"cleanup.policy": "compact", "max.message.bytes": size}
    dlq = {
        "cleanup.policy": "delete",
        "retention.ms": str(s.topic_dlq_retention_ms),
        "max.message.bytes": dlq_size,
    }
    raw = {
        "cleanup.policy": "delete",
        "retention.ms": str(s.topic_raw_retention_ms),
        "max.message.bytes": size,
    }
    return [
        TopicSpec(s.topic_articles_raw, s.topic_partitions, raw),
        TopicSpec(s.topic_events, s.topic_partitions, compact),
        TopicSpec(s.topic_articles_extracted, s.topic_partitions, dict(compact)),
        TopicSpec(s.topic_articles_raw_dlq, s.topic_dlq_partitions, dlq),
        TopicSpec(s.topic_events_dlq, s.topic_dlq_partitions, dict(dlq)),
        TopicSpec(s.topic_articles_extracted_dlq, s.topic_dlq_partitions, dict(dlq)),
    ]
