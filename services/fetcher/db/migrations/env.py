"""Alembic environment of the fetcher: own version table, serialised by a Postgres advisory lock.

`services.fetcher.db.migrate.migrate()` passes an open connection in
`config.attributes["connection"]`; the `alembic -c services/fetcher/db/alembic.ini` command line
uses `sqlalchemy.url` from the ini file or `ACCORD_DATABASE_URL`. Autogenerate only looks at
tables named `fetcher_*` (the store's tables share the database).
"""

from __future__ import annotations

import os
from typing import Any

from alembic import context
from sqlalchemy import Connection, create_engine, pool, text

from libs.runtime.db import sqlalchemy_url
from services.fetcher.db.models import TABLE_PREFIX, VERSION_TABLE, metadata

#: pg_advisory_xact_lock key: concurrent fetchers migrate one at a time ("FETCH\x01").
MIGRATION_LOCK_KEY = 0x4645_5443_4801

config = context.config


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("ACCORD_DATABASE_URL")
    if not url:
        raise RuntimeError("set ACCORD_DATABASE_URL (or sqlalchemy.url) to run the fetcher's migrations")
    return sqlalchemy_url(url).render_as_string(hide_password=False)


def _include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "table":
        return bool(name and name.startswith(TABLE_PREFIX))
    return True


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        include_object=_include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        context.run_migrations()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=metadata, version_table=VERSION_TABLE, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as conn:
        _configure(conn)
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
