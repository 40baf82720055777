"""EXPLAIN ANALYZE of the API's main queries over the benchmark database (written beside the figures).

Each case calls the real query function of `services.store.crud`; every SELECT
it sends is captured and explained with its parameters, so the plans are those
of the code, not of a hand-copied query.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, event

from services.store.crud import stats
from services.store.crud.events import export_rows, list_events
from services.store.crud.filters import EventFilter

CASES: list[tuple[str, Callable[[Connection], Any]]] = [
    (
        "GET /v1/events?country=IRN&type=agreement (page + total)",
        lambda c: list_events(c, EventFilter(countries=["IRN"], types=["agreement"]), limit=50),
    ),
    (
        "GET /v1/events?type=aid&sector=energy (page + total)",
        lambda c: list_events(c, EventFilter(types=["aid"], sectors=["energy"]), limit=50),
    ),
    (
        "GET /v1/events?country=FRA&date_from=2015-01-01&date_to=2015-12-31 (keys from event_parties)",
        lambda c: list_events(
            c, EventFilter(countries=["FRA"], date_from=date(2015, 1, 1), date_to=date(2015, 12, 31))
        ),
    ),
    (
        "GET /v1/events?country=IRN&sector=energy (page; total from rollup_parties)",
        lambda c: list_events(c, EventFilter(countries=["IRN"], sectors=["energy"]), limit=50),
    ),
    (
        "GET /v1/events?pair=IRN,CHE&date_from=2015-01-01 (page + total from rollup_pair_months)",
        lambda c: list_events(c, EventFilter(countries=["CHE", "IRN"], date_from=date(2015, 1, 1)), limit=50),
    ),
    ("GET /v1/stats/types (rollup_months)", lambda c: stats.type_counts(c, EventFilter())),
    (
        "GET /v1/stats/types?date_from=2015-01-10&date_to=2015-12-20 (whole months from rollup_months, "
        "edge months from events)",
        lambda c: stats.type_counts(c, EventFilter(date_from=date(2015, 1, 10), date_to=date(2015, 12, 20))),
    ),
    (
        "GET /v1/countries/IRL?date_from=2015-01-01&date_to=2015-12-31: first and last event dates",
        lambda c: stats.date_bounds(
            c, EventFilter(countries=["IRL"], date_from=date(2015, 1, 1), date_to=date(2015, 12, 31))
        ),
    ),
    (
        "GET /v1/stats/sectors?country=IRN (rollup_parties)",
        lambda c: stats.sector_counts(c, EventFilter(countries=["IRN"])),
    ),
    (
        "GET /v1/graph edges (rollup_parties)",
        lambda c: stats.party_edges_json(c, EventFilter(), ["IRN", "CHN", "RUS"], 1, 5000),
    ),
    (
        "GET /v1/graph?country=IRN edges (rollup_parties, focus)",
        lambda c: stats.party_edges_json(
            c, EventFilter(countries=["IRN"]), ["IRN", "CHN", "RUS", "IND"], 1, 5000
        ),
    ),
    (
        "GET /v1/graph?date_from=2015-01-01&date_to=2016-06-30 edges (rollup_pair_months)",
        lambda c: stats.party_edges_json(
            c,
            EventFilter(date_from=date(2015, 1, 1), date_to=date(2016, 6, 30)),
            ["IRN", "CHN", "RUS"],
            1,
            5000,
        ),
    ),
    (
        "GET /v1/stats/pairs?country=IRN&date_from=2015-01-01&date_to=2015-12-31 (event_parties)",
        lambda c: stats.country_pairs(
            c, EventFilter(countries=["IRN"], date_from=date(2015, 1, 1), date_to=date(2015, 12, 31)), 50
        ),
    ),
    (
        "CSV export of 100,000 rows (keys from the covering index, rows by key; a server-side cursor)",
        lambda c: next(
            export_rows(
                c, EventFilter(date_from=date(2016, 1, 1)), fmt="csv", batch_rows=2000, max_rows=100_000
            )
        ),
    ),
]


def _captured(engine: Engine, fn: Callable[[Connection], Any]) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH", "DECLARE")):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        with engine.connect() as conn:
            fn(conn)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def explain_all(engine: Engine) -> str:
    """The plans, with actual times, of every SELECT each case sends."""
    out = []
    for name, fn in CASES:
        out.append(f"=== {name}")
        for statement, params in _captured(engine, fn):
            sql = (
                statement.split(" CURSOR FOR ", 1)[-1]
                if statement.upper().startswith("DECLARE")
                else statement
            )
            with engine.connect() as conn:
                rows = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + sql, params).scalars().all()
            out.append(sql.strip())
            out += rows
            out.append("")
    return "\n".join(out)
