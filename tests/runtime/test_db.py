"""Database URLs, the one engine recipe, and the Postgres TLS settings that join the URL."""

from __future__ import annotations

import pytest

from libs.runtime.db import pg_engine, redacted, sqlalchemy_url, with_query_defaults
from libs.runtime.settings import CommonSettings

URL = "postgresql://accord:pw@db.example:5432/accord"


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


@pytest.mark.integration
def test_session_settings_and_the_statement_timeout_reach_every_connection(
    embedded_database_url: str,
) -> None:
    from sqlalchemy import text

    engine = pg_engine(
        embedded_database_url,
        application_name="accord-test",
        statement_timeout_ms=1500,
        session_settings={"work_mem": "24MB", "jit": "off"},
        pool_timeout_s=2,
    )
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SHOW work_mem")) == "24MB"
            assert conn.scalar(text("SHOW jit")) == "off"
            assert conn.scalar(text("SHOW statement_timeout")) == "1500ms"
            assert conn.scalar(text("SHOW application_name")) == "accord-test"
        assert engine.pool.timeout() == 2
    finally:
        engine.dispose()


def test_query_defaults_are_added_and_the_url_wins() -> None:
    assert with_query_defaults(URL, {"sslmode": "require"}) == URL + "?sslmode=require"
    assert with_query_defaults(URL + "?sslmode=disable", {"sslmode": "require"}) == URL + "?sslmode=disable"
    socket = "postgresql://accord@/accord?host=/run/pg"
    assert with_query_defaults(socket, {"sslmode": "disable"}) == socket + "&sslmode=disable"


def test_tls_settings_join_the_database_url() -> None:
    s = CommonSettings(
        database_url=URL, database_sslmode="verify-full", database_sslrootcert="/etc/pg/ca.crt"
    )
    assert s.database_url == URL + "?sslmode=verify-full&sslrootcert=/etc/pg/ca.crt"
    assert sqlalchemy_url(s.database_url).query == {"sslmode": "verify-full", "sslrootcert": "/etc/pg/ca.crt"}


def test_tls_settings_reach_the_engine() -> None:
    s = CommonSettings(database_url=URL, database_sslmode="require")
    engine = pg_engine(s.database_url, application_name="accord-test")
    assert engine.url.query == {"sslmode": "require"}
    engine.dispose()


def test_without_tls_settings_the_url_is_untouched() -> None:
    assert CommonSettings(database_url=URL).database_url == URL
    assert CommonSettings(database_sslmode="require").database_url is None  # embedded Postgres: nothing to do


def test_keepalives_are_off_by_default_and_derived_from_the_idle_time() -> None:
    from libs.runtime.db import keepalive_args

    assert keepalive_args(None) == {} and keepalive_args(0) == {}
    assert keepalive_args(30) == {
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
    }
    assert keepalive_args(2)["keepalives_interval"] == 1


@pytest.mark.integration
def test_the_writer_engine_carries_the_db_timeouts_of_the_settings(embedded_database_url: str) -> None:
    from sqlalchemy import text

    from libs.runtime.db import writer_engine

    s = CommonSettings(db_connect_timeout_s=3, db_statement_timeout_ms=1234, db_keepalives_idle_s=12)
    engine = writer_engine(embedded_database_url, s, application_name="accord-test", pool_size=1)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SHOW statement_timeout")) == "1234ms"
            dsn = conn.connection.dbapi_connection.info.dsn
        # libpq keeps what it was given, also on a unix socket (where keepalives do not apply)
        for param in ("connect_timeout=3", "keepalives=1", "keepalives_idle=12", "keepalives_interval=4"):
            assert param in dsn, dsn
    finally:
        engine.dispose()
    none = CommonSettings(db_statement_timeout_ms=0)
    engine = writer_engine(embedded_database_url, none, application_name="accord-test")
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SHOW statement_timeout")) == "0"
    finally:
        engine.dispose()


@pytest.mark.integration
def test_a_server_that_does_not_answer_fails_the_call_at_the_checkout_deadline(pg_tmp_path) -> None:
    """SIGSTOP of every Postgres process: with a checkout deadline, a unit of work fails (OperationalError,
    retried by callers) soon after the deadline instead of waiting for the server; a fresh checkout
    after SIGCONT works."""
    import time

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError, DisconnectionError

    from tests.integration.faults import OwnedPostgres

    pg = OwnedPostgres(pg_tmp_path)
    engine = pg_engine(pg.url, application_name="accord-test", connect_timeout_s=2, checkout_deadline_s=1.5)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT 1")) == 1
        with engine.connect() as conn:  # the pooled connection, checked out before the freeze
            pg.freeze()
            started = time.monotonic()
            with pytest.raises(DBAPIError):
                conn.execute(text("SELECT 1"))
            assert time.monotonic() - started < 10
        started = time.monotonic()
        with pytest.raises((DBAPIError, DisconnectionError)):  # a new checkout: connect timeout
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        assert time.monotonic() - started < 20
        pg.thaw()
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT 1")) == 1
    finally:
        pg.thaw()
        engine.dispose()
        pg.close()
