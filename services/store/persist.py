"""The store's batch step, pure of Kafka: write a batch of decoded records in the caller's transaction.

`apply_batch(conn, records)` upserts `CooperationEvent`s into `events` and
`ArticleExtraction` summaries into `articles` with `INSERT ... ON CONFLICT DO
UPDATE`, applies `EventRetraction`s, then reconciles which events are current. The caller owns the
transaction (the sink: one per batch, committed before the Kafka offsets).

Applying a batch is idempotent (the same batch twice leaves every row, including
`updated_at`, as it was) and the final state does not depend on arrival order:

* Newest wins. An event row is replaced only by a record with the same or a
  later `extracted_at` (null counts as oldest) and a different payload; an
  article row only by a summary with the same or a later `extracted_at` and
  different content. Redelivered or late older records change nothing.
* The rollups' counts of current events change with the rows, in the same
  transaction (`services.store.rollup`).
* Current events. An article's *authoritative extraction* is its stored
  summary (the newest seen). An event is current (`retired_at` null) when its
  article has no summary yet (provisional: the summary is published after its
  events, on another topic, so it may arrive later) or when the authoritative
  summary lists its id. Every other event of the article is retired, with
  `retired_at` = the authoritative summary's `extracted_at`. So a re-extraction
  swaps an article's events at once when its summary lands: events of the new
  extraction that arrive before their summary wait retired, events the new
  extraction dropped are retired, and an event listed again is restored.
* Retractions. An `EventRetraction` retires its event at once (`retired_at` =
  `retracted_at`), unless the stored event is newer than the retraction (a restore
  already arrived); a retraction of an event never stored changes nothing. A
  summary older than the retraction does not bring the event back (the retraction
  came from a newer extraction, whose summary follows). So the store and a
  consumer applying "last record per event id wins" end with the same sets.

Concurrent sinks (several store processes in the group) stay correct: a batch
first takes a transaction-scoped advisory lock per article it touches (in key
order, so batches never deadlock), which serialises every write to one
article's events and summary across transactions.

A record that cannot be stored (an impossible calendar date, a value Postgres
refuses) raises: `RecordError` here, or the driver's error from the database;
the sink classifies those as poison.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    Table,
    Text,
    and_,
    bindparam,
    case,
    cast,
    column,
    func,
    literal_column,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB, insert

from libs.contracts.events import CooperationEvent, DatePrecision, EventDate
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.retractions import EventRetraction
from services.store import rollup
from services.store.db.models import articles, events
from services.store.errors import RecordError

__all__ = [
    "BatchStats",
    "RecordError",
    "Rows",
    "StoreRecord",
    "apply_batch",
    "article_row",
    "date_range",
    "event_row",
    "to_rows",
]

StoreRecord = CooperationEvent | ArticleExtraction | EventRetraction

_NEG_INF = literal_column("'-infinity'::timestamptz")


@dataclass(frozen=True, slots=True)
class BatchStats:
    """What one `apply_batch` call changed."""

    events_received: int = 0
    events_written: int = 0  # inserted, or replaced by a newer/different version
    articles_received: int = 0
    articles_written: int = 0
    events_retired: int = 0  # became non-current
    events_restored: int = 0  # became current again
    retractions_received: int = 0


# --- pure conversions ---------------------------------------------------------


def _utc(value: datetime | None) -> datetime | None:
    """Aware datetimes as they are; naive ones read as UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(value: str, precision: DatePrecision) -> date:
    first = _first_day(value)
    if precision is DatePrecision.year:
        return date(first.year, 12, 31)
    if precision is DatePrecision.month:
        return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first


def date_range(value: EventDate) -> tuple[date, date]:
    """First day of `start`'s precision range and last day of `end`'s (or `start`'s).

    `2024` -> 2024-01-01..2024-12-31; `2024-02` -> 2024-02-01..2024-02-29.
    Raises `RecordError` for a date that is not on the calendar (`2024-02-30`).
    """
    try:
        start = _first_day(value.start)
        end = _last_day(value.end or value.start, value.precision)
    except ValueError as exc:
        raise RecordError(f"event date {value.start!r}..{value.end!r} is not a calendar date: {exc}") from exc
    return start, end


def event_row(event: CooperationEvent) -> dict[str, Any]:
    """The `events` columns of one event (without the timestamps the database sets)."""
    start = end = None
    if event.date is not None:
        start, end = date_range(event.date)
    return {
        "event_id": event.event_id,
        "article_id": event.article_id,
        "type": event.type.value,
        "countries": list(event.countries),
        "igos": list(event.igos),
        "sectors": [s.value for s in event.sectors],
        "date_start": start,
        "date_end": end,
        "date_precision": event.date.precision.value if event.date else None,
        "location_name": event.location.name if event.location else None,
        "location_country": event.location.country if event.location else None,
        "confidence": event.confidence,
        "extractor_name": event.extractor.name,
        "extractor_version": event.extractor.version,
        "extracted_at": _utc(event.extracted_at),
        "payload": event.model_dump(mode="json"),
        "published_at": _utc(event.article.published_at),
        "publisher": event.article.publisher,
    }


