"""Unit tests of the runtime's pure parts: classification, backoff, decoding, dead-letter records, config."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

import orjson
import pytest
from aiokafka.errors import (
    CommitFailedError,
    KafkaConnectionError,
    MessageSizeTooLargeError,
    NotLeaderForPartitionError,
    UnknownError,
)
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
from libs.runtime.consumer import FLUSH, _split, consumer_config
from libs.runtime.errors import (
    EmptyValue,
    InvalidJSON,
    PoisonError,
    TransientError,
    backoff_delay,
    classify,
)
from libs.runtime.producer import producer_config
from libs.runtime.records import (
    DLQ_VALUE_OMITTED,
    MAX_ERROR_MESSAGE,
    Route,
    dead_letter_record,
    decode,
    error_message,
)
from libs.runtime.settings import CommonSettings


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

# --- classification -----------------------------------------------------------------------------


class DbDown(Exception):
    pass


@pytest.mark.parametrize(
    ("exc", "extra", "kind"),
    [
        (TransientError("x"), (), "transient"),
        (PoisonError("x"), (), "poison"),
        (ConnectionResetError("x"), (), "transient"),
        (TimeoutError(), (), "transient"),
        (OSError("disk"), (), "transient"),
        (KafkaConnectionError("x"), (), "transient"),
        (NotLeaderForPartitionError(), (), "transient"),
        (MessageSizeTooLargeError(), (), "poison"),
        (CommitFailedError("x"), (), "poison"),
        (UnknownError(), (), "poison"),
        (ValueError("x"), (), "poison"),
        (KeyError("x"), (), "poison"),
        (DbDown("x"), (), "poison"),
        (DbDown("x"), (DbDown,), "transient"),
        (PoisonError("explicit wins"), (PoisonError,), "poison"),
    ],
)
def test_classify(exc: BaseException, extra: tuple[type[BaseException], ...], kind: str) -> None:
    assert classify(exc, extra) == kind


# --- backoff --------------------------------------------------------------------------------------


def test_backoff_grows_exponentially_with_jitter_and_is_capped() -> None:
    rng = random.Random(7)
    for attempt in range(1, 40):
        nominal = min(10.0, 0.1 * 2 ** (attempt - 1))
        for _ in range(50):
            d = backoff_delay(attempt, 0.1, 10.0, rng)
            assert nominal / 2 <= d <= nominal
    assert backoff_delay(1, 0.1, 10.0, random.Random(1)) <= 0.1
    assert backoff_delay(5, 0.1, 10.0, random.Random(1)) > 0.1 * 2**3 / 2
    assert backoff_delay(10_000, 0.1, 10.0) <= 10.0  # no overflow on huge attempt counts


def test_backoff_is_jittered() -> None:
    rng = random.Random(3)
    assert len({round(backoff_delay(4, 0.2, 30.0, rng), 6) for _ in range(20)}) > 10


def test_backoff_rejects_attempt_zero() -> None:
    with pytest.raises(ValueError):
        backoff_delay(0, 0.1, 1.0)


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


# --- step output ----------------------------------------------------------------------------------


def test_split_on_flush_barriers() -> None:
    a, b, c = (OutRecord(topic=t, key=None, value=b"") for t in "abc")
    assert _split(None) == []
    assert _split([]) == [[]]
    assert _split([a, b]) == [[a, b]]
    assert _split([a, FLUSH, b, c]) == [[a], [b, c]]
    assert _split([FLUSH, c]) == [[], [c]]


@pytest.mark.parametrize("bad", [OutRecord(topic="a", key=None, value=None), "text", [b"bytes"], [1]])
def test_split_rejects_wrong_output_types(bad: object) -> None:
    with pytest.raises(TypeError):
        _split(bad)  # type: ignore[arg-type]


# --- client configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize("idempotence", [True, False])
def test_producer_config_follows_the_settings(idempotence: bool) -> None:
    settings = CommonSettings(
        kafka_bootstrap_servers="h:1",
        kafka_idempotence=idempotence,
        kafka_compression="zstd",
        kafka_linger_ms=7,
        kafka_max_request_size=2_000_000,
    )
    cfg = producer_config(settings, client_id="c")
    assert cfg["enable_idempotence"] is idempotence
    assert cfg["acks"] == "all"
    assert cfg["compression_type"] == "zstd"
    assert cfg["linger_ms"] == 7
    assert cfg["max_request_size"] == 2_000_000
    assert (
        producer_config(CommonSettings(kafka_bootstrap_servers="h:1", kafka_compression="none"))[
            "compression_type"
        ]
        is None
    )


def test_idempotence_and_compression_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORD_KAFKA_BOOTSTRAP_SERVERS", "broker:9092")
    monkeypatch.setenv("ACCORD_KAFKA_IDEMPOTENCE", "false")
    monkeypatch.setenv("ACCORD_KAFKA_COMPRESSION", "gzip")
    cfg = producer_config(CommonSettings())
    assert (cfg["bootstrap_servers"], cfg["enable_idempotence"], cfg["compression_type"]) == (
        "broker:9092",
        False,
        "gzip",
    )


def test_defaults_are_production_safe() -> None:
    settings = CommonSettings(kafka_bootstrap_servers="h:1")
    assert producer_config(settings)["enable_idempotence"] is True
    assert producer_config(settings)["compression_type"] == "lz4"
    cfg = consumer_config(settings, group_id="g", client_id="c")
    assert cfg["enable_auto_commit"] is False
    assert cfg["auto_offset_reset"] == "earliest"


def test_configs_need_bootstrap_servers() -> None:
    with pytest.raises(ValueError):
        producer_config(CommonSettings(kafka_bootstrap_servers=None))
    with pytest.raises(ValueError):
        consumer_config(CommonSettings(kafka_bootstrap_servers=None), group_id="g", client_id="c")
