"""Fixtures of the store's tests: settings and a migrated engine on each Postgres path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tests.store.helpers import settings_for


@pytest.fixture
def migrated_engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh database migrated to head (embedded and system Postgres)."""
    from services.store.db import migrate
    from services.store.db.session import make_engine

    engine = make_engine(settings_for(database_url))
    migrate.upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()
