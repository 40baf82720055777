"""The AsyncAPI 3.0 document of every Accord topic, generated from the models and the topic settings.

`accord asyncapi` writes `docs/asyncapi.yaml`; `tests/contracts/test_asyncapi.py`
fails when the committed file drifts from `render_yaml()` or stops validating
against the vendored AsyncAPI 3.0.0 JSON Schema. Topic names, partitions and
configs are the defaults of `TopicSettings` (the environment is not read, so
the document is the same everywhere); payload schemas are the models' JSON
Schemas under `components/schemas`; examples are the fixed `samples`, encoded
exactly as the producers encode them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from libs.contracts import records
from libs.contracts.articles import RawArticle
from libs.contracts.events import CooperationEvent
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.retractions import EventRetraction
from libs.contracts.samples import sample_event, sample_extraction, sample_raw_article, sample_retraction
from libs.contracts.topics import TopicSettings, TopicSpec, all_topics

ASYNCAPI_VERSION = "3.0.0"
#: Version of the document: major.minor of the contracts it describes, bumped with them.
DOCUMENT_VERSION = "1.0.0"
KAFKA_BINDING = "0.5.0"
EXAMPLE_TIME = datetime(2025, 2, 10, 8, 0, 1, tzinfo=UTC)
SCHEMA_REF = "#/components/schemas/{model}"

#: `ce_source` of each producer (the services' `CE_SOURCE`; a test keeps them equal).
FETCHER_SOURCE = "accord/fetcher"
EXTRACTOR_SOURCE = "accord/extractor"
#: Consumer groups of the services (their settings' defaults; a test keeps them equal).
EXTRACTOR_GROUP = "accord-extractor"
STORE_GROUP = "accord-store"


@dataclass(frozen=True)
class MessageDoc:
    """How one contract model travels: key, producer and what it means."""

    model: type[BaseModel]
    key: str
    source: str
    summary: str
    sample: BaseModel


MESSAGES: dict[str, MessageDoc] = {
    "RawArticle": MessageDoc(
        RawArticle,
        "the article id",
        FETCHER_SOURCE,
        "An article's clean text and where it came from.",
        sample_raw_article(),
    ),
    "CooperationEvent": MessageDoc(
        CooperationEvent,
        "the event id",
        EXTRACTOR_SOURCE,
        "A cooperation event, current until a later record with the same key (an EventRetraction) retracts it.",
        sample_event(),
    ),
    "EventRetraction": MessageDoc(
        EventRetraction,
        "the retracted event's id",
        EXTRACTOR_SOURCE,
        "The event with this key is no longer current (a newer extraction of its article no longer yields it). "
        "The body has `kind: retraction`; a CooperationEvent published later with the same key restores it.",
        sample_retraction(),
    ),
    "ArticleExtraction": MessageDoc(
        ArticleExtraction,
        "the article id",
        EXTRACTOR_SOURCE,
        "One article's extraction outcome: status and the ids of its current events (published after them).",
        sample_extraction(),
    ),
}


@dataclass(frozen=True)
class ChannelDoc:
    setting: str  # the TopicSettings field holding the topic name
    messages: tuple[str, ...]
    description: str


CHANNELS: dict[str, ChannelDoc] = {
    "articlesRaw": ChannelDoc(
        "topic_articles_raw",
        ("RawArticle",),
        "Articles as the fetcher publishes them (fetcher → extractor). Keyed by article id.",
    ),
    "cooperationEvents": ChannelDoc(
        "topic_events",
        ("CooperationEvent", "EventRetraction"),
        "Cooperation events and their retractions (extractor → store and downstream consumers), keyed by "
        "event id. The last record of a key is that event's state: a CooperationEvent (current) or an "
        "EventRetraction (retracted); compaction keeps exactly that. Records of one key are in publication "
        "order; there is no order across keys. Delivery is at least once: apply records as upserts by event id.",
    ),
    "articlesExtracted": ChannelDoc(
        "topic_articles_extracted",
        ("ArticleExtraction",),
        "One summary per extracted article (extractor → store), keyed by article id, published after the "
        "article's events and retractions are acknowledged. Compacted: the newest summary of every article.",
    ),
    "articlesRawDlq": ChannelDoc(
        "topic_articles_raw_dlq",
        ("DeadLetter",),
        "The extractor's dead letters (records of articles.raw).",
    ),
    "cooperationEventsDlq": ChannelDoc(
        "topic_events_dlq",
        ("DeadLetter",),
        "The store's dead letters (records of events.cooperation).",
    ),
    "articlesExtractedDlq": ChannelDoc(
        "topic_articles_extracted_dlq",
        ("DeadLetter",),
        "The store's dead letters (records of articles.extracted).",
    ),
}

#: operation id -> (action, channel id, who, consumer group or None)
OPERATIONS: dict[str, tuple[str, str, str, str | None]] = {
    "publishRawArticles": ("send", "articlesRaw", "The fetcher publishes articles.", None),
    "extractArticles": ("receive", "articlesRaw", "The extractor consumes articles.", EXTRACTOR_GROUP),
    "publishEvents": ("send", "cooperationEvents", "The extractor publishes events and retractions.", None),
    "publishExtractions": ("send", "articlesExtracted", "The extractor publishes summaries.", None),
    "storeEvents": ("receive", "cooperationEvents", "The store applies events and retractions.", STORE_GROUP),
    "storeExtractions": ("receive", "articlesExtracted", "The store applies summaries.", STORE_GROUP),
    "deadLetterArticles": ("send", "articlesRawDlq", "The extractor dead-letters articles.", None),
    "deadLetterEvents": ("send", "cooperationEventsDlq", "The store dead-letters events.", None),
    "deadLetterExtractions": ("send", "articlesExtractedDlq", "The store dead-letters summaries.", None),
}

DLQ_HEADERS: dict[str, str] = {
    records.DLQ_SOURCE_TOPIC: "topic the record was consumed from",
    records.DLQ_SOURCE_PARTITION: "its partition (decimal)",
    records.DLQ_SOURCE_OFFSET: "its offset (decimal)",
    records.DLQ_CONSUMER_GROUP: "the consumer group that gave up on it",
    records.DLQ_ERROR_CLASS: "error class (InvalidJSON, ValidationError, EmptyValue, a step's PoisonError, ...)",
    records.DLQ_ERROR_MESSAGE: "error message, at most 2000 characters",
    records.DLQ_FAILED_AT: "when it was dead-lettered (ISO 8601, UTC)",
}


def build_document(settings: TopicSettings | None = None) -> dict[str, Any]:
    """The AsyncAPI document as plain data."""
    topics = settings or TopicSettings.model_construct()
    specs = {spec.name: spec for spec in all_topics(topics)}
    channels = {
        cid: _channel(getattr(topics, doc.setting), doc, specs[getattr(topics, doc.setting)])
        for cid, doc in CHANNELS.items()
    }
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": _info(),
        "defaultContentType": records.CONTENT_TYPE,
        "servers": {
            "kafka": {
                "host": "localhost:9092",
                "protocol": "kafka",
                "description": "Any Kafka broker: ACCORD_KAFKA_BOOTSTRAP_SERVERS (`accord up` starts an "
                "embedded one when it is unset).",
            }
        },
        "channels": channels,
        "operations": {oid: _operation(*op) for oid, op in OPERATIONS.items()},
        "components": {"schemas": _schemas(), "messages": _messages()},
    }


def render_yaml(settings: TopicSettings | None = None) -> str:
    """The document as committed in `docs/asyncapi.yaml`."""
    body = yaml.safe_dump(build_document(settings), sort_keys=False, allow_unicode=True, width=100)
    return (
        "# Generated by `accord asyncapi` from libs/contracts (models, topics): do not edit by hand.\n" + body
    )


def _info() -> dict[str, Any]:
    return {
        "title": "Accord topics",
        "version": DOCUMENT_VERSION,
        "description": (
            "News articles in, international cooperation events out. Every value is UTF-8 JSON; headers follow "
            "the CloudEvents Kafka protocol binding (binary mode). Topic names are the defaults "
            "(`ACCORD_TOPIC_*` renames them). Contracts evolve by adding optional fields and enum values; "
            "consumers ignore unknown fields. See the README, 'Consuming the events topic'."
        ),
    }


def _channel(name: str, doc: ChannelDoc, spec: TopicSpec) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for key, value in spec.configs.items():
        config[key] = [value] if key == "cleanup.policy" else int(value)
    return {
        "address": name,
        "title": name,
        "description": f"{doc.description} Name setting: ACCORD_{doc.setting.upper()}.",
        "messages": {_message_id(m): {"$ref": f"#/components/messages/{m}"} for m in doc.messages},
        "bindings": {
            "kafka": {
                "partitions": spec.partitions,
                "topicConfiguration": config,
                "bindingVersion": KAFKA_BINDING,
            }
        },
    }


def _message_id(name: str) -> str:
    """A message's key inside its channel: `CooperationEvent` -> `cooperationEvent`."""
    return name[0].lower() + name[1:]


