"""Running the fetcher's Alembic migrations from code (`accord fetcher migrate`, and on start)."""

from __future__ import annotations

from pathlib import Path

from libs.runtime.migrations import Migrations
from services.fetcher.db.models import VERSION_TABLE

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
MIGRATIONS = Migrations(MIGRATIONS_DIR, VERSION_TABLE, owner="fetcher")

alembic_config = MIGRATIONS.config
head_revision = MIGRATIONS.head_revision
current_revision = MIGRATIONS.current_revision
upgrade = MIGRATIONS.upgrade
downgrade = MIGRATIONS.downgrade


def migrate_ledger(database_url: str) -> str | None:
    """Upgrade the ledger's tables to the newest revision; returns it."""
    from services.fetcher.ledger import ledger_engine

    engine = ledger_engine(database_url)
    try:
        return upgrade(engine)
    finally:
        engine.dispose()
