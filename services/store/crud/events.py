"""Event queries: keyset-paged listings, single events, and the rows of CSV / NDJSON exports.

Pages are keyset-paged (no OFFSET): each page ends with the sort key of its
last row, and the next page starts strictly after it, so paging stays fast and
never repeats or skips a row that did not change in between, whatever is
inserted meanwhile.

Orders:
* `-date` (default): event date, newest first, undated events last; ties by event id.
* `updated`: `updated_at` ascending (when the row was stored or last changed,
  retirement included), ties by event id: the order to sync incrementally with
  `since`. A row that changes while a client pages moves to the end and is seen
  again, never missed.

Events are served as their stored contract JSON plus `"status"`: `current`, or
`retracted` when a newer extraction of the article no longer lists them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    ScalarSelect,
    Select,
    Text,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
    true,
    tuple_,
)

from services.store.crud.filters import EventFilter, with_start_floor
from services.store.crud.totals import Total, bounded_total, planner_rows
from services.store.db.models import event_parties, events, rollup_parties

Sort = Literal["-date", "updated"]
SORTS: tuple[Sort, ...] = ("-date", "updated")

#: A page's sort key: (date_start or None, event_id) for `-date`; (updated_at, event_id) for `updated`.
SortKey = tuple[Any, str]

_CURRENT = b',"status":"current"}'
_RETRACTED = b',"status":"retracted"}'


def with_status(payload: str, current: bool) -> bytes:
    """The stored event JSON (an object) with its `status` member appended."""
    return payload.encode()[:-1] + (_CURRENT if current else _RETRACTED)


def _order(sort: Sort, cols: Any = events.c) -> list[Any]:
    """The `sort` order over `cols` (`events.c`, or `event_parties.c` for `-date`)."""
    if sort == "-date":
        return [cols.date_start.desc().nulls_last(), cols.event_id.desc()]
    return [cols.updated_at.asc(), cols.event_id.asc()]


def _after(sort: Sort, key: SortKey, cols: Any = events.c) -> ColumnElement[bool]:
    """Rows of `cols` strictly after `key` in `sort` order."""
    value, event_id = key
    if sort == "-date":
        if value is None:  # inside the undated tail
            return and_(cols.date_start.is_(None), cols.event_id < event_id)
        return or_(
            cols.date_start < value,
            and_(cols.date_start == value, cols.event_id < event_id),
            cols.date_start.is_(None),
        )
    return tuple_(cols.updated_at, cols.event_id) > tuple_(literal(value), literal(event_id))


def _ordered(
    query: Select[Any], where: list[Any], sort: Sort, after: SortKey | None, cols: Any = events.c
) -> Select[Any]:
    """`query` over `cols` restricted by `where`, strictly after `after`, in `sort` order."""
    query = query.where(*where)
    if after is not None:
        query = query.where(_after(sort, after, cols))
    return query.order_by(*_order(sort, cols))


def walked_party(conn: Connection, flt: EventFilter) -> str | None:
    """The party whose `event_parties` rows a `-date` walk of `flt`'s matches reads (None: `events`):
    the one party filtered, or of several the one with the fewest current events (`rollup_parties`)."""
    if not flt.on_party_rows():
        return None
    parties = flt.parties()
    if len(parties) == 1:
        return parties[0]
    p = rollup_parties.c
    counts = select(p.focus, func.sum(p.events)).where(
        p.focus == func.any(parties), p.a.is_(None), p.sector.is_(None)
    )
    known = dict(conn.execute(counts.group_by(p.focus)).all())
    return min(parties, key=lambda party: (known.get(party, 0), party))


def _keys(conn: Connection, flt: EventFilter, sort: Sort, after: SortKey | None) -> Select[Any]:
    """(key, event_id) of the matches in `sort` order, strictly after `after`: with a party filter (and
    `-date`) the party's `event_parties` rows (only its events are walked), else `events` (for current
    events the covering index: filters tested on its entries, index-only)."""
    party = walked_party(conn, flt) if sort == "-date" else None
    if party is None:
        c = events.c
        key = (c.date_start if sort == "-date" else c.updated_at).label("key")
        return _ordered(select(key, c.event_id), flt.conditions(), sort, after)
    ep = event_parties.c
    return _ordered(select(ep.date_start.label("key"), ep.event_id), flt.party_rows(party), sort, after, ep)


@dataclass(frozen=True)
class ListedEvents:
    """One page of a listing: event JSON documents, the key to continue after (None = last page), the total."""

    items: list[bytes]
    next_key: SortKey | None
    total: Total


def rollup_total(conn: Connection, flt: EventFilter) -> int | None:
    """The exact number of matches from a rollup when one counts these filters (`count_rows`), else None."""
    counted = _rollup_count(flt)
    return None if counted is None else int(conn.scalar(select(counted)) or 0)


def _rollup_count(flt: EventFilter) -> ScalarSelect[Any] | None:
    """The rollup sum counting `flt`'s matches exactly (`count_rows`), as a scalar subquery; else None."""
    found = flt.count_rows()
    if found is None:
        return None
    column, rows = found
    return select(func.coalesce(func.sum(column), 0)).where(*rows).scalar_subquery()


