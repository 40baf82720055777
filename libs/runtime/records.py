"""Pure record handling: decoding into an `Envelope`, building dead-letter records, describing errors.

No I/O here; the strategies in `libs.runtime.strategies` wire these to a broker.
`error_message` and `describe_error` are the one way Accord turns an exception
into text for a header, a log field or a status page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from libs.contracts.records import (
    DLQ_CONSUMER_GROUP,
    DLQ_ERROR_CLASS,
    DLQ_ERROR_MESSAGE,
    DLQ_FAILED_AT,
    DLQ_SOURCE_OFFSET,
    DLQ_SOURCE_PARTITION,
    DLQ_SOURCE_TOPIC,
    Headers,
    OutRecord,
    headers_to_dict,
)
from libs.runtime.errors import EmptyValue, InvalidJSON, error_class

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

#: Extra dead-letter header, set only when the original value had to be dropped to fit the DLQ.
DLQ_VALUE_OMITTED = "dlq_value_omitted"
#: Longest `dlq_error_message` header (characters).
MAX_ERROR_MESSAGE = 2000


class KafkaRecord(Protocol):
    """What the runtime needs of a consumed record (aiokafka's `ConsumerRecord` has it)."""

    @property
    def topic(self) -> str: ...
    @property
    def partition(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def timestamp(self) -> int | None: ...
    @property
    def key(self) -> bytes | None: ...
    @property
    def value(self) -> bytes | None: ...
    @property
    def headers(self) -> Sequence[tuple[str, bytes]]: ...


@dataclass(frozen=True, slots=True)
class Route(Generic[M]):
    """How to read one source topic: the model its JSON values decode into, and its dead-letter topic.

    `model=None` passes the raw value bytes through (`Envelope.value: bytes | None`).
    """

    model: type[M] | None
    dlq_topic: str


@dataclass(frozen=True, slots=True)
class Envelope(Generic[T]):
    """A decoded source record handed to a step: the model plus where it came from."""

    value: T
    key: str | None
    headers: dict[str, str]
    topic: str
    partition: int
    offset: int
    timestamp_ms: int | None


def decode(record: KafkaRecord, route: Route[Any]) -> Envelope[Any]:
    """The record as an `Envelope` of `route.model`.

    Raises `EmptyValue` (no value), `InvalidJSON` (not UTF-8 JSON) or pydantic `ValidationError`
    (JSON that does not match the model); all are poison.
    """
    value: Any = record.value
    if route.model is not None:
        if record.value is None:
            raise EmptyValue("record has no value (tombstone)")
        try:
            value = route.model.model_validate_json(record.value)
        except ValidationError as exc:
            errors = exc.errors(include_url=False, include_input=False)
            if errors and all(e["type"] in ("json_invalid", "json_type") for e in errors):
                raise InvalidJSON(f"value is not valid JSON: {errors[0]['msg']}") from None
            raise
    return Envelope(
        value=value,
        key=record.key.decode("utf-8", "replace") if record.key is not None else None,
        headers=headers_to_dict(list(record.headers or ())),
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        timestamp_ms=record.timestamp,
    )


def error_message(exc: BaseException, limit: int = MAX_ERROR_MESSAGE) -> str:
    """A one-header description of `exc`: its message (pydantic errors condensed), truncated to `limit`."""
    if isinstance(exc, ValidationError):
        parts = []
        for e in exc.errors(include_url=False, include_input=False):
            loc = ".".join(str(p) for p in e["loc"]) or "<root>"
            parts.append(f"{loc}: {e['msg']}")
        text = f"{exc.error_count()} validation error(s) for {exc.title}: " + "; ".join(parts)
    else:
        text = str(exc) or repr(exc)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_error(exc: BaseException, limit: int = MAX_ERROR_MESSAGE) -> str:
    """`ErrorClass: first line of the message (detail)`, for logs and status pages.

    A wrapped driver error (SQLAlchemy's `DBAPIError.orig`) is described by the driver's error,
    with the server's detail (psycopg's `diag.message_detail`) when there is one.
    """
    orig = getattr(exc, "orig", None)
    inner = orig if isinstance(orig, BaseException) else exc
    lines = str(inner).strip().splitlines()
    text = f"{error_class(inner)}: {lines[0] if lines else error_class(inner)}"
    detail = getattr(getattr(inner, "diag", None), "message_detail", None)
    if detail:
        text = f"{text} ({detail})"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dead_letter_record(
    record: KafkaRecord,
    *,
    dlq_topic: str,
    group_id: str,
    error: BaseException,
    failed_at: datetime | None = None,
    omit_value: str | None = None,
) -> OutRecord:
    """The dead-letter copy of `record`: original key, value and headers plus the `dlq_*` reason headers.

    `omit_value` (a reason) drops the original value, e.g. when it is too large for the DLQ topic;
    the `dlq_value_omitted` header then says why.
    """
    when = (failed_at or datetime.now(UTC)).isoformat().replace("+00:00", "Z")
    headers: Headers = list(record.headers or ())
    headers += [
        (DLQ_SOURCE_TOPIC, record.topic.encode()),
        (DLQ_SOURCE_PARTITION, str(record.partition).encode()),
        (DLQ_SOURCE_OFFSET, str(record.offset).encode()),
        (DLQ_CONSUMER_GROUP, group_id.encode()),
        (DLQ_ERROR_CLASS, error_class(error).encode()),
        (DLQ_ERROR_MESSAGE, error_message(error).encode("utf-8", "replace")),
        (DLQ_FAILED_AT, when.encode()),
    ]
    value = record.value
    if omit_value is not None:
        headers.append((DLQ_VALUE_OMITTED, omit_value[:MAX_ERROR_MESSAGE].encode("utf-8", "replace")))
        value = None
    return OutRecord(topic=dlq_topic, key=record.key, value=value, headers=headers)
