"""Aggregates over the filtered events: types, sectors, timeline, country pairs, graph, country profile.

Each aggregate reads a `Source`: `event_rollup` (one row per signature with its
count of current events) when every filter is a rollup dimension, else
`events` (one row per event). Both give the same numbers; the rollup reads far
fewer rows. Counts are numbers of events: an event with three sectors counts
once for each of them, an event with parties A, B, C once for each of the
pairs A-B, A-C, B-C.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    DateTime,
    FromClause,
    Select,
    cast,
    func,
    literal_column,
    select,
    true,
)

from services.store.crud.filters import EventFilter
from services.store.db.models import event_rollup, events

Interval = Literal["month", "week", "day"]
TimelineBy = Literal["type", "sector"]


@dataclass(frozen=True)
class Source:
    """Where an aggregate reads: a table, its WHERE clauses, and what each row counts for."""

    table: FromClause
    where: list[ColumnElement[bool]]
    weight: ColumnElement[Any]
    from_rollup: bool

    def col(self, name: str) -> ColumnElement[Any]:
        return self.table.c[name]  # type: ignore[no-any-return]

    def count(self) -> ColumnElement[Any]:
        return func.sum(self.weight).label("n")

    def select(self, *columns: Any) -> Select[Any]:
        return select(*columns).select_from(self.table)

    def bucket(self, interval: Interval) -> ColumnElement[Any]:
        """First day of the interval holding the event's start date (null when undated)."""
        if self.from_rollup:
            if interval != "month":
                raise ValueError("the rollup has month buckets only")
            return self.col("month_start")
        truncated = func.date_trunc(interval, cast(events.c.date_start, DateTime))
        return cast(truncated, Date)


def source_for(flt: EventFilter, *, interval: Interval = "month") -> Source:
    """The rollup when it can answer `flt` (and `interval`), else the events table."""
    conditions = flt.rollup_conditions() if interval == "month" else None
    if conditions is not None:
        return Source(event_rollup, conditions, event_rollup.c.events, from_rollup=True)
    return Source(events, flt.conditions(), literal_column("1"), from_rollup=False)


def _unnest(array: ColumnElement[Any], name: str, ordinality: bool = False) -> Any:
    kwargs = {"with_ordinality": "i"} if ordinality else {}
    return func.unnest(array).table_valued("value", **kwargs).render_derived(name=name)


def type_counts(conn: Connection, flt: EventFilter) -> list[tuple[str, int]]:
    """(type, events) by count descending."""
    src = source_for(flt)
    n = src.count()
    query = src.select(src.col("type"), n).where(*src.where).group_by(src.col("type"))
    return [(t, int(c)) for t, c in conn.execute(query.order_by(n.desc(), src.col("type")))]


def sector_counts(conn: Connection, flt: EventFilter) -> list[tuple[str, int]]:
    """(sector, events) by count descending."""
    src = source_for(flt)
    sector = _unnest(src.col("sectors"), "sector")
    n = src.count()
    query = src.select(sector.c.value, n).join(sector, true()).where(*src.where).group_by(sector.c.value)
    return [(s, int(c)) for s, c in conn.execute(query.order_by(n.desc(), sector.c.value))]


@dataclass(frozen=True)
class Bucket:
    start: date
    total: int
    counts: dict[str, int]


def timeline(conn: Connection, flt: EventFilter, interval: Interval, by: TimelineBy) -> list[Bucket]:
    """Dated events per interval (by start date), ascending, split by type or sector."""
    src = source_for(flt, interval=interval)
    bucket = src.bucket(interval).label("bucket")
    where = [*src.where, bucket.isnot(None)]
    n = src.count()
    totals = conn.execute(src.select(bucket, n).where(*where).group_by(bucket).order_by(bucket)).all()
    if by == "type":
        key: Any = src.col("type")
        split = src.select(bucket, key, n)
    else:
        sector = _unnest(src.col("sectors"), "sector")
        key = sector.c.value
        split = src.select(bucket, key, n).join(sector, true())
    counts: dict[date, dict[str, int]] = {}
    for start, name, count in conn.execute(split.where(*where).group_by(bucket, key).order_by(bucket, key)):
        counts.setdefault(start, {})[name] = int(count)
    filled = {start: Bucket(start, int(total), counts.get(start, {})) for start, total in totals}
    if not filled:
        return []
    starts = bucket_starts(min(filled), max(filled), interval)
    return [filled.get(start) or Bucket(start, 0, {}) for start in starts]


