"""`EventFilter`: the common filters of every event list, export and aggregate, as SQL conditions.

Every given filter must hold (AND). Lists: `types` any of; `countries`, `igos`,
`sectors` all of. `pair` filters are folded into `countries`/`igos` by the API
(a pair's members must both be parties). Dates: the event's date range
[date_start, date_end] overlaps [date_from, date_to]; `published_since` /
`published_until` bound the article's publication instant (inclusive);
`since` means stored or changed after that instant.

`conditions()` applies to `events`; `months_rows()` and `focus()` say when
and how the rollups (`services.store.rollup`) count the same events;
`month_split()` cuts a range that is not on whole months into the whole months
inside it (which the rollups count) and its partial edge months (from `events`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Text, cast, func, literal_column, or_, select
from sqlalchemy.dialects.postgresql import ARRAY

from services.store.db.models import event_parties, events, rollup_months, rollup_pair_months, rollup_parties

Status = Literal["current", "retracted", "all"]

#: The text-search configuration of the stored `search` column.
SEARCH_CONFIG = literal_column("'english'::regconfig")


def _contains(column: Any, values: Sequence[str]) -> ColumnElement[bool]:
    return column.contains(cast(list(values), ARRAY(Text)))


def _month_aligned(date_from: date | None, date_to: date | None) -> bool:
    """Whether the range starts on a month's first day and ends on a month's last day (or is open)."""
    return (date_from is None or date_from.day == 1) and (
        date_to is None or (date_to + timedelta(days=1)).day == 1
    )


def _inner_months(date_from: date | None, date_to: date | None) -> tuple[date | None, date | None]:
    """The whole months inside [date_from, date_to]: (first day of the first, last day of the last)."""
    lo = date_from
    if lo is not None and lo.day != 1:
        lo = date(lo.year + lo.month // 12, lo.month % 12 + 1, 1)
    hi = date_to
    if hi is not None and (hi + timedelta(days=1)).day != 1:
        hi = hi.replace(day=1) - timedelta(days=1)
    return lo, hi


@dataclass(frozen=True)
class EventFilter:
    """The common filters; see the module docstring for their meaning."""

    types: Sequence[str] = ()
    countries: Sequence[str] = ()
    igos: Sequence[str] = ()
    sectors: Sequence[str] = ()
    location_country: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    published_since: datetime | None = None
    published_until: datetime | None = None
    q: str | None = None
    publisher: str | None = None
    article_id: str | None = None
    min_confidence: float | None = None
    since: datetime | None = None
    status: Status = "current"
    #: Internal (`month_split`): only events outside the whole months [lo, hi] (date_end < lo or date_start > hi).
    edge_months: tuple[date | None, date | None] | None = None
    #: Internal (`with_start_floor`): a date_start every match has at least (redundant, for an index range).
    start_floor: date | None = None

    def with_country(self, iso3: str) -> EventFilter:
        """These filters, also requiring `iso3` among the parties."""
        data = asdict(self) | {"countries": sorted({*self.countries, iso3})}
        return EventFilter(**data)

    def fingerprint_params(self) -> dict[str, Any]:
        """The given filters as plain values (what a cursor is bound to)."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value in (None, (), []):
                continue
            out[key] = list(value) if isinstance(value, list | tuple) else value
        return out

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE clauses over `events`."""
        c = events.c
        out = self._shared_conditions(c.type, c.countries, c.igos, c.sectors)
        if self.status == "current":
            out.append(c.retired_at.is_(None))
        elif self.status == "retracted":
            out.append(c.retired_at.isnot(None))
        out += self._date_conditions(c.date_start, c.date_end)
        out += self._event_only_conditions()
        return out

    def _date_conditions(self, date_start: Any, date_end: Any) -> list[ColumnElement[bool]]:
        """The event's date range overlaps [date_from, date_to], and starts at or after the floor."""
        out: list[ColumnElement[bool]] = []
        if self.date_from is not None:
            out.append(date_end >= self.date_from)
        if self.date_to is not None:
            out.append(date_start <= self.date_to)
        if self.start_floor is not None:
            out.append(date_start >= self.start_floor)
        return out

    def _shared_conditions(self, type_: Any, countries: Any, igos: Any, sectors: Any) -> list[Any]:
        out: list[ColumnElement[bool]] = []
        if self.types:
            out.append(type_.in_(list(self.types)))
        for column, values in ((countries, self.countries), (igos, self.igos), (sectors, self.sectors)):
            if values:
                out.append(_contains(column, values))
        return out

    def _event_only_conditions(self) -> list[ColumnElement[bool]]:
        c = events.c
        out: list[ColumnElement[bool]] = []
        if self.location_country:
            out.append(c.location_country == self.location_country)
        if self.published_since is not None:
            out.append(c.published_at >= self.published_since)
        if self.published_until is not None:
            out.append(c.published_at <= self.published_until)
        if self.q:
            out.append(c.search.op("@@")(func.websearch_to_tsquery(SEARCH_CONFIG, self.q)))
        if self.publisher:
            out.append(c.publisher == self.publisher)
        if self.article_id:
            out.append(c.article_id == self.article_id)
        if self.min_confidence is not None:
            out.append(c.confidence >= self.min_confidence)
        if self.since is not None:
            out.append(c.updated_at > self.since)
        if self.edge_months is not None:
            lo, hi = self.edge_months
            out.append(or_(*([c.date_end < lo] if lo else []), *([c.date_start > hi] if hi else [])))
        return out

    def month_split(self) -> tuple[EventFilter, EventFilter] | None:
        """(whole months, edge months) when the date bounds are not whole months; else None.

        The first: these filters over the whole months inside the range (month-aligned bounds, which the
        rollups may count); the second: these filters and an event date in a partial first or last
        month (date_end before the first whole month, or date_start after the last one), answered
        from `events`. They match disjoint sets of events whose union is what these filters match.
        None also when no whole month lies inside the range.
        """
        if self.edge_months is not None or _month_aligned(self.date_from, self.date_to):
            return None
        lo, hi = _inner_months(self.date_from, self.date_to)
        if lo is not None and hi is not None and lo > hi:
            return None
        edges = (lo if lo != self.date_from else None, hi if hi != self.date_to else None)
        return replace(self, date_from=lo, date_to=hi), replace(self, edge_months=edges)

    def _rollup_ready(self) -> bool:
        """Whether the rollups count these events at all: current ones, no filter beyond their keys."""
        return self.status == "current" and not self._event_only_conditions()

    def on_party_rows(self) -> bool:
        """Whether `event_parties` holds every match (current events with a party filter) and carries
        every column these filters test."""
        return bool(self.parties()) and self._rollup_ready() and self.edge_months is None

    def party_rows(self, party: str) -> list[ColumnElement[bool]]:
        """The WHERE clauses over `event_parties` selecting the matches once, by their party `party`."""
        ep = event_parties.c
        others = replace(
            self,
            countries=[p for p in self.countries if p != party],
            igos=[p for p in self.igos if p != party],
        )
        shared = others._shared_conditions(ep.type, ep.countries, ep.igos, ep.sectors)
        return [ep.party == party, *shared, *self._date_conditions(ep.date_start, ep.date_end)]

    def parties(self) -> list[str]:
        return [*self.countries, *self.igos]

    def months_rows(
        self, split: Literal["party", "sector"] | None = None
    ) -> list[ColumnElement[bool]] | None:
        """Conditions selecting the `rollup_months` rows that count exactly these events, or None.

        Possible with whole-month date bounds (date_from a first day, date_to a last day), any types,
        and at most one party or one sector; `split` selects the per-party or per-sector rows instead
        (then no party or sector filter is possible).
        """
        if not self._rollup_ready() or len(self.parties()) + len(self.sectors) > (0 if split else 1):
            return None
        if not _month_aligned(self.date_from, self.date_to):
            return None
        r = rollup_months.c
        out: list[ColumnElement[bool]] = []
        if self.types:
            out.append(r.type.in_(list(self.types)))
        party = self.parties()[0] if self.parties() else None
        out.append(
            r.party.isnot(None) if split == "party" else r.party == party if party else r.party.is_(None)
        )
        sector = self.sectors[0] if self.sectors else None
        out.append(
            r.sector.isnot(None)
            if split == "sector"
            else r.sector == sector
            if sector
            else r.sector.is_(None)
        )
        return out + self._months_within(r.month_start, r.month_end)

    def _floor(self, month_start: Any) -> list[ColumnElement[bool]]:
        """`month_start >= start_floor` when known: an index range instead of every earlier month."""
        return [month_start >= self.start_floor] if self.start_floor is not None else []

    def focus(self) -> tuple[bool, str | None]:
        """(whether `rollup_parties` counts these events, the one party they must include or None).

        Possible without date or sector filters, any types, at most one party.
        """
        ready = (
            self._rollup_ready()
            and len(self.parties()) <= 1
            and not self.sectors
            and self.date_from is None
            and self.date_to is None
        )
        return ready, (self.parties()[0] if ready and self.parties() else None)

    def count_rows(self) -> tuple[Any, list[ColumnElement[bool]]] | None:
        """(rollup events column, conditions) whose sum counts exactly these events, or None.

        `months_rows()` when it can; else, without dates, `rollup_parties` for one party (and at most
        one sector) or two parties (a pair, no sector); a pair with whole-month dates from
        `rollup_pair_months` (its index by pair). Any types.
        """
        rows = self.months_rows()
        if rows is not None:
            return rollup_months.c.events, rows
        parties = self.parties()
        most_sectors = {1: 1, 2: 0}.get(len(parties), -1)
        if not self._rollup_ready() or len(self.sectors) > most_sectors:
            return None
        if self.date_from is not None or self.date_to is not None:
            return self._pair_months_count(parties) if len(parties) == 2 else None
        p = rollup_parties.c
        if len(parties) == 1:
            sector = p.sector == self.sectors[0] if self.sectors else p.sector.is_(None)
            return p.events, [p.focus == parties[0], p.a.is_(None), sector, *self.types_in(p.type)]
        pair = [p.a == func.least(*parties), p.b == func.greatest(*parties)]
        return p.events, [p.focus.is_(None), *pair, p.sector.is_(None), *self.types_in(p.type)]

    def _pair_months_count(self, pair: list[str]) -> tuple[Any, list[ColumnElement[bool]]] | None:
        """(events column, conditions) of the `rollup_pair_months` rows of `pair` within whole-month dates."""
        if not _month_aligned(self.date_from, self.date_to):
            return None
        r = rollup_pair_months.c
        rows = [r.a == func.least(*pair), r.b == func.greatest(*pair), *self.types_in(r.type)]
        return r.events, rows + self._months_within(r.month_start, r.month_end)

    def _months_within(self, month_start: Any, month_end: Any) -> list[ColumnElement[bool]]:
        """A rollup's months of the events within [date_from, date_to] (whole months), floor included."""
        out: list[ColumnElement[bool]] = []
        if self.date_from is not None:  # date_end >= date_from  <=>  month(date_end) >= date_from
            out.append(month_end >= self.date_from)
        if self.date_to is not None:  # date_start <= date_to  <=>  month(date_start) <= month(date_to)
            out.append(month_start <= self.date_to.replace(day=1))
        return out + self._floor(month_start)

    def types_in(self, column: Any) -> list[ColumnElement[bool]]:
        """`column IN types` when types are filtered (for a rollup's type column)."""
        return [column.in_(list(self.types))] if self.types else []

    def pair_months_rows(self, *, partner_of: str | None = None) -> list[ColumnElement[bool]] | None:
        """Conditions selecting the `rollup_pair_months` rows of these events' pairs, or None.

        Possible with whole-month date bounds, any types, no sector and no party filter; or, with
        `partner_of`, the one party filter naming it (then only the pairs that include it are exact).
        """
        parties = self.parties()
        if (
            not self._rollup_ready()
            or self.sectors
            or parties not in ([], [partner_of] if partner_of else [])
        ):
            return None
        if not _month_aligned(self.date_from, self.date_to):
            return None
        r = rollup_pair_months.c
        out: list[ColumnElement[bool]] = []
        if self.types:
            out.append(r.type.in_(list(self.types)))
        if partner_of:
            out.append((r.a == partner_of) | (r.b == partner_of))
        return out + self._months_within(r.month_start, r.month_end)


def with_start_floor(conn: Connection, flt: EventFilter) -> EventFilter:
    """`flt` with `start_floor` when it has a `date_from` and counts current events: the first month
    starting an event that ends in or after date_from's month (from `rollup_months`; every match
    starts on or after it). `date_end >= date_from` is no index bound: without the floor, a date
    range read from `events` walks the date index down to its oldest entry."""
    if flt.date_from is None or flt.status != "current" or flt.start_floor is not None:
        return flt
    r = rollup_months.c
    # OFFSET 0 keeps the planner from turning min() into a walk of the month index from the oldest
    # month (every party's and sector's rows of the early months read first: 8 ms); the ~1,250 rows
    # of all events come index-only from (party, sector, ...) instead (0.4 ms)
    months = select(r.month_start.label("month")).where(
        r.party.is_(None), r.sector.is_(None), r.month_end >= flt.date_from.replace(day=1)
    )
    floor = conn.scalar(select(func.min(months.offset(0).subquery().c.month)))
    return replace(flt, start_floor=floor) if floor is not None else flt
