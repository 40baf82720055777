"""Unit tests of the store's pure parts: date ranges, rows, cursors, error classes, settings."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, ProgrammingError

from libs.contracts.events import EventDate
from libs.runtime.consumer import Envelope, TransientError
from libs.runtime.errors import classify
from services.store.api.cursor import InvalidCursor, decode_cursor, encode_cursor, fingerprint
from services.store.core.config import StoreSettings
from services.store.persist import RecordError, article_row, date_range, event_row
from services.store.sink import StoreStep, UnstorableRecord, is_poison_db_error
from tests.store.factories import make_event, make_extraction


@pytest.mark.parametrize(
    ("start", "end", "precision", "want"),
    [
        ("2024", None, "year", (date(2024, 1, 1), date(2024, 12, 31))),
        ("2024-02", None, "month", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-02", None, "month", (date(2023, 2, 1), date(2023, 2, 28))),
        ("2024-12", None, "month", (date(2024, 12, 1), date(2024, 12, 31))),
        ("2024-05-07", None, "day", (date(2024, 5, 7), date(2024, 5, 7))),
        ("2024-05-07", "2024-05-09", "day", (date(2024, 5, 7), date(2024, 5, 9))),
        ("2023", "2025", "year", (date(2023, 1, 1), date(2025, 12, 31))),
        ("2024-11", "2025-01", "month", (date(2024, 11, 1), date(2025, 1, 31))),
    ],
)
def test_date_range_covers_the_precision(
    start: str, end: str | None, precision: str, want: tuple[date, date]
) -> None:
    assert date_range(EventDate(start=start, end=end, precision=precision, text="t")) == want  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["2024-02-30", "2023-13", "0000"])
def test_date_range_refuses_impossible_dates(bad: str) -> None:
    precision = {4: "year", 7: "month", 10: "day"}[len(bad)]
    with pytest.raises(RecordError, match="not a calendar date"):
        date_range(EventDate(start=bad, precision=precision, text="t"))  # type: ignore[arg-type]


def test_rows_without_optional_parts() -> None:
    row = event_row(make_event("u1", 0, date=None, location=None, extracted_at=None))
    assert row["date_start"] is row["date_end"] is row["date_precision"] is None
    assert row["location_name"] is row["location_country"] is None and row["extracted_at"] is None
    summary = article_row(make_extraction("u1", ["e1", "e2", "e1"]))
    assert summary["event_ids"] == ["e1", "e2"] and summary["event_count"] == 2


def test_cursor_round_trip_and_refusals() -> None:
    fp = fingerprint({"country": ["IRQ", "IRN"], "sort": "-date"})
    assert fp == fingerprint({"sort": "-date", "country": ["IRN", "IRQ"]})
    for key in [(date(2024, 3, 1), "e1"), (None, "e2")]:
        assert decode_cursor(encode_cursor("-date", key, fp), "-date", fp) == key
    from datetime import UTC, datetime

    at = datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    assert decode_cursor(encode_cursor("updated", (at, "e3"), fp), "updated", fp) == (at, "e3")
    token = encode_cursor("-date", (None, "e2"), fp)
    with pytest.raises(InvalidCursor, match="other filters"):
        decode_cursor(token, "-date", fingerprint({"country": ["IRN"]}))
    with pytest.raises(InvalidCursor, match="other filters"):
        decode_cursor(token, "updated", fp)
    for junk in ["", "%%%", "e30", token[:-3]]:
        with pytest.raises(InvalidCursor):
            decode_cursor(junk, "-date", fp)


class _Orig(Exception):
    def __init__(self, sqlstate: str | None) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("exc", "poison"),
    [
        (DataError("stmt", {}, _Orig(None)), True),
        (IntegrityError("stmt", {}, _Orig("23505")), True),
        (ProgrammingError("stmt", {}, _Orig("22P05")), True),  # classified by SQLSTATE
        (OperationalError("stmt", {}, _Orig("08006")), False),  # connection failure
        (OperationalError("stmt", {}, _Orig("40P01")), False),  # deadlock
        (ProgrammingError("stmt", {}, _Orig("42P01")), False),  # table missing: not migrated yet
    ],
)
def test_database_errors_are_poison_only_when_the_record_is_at_fault(exc: Any, poison: bool) -> None:
    assert is_poison_db_error(exc) is poison


class _FailingEngine:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    @contextlib.contextmanager
    def begin(self) -> Iterator[None]:
        raise self.exc
        yield


def _env(value: Any) -> Envelope[Any]:
    return Envelope(value=value, key=None, headers={}, topic="t", partition=0, offset=0, timestamp_ms=None)


def test_the_step_maps_failures_to_the_runtime_classes() -> None:
    ev = make_event("u1", 0)
    down = StoreStep(_FailingEngine(OperationalError("stmt", {}, _Orig("08006"))))  # type: ignore[arg-type]
    with pytest.raises(TransientError) as info:
        down([_env(ev)])
    assert classify(info.value) == "transient"
    assert down.status.last_error and "_Orig" in down.status.last_error

    refused = StoreStep(_FailingEngine(DataError("stmt", {}, _Orig(None))))  # type: ignore[arg-type]
    with pytest.raises(UnstorableRecord) as info2:
        refused([_env(ev)])
    assert classify(info2.value) == "poison"

    bad_date = make_event("u1", 0, date={"start": "2024-02-30", "precision": "day", "text": "x"})
    with pytest.raises(UnstorableRecord, match="calendar"):
        StoreStep(_FailingEngine(AssertionError("not reached")))([_env(bad_date)])  # type: ignore[arg-type]


def test_settings_bounds() -> None:
    with pytest.raises(ValidationError, match="api_page_size_default"):
        StoreSettings(api_page_size_default=600, api_page_size_max=500)
    s = StoreSettings(_env_file=None)  # type: ignore[call-arg]
    assert (s.api_host, s.api_port, s.store_group_id) == ("127.0.0.1", 8000, "accord-store")
