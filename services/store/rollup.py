"""Rollup tables: counts of current events kept exact by the write path, read by the aggregates.

* `rollup_months` (month of date_start, month of date_end, type, party, sector):
  per event one row with party and sector null, one per party (country or
  IGO), one per sector. Serves type and sector counts, timelines, event counts
  and party counts, with whole-month date filters and at most one party or
  sector.
* `rollup_parties` (type, focus, a, b, sector), all time: per event one row per
  pair of its parties (a < b) with focus null, the same pairs again with focus
  = each party of the event (the pairs within that party's events), one row
  per party (focus = party, a, b and sector null) and one per party and sector
  (focus = party, a and b null). Serves party counts, pairs, graph edges and
  partners, and a party's sectors, with at most one party.
* `rollup_pair_months` (month of date_start, month of date_end, type, a, b):
  per event one row per pair of its parties. Serves pairs, graph edges and a
  party's partners with whole-month date filters.

Undated events have null months. `apply_batch` takes each rollup's counts over
the current events of the articles it touches before and after its writes
(`snapshot`, under the per-article locks, so nothing else changes them
meanwhile) and adds the difference (`apply_delta`) in the same transaction. A
rollup therefore always equals its recount from `events` (`drift` checks).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson
import structlog
from sqlalchemy import Connection, Table, Text, bindparam, cast, column, func, select, text
from sqlalchemy.dialects.postgresql import JSONB, insert

from services.store.db.models import rollup_months, rollup_pair_months, rollup_parties

log = structlog.get_logger(__name__)

Key = tuple[Any, ...]

#: The current events a snapshot counts (all of them, or those of some articles), with their months.
_EVENTS = (
    "SELECT date_trunc('month', date_start::timestamp)::date AS ms,"
    " date_trunc('month', date_end::timestamp)::date AS me, type, countries || igos AS parties, sectors"
    " FROM events WHERE retired_at IS NULL {articles}"
)
_OF_ARTICLES = "AND article_id = ANY(CAST(:article_ids AS text[]))"

_MONTHS = """
SELECT ms, me, type, NULL::text, NULL::text, count(*) FROM ev GROUP BY 1, 2, 3
UNION ALL SELECT ms, me, type, p, NULL, count(*) FROM ev, unnest(parties) p GROUP BY 1, 2, 3, 4
UNION ALL SELECT ms, me, type, NULL, s, count(*) FROM ev, unnest(sectors) s GROUP BY 1, 2, 3, 5
"""
_PAIRS = (
    "SELECT type, parties AS ps, least(x.v, y.v) AS a, greatest(x.v, y.v) AS b FROM ev,"
    " unnest(parties) WITH ORDINALITY x(v, i), unnest(parties) WITH ORDINALITY y(v, j) WHERE x.i < y.j"
)
_PARTIES = f"""
, pairs AS ({_PAIRS})
SELECT type, NULL::text, a, b, NULL::text, count(*) FROM pairs GROUP BY 1, 3, 4
UNION ALL SELECT type, f, a, b, NULL, count(*) FROM pairs, unnest(ps) f GROUP BY 1, 2, 3, 4
UNION ALL SELECT type, p, NULL, NULL, s, count(*) FROM ev, unnest(parties) p, unnest(sectors) s GROUP BY 1, 2, 5
UNION ALL SELECT type, p, NULL, NULL, NULL, count(*) FROM ev, unnest(parties) p GROUP BY 1, 2
"""
_PAIR_MONTHS = (
    ", pairs AS (SELECT ms, me, type, least(x.v, y.v) AS a, greatest(x.v, y.v) AS b FROM ev,"
    " unnest(parties) WITH ORDINALITY x(v, i), unnest(parties) WITH ORDINALITY y(v, j) WHERE x.i < y.j)"
    " SELECT ms, me, type, a, b, count(*) FROM pairs GROUP BY 1, 2, 3, 4, 5"
)


@dataclass(frozen=True)
class Rollup:
    """A rollup table, its key columns, and the SQL exploding events (CTE `ev`) into (keys..., count)."""

    table: Table
    keys: tuple[str, ...]
    explode: str

    def counts_sql(self, *, of_articles: bool) -> str:
        events = _EVENTS.format(articles=_OF_ARTICLES if of_articles else "")
        return f"WITH ev AS ({events}) {self.explode}"


ROLLUPS: tuple[Rollup, ...] = (
    Rollup(rollup_months, ("month_start", "month_end", "type", "party", "sector"), _MONTHS),
    Rollup(rollup_parties, ("type", "focus", "a", "b", "sector"), _PARTIES),
    Rollup(rollup_pair_months, ("month_start", "month_end", "type", "a", "b"), _PAIR_MONTHS),
)

Snapshot = dict[str, Counter[Key]]


def _counts(conn: Connection, rollup: Rollup, article_ids: Sequence[str] | None) -> Counter[Key]:
    sql = text(rollup.counts_sql(of_articles=article_ids is not None))
    params = {"article_ids": list(article_ids)} if article_ids is not None else {}
    return Counter({tuple(row[:-1]): int(row[-1]) for row in conn.execute(sql, params)})


def snapshot(conn: Connection, article_ids: Sequence[str]) -> Snapshot:
    """Every rollup's counts over the current events of `article_ids`."""
    return {r.table.name: _counts(conn, r, article_ids) for r in ROLLUPS}


