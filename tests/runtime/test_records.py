"""Decoding records into envelopes, dead-letter records, and the error formatters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import orjson
import pytest
from pydantic import BaseModel, ValidationError

from libs.contracts.records import (
    DLQ_CONSUMER_GROUP,
    DLQ_ERROR_CLASS,
    DLQ_ERROR_MESSAGE,
    DLQ_FAILED_AT,
    DLQ_SOURCE_OFFSET,
    DLQ_SOURCE_PARTITION,
    DLQ_SOURCE_TOPIC,
    OutRecord,
    headers_to_dict,
)
from libs.runtime.errors import EmptyValue, InvalidJSON
from libs.runtime.records import (
    DLQ_VALUE_OMITTED,
    MAX_ERROR_MESSAGE,
    Route,
    dead_letter_record,
    decode,
    describe_error,
    error_message,
)


class Thing(BaseModel):
    name: str
    size: int


@dataclass
class FakeRecord:
    value: bytes | None
    key: bytes | None = b"key-1"
    topic: str = "things"
    partition: int = 3
    offset: int = 42
    timestamp: int | None = 1_700_000_000_000
    headers: list[tuple[str, bytes]] = field(default_factory=lambda: [("ce_id", b"abc"), ("trace", b"\xff")])


ROUTE = Route(Thing, dlq_topic="things.dlq")


# --- decoding -------------------------------------------------------------------------------------


def test_decode_valid_record_into_an_envelope() -> None:
    env = decode(FakeRecord(orjson.dumps({"name": "a", "size": 2, "extra": True})), ROUTE)
    assert env.value == Thing(name="a", size=2)
    assert (env.key, env.topic, env.partition, env.offset) == ("key-1", "things", 3, 42)
    assert env.timestamp_ms == 1_700_000_000_000
    assert env.headers == {"ce_id": "abc", "trace": "\ufffd"}


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (b"not json at all", InvalidJSON),
        (b'{"name": "a", "size": 2', InvalidJSON),
        (b"\xff\xfe\xfd", InvalidJSON),
        (b"", InvalidJSON),
        (None, EmptyValue),
        (b'{"name": "a", "size": "big"}', ValidationError),
        (b'{"name": "a"}', ValidationError),
        (b"[1, 2]", ValidationError),
        (b"42", ValidationError),
    ],
)
def test_decode_rejects_poison(value: bytes | None, error: type[Exception]) -> None:
    with pytest.raises(error):
        decode(FakeRecord(value), ROUTE)


def test_decode_raw_route_passes_bytes_through() -> None:
    env = decode(FakeRecord(b"\x00\x01", key=None), Route(None, dlq_topic="d"))
    assert env.value == b"\x00\x01"
    assert env.key is None


# --- dead-letter records -----------------------------------------------------------------------------


def test_dead_letter_record_keeps_the_original_and_adds_reason_headers() -> None:
    rec = FakeRecord(b'{"name": 1}')
    try:
        decode(rec, ROUTE)
    except ValidationError as exc:
        error = exc
    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    dlq = dead_letter_record(rec, dlq_topic="things.dlq", group_id="accord-x", error=error, failed_at=when)
    assert isinstance(dlq, OutRecord)
    assert (dlq.topic, dlq.key, dlq.value) == ("things.dlq", rec.key, rec.value)
    assert dlq.headers[: len(rec.headers)] == rec.headers
    h = headers_to_dict(dlq.headers)
    assert h[DLQ_SOURCE_TOPIC] == "things"
    assert h[DLQ_SOURCE_PARTITION] == "3"
    assert h[DLQ_SOURCE_OFFSET] == "42"
    assert h[DLQ_CONSUMER_GROUP] == "accord-x"
    assert h[DLQ_ERROR_CLASS] == "ValidationError"
    assert h[DLQ_FAILED_AT] == "2025-01-02T03:04:05Z"
    assert "name" in h[DLQ_ERROR_MESSAGE] and "size" in h[DLQ_ERROR_MESSAGE]
    assert DLQ_VALUE_OMITTED not in h


def test_dead_letter_record_can_omit_a_value_too_large_to_keep() -> None:
    rec = FakeRecord(b"x" * 100)
    dlq = dead_letter_record(
        rec, dlq_topic="d", group_id="g", error=ValueError("boom"), omit_value="too large"
    )
    assert dlq.value is None
    assert headers_to_dict(dlq.headers)[DLQ_VALUE_OMITTED] == "too large"
    assert headers_to_dict(dlq.headers)[DLQ_ERROR_CLASS] == "ValueError"


# --- error formatting ---------------------------------------------------------------------------------


def test_error_message_is_one_line_and_bounded() -> None:
    msg = error_message(ValueError("line one\nline two " + "y" * 10_000))
    assert "\n" not in msg
    assert len(msg) == MAX_ERROR_MESSAGE
    assert msg.startswith("line one line two")
    assert error_message(KeyError()) == "KeyError()"


def test_error_message_of_validation_errors_names_the_fields_without_the_input() -> None:
    secret = "s" * 500
    try:
        Thing.model_validate({"name": secret, "size": "NaN-ish"})
    except ValidationError as exc:
        msg = error_message(exc)
    assert "size" in msg
    assert secret not in msg


class _Diag:
    message_detail = "Key (id)=(7) already exists."


class _DriverError(Exception):
    diag = _Diag()


class _Wrapped(Exception):
    def __init__(self, orig: BaseException) -> None:
        super().__init__(f"(wrapped) {orig}")
        self.orig = orig


def test_describe_error_names_the_class_the_first_line_and_the_detail() -> None:
    assert describe_error(ValueError("first\nsecond")) == "ValueError: first"
    assert describe_error(KeyError()) == "KeyError: KeyError"
    driver = _DriverError("duplicate key value violates unique constraint\nDETAIL: ...")
    assert describe_error(_Wrapped(driver)) == (
        "_DriverError: duplicate key value violates unique constraint (Key (id)=(7) already exists.)"
    )
    assert len(describe_error(ValueError("x" * 5000), limit=100)) == 100