def _operation(action: str, channel: str, who: str, group: str | None) -> dict[str, Any]:
    op: dict[str, Any] = {
        "action": action,
        "channel": {"$ref": f"#/channels/{channel}"},
        "summary": who,
        "messages": [
            {"$ref": f"#/channels/{channel}/messages/{_message_id(m)}"} for m in CHANNELS[channel].messages
        ],
    }
    if group:
        op["bindings"] = {
            "kafka": {"groupId": {"type": "string", "enum": [group]}, "bindingVersion": KAFKA_BINDING}
        }
    return op


def _schemas() -> dict[str, Any]:
    models = [(doc.model, "serialization") for doc in MESSAGES.values()]
    _, top = models_json_schema(models, ref_template=SCHEMA_REF)  # type: ignore[arg-type]
    schemas: dict[str, Any] = dict(sorted(top["$defs"].items()))
    schemas["CloudEventHeaders"] = _cloudevent_headers()
    schemas["DeadLetterHeaders"] = _dead_letter_headers()
    return schemas


def _cloudevent_headers() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "type": "object",
        "description": "CloudEvents Kafka binding, binary mode; every header value is a UTF-8 string.",
        "required": [
            "ce_specversion",
            "ce_id",
            "ce_type",
            "ce_source",
            "ce_time",
            "content-type",
            "schema_version",
        ],
        "properties": {
            "ce_specversion": {**text, "const": records.CE_SPECVERSION},
            "ce_id": {**text, "description": "unique per distinct occurrence; a redelivered record keeps it"},
            "ce_type": {**text, "description": "what the value is: org.accord.<entity>.<what>.v<major>"},
            "ce_source": {**text, "enum": [FETCHER_SOURCE, EXTRACTOR_SOURCE]},
            "ce_time": {
                **text,
                "format": "date-time",
                "description": "when the producer made the record (UTC)",
            },
            "content-type": {**text, "const": records.CONTENT_TYPE},
            "schema_version": {**text, "description": "the value's schema_version (major.minor)"},
        },
    }


