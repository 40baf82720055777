"""Aggregates over the filtered events: types, sectors, timeline, country pairs, graph, country profile.

Each aggregate reads a rollup (`services.store.rollup`) when the filters allow
(see `EventFilter.months_rows` and `EventFilter.focus`), else the `events`
table, where date-filtered current events come from a covering index. A date
range that is not on whole months is cut (`EventFilter.month_split`): the
whole months inside it from the rollup, the partial edge months from
`events`, the two counts added. Every way gives the same numbers. Counts are numbers of events: an event with three
sectors counts once for each of them, an event with parties A, B, C once for
each of the pairs A-B, A-C, B-C.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Select,
    Text,
    cast,
    func,
    literal_column,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by

from services.store.crud.filters import EventFilter
from services.store.db.models import event_parties, events, rollup_months, rollup_pair_months, rollup_parties
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


def _source(flt: EventFilter) -> tuple[Any, list[ColumnElement[bool]]]:
    """(table, WHERE) of `flt`'s matches when no rollup counts them: a party's `event_parties` rows
    (index-only, only that party's events) when they hold every match, else `events`."""
    if flt.on_party_rows():
        return event_parties, flt.party_rows(flt.parties()[0])
    return events, flt.conditions()


def _parties_of(table: Any, with_igos: bool) -> ColumnElement[Any]:
    return table.c.countries.concat(table.c.igos) if with_igos else table.c.countries


def _ranked(conn: Connection, query: Select[Any]) -> list[tuple[str, int]]:
    """(key, count) rows of a grouped query, most first, ties by key."""
    return sorted(((k, int(n)) for k, n in conn.execute(query)), key=lambda kn: (-kn[1], kn[0]))


def _month_split(flt: EventFilter, counted: Callable[[EventFilter], bool]) -> tuple[EventFilter, ...] | None:
    """`flt.month_split()` when a rollup counts its whole months (`counted`), else None."""
    split = flt.month_split()
    return split if split is not None and counted(split[0]) else None


def _summed(parts: Iterable[list[tuple[str, int]]]) -> list[tuple[str, int]]:
    """(key, count) lists of disjoint event sets added up, most first, ties by key."""
    total: Counter[str] = Counter()
    for part in parts:
        for key, n in part:
            total[key] += n
    return sorted(total.items(), key=lambda kn: (-kn[1], kn[0]))


def _months_counted(flt: EventFilter) -> bool:
    return flt.months_rows() is not None


def type_counts(conn: Connection, flt: EventFilter) -> list[tuple[str, int]]:
    """(type, events) by count descending."""
    if split := _month_split(flt, _months_counted):
        return _summed(type_counts(conn, part) for part in split)
    rows = flt.months_rows()
    if rows is not None:
        return _ranked(conn, select(_R.type, func.sum(_R.events)).where(*rows).group_by(_R.type))
    table, where = _source(flt)
    return _ranked(conn, select(table.c.type, _N).where(*where).group_by(table.c.type))


def event_count(conn: Connection, flt: EventFilter) -> int:
    if split := _month_split(flt, _months_counted):
        return sum(event_count(conn, part) for part in split)
    rows = flt.months_rows()
    if rows is not None:
        return int(conn.scalar(select(func.sum(_R.events)).where(*rows)) or 0)
    table, where = _source(flt)
    return int(conn.scalar(select(_N).select_from(table).where(*where)) or 0)


def sector_counts(conn: Connection, flt: EventFilter) -> list[tuple[str, int]]:
    """(sector, events) by count descending."""
    if split := _month_split(flt, lambda f: f.months_rows(split="sector") is not None):
        return _summed(sector_counts(conn, part) for part in split)
    rows = flt.months_rows(split="sector")
    if rows is not None:
        return _ranked(conn, select(_R.sector, func.sum(_R.events)).where(*rows).group_by(_R.sector))
    ready, focus = flt.focus()
    if ready and focus is not None:
        where = [_P.focus == focus, _P.sector.isnot(None), *flt.types_in(_P.type)]
        return _ranked(conn, select(_P.sector, func.sum(_P.events)).where(*where).group_by(_P.sector))
    table, where = _source(flt)
    sector = _unnest(table.c.sectors, "sector")
    query = select(sector.c.value, _N).select_from(table).join(sector, true()).where(*where)
    return _ranked(conn, query.group_by(sector.c.value))


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
    table, matches = _source(flt)
    bucket = cast(func.date_trunc(interval, cast(table.c.date_start, DateTime)), Date).label("bucket")
    where = [*matches, table.c.date_start.isnot(None)]
    totals = select(bucket, _N).where(*where).group_by(bucket)
    if by == "type":
        return bucket, totals, select(bucket, table.c.type, _N).where(*where).group_by(bucket, table.c.type)
    sector = _unnest(table.c.sectors, "sector")
    split = select(bucket, sector.c.value, _N).select_from(table).join(sector, true()).where(*where)
    return bucket, totals, split.group_by(bucket, sector.c.value)


def _timeline_counted(by: TimelineBy) -> Callable[[EventFilter], bool]:
    return lambda f: (
        f.months_rows() is not None and (by == "type" or f.months_rows(split="sector") is not None)
    )


def timeline(conn: Connection, flt: EventFilter, interval: Interval, by: TimelineBy) -> list[Bucket]:
    """Dated events per interval (by start date), ascending, split by type or sector; gaps filled."""
    split = _month_split(flt, _timeline_counted(by)) if interval == "month" else None
    totals: Counter[date] = Counter()
    counts: dict[date, Counter[str]] = {}
    for part in split or (flt,):
        _, part_totals, part_split = _timeline_rows(part, interval, by)
        for start, name, count in conn.execute(part_split):
            counts.setdefault(start, Counter())[name] += int(count)
        for start, total in conn.execute(part_totals):
            totals[start] += int(total)
    if not totals:
        return []
    return [
        Bucket(s, totals[s], dict(counts.get(s, {})))
        for s in bucket_starts(min(totals), max(totals), interval)
    ]


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


def _pairs_per_type(flt: EventFilter, with_igos: bool) -> Select[Any]:
    """(a, b, type, n): unordered pairs of `parties` within each matching event (a < b), from rollup or events
    (a range not on whole months: its whole months from the rollup, its edge months from events)."""
    if split := _month_split(flt, lambda f: f.pair_months_rows() is not None):
        both = union_all(*(_pairs_per_type(part, with_igos) for part in split)).subquery("both")
        n = func.sum(both.c.n).label("n")
        return select(both.c.a, both.c.b, both.c.type, n).group_by(both.c.a, both.c.b, both.c.type)
    ready, focus = flt.focus()
    if ready:
        where = [_P.a.isnot(None), _P.sector.is_(None), *flt.types_in(_P.type)]
        where.append(_P.focus == focus if focus else _P.focus.is_(None))
        return select(_P.a, _P.b, _P.type, _P.events.label("n")).where(*where)
    rows = flt.pair_months_rows()
    if rows is not None:
        n = func.sum(_M.events).label("n")
        return select(_M.a, _M.b, _M.type, n).where(*rows).group_by(_M.a, _M.b, _M.type)
    table, where = _source(flt)
    x = _unnest(_parties_of(table, with_igos), "x", ordinality=True)
    y = _unnest(_parties_of(table, with_igos), "y", ordinality=True)
    a, b = func.least(x.c.value, y.c.value), func.greatest(x.c.value, y.c.value)
    return (
        select(a.label("a"), b.label("b"), table.c.type.label("type"), _N)
        .select_from(table)
        .join(x, true())
        .join(y, x.c.i < y.c.i)
        .where(*where)
        .group_by(a, b, table.c.type)
    )


def _ranked_pairs_query(per_type: Select[Any], keep: Any, limit: int, min_count: int = 1) -> Select[Any]:
    """(a, b, total, types jsonb) of the pairs of `per_type` that `keep` keeps, at least `min_count`, most
    first (ties by a, b), at most `limit`."""
    pt = per_type.subquery("pt")
    total = func.sum(pt.c.n).label("total")
    return (
        select(pt.c.a, pt.c.b, total, func.jsonb_object_agg(pt.c.type, pt.c.n).label("types"))
        .where(*keep(pt))
        .group_by(pt.c.a, pt.c.b)
        .having(func.sum(pt.c.n) >= min_count)
        .order_by(total.desc(), pt.c.a, pt.c.b)
        .limit(limit)
    )


def _ranked_pairs(
    conn: Connection, per_type: Select[Any], keep: Any, limit: int, min_count: int = 1
) -> list[PairCount]:
    return [
        PairCount(a, b, int(t), {k: int(v) for k, v in types.items()})
        for a, b, t, types in conn.execute(_ranked_pairs_query(per_type, keep, limit, min_count))
    ]


def country_pairs(conn: Connection, flt: EventFilter, limit: int) -> list[PairCount]:
    """Country pairs by events together, most first, with counts per type."""
    from_rollup = flt.focus()[0] or any(f.pair_months_rows() is not None for f in flt.month_split() or (flt,))
    codes = list(countries()) if from_rollup else None  # the rollups' pairs include IGOs

    def keep(pt: Any) -> list[ColumnElement[bool]]:
        return [pt.c.a == func.any(codes), pt.c.b == func.any(codes)] if codes else []

    return _ranked_pairs(conn, _pairs_per_type(flt, with_igos=False), keep, limit)


def party_edges_json(conn: Connection, flt: EventFilter, ids: list[str], min_count: int, limit: int) -> bytes:
    """Pairs of parties (countries and IGOs) among `ids` by events together, at least `min_count`, most
    first (ties by a, b), at most `limit`: one JSON array of `{"source", "target", "count", "types"}`
    objects built by Postgres, so a graph's thousands of edges never become Python objects (their rows'
    decoding, dicts and serialisation cost more API CPU than the query)."""
    edges = _ranked_pairs_query(_pairs_per_type(flt, with_igos=True), _among(ids), limit, min_count)
    e = edges.subquery("e")
    edge = func.json_build_object("source", e.c.a, "target", e.c.b, "count", e.c.total, "types", e.c.types)
    array = func.json_agg(aggregate_order_by(edge, e.c.total.desc(), e.c.a, e.c.b))
    doc = conn.scalar(select(cast(func.coalesce(array, literal_column("'[]'::json")), Text)))
    return doc.encode()  # type: ignore[no-any-return]


def _among(ids: list[str]) -> Callable[[Any], list[ColumnElement[bool]]]:
    """Keep the pairs whose both parties are among `ids`."""
    return lambda pt: [pt.c.a == func.any(ids), pt.c.b == func.any(ids)]


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
            *flt.types_in(_P.type),
        ]
        return select(other, func.sum(_P.events)).where(*where).group_by(other)
    rows = flt.pair_months_rows(partner_of=party)
    if rows is None:
        return None
    other = func.coalesce(func.nullif(_M.a, party), _M.b)
    return select(other, func.sum(_M.events)).where(*rows).group_by(other)


