"""Fixtures of the reliability tests: the real extraction engine, a migrated store database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from libs.contracts.events import ExtractorInfo
from services.extractor.step import ExtractorLike
from tests.store.helpers import settings_for


@pytest.fixture(scope="session")
def engine() -> tuple[ExtractorLike, ExtractorInfo]:
    """The real extraction engine, loaded once for the session."""
    try:
        from libs.extraction import Extractor  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the extraction engine (libs.extraction) is not available: {exc}")
    from services.extractor.service import load_extractor

    return load_extractor()


def _migrated(url: str) -> Iterator[Engine]:
    from services.store.db import migrate
    from services.store.db.session import make_engine

    db = make_engine(settings_for(url))
    migrate.upgrade(db)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def migrated_engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh database migrated to head (each Postgres path)."""
    yield from _migrated(database_url)


@pytest.fixture
def embedded_engine(embedded_database_url: str) -> Iterator[Engine]:
    """An engine on a fresh database of the embedded Postgres only, migrated to head (slower tests)."""
    yield from _migrated(embedded_database_url)
