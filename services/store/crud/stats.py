"""Aggregates over the filtered events: types, sectors, timeline, country pairs, graph, country profile.

Each aggregate reads a rollup (`services.store.rollup`) when the filters allow
(see `EventFilter.months_rows` and `EventFilter.focus`), else the `events`
table, where date-filtered current events come from a covering index. Both
give the same numbers. Counts are numbers of events: an event with three
sectors counts once for each of them, an event with parties A, B, C once for
each of the pairs A-B, A-C, B-C.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Date, DateTime, Select, cast, func, select, true

from services.store.crud.filters import EventFilter
from services.store.db.models import events, rollup_months, rollup_pair_months, rollup_parties
from services.store.vocabularies import countries, is_country

Interval = Literal["month", "week", "day"]
TimelineBy = Literal["type", "sector"]
Kind = Literal["country", "igo"]

_N = func.count().label("n")
_R = rollup_months.c
_P = rollup_parties.c
_M = rollup_pair_months.c


def _unnest(array: ColumnElement[Any], name: str, ordinality: bool = False) -> Any:
    kwargs = {"with_ordinality": "i"} if ordinality else {}
    return func.unnest(array).table_valued("value", **kwargs).render_derived(name=name)


def _ranked(conn: Connection, query: Select[Any]) -> list[tuple[str, int]]:
    """(key, count) rows of a grouped query, most first, ties by key."""
    return sorted(((k, int(n)) for k, n in conn.execute(query)), key=lambda kn: (-kn[1], kn[0]))


def type_counts(conn: Connection, flt: EventFilter) -> list[tuple[str, int]]:
    """(type, events) by count descending."""
    rows = flt.months_rows()
    if rows is not None:
        return _ranked(conn, select(_R.type, func.sum(_R.events)).where(*rows).group_by(_R.type))
    return _ranked(conn, select(events.c.type, _N).where(*flt.conditions()).group_by(events.c.type))


def event_count(conn: Connection, flt: EventFilter) -> int:
    rows = flt.months_rows()
    if rows is not None:
        return int(conn.scalar(select(func.sum(_R.events)).where(*rows)) or 0)
    return int(conn.scalar(select(_N).select_from(events).where(*flt.conditions())) or 0)


def sector_counts(conn: Connection, flt: EventFilter) -> list[tuple[str, int]]:
    """(sector, events) by count descending."""
    rows = flt.months_rows(split="sector")
    if rows is not None:
        return _ranked(conn, select(_R.sector, func.sum(_R.events)).where(*rows).group_by(_R.sector))
    ready, focus = flt.focus()
    if ready and focus is not None:
        where = [_P.focus == focus, _P.sector.isnot(None), *_type_in(_P.type, flt)]
        return _ranked(conn, select(_P.sector, func.sum(_P.events)).where(*where).group_by(_P.sector))
    sector = _unnest(events.c.sectors, "sector")
    query = select(sector.c.value, _N).select_from(events).join(sector, true()).where(*flt.conditions())
    return _ranked(conn, query.group_by(sector.c.value))


def _type_in(column: Any, flt: EventFilter) -> list[ColumnElement[bool]]:
    return [column.in_(list(flt.types))] if flt.types else []


@dataclass(frozen=True)
class Bucket:
    start: date
    total: int
    counts: dict[str, int]


def _timeline_rows(
    flt: EventFilter, interval: Interval, by: TimelineBy
) -> tuple[Any, Select[Any], Select[Any]]:
    """(bucket expression, totals query, split query) from the rollup when it can, else from events."""
    rows = flt.months_rows() if interval == "month" else None
    split_rows = rows if by == "type" else flt.months_rows(split="sector")
    if rows is not None and split_rows is not None:
        bucket: Any = _R.month_start.label("bucket")
        dated = _R.month_start.isnot(None)
        totals = select(bucket, func.sum(_R.events)).where(*rows, dated).group_by(bucket)
        key = _R.type if by == "type" else _R.sector
        return (
            bucket,
            totals,
            select(bucket, key, func.sum(_R.events)).where(*split_rows, dated).group_by(bucket, key),
        )
    bucket = cast(func.date_trunc(interval, cast(events.c.date_start, DateTime)), Date).label("bucket")
    where = [*flt.conditions(), events.c.date_start.isnot(None)]
    totals = select(bucket, _N).where(*where).group_by(bucket)
    if by == "type":
        return bucket, totals, select(bucket, events.c.type, _N).where(*where).group_by(bucket, events.c.type)
    sector = _unnest(events.c.sectors, "sector")
    split = select(bucket, sector.c.value, _N).select_from(events).join(sector, true()).where(*where)
    return bucket, totals, split.group_by(bucket, sector.c.value)


def timeline(conn: Connection, flt: EventFilter, interval: Interval, by: TimelineBy) -> list[Bucket]:
    """Dated events per interval (by start date), ascending, split by type or sector; gaps filled."""
    _, totals, split = _timeline_rows(flt, interval, by)
    counts: dict[date, dict[str, int]] = {}
    for start, name, count in conn.execute(split):
        counts.setdefault(start, {})[name] = int(count)
    filled = {
        start: Bucket(start, int(total), counts.get(start, {})) for start, total in conn.execute(totals)
    }
    if not filled:
        return []
    return [filled.get(s) or Bucket(s, 0, {}) for s in bucket_starts(min(filled), max(filled), interval)]


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


@dataclass(frozen=True)
class PairCount:
    a: str
    b: str
    count: int
    types: dict[str, int]


def _pairs_per_type(flt: EventFilter, parties: ColumnElement[Any]) -> Select[Any]:
    """(a, b, type, n): unordered pairs of `parties` within each matching event (a < b), from rollup or events."""
    ready, focus = flt.focus()
    if ready:
        where = [_P.a.isnot(None), _P.sector.is_(None), *_type_in(_P.type, flt)]
        where.append(_P.focus == focus if focus else _P.focus.is_(None))
        return select(_P.a, _P.b, _P.type, _P.events.label("n")).where(*where)
    rows = flt.pair_months_rows()
    if rows is not None:
        n = func.sum(_M.events).label("n")
        return select(_M.a, _M.b, _M.type, n).where(*rows).group_by(_M.a, _M.b, _M.type)
    x = _unnest(parties, "x", ordinality=True)
    y = _unnest(parties, "y", ordinality=True)
    a, b = func.least(x.c.value, y.c.value), func.greatest(x.c.value, y.c.value)
    return (
        select(a.label("a"), b.label("b"), events.c.type.label("type"), _N)
        .select_from(events)
        .join(x, true())
        .join(y, x.c.i < y.c.i)
        .where(*flt.conditions())
        .group_by(a, b, events.c.type)
    )


def _ranked_pairs(
    conn: Connection, per_type: Select[Any], keep: Any, limit: int, min_count: int = 1
) -> list[PairCount]:
    pt = per_type.subquery("pt")
    total = func.sum(pt.c.n).label("total")
    query = (
        select(pt.c.a, pt.c.b, total, func.jsonb_object_agg(pt.c.type, pt.c.n).label("types"))
        .where(*keep(pt))
        .group_by(pt.c.a, pt.c.b)
        .having(func.sum(pt.c.n) >= min_count)
        .order_by(total.desc(), pt.c.a, pt.c.b)
        .limit(limit)
    )
    return [
        PairCount(a, b, int(t), {k: int(v) for k, v in types.items()})
        for a, b, t, types in conn.execute(query)
    ]


def country_pairs(conn: Connection, flt: EventFilter, limit: int) -> list[PairCount]:
    """Country pairs by events together, most first, with counts per type."""
    from_rollup = flt.focus()[0] or flt.pair_months_rows() is not None
    codes = list(countries()) if from_rollup else None  # the rollups' pairs include IGOs

    def keep(pt: Any) -> list[ColumnElement[bool]]:
        return [pt.c.a == func.any(codes), pt.c.b == func.any(codes)] if codes else []

    return _ranked_pairs(conn, _pairs_per_type(flt, events.c.countries), keep, limit)


def party_pairs(
    conn: Connection, flt: EventFilter, ids: list[str], min_count: int, limit: int
) -> list[PairCount]:
    """Pairs of parties (countries and IGOs) among `ids` by events together, at least `min_count`."""
    per_type = _pairs_per_type(flt, events.c.countries.concat(events.c.igos))
    keep = lambda pt: [pt.c.a == func.any(ids), pt.c.b == func.any(ids)]  # noqa: E731
    return _ranked_pairs(conn, per_type, keep, limit, min_count)


@dataclass(frozen=True)
class Node:
    id: str
    kind: Kind
    count: int


def _nodes(counts: list[tuple[str, int]], limit: int) -> list[Node]:
    return [Node(p, "country" if is_country(p) else "igo", n) for p, n in counts[:limit]]


def _partners(flt: EventFilter, party: str) -> Select[Any] | None:
    """(other party, events with both) for `flt` requiring `party` alone, from a rollup; None when none can."""
    ready, focus = flt.focus()
    if ready and focus == party:
        other = func.coalesce(func.nullif(_P.a, party), _P.b)
        where = [
            _P.focus.is_(None),
            (_P.a == party) | (_P.b == party),
            _P.sector.is_(None),
            *_type_in(_P.type, flt),
        ]
        return select(other, func.sum(_P.events)).where(*where).group_by(other)
    rows = flt.pair_months_rows(partner_of=party)
    if rows is None:
        return None
    other = func.coalesce(func.nullif(_M.a, party), _M.b)
    return select(other, func.sum(_M.events)).where(*rows).group_by(other)


def party_counts(conn: Connection, flt: EventFilter, limit: int) -> list[Node]:
    """Countries and IGOs by their number of events among the matches, most first."""
    ready, focus = flt.focus()
    if ready and focus is None:
        where = [_P.focus.isnot(None), _P.a.is_(None), _P.sector.is_(None), *_type_in(_P.type, flt)]
        return _nodes(
            _ranked(conn, select(_P.focus, func.sum(_P.events)).where(*where).group_by(_P.focus)), limit
        )
    parties = flt.parties()
    partners = _partners(flt, parties[0]) if len(parties) == 1 else None
    if partners is not None:
        everyone = [(parties[0], event_count(conn, flt)), *_ranked(conn, partners)]
        return _nodes(sorted(everyone, key=lambda kn: (-kn[1], kn[0])), limit)
    rows = flt.months_rows(split="party")
    if rows is not None:
        return _nodes(
            _ranked(conn, select(_R.party, func.sum(_R.events)).where(*rows).group_by(_R.party)), limit
        )
    party = _unnest(events.c.countries.concat(events.c.igos), "party")
    query = select(party.c.value, _N).select_from(events).join(party, true()).where(*flt.conditions())
    return _nodes(_ranked(conn, query.group_by(party.c.value)), limit)


def partner_counts(conn: Connection, flt: EventFilter, party: str, limit: int) -> list[Node]:
    """Parties appearing in events with `party` (`flt` must require it), most first."""
    return [n for n in party_counts(conn, flt, limit + 1) if n.id != party][:limit]


def date_bounds(conn: Connection, flt: EventFilter) -> tuple[date | None, date | None]:
    """The earliest and the latest event start date among the matches (None when none is dated)."""
    c = events.c
    base = select(c.date_start).where(*flt.conditions(), c.date_start.isnot(None)).limit(1)
    first = conn.scalar(base.order_by(c.date_start.asc().nulls_first()))
    last = conn.scalar(base.order_by(c.date_start.desc().nulls_last()))
    return first, last