def recount(conn: Connection) -> Snapshot:
    """What the rollups must hold, counted from `events` (full scans: for checks and migrations)."""
    return {r.table.name: _counts(conn, r, None) for r in ROLLUPS}


def stored(conn: Connection) -> Snapshot:
    """What the rollups hold."""
    out: Snapshot = {}
    for r in ROLLUPS:
        cols = [r.table.c[k] for k in r.keys]
        out[r.table.name] = Counter(
            {tuple(row[:-1]): int(row[-1]) for row in conn.execute(select(*cols, r.table.c.events))}
        )
    return out


def drift(conn: Connection) -> dict[str, dict[Key, tuple[int, int]]]:
    """Per rollup, the keys whose stored count differs from the recount: {key: (stored, expected)}."""
    have, want = stored(conn), recount(conn)
    out = {}
    for name in have:
        h, w = have[name], want[name]
        diff = {k: (h[k], w[k]) for k in set(h) | set(w) if h[k] != w[k]}
        if diff:
            out[name] = diff
    return out


def _upsert_stmt(rollup: Rollup):  # type: ignore[no-untyped-def]
    names = [*rollup.keys, "events"]
    cols = [column(n, rollup.table.c[n].type) for n in names]
    rows = (
        func.jsonb_to_recordset(cast(bindparam("rows", type_=Text), JSONB))
        .table_valued(*cols)
        .render_derived(name="r", with_types=True)
    )
    stmt = insert(rollup.table).from_select(names, select(*(rows.c[n] for n in names)))
    return stmt.on_conflict_do_update(
        index_elements=[rollup.table.c[k] for k in rollup.keys],
        set_={"events": rollup.table.c.events + stmt.excluded.events},
    ).returning(text(f"{rollup.table.name}.ctid"), rollup.table.c.events)


_UPSERTS = {r.table.name: _upsert_stmt(r) for r in ROLLUPS}


def _sort_key(key: Key) -> tuple[Any, ...]:
    return tuple((v is not None, v if not isinstance(v, date) else v.toordinal()) for v in key)


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def apply_delta(conn: Connection, before: Snapshot, after: Snapshot) -> int:
    """Add `after - before` to each rollup (rows reaching zero are deleted); the number of rows changed.

    Rows are written in key order, so concurrent batches lock rollup rows in one order.
    """
    changed = 0
    for r in ROLLUPS:
        delta = Counter(after[r.table.name])
        delta.subtract(before[r.table.name])
        changes = sorted(((k, n) for k, n in delta.items() if n), key=lambda kv: _sort_key(kv[0]))
        if not changes:
            continue
        payload = [dict(zip(r.keys, map(_json, k), strict=True)) | {"events": n} for k, n in changes]
        result = conn.execute(_UPSERTS[r.table.name], {"rows": orjson.dumps(payload).decode()}).all()
        if any(events < 0 for _, events in result):
            log.error("rollup.negative_count", table=r.table.name)
        empty = [str(ctid) for ctid, events in result if events <= 0]
        if empty:
            conn.execute(
                text(f"DELETE FROM {r.table.name} WHERE ctid = ANY(CAST(:ctids AS tid[]))"), {"ctids": empty}
            )
        changed += len(changes)
    return changed


def refill(conn: Connection) -> None:
    """Replace every rollup's rows by a recount from `events` (migrations; repairs)."""
    for r in ROLLUPS:
        conn.execute(r.table.delete())
        cols = ", ".join([*r.keys, "events"])
        conn.execute(text(f"INSERT INTO {r.table.name} ({cols}) {r.counts_sql(of_articles=False)}"))
