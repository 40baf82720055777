"""Running the store's Alembic migrations from code (`accord store migrate`, and on start)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from libs.runtime.migrations import Migrations
from services.store.db.models import VERSION_TABLE

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
MIGRATIONS = Migrations(MIGRATIONS_DIR, VERSION_TABLE, owner="store")

alembic_config = MIGRATIONS.config
head_revision = MIGRATIONS.head_revision
current_revision = MIGRATIONS.current_revision
upgrade = MIGRATIONS.upgrade
downgrade = MIGRATIONS.downgrade


def schema_problem(engine: Engine) -> str | None:
    """Why the schema cannot serve this code (see `Migrations.schema_problem`); None when it can."""
    return MIGRATIONS.schema_problem(engine, fix="accord store migrate")
