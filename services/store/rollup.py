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
the current events of the articles it touches before its writes (`current_rows`,
under the per-article locks, so nothing else changes them meanwhile) and, after
them, adds the counts of the current events minus those of the rows read before
(`apply_changes`: one INSERT ... ON CONFLICT per rollup, the difference computed
in the database) in the same transaction. A
rollup therefore always equals its recount from `events` (`drift` checks).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import structlog
from sqlalchemy import Connection, Table, select, text

from services.store.db.models import rollup_months, rollup_pair_months, rollup_parties

log = structlog.get_logger(__name__)

Key = tuple[Any, ...]

#: The events a count explodes, with their months and a sign: the current ones (all, or those of some
#: articles) count +1; `{before}` may add the rows an earlier `current_rows` read, counting -1.
_EVENTS = (
    "SELECT date_trunc('month', date_start::timestamp)::date AS ms,"
    " date_trunc('month', date_end::timestamp)::date AS me, type, countries || igos AS parties, sectors,"
    " 1 AS sign FROM events WHERE retired_at IS NULL {articles}"
)
_OF_ARTICLES = "AND article_id = ANY(CAST(:article_ids AS text[]))"
_BEFORE = (
    " UNION ALL SELECT ms, me, type, parties, sectors, -1 FROM jsonb_to_recordset(CAST(:before AS jsonb))"
    " AS b(ms date, me date, type text, parties text[], sectors text[])"
)
#: What `current_rows` reads: the `ev` columns of the current events of some articles.
_CURRENT_ROWS = (
    "SELECT date_trunc('month', date_start::timestamp)::date AS ms,"
    " date_trunc('month', date_end::timestamp)::date AS me, type, countries || igos AS parties, sectors"
    f" FROM events WHERE retired_at IS NULL {_OF_ARTICLES}"
)

_MONTHS = """
SELECT ms, me, type, NULL::text, NULL::text, sum(sign) FROM ev GROUP BY 1, 2, 3 HAVING sum(sign) <> 0
UNION ALL SELECT ms, me, type, p, NULL, sum(sign) FROM ev, unnest(parties) p GROUP BY 1, 2, 3, 4
 HAVING sum(sign) <> 0
UNION ALL SELECT ms, me, type, NULL, s, sum(sign) FROM ev, unnest(sectors) s GROUP BY 1, 2, 3, 5
 HAVING sum(sign) <> 0
"""
_PAIRS = (
    "SELECT type, parties AS ps, least(x.v, y.v) AS a, greatest(x.v, y.v) AS b, sign FROM ev,"
    " unnest(parties) WITH ORDINALITY x(v, i), unnest(parties) WITH ORDINALITY y(v, j) WHERE x.i < y.j"
)
_PARTIES = f"""
, pairs AS ({_PAIRS})
SELECT type, NULL::text, a, b, NULL::text, sum(sign) FROM pairs GROUP BY 1, 3, 4 HAVING sum(sign) <> 0
UNION ALL SELECT type, f, a, b, NULL, sum(sign) FROM pairs, unnest(ps) f GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0
UNION ALL SELECT type, p, NULL, NULL, s, sum(sign) FROM ev, unnest(parties) p, unnest(sectors) s GROUP BY 1, 2, 5
 HAVING sum(sign) <> 0
UNION ALL SELECT type, p, NULL, NULL, NULL, sum(sign) FROM ev, unnest(parties) p GROUP BY 1, 2 HAVING sum(sign) <> 0
"""
_PAIR_MONTHS = (
    ", pairs AS (SELECT ms, me, type, least(x.v, y.v) AS a, greatest(x.v, y.v) AS b, sign FROM ev,"
    " unnest(parties) WITH ORDINALITY x(v, i), unnest(parties) WITH ORDINALITY y(v, j) WHERE x.i < y.j)"
    " SELECT ms, me, type, a, b, sum(sign) FROM pairs GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0"
)