def party_counts(conn: Connection, flt: EventFilter, limit: int) -> list[Node]:
    """Countries and IGOs by their number of events among the matches, most first."""
    return _nodes(_party_ranking(conn, flt), limit)


def _parties_counted(flt: EventFilter) -> bool:
    parties = flt.parties()
    alone = len(parties) == 1 and flt.pair_months_rows(partner_of=parties[0]) is not None
    return alone or flt.months_rows(split="party") is not None


def _party_ranking(conn: Connection, flt: EventFilter) -> list[tuple[str, int]]:
    """(party, events among the matches), most first, ties by id."""
    if split := _month_split(flt, _parties_counted):
        return _summed(_party_ranking(conn, part) for part in split)
    ready, focus = flt.focus()
    if ready and focus is None:
        where = [_P.focus.isnot(None), _P.a.is_(None), _P.sector.is_(None), *flt.types_in(_P.type)]
        return _ranked(conn, select(_P.focus, func.sum(_P.events)).where(*where).group_by(_P.focus))
    parties = flt.parties()
    partners = _partners(flt, parties[0]) if len(parties) == 1 else None
    if partners is not None:
        everyone = [(parties[0], event_count(conn, flt)), *_ranked(conn, partners)]
        return sorted(everyone, key=lambda kn: (-kn[1], kn[0]))
    rows = flt.months_rows(split="party")
    if rows is not None:
        return _ranked(conn, select(_R.party, func.sum(_R.events)).where(*rows).group_by(_R.party))
    table, where = _source(flt)
    party = _unnest(_parties_of(table, with_igos=True), "party")
    query = select(party.c.value, _N).select_from(table).join(party, true()).where(*where)
    return _ranked(conn, query.group_by(party.c.value))


