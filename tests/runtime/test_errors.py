"""Failure classification: transient (retried) vs poison (dead-lettered); the exception root."""

from __future__ import annotations

import pytest
from aiokafka.errors import (
    CommitFailedError,
    KafkaConnectionError,
    MessageSizeTooLargeError,
    NotLeaderForPartitionError,
    UnknownError,
)

from libs.contracts.errors import AccordError
from libs.runtime.errors import (
    DeadLetterLimitExceeded,
    EmptyValue,
    FatalError,
    Interrupted,
    InvalidJSON,
    PoisonError,
    ProcessingError,
    TransientError,
    Unacknowledged,
    classify,
    error_class,
    is_transient,
)


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
    assert is_transient(exc, extra) is (kind == "transient")


@pytest.mark.parametrize(
    "cls",
    [
        TransientError,
        PoisonError,
        FatalError,
        DeadLetterLimitExceeded,
        InvalidJSON,
        EmptyValue,
        Interrupted,
        Unacknowledged,
    ],
)
def test_every_runtime_error_has_one_root_under_accord_error(cls: type[Exception]) -> None:
    assert issubclass(cls, ProcessingError)
    assert issubclass(cls, AccordError)


def test_error_class_is_the_type_name() -> None:
    assert error_class(InvalidJSON("x")) == "InvalidJSON"
    assert issubclass(DeadLetterLimitExceeded, FatalError)
