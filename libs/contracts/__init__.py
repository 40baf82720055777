"""Message contracts: the models on each topic, topic names and the Kafka record format."""

from libs.contracts.articles import RawArticle, article_id_for, content_hash, normalize_text
from libs.contracts.events import (
    EVENT_CODES,
    CooperationEvent,
    EventType,
    Sector,
)
from libs.contracts.extractions import ArticleExtraction, ExtractionStatus
from libs.contracts.records import OutRecord, encode, headers_to_dict, parse_events_value, retraction_for
from libs.contracts.retractions import EventRetraction, EventsTopicValue, RetractionReason
from libs.contracts.topics import TopicSettings, TopicSpec, all_topics

__all__ = [
    "EVENT_CODES",
    "ArticleExtraction",
    "CooperationEvent",
    "EventRetraction",
    "EventType",
    "EventsTopicValue",
    "ExtractionStatus",
    "OutRecord",
    "RawArticle",
    "RetractionReason",
    "Sector",
    "TopicSettings",
    "TopicSpec",
    "all_topics",
    "article_id_for",
    "content_hash",
    "encode",
    "headers_to_dict",
    "normalize_text",
    "parse_events_value",
    "retraction_for",
]