def article_row(summary: ArticleExtraction) -> dict[str, Any]:
    """The `articles` columns of one extraction summary."""
    event_ids = list(dict.fromkeys(summary.event_ids))  # unique, order kept
    return {
        "article_id": summary.article_id,
        "url": summary.url,
        "canonical_url": summary.canonical_url,
        "title": summary.title,
        "language": summary.language,
        "published_at": _utc(summary.published_at),
        "fetched_at": _utc(summary.fetched_at),
        "source": summary.source,
        "publisher": summary.publisher,
        "content_hash": summary.content_hash,
        "text_length": summary.text_length,
        "source_ref": summary.source_ref,
        "status": summary.status.value,
        "skip_reason": summary.skip_reason,
        "extractor_name": summary.extractor.name,
        "extractor_version": summary.extractor.version,
        "event_ids": event_ids,
        "event_count": len(event_ids),
        "extracted_at": summary.extracted_at,
    }


def retraction_row(retraction: EventRetraction) -> dict[str, Any]:
    """What the store keeps of a retraction: which event, of which article, since when."""
    return {
        "event_id": retraction.event_id,
        "article_id": retraction.article_id,
        "retracted_at": _utc(retraction.retracted_at),
    }


def _newest(rows: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """One row per primary key, in key order: the one with the latest `extracted_at` (the later one on ties)."""
    floor = datetime.min.replace(tzinfo=UTC)
    best: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen = best.get(row[key])
        if seen is None or (row["extracted_at"] or floor) >= (seen["extracted_at"] or floor):
            best[row[key]] = row
    return [best[k] for k in sorted(best)]


def _json_rows(rows: list[dict[str, Any]]) -> str:
    """The rows as one JSON text (dates and aware datetimes as ISO 8601) for `jsonb_to_recordset`."""
    return orjson.dumps(rows).decode()


# --- statements -----------------------------------------------------------------

_EVENT_DATA = [
    c.name
    for c in events.columns
    if c.name not in ("ingested_at", "updated_at", "retired_at") and c.computed is None
]
_ARTICLE_DATA = [c.name for c in articles.columns if c.name not in ("ingested_at", "updated_at")]


def _from_json_rows(table: Table, names: list[str]):  # type: ignore[no-untyped-def]
    """`INSERT INTO table (names) SELECT ... FROM jsonb_to_recordset(:rows)`: a whole batch as ONE parameter.

    One constant statement per table (prepared once, no per-batch SQL text to build and parse) instead
    of a multi-row VALUES list with thousands of parameters. The JSON carries dates and timestamps as
    ISO 8601 strings and arrays as JSON arrays; Postgres converts them to the column types.
    """
    columns = [column(n, table.c[n].type) for n in names]
    rows = (
        func.jsonb_to_recordset(cast(bindparam("rows", type_=Text), JSONB))
        .table_valued(*columns)
        .render_derived(name="r", with_types=True)
    )
    return insert(table).from_select(names, select(*(rows.c[n] for n in names)))


def _upsert_events_stmt():  # type: ignore[no-untyped-def]
    stmt = _from_json_rows(events, _EVENT_DATA)
    newer_or_same = func.coalesce(stmt.excluded.extracted_at, _NEG_INF) >= func.coalesce(
        events.c.extracted_at, _NEG_INF
    )
    return stmt.on_conflict_do_update(
        index_elements=[events.c.event_id],
        set_={
            **{name: stmt.excluded[name] for name in _EVENT_DATA if name != "event_id"},
            "updated_at": func.now(),
        },
        where=and_(newer_or_same, events.c.payload.is_distinct_from(stmt.excluded.payload)),
    ).returning(events.c.event_id)


def _upsert_articles_stmt():  # type: ignore[no-untyped-def]
    stmt = _from_json_rows(articles, _ARTICLE_DATA)
    data = [n for n in _ARTICLE_DATA if n != "article_id"]
    return stmt.on_conflict_do_update(
        index_elements=[articles.c.article_id],
        set_={**{name: stmt.excluded[name] for name in data}, "updated_at": func.now()},
        where=and_(
            stmt.excluded.extracted_at >= articles.c.extracted_at,
            tuple_(*(articles.c[n] for n in data)).is_distinct_from(
                tuple_(*(stmt.excluded[n] for n in data))
            ),
        ),
    ).returning(articles.c.article_id)


_UPSERT_EVENTS = _upsert_events_stmt()
_UPSERT_ARTICLES = _upsert_articles_stmt()


def _reconcile_stmt():  # type: ignore[no-untyped-def]
    """Set `retired_at` of the given articles' events from their stored summaries; touch only changes.

    Returns (event_id, was_current, is_current) per changed row (`before` is the pre-update snapshot).
    """
    before = events.alias("before")
    listed = events.c.event_id == func.any(articles.c.event_ids)
    retracted_later = func.coalesce(events.c.retired_at, _NEG_INF) > articles.c.extracted_at
    wanted = case(
        (and_(listed, retracted_later), events.c.retired_at),  # a retraction newer than the summary
        (listed, None),
        else_=articles.c.extracted_at,
    )
    return (
        update(events)
        .where(
            events.c.article_id == articles.c.article_id,
            articles.c.article_id == func.any(bindparam("article_ids")),
            before.c.event_id == events.c.event_id,
            events.c.retired_at.is_distinct_from(wanted),
        )
        .values(retired_at=wanted, updated_at=func.now())
        .returning(
            events.c.event_id,
            before.c.retired_at.is_(None).label("was_current"),
            events.c.retired_at.is_(None).label("is_current"),
        )
    )


_RECONCILE = _reconcile_stmt()

#: Retire the retracted events that are current and not newer than their retraction (a restore,
#: i.e. the event published again by a later extraction, has a later `extracted_at` and stays).
_RETRACT = text(
    "UPDATE events SET retired_at = r.retracted_at, updated_at = now()"
    " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(event_id text, retracted_at timestamptz)"
    " WHERE events.event_id = r.event_id AND events.retired_at IS NULL"
    " AND coalesce(events.extracted_at, '-infinity'::timestamptz) <= r.retracted_at"
    " RETURNING events.event_id"
)

#: Per-article transaction locks, taken in key order (hash collisions only serialise a little more).
_LOCK_ARTICLES = text(
    "SELECT pg_advisory_xact_lock(k) FROM ("
    " SELECT DISTINCT hashtextextended(a, 7919) AS k FROM unnest(CAST(:article_ids AS text[])) AS a"
    " ORDER BY k) AS keys"
)


# --- the step -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rows:
    """A batch converted to table rows (the pure half of `apply_batch`)."""

    events: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    retractions: list[dict[str, Any]] = field(default_factory=list)


def to_rows(records: Sequence[StoreRecord]) -> Rows:
    """Rows of `records`; raises `RecordError` for one that cannot be stored, `TypeError` for another type."""
    rows = Rows(events=[], articles=[])
    for record in records:
        if isinstance(record, CooperationEvent):
            rows.events.append(event_row(record))
        elif isinstance(record, ArticleExtraction):
            rows.articles.append(article_row(record))
        elif isinstance(record, EventRetraction):
            rows.retractions.append(retraction_row(record))
        else:
            raise TypeError(f"the store does not take {type(record).__name__} records")
    return rows


def apply_batch(conn: Connection, records: Sequence[StoreRecord] | Rows) -> BatchStats:
    """Write `records` (or their `to_rows`) through `conn`, inside the caller's transaction; see the module rules.

    Raises `RecordError` for a record that cannot be stored, `TypeError` for a
    record of another type, and the driver's errors as they come.
    """
    rows = records if isinstance(records, Rows) else to_rows(records)
    event_rows, article_rows = rows.events, rows.articles
    touched = sorted(
        {r["article_id"] for r in event_rows}
        | {r["article_id"] for r in article_rows}
        | {r["article_id"] for r in rows.retractions}
    )
    if not touched:
        return BatchStats()
    conn.execute(_LOCK_ARTICLES, {"article_ids": touched})
    counted_before = rollup.current_rows(conn, touched)
    articles_written = events_written = 0
    if article_rows:
        batch = _json_rows(_newest(article_rows, "article_id"))
        articles_written = len(conn.execute(_UPSERT_ARTICLES, {"rows": batch}).all())
    if event_rows:
        batch = _json_rows(_newest(event_rows, "event_id"))
        events_written = len(conn.execute(_UPSERT_EVENTS, {"rows": batch}).all())
    retired = restored = 0
    if rows.retractions:
        newest = {r["event_id"]: r for r in sorted(rows.retractions, key=lambda r: r["retracted_at"])}
        batch = _json_rows([newest[k] for k in sorted(newest)])
        retired += len(conn.execute(_RETRACT, {"rows": batch}).all())

    for _event_id, was_current, is_current in conn.execute(_RECONCILE, {"article_ids": touched}):
        if is_current and not was_current:
            restored += 1
        elif was_current and not is_current:
            retired += 1
    rollup.apply_changes(conn, counted_before, touched)
    return BatchStats(
        events_received=len(event_rows),
        events_written=events_written,
        articles_received=len(article_rows),
        articles_written=articles_written,
        events_retired=retired,
        events_restored=restored,
        retractions_received=len(rows.retractions),
    )