def next_bucket(start: date, interval: Interval) -> date:
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def bucket_starts(first: date, last: date, interval: Interval) -> list[date]:
    """Every bucket start from `first` to `last` (both bucket starts), ascending."""
    out = [first]
    while out[-1] < last:
        out.append(next_bucket(out[-1], interval))
    return out


def _pair_counts(src: Source, parties: ColumnElement[Any]) -> Select[Any]:
    """(a, b, type, events) for every unordered pair of `parties` within an event, a < b."""
    x = _unnest(parties, "x", ordinality=True)
    y = _unnest(parties, "y", ordinality=True)
    a, b = func.least(x.c.value, y.c.value), func.greatest(x.c.value, y.c.value)
    return (
        src.select(a.label("a"), b.label("b"), src.col("type").label("type"), src.count())
        .join(x, true())
        .join(y, x.c.i < y.c.i)
        .where(*src.where)
        .group_by(a, b, src.col("type"))
    )


def _ranked_pairs(per_type: Select[Any], limit: int, min_count: int = 1) -> Select[Any]:
    pt = per_type.subquery("pt")
    total = func.sum(pt.c.n).label("total")
    return (
        select(pt.c.a, pt.c.b, total, func.jsonb_object_agg(pt.c.type, pt.c.n).label("types"))
        .group_by(pt.c.a, pt.c.b)
        .having(func.sum(pt.c.n) >= min_count)
        .order_by(total.desc(), pt.c.a, pt.c.b)
        .limit(limit)
    )


@dataclass(frozen=True)
class PairCount:
    a: str
    b: str
    count: int
    types: dict[str, int]


def country_pairs(conn: Connection, flt: EventFilter, limit: int) -> list[PairCount]:
    """Country pairs by events together, most first, with counts per type."""
    src = source_for(flt)
    query = _ranked_pairs(_pair_counts(src, src.col("countries")), limit)
    return [
        PairCount(a, b, int(t), {k: int(v) for k, v in types.items()})
        for a, b, t, types in conn.execute(query)
    ]


@dataclass(frozen=True)
class Node:
    id: str
    kind: Literal["country", "igo"]
    count: int


def party_counts(conn: Connection, flt: EventFilter, limit: int) -> list[Node]:
    """Countries and IGOs by their number of events, most first."""
    src = source_for(flt)
    parts = []
    for kind, column in (("country", "countries"), ("igo", "igos")):
        party = _unnest(src.col(column), f"p_{kind}")
        parts.append(
            src.select(party.c.value.label("id"), literal_column(f"'{kind}'").label("kind"), src.count())
            .join(party, true())
            .where(*src.where)
            .group_by(party.c.value)
        )
    union = parts[0].union_all(parts[1]).subquery("nodes")
    query = select(union).order_by(union.c.n.desc(), union.c.id).limit(limit)
    return [Node(i, k, int(n)) for i, k, n in conn.execute(query)]


def party_pairs(
    conn: Connection, flt: EventFilter, ids: list[str], min_count: int, limit: int
) -> list[PairCount]:
    """Pairs of parties (countries and IGOs) among `ids` by events together, at least `min_count`."""
    src = source_for(flt)
    per_type = _pair_counts(src, src.col("countries").concat(src.col("igos"))).subquery("per_type")
    kept = select(per_type).where(per_type.c.a.in_(ids), per_type.c.b.in_(ids))
    query = _ranked_pairs(kept, limit, min_count)
    return [
        PairCount(a, b, int(t), {k: int(v) for k, v in types.items()})
        for a, b, t, types in conn.execute(query)
    ]


def event_count(conn: Connection, flt: EventFilter) -> int:
    src = source_for(flt)
    return int(conn.scalar(src.select(src.count()).where(*src.where)) or 0)


def partner_counts(conn: Connection, flt: EventFilter, party: str, limit: int) -> list[Node]:
    """Parties appearing in events with `party` (`flt` should require it), most first."""
    return [n for n in party_counts(conn, flt, limit + 1) if n.id != party][:limit]


def date_bounds(conn: Connection, flt: EventFilter) -> tuple[date | None, date | None]:
    """The earliest and the latest event start date among the matches (None when none is dated)."""
    c = events.c
    base = select(c.date_start).where(*flt.conditions(), c.date_start.isnot(None)).limit(1)
    first = conn.scalar(base.order_by(c.date_start.asc().nulls_first()))
    last = conn.scalar(base.order_by(c.date_start.desc().nulls_last()))
    return first, last
