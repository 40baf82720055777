"""Alembic migrations on a fresh database (embedded and system Postgres): up, down, isolation, drift."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from collections.abc import Iterator

import orjson
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from services.store.db import migrate
from services.store.db.models import VERSION_TABLE, metadata
from services.store.db.session import make_engine
from tests.store.helpers import settings_for

pytestmark = pytest.mark.integration


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    e = make_engine(settings_for(database_url))
    yield e
    e.dispose()


def _indexes(engine: Engine, table: str) -> set[str]:
    return {ix["name"] for ix in inspect(engine).get_indexes(table)}


def test_upgrade_creates_the_tables_with_their_own_version_table(engine: Engine) -> None:
    with engine.begin() as conn:  # another component's tables and Alembic history in the same database
        conn.execute(text("CREATE TABLE fetcher_ledger (article_id text PRIMARY KEY)"))
        conn.execute(text("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('f00d')"))

    assert migrate.current_revision(engine) is None
    assert migrate.upgrade(engine) == migrate.head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"events", "articles", VERSION_TABLE, "fetcher_ledger", "alembic_version"} <= tables
    assert {
        "ix_events_countries",
        "ix_events_igos",
        "ix_events_date_start_event_id",
        "ix_events_extracted_at",
        "ix_events_article_id",
        "ix_events_location_country",
    } <= _indexes(engine, "events")
    assert not {"ix_events_type", "ix_events_sectors"} & _indexes(engine, "events")  # dropped by 0003
    with engine.connect() as conn:
        gin = conn.execute(
            text(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'events' AND indexdef LIKE '%USING gin%'"
            )
        ).scalars()
        assert set(gin) == {"ix_events_countries", "ix_events_igos", "ix_events_search"}
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "f00d"  # untouched
    assert migrate.upgrade(engine) == migrate.head_revision()  # idempotent


def test_models_and_migrations_do_not_drift(engine: Engine) -> None:
    migrate.upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE, "compare_type": True})
        diff = [d for d in compare_metadata(ctx, metadata) if not _is_foreign(d)]
    assert diff == []


def _is_foreign(diff: object) -> bool:
    """Differences about tables that are not the store's (none exist in a fresh database)."""
    return isinstance(diff, tuple) and diff[0] == "remove_table" and diff[1].name not in metadata.tables


def test_downgrade_to_base_drops_only_the_store_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE fetcher_ledger (article_id text PRIMARY KEY)"))
    migrate.upgrade(engine)
    assert migrate.downgrade(engine, "base") is None
    tables = set(inspect(engine).get_table_names())
    assert "events" not in tables and "articles" not in tables
    assert "fetcher_ledger" in tables
    assert migrate.upgrade(engine) == migrate.head_revision()  # and up again


def _upgrade_in_child(url: str) -> None:
    engine = make_engine(settings_for(url))
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()


def test_concurrent_upgrades_from_several_processes(database_url: str, engine: Engine) -> None:
    """Several store processes starting at once: every one succeeds, the schema is made once."""
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_upgrade_in_child, args=(database_url,)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_accord_store_migrate_command(embedded_database_url: str) -> None:
    env = {**os.environ, "ACCORD_DATABASE_URL": embedded_database_url, "ACCORD_LOG_FORMAT": "json"}
    cmd = [sys.executable, "-m", "app.cli", "store", "migrate"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"store schema at revision {migrate.head_revision()}" in done.stdout
    engine = make_engine(settings_for(embedded_database_url))
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_0002_fills_search_publication_and_rollup_for_existing_rows(engine: Engine) -> None:
    """Rows written at revision 0001 get their new columns and rollup counts from the upgrade."""
    from datetime import UTC, datetime

    from services.store import rollup
    from services.store.persist import apply_batch, event_row
    from tests.store.factories import extraction_of

    migrate.upgrade(engine, "0001")
    evs, summary = extraction_of(
        "u1",
        3,
        article={"title": "Iran and Iraq sign", "published_at": "2025-01-05T10:00:00", "publisher": "TT"},
    )
    with engine.begin() as conn:  # what the 0001 code wrote: the columns it had
        for e in evs:
            row = {k: v for k, v in event_row(e).items() if k not in ("published_at", "publisher")}
            conn.execute(
                text(
                    "INSERT INTO events (event_id, article_id, type, countries, igos, sectors, date_start,"
                    " date_end, date_precision, confidence, extractor_name, extractor_version, payload)"
                    " VALUES (:event_id, :article_id, :type, :countries, :igos, :sectors, :date_start,"
                    " :date_end, :date_precision, :confidence, :extractor_name, :extractor_version,"
                    " CAST(:payload AS jsonb))"
                ),
                {**row, "payload": orjson.dumps(row["payload"]).decode()},
            )
    migrate.upgrade(engine)
    with engine.begin() as conn:
        got = conn.execute(text("SELECT published_at, publisher FROM events")).all()
        assert set(got) == {(datetime(2025, 1, 5, 10, tzinfo=UTC), "TT")}
        hits = conn.scalar(
            text(
                "SELECT count(*) FROM events WHERE search @@ websearch_to_tsquery('english', 'iraq signing')"
            )
        )
        assert hits == 3
        months = rollup.stored(conn)["rollup_months"]
        assert rollup.drift(conn) == {} and sum(n for k, n in months.items() if k[3:] == (None, None)) == 3
        apply_batch(conn, [*evs, summary])  # the new write path carries on from the filled rollups
        assert rollup.drift(conn) == {}
