"""Database URLs and the one engine recipe."""

from __future__ import annotations

import pytest

from libs.runtime.db import pg_engine, redacted, sqlalchemy_url


def test_urls_get_the_psycopg_driver_and_passwords_are_hidden() -> None:
    assert sqlalchemy_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert sqlalchemy_url("postgres://u@/db?host=/tmp").drivername == "postgresql+psycopg"
    with pytest.raises(ValueError, match="PostgreSQL"):
        sqlalchemy_url("mysql://u@h/db")
    assert "secret" not in redacted("postgresql://u:secret@h/db")


def test_pg_engine_sets_the_pool_and_the_timeouts() -> None:
    engine = pg_engine(
        "postgresql://u@h/db",
        application_name="accord-test",
        pool_size=2,
        max_overflow=1,
        statement_timeout_ms=500,
    )
    assert engine.pool.size() == 2
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()
