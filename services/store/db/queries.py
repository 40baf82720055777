"""Read queries of the API: filtered, keyset-paged event listings and single events.

Pages are keyset-paged (no OFFSET): each page ends with the sort key of its
last row, and the next page starts strictly after it, so paging stays fast and
never repeats or skips a row that did not change in between.

Orders:
* `-date` (default): event date, newest first, undated events last; ties by event id.
* `updated`: `updated_at` ascending (when the row was stored or last changed,
  retirement included), ties by event id: the order to sync incrementally with
  `since`. A row that changes while a client pages moves to the end and is seen
  again, never missed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Text,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.dialects.postgresql import ARRAY

from services.store.db.models import events

Sort = Literal["-date", "updated"]
Status = Literal["current", "retired", "all"]
SORTS: tuple[Sort, ...] = ("-date", "updated")

#: A page's sort key: (date_start or None, event_id) for `-date`; (updated_at, event_id) for `updated`.
SortKey = tuple[Any, str]


@dataclass(frozen=True)
class EventFilter:
    """Filters of `GET /v1/events`; every given filter must hold (AND)."""

    types: Sequence[str] = ()  # any of
    countries: Sequence[str] = ()  # all of (alpha-3)
    igos: Sequence[str] = ()  # all of
    sectors: Sequence[str] = ()  # all of
    location_country: str | None = None
    date_from: date | None = None  # event date range overlaps [date_from, date_to]
    date_to: date | None = None
    since: datetime | None = None  # stored or changed after
    article_id: str | None = None
    min_confidence: float | None = None
    status: Status = "current"

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE clauses of these filters."""
        c = events.c
        out: list[ColumnElement[bool]] = []
        if self.status == "current":
            out.append(c.retired_at.is_(None))
        elif self.status == "retired":
            out.append(c.retired_at.isnot(None))
        if self.types:
            out.append(c.type.in_(list(self.types)))
        for column, values in ((c.countries, self.countries), (c.igos, self.igos), (c.sectors, self.sectors)):
            if values:
                out.append(column.contains(cast(list(values), ARRAY(Text))))
        if self.location_country:
            out.append(c.location_country == self.location_country)
        if self.date_from is not None:
            out.append(c.date_end >= self.date_from)
        if self.date_to is not None:
            out.append(c.date_start <= self.date_to)
        if self.since is not None:
            out.append(c.updated_at > self.since)
        if self.article_id:
            out.append(c.article_id == self.article_id)
        if self.min_confidence is not None:
            out.append(c.confidence >= self.min_confidence)
        return out


def _order(sort: Sort) -> list[Any]:
    c = events.c
    if sort == "-date":
        return [c.date_start.desc().nulls_last(), c.event_id.desc()]
    return [c.updated_at.asc(), c.event_id.asc()]


def _after(sort: Sort, key: SortKey) -> ColumnElement[bool]:
    """Rows strictly after `key` in `sort` order."""
    c = events.c
    value, event_id = key
    if sort == "-date":
        if value is None:  # inside the undated tail
            return and_(c.date_start.is_(None), c.event_id < event_id)
        return or_(
            c.date_start < value,
            and_(c.date_start == value, c.event_id < event_id),
            c.date_start.is_(None),
        )
    return tuple_(c.updated_at, c.event_id) > tuple_(literal(value), literal(event_id))


@dataclass(frozen=True)
class EventPage:
    """One page: the events' JSON texts (as stored), the key to continue after (None = last page), the total."""

    items: list[str]
    next_key: SortKey | None
    total: int


def list_events(
    conn: Connection,
    flt: EventFilter,
    *,
    sort: Sort = "-date",
    after: SortKey | None = None,
    limit: int = 50,
    with_total: bool = True,
) -> EventPage:
    """A page of events matching `flt` in `sort` order, starting after `after`.

    `total` counts every match of `flt` (all pages), not just this page.
    """
    where = flt.conditions()
    key_cols = (events.c.date_start if sort == "-date" else events.c.updated_at, events.c.event_id)
    q = select(cast(events.c.payload, Text), *key_cols).where(*where)
    if after is not None:
        q = q.where(_after(sort, after))
    rows = conn.execute(q.order_by(*_order(sort)).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    total = -1
    if with_total:
        total = int(conn.scalar(select(func.count()).select_from(events).where(true(), *where)) or 0)
    next_key: SortKey | None = (rows[-1][1], rows[-1][2]) if more else None
    return EventPage(items=[r[0] for r in rows], next_key=next_key, total=total)


def get_event(conn: Connection, event_id: str) -> tuple[str, datetime | None] | None:
    """(event JSON text, retired_at) of one event, current or retired; None when unknown."""
    row = conn.execute(
        select(cast(events.c.payload, Text), events.c.retired_at).where(events.c.event_id == event_id)
    ).first()
    return (row[0], row[1]) if row else None
