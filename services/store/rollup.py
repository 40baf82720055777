"""The `event_rollup` table: current events counted per signature, kept exact by the write path.

A *signature* is (month of date_start, month of date_end, type, countries,
igos, sectors); undated events have null months. `apply_batch` takes the
signature counts of the current events of the articles it touches before and
after its writes (`signature_counts`, under the per-article locks, so nothing
else changes them meanwhile) and adds the difference (`apply_delta`) in the
same transaction. The rollup therefore always equals `recount(conn)`, which
tests and `accord store` operators can compare (`rollup_drift`).

Aggregates read the rollup when every filter they carry is one of its
dimensions (`services.store.crud.filters.EventFilter.rollup_conditions`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

import orjson
import structlog
from sqlalchemy import Connection, Text, bindparam, cast, column, func, select, text
from sqlalchemy.dialects.postgresql import JSONB, insert

from services.store.db.models import event_rollup

log = structlog.get_logger(__name__)

#: (month_start, month_end, type, countries, igos, sectors)
Signature = tuple[date | None, date | None, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]

_SIGNATURE_SQL = (
    "date_trunc('month', date_start::timestamp)::date AS month_start,"
    " date_trunc('month', date_end::timestamp)::date AS month_end,"
    " type, countries, igos, sectors, count(*) AS events"
)
_COUNTS = text(
    f"SELECT {_SIGNATURE_SQL} FROM events"
    " WHERE article_id = ANY(CAST(:article_ids AS text[])) AND retired_at IS NULL"
    " GROUP BY 1, 2, 3, 4, 5, 6"
)
_RECOUNT = text(f"SELECT {_SIGNATURE_SQL} FROM events WHERE retired_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6")
_KEYS = ["month_start", "month_end", "type", "countries", "igos", "sectors"]


def _signature(row: Any) -> Signature:
    return (
        row.month_start,
        row.month_end,
        row.type,
        tuple(row.countries),
        tuple(row.igos),
        tuple(row.sectors),
    )


def signature_counts(conn: Connection, article_ids: Sequence[str]) -> Counter[Signature]:
    """Current events of `article_ids` per signature."""
    return Counter(
        {_signature(r): r.events for r in conn.execute(_COUNTS, {"article_ids": list(article_ids)})}
    )


def recount(conn: Connection) -> Counter[Signature]:
    """What the rollup must hold, counted from `events` (a full scan: for checks, not for serving)."""
    return Counter({_signature(r): r.events for r in conn.execute(_RECOUNT)})


def stored(conn: Connection) -> Counter[Signature]:
    """What the rollup holds."""
    return Counter({_signature(r): r.events for r in conn.execute(select(event_rollup))})


def rollup_drift(conn: Connection) -> dict[Signature, tuple[int, int]]:
    """Signatures whose stored count differs from the recount: {signature: (stored, expected)}."""
    have, want = stored(conn), recount(conn)
    return {k: (have[k], want[k]) for k in set(have) | set(want) if have[k] != want[k]}


def _upsert_stmt():  # type: ignore[no-untyped-def]
    cols = [column(n, event_rollup.c[n].type) for n in [*_KEYS, "events"]]
    rows = (
        func.jsonb_to_recordset(cast(bindparam("rows", type_=Text), JSONB))
        .table_valued(*cols)
        .render_derived(name="r", with_types=True)
    )
    names = [*_KEYS, "events"]
    stmt = insert(event_rollup).from_select(names, select(*(rows.c[n] for n in names)))
    return stmt.on_conflict_do_update(
        index_elements=[event_rollup.c[k] for k in _KEYS],
        set_={"events": event_rollup.c.events + stmt.excluded.events},
    ).returning(text("event_rollup.ctid"), event_rollup.c.events)


_UPSERT = _upsert_stmt()
_DELETE = text("DELETE FROM event_rollup WHERE ctid = ANY(CAST(:ctids AS tid[]))")


def _sort_key(sig: Signature) -> tuple[Any, ...]:
    floor = date.min
    return (sig[0] or floor, sig[1] or floor, *sig[2:])


def apply_delta(conn: Connection, before: Counter[Signature], after: Counter[Signature]) -> int:
    """Add `after - before` to the rollup (rows reaching zero are deleted); the number of rows changed.

    Rows are written in signature order, so concurrent batches lock rollup rows in one order.
    """
    delta = Counter(after)
    delta.subtract(before)
    changes = sorted(((k, n) for k, n in delta.items() if n), key=lambda kv: _sort_key(kv[0]))
    if not changes:
        return 0
    payload = [
        {
            "month_start": k[0].isoformat() if k[0] else None,
            "month_end": k[1].isoformat() if k[1] else None,
            "type": k[2],
            "countries": list(k[3]),
            "igos": list(k[4]),
            "sectors": list(k[5]),
            "events": n,
        }
        for k, n in changes
    ]
    result = conn.execute(_UPSERT, {"rows": orjson.dumps(payload).decode()}).all()
    empty = [str(ctid) for ctid, events in result if events <= 0]
    if any(events < 0 for _, events in result):
        log.error("rollup.negative_count", rows=sum(1 for _, e in result if e < 0))
    if empty:
        conn.execute(_DELETE, {"ctids": empty})
    return len(changes)
