"""Running the fetcher's Alembic migrations from code (`accord fetcher migrate`, and on start)."""

from __future__ import annotations

from pathlib import Path

import structlog
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from services.fetcher.db.models import VERSION_TABLE

log = structlog.get_logger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    """An Alembic config pointing at the fetcher's migrations (no ini file needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """The newest revision shipped with this code."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None = never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Upgrade to `revision` in one transaction (serialised across processes); returns the new revision."""
    _run(engine, "upgrade", revision)
    return current_revision(engine)


def downgrade(engine: Engine, revision: str) -> str | None:
    """Downgrade to `revision` (`base` drops the fetcher's tables); returns the new revision."""
    _run(engine, "downgrade", revision)
    return current_revision(engine)


def _run(engine: Engine, name: str, revision: str) -> None:
    cfg = alembic_config()
    before = current_revision(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, name)(cfg, revision)
    after = current_revision(engine)
    if before != after:
        log.info("fetcher.db.migrated", command=name, before=before, after=after, target=revision)