#: A page's order over the relation `{0}` (its columns `key`, `event_id`), per sort (SQL text).
_PAGE_ORDER: dict[Sort, str] = {
    "-date": "{0}.key DESC NULLS LAST, {0}.event_id DESC",
    "updated": "{0}.key ASC, {0}.event_id ASC",
}


def _page_query(
    conn: Connection, flt: EventFilter, sort: Sort, after: SortKey | None, limit: int, want: int, counted: Any
) -> Select[Any]:
    """One statement for a page: its `limit + 1` keys (of the first `want`), each one's document read by
    its key (LATERAL), and `counted` (a total expression) on every row.

    `want` > limit + 1 walks on to count the first `want` keys (`keys` CTE) for an uncounted first page.
    Only the keys and the total are built as expressions: the rest is fixed SQL text around them (built as
    expressions, its subqueries' column collections cost more API CPU than the whole statement's lookup in
    SQLAlchemy's compiled cache). LIMIT 1 (the key is unique) keeps each document a per-key lookup (no
    join over the table).
    """
    keys = _keys(conn, flt, sort, after).limit(want).cte("keys")
    total = counted if counted is not None else select(func.count()).select_from(keys).scalar_subquery()
    order = _PAGE_ORDER[sort]
    page = text(
        f"(SELECT keys.key, keys.event_id FROM keys ORDER BY {order.format('keys')} LIMIT :page_rows) AS page"
        " JOIN LATERAL (SELECT events.payload::text AS payload, events.retired_at IS NULL AS current"
        " FROM events WHERE events.event_id = page.event_id LIMIT 1) AS doc ON true"
    ).bindparams(page_rows=limit + 1)
    columns = (literal_column(name) for name in ("page.key", "page.event_id", "doc.payload", "doc.current"))
    return (
        select(*columns, total.label("total"))
        .select_from(page)
        .add_cte(keys)
        .order_by(text(order.format("page")))
    )


def list_events(
    conn: Connection,
    flt: EventFilter,
    *,
    sort: Sort = "-date",
    after: SortKey | None = None,
    limit: int = 50,
    total_cap: int = 1_000,
) -> ListedEvents:
    """A page of events matching `flt` in `sort` order, starting after `after`; `total` counts all pages.

    One statement (`_page_query`): the page's keys (for current events an index-only scan of the
    covering index, the filters tested on its entries), the documents of those rows only, and the
    total: exact from the rollup when it counts these filters; else, on a first page, the same walk
    continues to `total_cap + 1` keys, which gives the total when it is at most the cap (else the
    planner's estimate, a second round trip, as is the bounded count of a later uncounted page).
    """
    counted = _rollup_count(flt)
    uncounted_first = after is None and counted is None
    want = max(limit, total_cap) + 1 if uncounted_first else limit + 1
    total_expr = counted if counted is not None or uncounted_first else null()
    rows = conn.execute(_page_query(conn, flt, sort, after, limit, want, total_expr)).all()
    page = rows[:limit]
    items = [with_status(payload, current) for _, _, payload, current, _ in page]
    next_key: SortKey | None = (page[-1][0], page[-1][1]) if len(rows) > limit else None
    total = _total(conn, flt, after, rows, total_cap, counted=counted is not None)
    return ListedEvents(items=items, next_key=next_key, total=total)


def _total(
    conn: Connection, flt: EventFilter, after: SortKey | None, rows: list[Any], cap: int, *, counted: bool
) -> Total:
    """A page's total from its rows' total column (`counted`: a rollup's sum); another round trip when
    that does not give it."""
    found = rows[0][4] if rows else None
    if counted:  # the rollup's count (read again only for an empty page)
        return Total(int(found) if found is not None else rollup_total(conn, flt) or 0, estimate=False)
    if after is None and (found or 0) <= cap:
        return Total(int(found or 0), estimate=False)  # the keys counted up to the cap
    if after is None:
        estimate = planner_rows(conn, select(literal(1)).select_from(events).where(*flt.conditions()))
        return Total(max(estimate, cap + 1), estimate=True)
    order = _order("-date") if flt.status == "current" else ()  # the covering index's order
    return bounded_total(conn, events, flt.conditions(), cap, order_by=order)


def recent_events(conn: Connection, flt: EventFilter, limit: int) -> list[bytes]:
    """The first `limit` events matching `flt` in `-date` order (no total)."""
    c = events.c
    query = _ordered(
        select(cast(c.payload, Text), c.retired_at.is_(None)), flt.conditions(), "-date", None
    ).limit(limit)
    return [with_status(payload, current) for payload, current in conn.execute(query)]


def get_event(conn: Connection, event_id: str) -> tuple[bytes, datetime | None] | None:
    """(event JSON with status, retired_at) of one event, current or retracted; None when unknown."""
    row = conn.execute(
        select(cast(events.c.payload, Text), events.c.retired_at).where(events.c.event_id == event_id)
    ).first()
    return (with_status(row[0], row[1] is None), row[1]) if row else None


def _sql(expression: str) -> ColumnElement[Any]:
    return literal_column(expression)


