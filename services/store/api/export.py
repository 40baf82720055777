"""Exports of `GET /v1/events`: CSV or NDJSON, streamed from a server-side cursor.

The format comes from `format=csv|ndjson` or, failing that, the `Accept`
header (`text/csv`, `application/x-ndjson`). Rows leave in batches of
`ACCORD_API_EXPORT_BATCH_ROWS` as the cursor yields them, so memory stays flat
whatever the size. Without the API key an export holds at most
`ACCORD_API_EXPORT_MAX_ROWS_ANONYMOUS` rows; when the filters match more, the
response says so in `Accord-Export-Truncated: true` and `Accord-Export-Row-Cap`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Literal

from fastapi import Request
from fastapi.responses import StreamingResponse
from sqlalchemy import Engine

from services.store.crud.events import CSV_HEADER, Sort, SortKey, export_rows
from services.store.crud.filters import EventFilter
from services.store.crud.totals import bounded_total
from services.store.db.models import events

ExportFormat = Literal["csv", "ndjson"]
MEDIA_TYPES: dict[ExportFormat, str] = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}


def negotiate(request: Request, fmt: str | None) -> Literal["json", "csv", "ndjson"]:
    """`format` when given, else the first of text/csv or application/x-ndjson the Accept header names."""
    if fmt is not None:
        return fmt  # type: ignore[return-value]
    accept = request.headers.get("accept", "").lower()
    positions = {
        kind: accept.find(media) for kind, media in (("csv", "text/csv"), ("ndjson", "application/x-ndjson"))
    }
    named = sorted((pos, kind) for kind, pos in positions.items() if pos >= 0)
    return named[0][1] if named else "json"  # type: ignore[return-value]


def _csv_chunks(batches: Iterator[list[tuple[str]]]) -> Iterator[bytes]:
    """The header, then each batch of lines (Postgres formats the fields) as one chunk."""
    yield (",".join(CSV_HEADER) + "\r\n").encode()
    for batch in batches:
        yield ("\r\n".join(line for (line,) in batch) + "\r\n").encode()


_STATUS = {True: ',"status":"current"}', False: ',"status":"retracted"}'}


def _ndjson_chunks(batches: Iterator[list[tuple[str, bool]]]) -> Iterator[bytes]:
    for batch in batches:
        yield "".join(payload[:-1] + _STATUS[current] + "\n" for payload, current in batch).encode()


def _stream(
    engine: Engine,
    flt: EventFilter,
    fmt: ExportFormat,
    sort: Sort,
    after: SortKey | None,
    max_rows: int | None,
    batch_rows: int,
) -> Iterator[bytes]:
    """The export's bytes; the connection (and its server-side cursor) lives as long as the stream."""
    with engine.connect() as conn:
        batches = export_rows(
            conn, flt, fmt=fmt, sort=sort, after=after, max_rows=max_rows, batch_rows=batch_rows
        )
        chunks = _csv_chunks(batches) if fmt == "csv" else _ndjson_chunks(batches)  # type: ignore[arg-type]
        yield from chunks


def export_response(
    engine: Engine,
    flt: EventFilter,
    fmt: ExportFormat,
    *,
    sort: Sort,
    after: SortKey | None,
    row_cap: int | None,
    batch_rows: int,
) -> StreamingResponse:
    """A streamed export of every event matching `flt` (at most `row_cap` rows when given)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    headers = {"Content-Disposition": f'attachment; filename="accord-events-{stamp}.{fmt}"'}
    if row_cap is not None:
        with engine.connect() as conn:
            truncated = bounded_total(conn, events, flt.conditions(), row_cap).value > row_cap
        headers["Accord-Export-Row-Cap"] = str(row_cap)
        headers["Accord-Export-Truncated"] = "true" if truncated else "false"
    body = _stream(engine, flt, fmt, sort, after, row_cap, batch_rows)
    return StreamingResponse(body, media_type=MEDIA_TYPES[fmt], headers=headers)
