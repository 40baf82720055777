"""`total` of a listing: exact up to a cap, the planner's estimate beyond it.

Counting every match of a broad filter over a million rows costs a scan per
request; counting up to `cap + 1` costs at most that many index entries. When
more than `cap` rows match, the total is Postgres' row estimate for the query
(at least `cap + 1`) and flagged as an estimate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Select, func, literal, select


@dataclass(frozen=True)
class Total:
    """A number of matching rows; `estimate` = True when it is the planner's estimate."""

    value: int
    estimate: bool


def planner_rows(conn: Connection, query: Select[Any]) -> int:
    """Postgres' estimated row count of `query` (EXPLAIN, nothing executed)."""
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + compiled.string, compiled.params).scalar()
    doc = orjson.loads(plan) if isinstance(plan, str | bytes) else plan
    return int(doc[0]["Plan"]["Plan Rows"])


def bounded_total(
    conn: Connection, table: Any, where: list[Any], cap: int, order_by: Sequence[Any] = ()
) -> Total:
    """Rows of `table` matching `where`: exact when at most `cap`, else estimated (>= cap + 1).

    `order_by`, the order of an index that can answer `where`, steers the planner to walk that
    index and stop at `cap + 1` matches rather than collect every match first (bitmaps) when many match.
    """
    matching = select(literal(1)).select_from(table).where(*where)
    first = matching.order_by(*order_by).limit(cap + 1) if order_by else matching.limit(cap + 1)
    counted = conn.scalar(select(func.count()).select_from(first.subquery())) or 0
    if counted <= cap:
        return Total(int(counted), estimate=False)
    return Total(max(planner_rows(conn, matching), cap + 1), estimate=True)
