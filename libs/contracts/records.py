"""Kafka record format shared by every topic.

key = the entity id (article id on article topics, event id on the events
topic); value = the model as UTF-8 JSON; headers after the CloudEvents Kafka
protocol binding (binary mode): `ce_specversion`, `ce_id`, `ce_type`,
`ce_source`, `ce_time`, `content-type`, plus `schema_version`.

Dead-letter records keep the original key, value and headers and add the
`dlq_*` headers below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from pydantic import BaseModel

from libs.contracts.articles import RawArticle
from libs.contracts.events import CooperationEvent
from libs.contracts.extractions import ArticleExtraction

CE_SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"

#: CloudEvents `ce_type` per contract model.
CE_TYPES: dict[type[BaseModel], str] = {
    RawArticle: "org.accord.article.raw.v1",
    CooperationEvent: "org.accord.cooperation.event.v1",
    ArticleExtraction: "org.accord.article.extracted.v1",
}

# Dead-letter headers (all values UTF-8 strings).
DLQ_SOURCE_TOPIC = "dlq_source_topic"
DLQ_SOURCE_PARTITION = "dlq_source_partition"
DLQ_SOURCE_OFFSET = "dlq_source_offset"
DLQ_CONSUMER_GROUP = "dlq_consumer_group"
DLQ_ERROR_CLASS = "dlq_error_class"
DLQ_ERROR_MESSAGE = "dlq_error_message"
DLQ_FAILED_AT = "dlq_failed_at"

Headers = list[tuple[str, bytes]]


@dataclass(frozen=True, slots=True)
class OutRecord:
    """A record ready for the producer."""

    topic: str
    key: bytes | None
    value: bytes | None
    headers: Headers = field(default_factory=list)


def record_key(model: BaseModel) -> str:
    """The Kafka key of a contract model: its entity id."""
    if isinstance(model, CooperationEvent):
        return model.event_id
    if isinstance(model, (RawArticle, ArticleExtraction)):
        return model.article_id
    raise TypeError(f"no key rule for {type(model).__name__}")


def cloudevent_id(model: BaseModel) -> str:
    """`ce_id`: unique per distinct occurrence (same content, same id)."""
    if isinstance(model, CooperationEvent):
        return model.event_id
    if isinstance(model, RawArticle):
        return f"{model.article_id}:{model.content_hash[:16]}"
    if isinstance(model, ArticleExtraction):
        return f"{model.article_id}:{model.extractor.name}:{model.extractor.version}"
    raise TypeError(f"no id rule for {type(model).__name__}")


def encode(model: BaseModel, *, topic: str, source: str, time: datetime | None = None) -> OutRecord:
    """Serialise a contract model into a record for `topic`; `source` is the `ce_source` URI reference."""
    ce_type = CE_TYPES.get(type(model))
    if ce_type is None:
        raise TypeError(f"{type(model).__name__} is not a contract model")
    when = (time or datetime.now(UTC)).isoformat().replace("+00:00", "Z")
    headers: Headers = [
        ("ce_specversion", CE_SPECVERSION.encode()),
        ("ce_id", cloudevent_id(model).encode()),
        ("ce_type", ce_type.encode()),
        ("ce_source", source.encode()),
        ("ce_time", when.encode()),
        ("content-type", CONTENT_TYPE.encode()),
        ("schema_version", str(getattr(model, "schema_version", "1.0")).encode()),
    ]
    return OutRecord(
        topic=topic,
        key=record_key(model).encode(),
        value=model.model_dump_json(exclude_none=False).encode(),
        headers=headers,
    )


def headers_to_dict(headers: Headers | None) -> dict[str, str]:
    """Headers as a dict of strings (last value wins; undecodable bytes replaced)."""
    return {k: (v or b"").decode("utf-8", "replace") for k, v in headers or []}