def partner_counts(conn: Connection, flt: EventFilter, party: str, limit: int) -> list[Node]:
    """Parties appearing in events with `party` (`flt` must require it), most first."""
    return [n for n in party_counts(conn, flt, limit + 1) if n.id != party][:limit]


def date_bounds(conn: Connection, flt: EventFilter) -> tuple[date | None, date | None]:
    """The earliest and the latest event start date among the matches (None when none is dated).

    When `rollup_months` counts the filters, it names the first and the last month with a dated
    match, and only those months' events are read (a walk of the date index from one end would
    read every earlier or later entry first).
    """
    rows = flt.months_rows()
    if rows is not None:
        months = select(func.min(_R.month_start), func.max(_R.month_start)).where(*rows, _R.events > 0)
        first_month, last_month = conn.execute(months).one()
        if first_month is None:
            return None, None
        first = _start_in(conn, flt, first_month, func.min)
        return first, _start_in(conn, flt, last_month, func.max)
    table, where = _source(flt)
    c = table.c
    base = select(c.date_start).where(*where, c.date_start.isnot(None)).limit(1)
    first = conn.scalar(base.order_by(c.date_start.asc().nulls_first()))
    last = conn.scalar(base.order_by(c.date_start.desc().nulls_last()))
    return first, last


def _start_in(conn: Connection, flt: EventFilter, month: date, agg: Any) -> date | None:
    """`agg` (min or max) of the start dates of the matches that start in `month`."""
    table, where = _source(flt)
    within = [table.c.date_start >= month, table.c.date_start < next_bucket(month, "month")]
    return conn.scalar(select(agg(table.c.date_start)).where(*where, *within))  # type: ignore[no-any-return]
