"""Failure classes and how the runtime treats them: retry (transient), dead-letter (poison) or stop (fatal).

A step signals intent by raising `TransientError` (the same input would succeed
later: a dependency is down) or `PoisonError` (this input will never succeed).
Anything else is classified by `classify()`: connection and timeout errors,
retriable Kafka errors and the caller's extra `transient` classes are
transient; every other exception is poison.

Every exception of this package derives from `ProcessingError`, itself an
`libs.contracts.errors.AccordError`.
"""

from __future__ import annotations

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

from libs.contracts.errors import AccordError

Kind = Literal["transient", "poison"]


class ProcessingError(AccordError):
    """Root of the runtime's exceptions."""


class TransientError(ProcessingError):
    """Retry the same record/batch with exponential backoff and jitter, consumption paused.

    Never dead-lettered, never skipped. Raise it (or `raise TransientError(...) from exc`) for
    outages of a dependency: database down, broker unavailable, rate limiting.
    """


class PoisonError(ProcessingError):
    """This record can never be processed: dead-letter it (reason in the headers) and go on."""


class FatalError(ProcessingError):
    """The service cannot go on (e.g. the broker refuses every produce request): stop with an error.

    Nothing is committed for the records in hand; they are re-delivered after a restart.
    """


class DeadLetterLimitExceeded(FatalError):
    """More records turned out poison within the window than `DeadLetterLimit` allows: stop.

    Dead-lettering a whole topic after a bad deploy would empty it into its dead-letter topic;
    stopping keeps the records where they are until the cause is fixed.
    """


class InvalidJSON(PoisonError):
    """The record value is not UTF-8 JSON."""


class EmptyValue(PoisonError):
    """The record has no value (a tombstone) where a model was expected."""


class Unacknowledged(ProcessingError):
    """Records were not acknowledged for a transient reason (`first`): send them again after a wait."""

    def __init__(self, first: BaseException) -> None:
        super().__init__(f"{type(first).__name__}: {first}")
        self.first = first


class Interrupted(ProcessingError):
    """A stop (or a partition revocation) interrupted a wait: what is done is kept, the rest abandoned."""


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


def is_transient(exc: BaseException, transient: tuple[type[BaseException], ...] = ()) -> bool:
    """`classify(exc, transient) == "transient"`, for `retry_async(is_transient=...)`."""
    return classify(exc, transient) == "transient"


def error_class(exc: BaseException) -> str:
    """The name used in metrics and dead-letter headers (`ValidationError`, `InvalidJSON`, ...)."""
    return type(exc).__name__