def _joined(path: str, member: str) -> ColumnElement[Any]:
    """The `member` strings of the JSON array at `path` of the payload, joined with `;`."""
    return _sql(
        f"(SELECT string_agg(x ->> '{member}', ';') FROM jsonb_array_elements(payload -> '{path}') x)"
    )


def _utc_text(column: Any) -> ColumnElement[Any]:
    return _sql(f"""to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')""")


def csv_columns(e: Any) -> list[tuple[str, ColumnElement[Any]]]:
    """The CSV export's columns, in order: (header, SQL expression yielding text or null) over `e`, a row
    of `events` (its columns by name; `payload`, `countries`... named bare in the SQL text)."""
    return [
        ("event_id", e.c.event_id),
        ("status", case((e.c.retired_at.is_(None), "current"), else_="retracted")),
        ("type", e.c.type),
        ("date_start", _sql("payload #>> '{date,start}'")),
        ("date_end", _sql("payload #>> '{date,end}'")),
        ("date_precision", e.c.date_precision),
        ("date_text", _sql("payload #>> '{date,text}'")),
        ("countries", _sql("array_to_string(countries, ';')")),
        ("igos", _sql("array_to_string(igos, ';')")),
        ("sectors", _sql("array_to_string(sectors, ';')")),
        ("participants", _joined("participants", "name")),
        ("location_name", e.c.location_name),
        ("location_country", e.c.location_country),
        ("quantities", _joined("quantities", "text")),
        ("confidence", _sql("confidence::text")),
        ("evidence", _joined("evidence", "text")),
        ("article_id", e.c.article_id),
        ("article_url", _sql("payload #>> '{article,url}'")),
        ("article_title", _sql("payload #>> '{article,title}'")),
        ("published_at", _utc_text("published_at")),
        ("publisher", e.c.publisher),
        ("extractor_name", e.c.extractor_name),
        ("extractor_version", e.c.extractor_version),
        ("extracted_at", _utc_text("extracted_at")),
        ("updated_at", _utc_text("updated_at")),
    ]


CSV_HEADER = [name for name, _ in csv_columns(events)]


def _csv_field(expr: ColumnElement[Any]) -> ColumnElement[Any]:
    """An RFC 4180 field: null as nothing, any other value quoted (inner quotes doubled)."""
    quote = literal_column("'\"'")
    quoted = quote.op("||")(func.replace(cast(expr, Text), '"', '""')).op("||")(quote)
    return func.coalesce(quoted, "")


def csv_line(e: Any) -> ColumnElement[Any]:
    """One CSV line per event of `e`, made by Postgres (the API only joins the lines it streams)."""
    return func.concat_ws(",", *(_csv_field(expr) for _, expr in csv_columns(e))).label("line")


def _event_row(key: Any, *, csv: bool) -> Any:
    """The `events` row of each `key` (LATERAL; LIMIT 1, the key being unique, keeps it a per-key lookup:
    flattened into a join, a large export became a hash join over the whole table and a sort spilled to
    disk). For CSV, every column but `search`, the payload detoasted once (`|| '{}'`: the ten payload
    reads of a line would each decompress a compressed one: a third of the export's database time)."""
    c = events.c
    if not csv:
        row = select(cast(c.payload, Text).label("payload"), c.retired_at.is_(None).label("current"))
    else:
        columns = [col for col in c if col.name not in ("payload", "search")]
        row = select(*columns, c.payload.op("||")(literal_column("'{}'::jsonb")).label("payload"))
    return row.where(c.event_id == key.c.event_id).limit(1).lateral("e")


def export_rows(
    conn: Connection,
    flt: EventFilter,
    *,
    fmt: Literal["csv", "ndjson"],
    sort: Sort = "-date",
    after: SortKey | None = None,
    max_rows: int | None = None,
    batch_rows: int = 2000,
) -> Iterator[list[Any]]:
    """Batches of export rows from a server-side cursor (memory flat whatever the size).

    CSV: (the CSV line of `CSV_COLUMNS`,); NDJSON: (payload text, is_current). At most `max_rows`.
    The matching keys come in order from an index (for current events the covering index: filters
    tested on its entries, index-only), and each match's row is read by its key (LATERAL): a row that
    does not match is never read (an index scan reads the wide row before testing a filter that is not
    an index bound, such as `date_end` of a date range, for every entry up to the end of the index).
    """
    flt = with_start_floor(conn, flt)
    keys = _keys(conn, flt, sort, after)
    if max_rows is not None:
        keys = keys.limit(max_rows)
    k = keys.subquery("k")
    e = _event_row(k, csv=fmt == "csv")
    sort_key = k.c.key.desc().nulls_last() if sort == "-date" else k.c.key.asc()
    tie = k.c.event_id.desc() if sort == "-date" else k.c.event_id.asc()
    columns = [csv_line(e)] if fmt == "csv" else list(e.c)
    query = select(*columns).select_from(k).join(e, true()).order_by(sort_key, tie)
    result = conn.execution_options(stream_results=True, yield_per=batch_rows).execute(query)
    try:
        yield from result.partitions()  # type: ignore[misc]
    finally:
        result.close()
