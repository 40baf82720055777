"""Alembic migrations of a service that shares the database with others.

Each service owns its tables, its migrations folder and its Alembic version
table (`store_alembic_version`, `fetcher_alembic_version`), so the services
migrate independently in one database. `Migrations` runs them from code;
`run_env()` is the body of each service's `env.py`. A Postgres advisory lock
(per service) serialises concurrent runs from several processes, and a thread
lock serialises runs within one process (Alembic keeps its context in module
globals).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import structlog
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, create_engine, inspect, pool, text

from libs.runtime.db import sqlalchemy_url

log = structlog.get_logger(__name__)

_ALEMBIC_LOCK = threading.Lock()


class Migrations:
    """The migrations in `directory`, recorded in `version_table`; `owner` names the service in logs."""

    def __init__(self, directory: Path, version_table: str, owner: str) -> None:
        self.directory = directory
        self.version_table = version_table
        self.owner = owner

    def config(self) -> Config:
        """An Alembic config pointing at the migrations (no ini file needed)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(self.directory))
        return cfg

    def head_revision(self) -> str:
        """The newest revision shipped with this code."""
        head = ScriptDirectory.from_config(self.config()).get_current_head()
        if head is None:
            raise RuntimeError(f"no migrations found in {self.directory}")
        return head

    @functools.cached_property
    def known_revisions(self) -> frozenset[str]:
        return frozenset(r.revision for r in ScriptDirectory.from_config(self.config()).walk_revisions())

    def current_revision(self, engine: Engine) -> str | None:
        """The revision the database is at (None = never migrated, or downgraded to base)."""
        with engine.connect() as conn:
            if not inspect(conn).has_table(self.version_table):
                return None
            ctx = MigrationContext.configure(conn, opts={"version_table": self.version_table})
            return ctx.get_current_revision()

    def schema_problem(self, engine: Engine, fix: str) -> str | None:
        """Why the schema cannot serve this code (never migrated, or older than head); None when it can.

        A revision this code does not know is newer (a later release migrated): accepted, so old
        processes keep serving during a rolling upgrade. `fix` is the command to suggest.
        """
        current = self.current_revision(engine)
        if current is None:
            return f"the {self.owner}'s tables do not exist: run `{fix}`"
        head = self.head_revision()
        if current != head and current in self.known_revisions:
            return f"schema at revision {current}, this code needs {head}: run `{fix}`"
        return None

    def upgrade(self, engine: Engine, revision: str = "head") -> str | None:
        """Upgrade to `revision` in one transaction (serialised across processes); returns the new revision."""
        return self._run(engine, command.upgrade, revision)

    def downgrade(self, engine: Engine, revision: str) -> str | None:
        """Downgrade to `revision` (`base` drops the service's tables); returns the new revision."""
        return self._run(engine, command.downgrade, revision)

    def _run(self, engine: Engine, fn: Callable[[Config, str], Any], revision: str) -> str | None:
        cfg = self.config()
        before = self.current_revision(engine)
        with _ALEMBIC_LOCK, engine.begin() as conn:  # env.py also takes a database lock (other processes)
            cfg.attributes["connection"] = conn
            fn(cfg, revision)
        after = self.current_revision(engine)
        if before != after:
            log.info(
                "db.migrated",
                owner=self.owner,
                command=fn.__name__,
                before=before,
                after=after,
                target=revision,
            )
        return after


def run_env(
    *,
    metadata: MetaData,
    version_table: str,
    lock_key: int,
    owner: str,
    include_object: Callable[..., bool] | None = None,
) -> None:
    """The body of a service's Alembic `env.py`.

    `Migrations` passes an open connection in `config.attributes["connection"]`; the `alembic`
    command line uses `sqlalchemy.url` from its ini file or `ACCORD_DATABASE_URL`. The advisory
    lock `lock_key` is taken before Alembic looks at (or creates) its version table and held
    until the transaction ends.
    """
    from alembic import context

    config = context.config

    def configure(connection: Connection) -> None:
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key})
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=version_table,
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()

    if context.is_offline_mode():
        context.configure(url=_url(config, owner), target_metadata=metadata, version_table=version_table,
                          literal_binds=True)  # fmt: skip
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        configure(connection)
        return
    engine = create_engine(_url(config, owner), poolclass=pool.NullPool)
    with engine.connect() as conn:
        configure(conn)
        conn.commit()
    engine.dispose()


def _url(config: Config, owner: str) -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("ACCORD_DATABASE_URL")
    if not url:
        raise RuntimeError(f"set ACCORD_DATABASE_URL (or sqlalchemy.url) to run the {owner}'s migrations")
    return sqlalchemy_url(url).render_as_string(hide_password=False)
