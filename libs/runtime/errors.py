"""Failure classes and how the runtime treats them: retry (transient) or dead-letter (poison).

A step signals intent by raising `TransientError` (the same input would succeed
later: a dependency is down) or `PoisonError` (this input will never succeed).
Anything else is classified by `classify()`: connection and timeout errors,
retriable Kafka errors and the caller's extra `transient` classes are
transient; every other exception is poison.
"""

from __future__ import annotations

import random
from typing import Literal

from aiokafka.errors import (
    CorruptRecordException,
    InvalidTimestampError,
    KafkaConnectionError,
    KafkaError,
    KafkaTimeoutError,
    MessageSizeTooLargeError,
    RecordListTooLargeError,
    RecordTooLargeError,
    RequestTimedOutError,
)

Kind = Literal["transient", "poison"]


class TransientError(Exception):
    """Retry the same record/batch with exponential backoff and jitter, consumption paused.

    Never dead-lettered, never skipped. Raise it (or `raise TransientError(...) from exc`) for
    outages of a dependency: database down, broker unavailable, rate limiting.
    """


class PoisonError(Exception):
    """This record can never be processed: dead-letter it (reason in the headers) and go on."""


class FatalError(Exception):
    """The service cannot go on (e.g. the broker refuses every produce request): stop with an error.

    Nothing is committed for the records in hand; they are re-delivered after a restart.
    """


class InvalidJSON(PoisonError):
    """The record value is not UTF-8 JSON."""


class EmptyValue(PoisonError):
    """The record has no value (a tombstone) where a model was expected."""


_KAFKA_TRANSIENT: tuple[type[BaseException], ...] = (
    KafkaConnectionError,
    KafkaTimeoutError,
    RequestTimedOutError,
)

#: Permanent produce errors caused by the record itself: its source record is dead-lettered.
#: Any other permanent produce error (authorisation, unsupported feature, ...) is fatal.
RECORD_REJECTED: tuple[type[BaseException], ...] = (
    MessageSizeTooLargeError,
    RecordTooLargeError,
    RecordListTooLargeError,
    CorruptRecordException,
    InvalidTimestampError,
)

#: Exceptions that abort the process rather than being dead-lettered.
FATAL: tuple[type[BaseException], ...] = (MemoryError,)


def classify(exc: BaseException, transient: tuple[type[BaseException], ...] = ()) -> Kind:
    """`transient` or `poison` for an exception raised by a step or by the producer.

    Order: explicit `PoisonError` wins, then `TransientError`, the caller's `transient` classes,
    `ConnectionError`/`TimeoutError`/`OSError`, then Kafka errors by their `retriable` flag.
    """
    if isinstance(exc, PoisonError):
        return "poison"
    if isinstance(exc, TransientError) or (transient and isinstance(exc, transient)):
        return "transient"
    if isinstance(exc, (ConnectionError, TimeoutError, OSError)):
        return "transient"
    if isinstance(exc, _KAFKA_TRANSIENT):
        return "transient"
    if isinstance(exc, KafkaError):
        return "transient" if getattr(exc, "retriable", False) else "poison"
    return "poison"


def error_class(exc: BaseException) -> str:
    """The name used in metrics and dead-letter headers (`ValidationError`, `InvalidJSON`, ...)."""
    return type(exc).__name__


def backoff_delay(attempt: int, initial: float, maximum: float, rng: random.Random | None = None) -> float:
    """Delay before retry number `attempt` (1-based): exponential, capped, with "equal jitter".

    The un-jittered delay is `min(maximum, initial * 2**(attempt-1))`; the result lies in
    `[delay/2, delay]`, so concurrent consumers spread out but never retry immediately.
    """
    if attempt < 1:
        raise ValueError("attempt starts at 1")
    exp = min(attempt - 1, 62)  # avoid float overflow on absurd attempt counts
    delay = min(maximum, initial * (2.0**exp))
    r = (rng or random).random()
    return delay / 2 + r * delay / 2