def _dead_letter_headers() -> dict[str, Any]:
    props: dict[str, Any] = {
        name: {"type": "string", "description": text} for name, text in DLQ_HEADERS.items()
    }
    props[records.DLQ_VALUE_OMITTED] = {
        "type": "string",
        "description": "set only when the original value was dropped (too large for the dead-letter topic): why",
    }
    return {
        "type": "object",
        "description": "The original record's headers (ce_* when it had them) plus these.",
        "required": list(DLQ_HEADERS),
        "properties": props,
    }


def _messages() -> dict[str, Any]:
    out = {name: _message(name, doc) for name, doc in MESSAGES.items()}
    out["DeadLetter"] = _dead_letter_message()
    return out


def _message(name: str, doc: MessageDoc) -> dict[str, Any]:
    ce_type = records.CE_TYPES[doc.model]
    key_field = "event_id" if "event_id" in doc.model.model_fields else "article_id"
    prop = doc.model.model_json_schema()["properties"][key_field]
    key_schema: dict[str, Any] = {"type": "string", "description": f"{doc.key} (UTF-8)"}
    key_schema.update({k: prop[k] for k in ("pattern", "minLength", "maxLength") if k in prop})
    record = records.encode(doc.sample, topic="-", source=doc.source, time=EXAMPLE_TIME)
    return {
        "name": name,
        "title": name,
        "summary": doc.summary,
        "contentType": records.CONTENT_TYPE,
        "headers": {
            "allOf": [
                {"$ref": "#/components/schemas/CloudEventHeaders"},
                {"type": "object", "properties": {"ce_type": {"type": "string", "const": ce_type}}},
            ]
        },
        "payload": {"$ref": SCHEMA_REF.format(model=doc.model.__name__)},
        "bindings": {"kafka": {"key": key_schema, "bindingVersion": KAFKA_BINDING}},
        "examples": [
            {
                "name": f"{_message_id(name)}Example",
                "headers": records.headers_to_dict(record.headers),
                "payload": json.loads(record.value or b"null"),
            }
        ],
    }


def _dead_letter_message() -> dict[str, Any]:
    raw = records.encode(sample_raw_article(), topic="articles.raw", source=FETCHER_SOURCE, time=EXAMPLE_TIME)
    headers = records.headers_to_dict(raw.headers) | {
        records.DLQ_SOURCE_TOPIC: "articles.raw",
        records.DLQ_SOURCE_PARTITION: "3",
        records.DLQ_SOURCE_OFFSET: "1841",
        records.DLQ_CONSUMER_GROUP: EXTRACTOR_GROUP,
        records.DLQ_ERROR_CLASS: "ExtractionFailed",
        records.DLQ_ERROR_MESSAGE: "IndexError: list index out of range",
        records.DLQ_FAILED_AT: "2025-02-10T08:00:02Z",
    }
    return {
        "name": "DeadLetter",
        "title": "Dead letter",
        "summary": "A record a consumer could not process: the original key, value and headers, plus why and where.",
        "headers": {"$ref": "#/components/schemas/DeadLetterHeaders"},
        "payload": {
            "description": "the original value, byte for byte (it may not be JSON: that can be why it is here); "
            "null when dlq_value_omitted is set"
        },
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": "the original key"},
                "bindingVersion": KAFKA_BINDING,
            }
        },
        "examples": [
            {"name": "deadLetteredArticle", "headers": headers, "payload": json.loads(raw.value or b"null")}
        ],
    }