@dataclass(frozen=True)
class Rollup:
    """A rollup table, its key columns, and the SQL exploding events (CTE `ev`) into (keys..., count)."""

    table: Table
    keys: tuple[str, ...]
    explode: str

    def counts_sql(self, *, of_articles: bool, before: bool = False) -> str:
        """(keys..., count) of the current events (of `:article_ids`), minus the `:before` rows' counts."""
        events = _EVENTS.format(articles=_OF_ARTICLES if of_articles else "") + (_BEFORE if before else "")
        return f"WITH ev AS ({events}) {self.explode}"

    def delta_sql(self) -> str:
        """Add the counts of the current events of `:article_ids` minus those of the `:before` rows, in key
        order (concurrent batches lock rollup rows in one order); the rows changed and those left at or
        below zero (their ctids) come back."""
        keys = ", ".join(self.keys)
        name = self.table.name
        return (
            f"WITH up AS (INSERT INTO {name} ({keys}, events)"
            f" SELECT * FROM ({self.counts_sql(of_articles=True, before=True)}) AS d ({keys}, events)"
            f" ORDER BY {keys}"
            f" ON CONFLICT ({keys}) DO UPDATE SET events = {name}.events + EXCLUDED.events"
            f" RETURNING {name}.ctid, {name}.events)"
            " SELECT count(*), array_agg(ctid::text) FILTER (WHERE events <= 0), bool_or(events < 0) FROM up"
        )


ROLLUPS: tuple[Rollup, ...] = (
    Rollup(rollup_months, ("month_start", "month_end", "type", "party", "sector"), _MONTHS),
    Rollup(rollup_parties, ("type", "focus", "a", "b", "sector"), _PARTIES),
    Rollup(rollup_pair_months, ("month_start", "month_end", "type", "a", "b"), _PAIR_MONTHS),
)

Snapshot = dict[str, Counter[Key]]


def _counts(conn: Connection, rollup: Rollup) -> Counter[Key]:
    """(keys...) -> count of every current event, from `events`."""
    sql = text(rollup.counts_sql(of_articles=False))
    return Counter({tuple(row[:-1]): int(row[-1]) for row in conn.execute(sql)})


def current_rows(conn: Connection, article_ids: Sequence[str]) -> str:
    """The current events of `article_ids` as the rollups count them (months, type, parties, sectors), as
    JSON for `apply_changes`: what they counted before a batch's writes."""
    rows = conn.execute(text(_CURRENT_ROWS), {"article_ids": list(article_ids)}).mappings().all()
    return orjson.dumps([dict(r) for r in rows]).decode()


def recount(conn: Connection) -> Snapshot:
    """What the rollups must hold, counted from `events` (full scans: for checks and migrations)."""
    return {r.table.name: _counts(conn, r) for r in ROLLUPS}


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


def apply_changes(conn: Connection, before: str, article_ids: Sequence[str]) -> int:
    """Add to each rollup the counts of the current events of `article_ids` minus those of `before` (their
    `current_rows` before the writes), all in the database; rows reaching zero are deleted. The number
    of rollup rows changed."""
    changed = 0
    params = {"article_ids": list(article_ids), "before": before}
    for r in ROLLUPS:
        count, empty, negative = conn.execute(text(r.delta_sql()), params).one()
        if negative:
            log.error("rollup.negative_count", table=r.table.name)
        if empty:
            conn.execute(
                text(f"DELETE FROM {r.table.name} WHERE ctid = ANY(CAST(:ctids AS tid[]))"), {"ctids": empty}
            )
        changed += count
    return changed


def refill(conn: Connection) -> None:
    """Replace every rollup's rows by a recount from `events` (migrations; repairs)."""
    for r in ROLLUPS:
        conn.execute(r.table.delete())
        cols = ", ".join([*r.keys, "events"])
        conn.execute(text(f"INSERT INTO {r.table.name} ({cols}) {r.counts_sql(of_articles=False)}"))
