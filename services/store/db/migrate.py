"""Running the store's Alembic migrations from code (`accord store migrate`, and on start)."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import structlog
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from services.store.db.models import VERSION_TABLE

log = structlog.get_logger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

#: Alembic keeps its running context in module globals: one migration at a time per process.
_ALEMBIC_LOCK = threading.Lock()


def alembic_config() -> Config:
    """An Alembic config pointing at the store's migrations (no ini file needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """The newest revision shipped with this code."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None = never migrated, or downgraded to base)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))  # one head: no branches


@functools.cache
def _known_revisions() -> frozenset[str]:
    return frozenset(r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions())


def schema_problem(engine: Engine) -> str | None:
    """Why the schema cannot serve this code (never migrated, or older than head); None when it can.

    A revision this code does not know is newer (a later release migrated): accepted, so old
    processes keep serving during a rolling upgrade.
    """
    current = current_revision(engine)
    if current is None:
        return "the store's tables do not exist: run `accord store migrate`"
    head = head_revision()
    if current != head and current in _known_revisions():
        return f"schema at revision {current}, this code needs {head}: run `accord store migrate`"
    return None


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Upgrade to `revision` in one transaction (serialised across processes); returns the new revision."""
    _run(engine, command.upgrade, revision)
    return current_revision(engine)


def downgrade(engine: Engine, revision: str) -> str | None:
    """Downgrade to `revision` (`base` drops the store's tables); returns the new revision."""
    _run(engine, command.downgrade, revision)
    return current_revision(engine)


def _run(engine: Engine, fn: object, revision: str) -> None:
    cfg = alembic_config()
    before = current_revision(engine)
    with _ALEMBIC_LOCK, engine.begin() as conn:  # env.py also takes a database lock (other processes)
        cfg.attributes["connection"] = conn
        fn(cfg, revision)  # type: ignore[operator]
    after = current_revision(engine)
    log.info("db.migrated", command=getattr(fn, "__name__", "?"), before=before, after=after, target=revision)
