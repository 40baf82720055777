"""Kafka record format shared by every topic.

key = the entity id (article id on article topics, event id on the events
topic, for events and retractions alike); value = the model as UTF-8 JSON;
headers after the CloudEvents Kafka
protocol binding (binary mode): `ce_specversion`, `ce_id`, `ce_type`,
`ce_source`, `ce_time`, `content-type`, plus `schema_version`.

The events topic carries `CooperationEvent` and `EventRetraction` values
(`parse_events_value` tells them apart: `ce_type` first, else the body's `kind`).

Dead-letter records keep the original key, value and headers and add the
`dlq_*` headers below.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pydantic import BaseModel

from libs.contracts.articles import RawArticle
from libs.contracts.errors import ContractError
from libs.contracts.events import CooperationEvent, ExtractorInfo
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.retractions import RETRACTION_KIND, EventRetraction, RetractionReason

CE_SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"

#: CloudEvents `ce_type` per contract model.
CE_TYPES: dict[type[BaseModel], str] = {
    RawArticle: "org.accord.article.raw.v1",
    CooperationEvent: "org.accord.cooperation.event.v1",
    ArticleExtraction: "org.accord.article.extracted.v1",
    EventRetraction: "org.accord.cooperation.event.retracted.v1",
}

# Dead-letter headers (all values UTF-8 strings).
DLQ_SOURCE_TOPIC = "dlq_source_topic"
DLQ_SOURCE_PARTITION = "dlq_source_partition"
DLQ_SOURCE_OFFSET = "dlq_source_offset"
DLQ_CONSUMER_GROUP = "dlq_consumer_group"
DLQ_ERROR_CLASS = "dlq_error_class"
DLQ_ERROR_MESSAGE = "dlq_error_message"
DLQ_FAILED_AT = "dlq_failed_at"
#: Set only when the original value had to be dropped to fit the dead-letter topic (the reason).
DLQ_VALUE_OMITTED = "dlq_value_omitted"

Headers = list[tuple[str, bytes]]


@dataclass(frozen=True, slots=True)
class OutRecord:
    """A record ready for the producer."""

    topic: str
    key: bytes | None
    value: bytes | None
    headers: Headers = field(default_factory=list)


def _iso(when: datetime) -> str:
    """ISO 8601 with `Z` for UTC (aware datetimes are converted to UTC first)."""
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.isoformat().replace("+00:00", "Z")


def record_key(model: BaseModel) -> str:
    """The Kafka key of a contract model: its entity id."""
    if isinstance(model, (CooperationEvent, EventRetraction)):
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
    if isinstance(model, EventRetraction):
        return f"{model.event_id}:retracted:{_iso(model.retracted_at)}"
    raise TypeError(f"no id rule for {type(model).__name__}")


def encode(model: BaseModel, *, topic: str, source: str, time: datetime | None = None) -> OutRecord:
    """Serialise a contract model into a record for `topic`; `source` is the `ce_source` URI reference."""
    ce_type = CE_TYPES.get(type(model))
    if ce_type is None:
        raise TypeError(f"{type(model).__name__} is not a contract model")
    when = _iso(time or datetime.now(UTC))
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


def retraction_for(
    event: CooperationEvent,
    *,
    retracted_at: datetime,
    extractor: ExtractorInfo,
    reason: RetractionReason = RetractionReason.superseded,
) -> EventRetraction:
    """The retraction of `event` (same key, same article) as of `retracted_at` (aware)."""
    return EventRetraction(
        event_id=event.event_id,
        article_id=event.article_id,
        retracted_at=retracted_at,
        reason=reason,
        extractor=extractor,
    )


def parse_events_value(
    value: bytes | None, headers: Headers | dict[str, str] | None = None
) -> CooperationEvent | EventRetraction | None:
    """A value of the events topic as its model; `None` for a tombstone (purge the key).

    The `ce_type` header decides when present (an unknown one raises `ContractError`);
    without it the body does: `"kind": "retraction"` is a retraction, anything else an event.
    Invalid JSON or a value breaking the model raises pydantic's `ValidationError` (a `ValueError`).
    """
    if value is None:
        return None
    found = headers if isinstance(headers, dict) else headers_to_dict(headers)
    ce_type = found.get("ce_type")
    if ce_type is None:
        is_retraction = _body_kind(value) == RETRACTION_KIND
    elif ce_type == CE_TYPES[EventRetraction]:
        is_retraction = True
    elif ce_type == CE_TYPES[CooperationEvent]:
        is_retraction = False
    else:
        raise ContractError(f"ce_type {ce_type!r} is not a value of the events topic")
    model: type[CooperationEvent | EventRetraction] = EventRetraction if is_retraction else CooperationEvent
    return model.model_validate_json(value)


def _body_kind(value: bytes) -> object:
    """The top-level `kind` of a JSON object value (None when absent or not an object)."""
    try:
        data = json.loads(value)
    except ValueError:
        return None  # the model's validation reports the bad JSON
    return data.get("kind") if isinstance(data, dict) else None
