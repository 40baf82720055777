"""Alembic environment of the store: own version table, serialised by a Postgres advisory lock.

`accord store migrate` (services.store.db.migrate) passes an open connection in
`config.attributes["connection"]`; the `alembic` command line uses
`sqlalchemy.url` from the ini file or `ACCORD_DATABASE_URL`.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine, pool, text

from libs.runtime.db import sqlalchemy_url
from services.store.db.models import VERSION_TABLE, metadata

#: pg_advisory_xact_lock key: concurrent `accord store` processes migrate one at a time.
MIGRATION_LOCK_KEY = 0x5354_4F52_4501  # "STORE\x01"

config = context.config


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("ACCORD_DATABASE_URL")
    if not url:
        raise RuntimeError("set ACCORD_DATABASE_URL (or sqlalchemy.url) to run the store's migrations")
    return sqlalchemy_url(url).render_as_string(hide_password=False)


def _configure(connection: Connection) -> None:
    # Before Alembic looks at (or creates) its version table; held until the transaction ends.
    connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        compare_type=True,
    )
    with context.begin_transaction():
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
