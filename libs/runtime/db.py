"""Database URL handling shared by the services that use Postgres.

Operators give a plain `postgresql://user:pass@host:port/db` URL (or the
unix-socket form `postgresql://user@/db?host=/dir`); SQLAlchemy gets it with
the psycopg 3 driver.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import structlog
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError

log = structlog.get_logger(__name__)


def sqlalchemy_url(url: str) -> URL:
    """`url` with the `postgresql+psycopg` driver (sync and asyncio engines both use psycopg 3)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2", "postgresql+asyncpg"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if not parsed.drivername.startswith("postgresql"):
        raise ValueError(f"unsupported database URL scheme {parsed.drivername!r}: Accord needs PostgreSQL")
    return parsed


def redacted(url: str) -> str:
    """The URL with its password hidden, for logs."""
    return make_url(url).render_as_string(hide_password=True)


def with_query_defaults(url: str, params: dict[str, str]) -> str:
    """`url` with `params` added to its query string; parameters the URL already sets win.

    How `ACCORD_DATABASE_SSLMODE` / `ACCORD_DATABASE_SSLROOTCERT` reach libpq
    (`postgresql://u:p@db:5432/accord` + sslmode=verify-full → `...?sslmode=verify-full`).
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {k for k, _ in query}
    query += [(k, v) for k, v in params.items() if k not in present]
    return urlunsplit(parts._replace(query=urlencode(query, safe="/")))


def pg_engine(
    url: str,
    *,
    application_name: str,
    pool_size: int = 4,
    max_overflow: int = 4,
    connect_timeout_s: float = 10,
    statement_timeout_ms: int | None = None,
    session_settings: Mapping[str, str] | None = None,
    pool_timeout_s: float = 30.0,
    keepalives_idle_s: int | None = None,
    checkout_deadline_s: float | None = None,
) -> Engine:
    """A pooled PostgreSQL engine (psycopg 3): pre-ping, hourly recycling, a connect timeout, an
    optional server-side statement timeout and other server settings for every session
    (`session_settings`, e.g. `{"work_mem": "32MB"}`); `application_name` shows in `pg_stat_activity`;
    waiting for a free pooled connection fails after `pool_timeout_s`; `keepalives_idle_s` turns on
    TCP keepalives (`keepalive_args`); `checkout_deadline_s` bounds every use of a pooled connection on
    the client side (`guard_checkouts`)."""
    connect_args: dict[str, object] = {
        "connect_timeout": connect_timeout_s,
        "application_name": application_name,
        **keepalive_args(keepalives_idle_s),
    }
    settings = dict(session_settings or {})
    if statement_timeout_ms:
        settings["statement_timeout"] = str(int(statement_timeout_ms))
    if settings:
        connect_args["options"] = " ".join(f"-c {name}={value}" for name, value in settings.items())
    engine = create_engine(
        sqlalchemy_url(url),
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=not checkout_deadline_s,  # else `guard_checkouts` pings, within a deadline
        pool_recycle=1800,
        pool_timeout=pool_timeout_s,
        connect_args=connect_args,
    )
    if checkout_deadline_s:
        guard_checkouts(engine, checkout_deadline_s, ping_deadline_s=connect_timeout_s)
    return engine


def keepalive_args(idle_s: int | None) -> dict[str, int]:
    """libpq TCP keepalive parameters: first probe after `idle_s` idle seconds, then every `idle_s / 3`,
    3 unanswered probes close the connection (so a vanished server or a cut network fails the query
    instead of blocking it). {} for None or 0 (the OS default). libpq ignores them on unix sockets."""
    if not idle_s:
        return {}
    return {
        "keepalives": 1,
        "keepalives_idle": idle_s,
        "keepalives_interval": max(1, idle_s // 3),
        "keepalives_count": 3,
    }


class DatabaseTimeouts(Protocol):
    db_connect_timeout_s: int
    db_statement_timeout_ms: int
    db_keepalives_idle_s: int


def writer_engine(url: str, settings: DatabaseTimeouts, *, application_name: str, **pool: Any) -> Engine:
    """`pg_engine` for a service's writes, with the `ACCORD_DB_*` timeouts of `settings` (`CommonSettings`):
    connect timeout, statement timeout, TCP keepalives, and the client-side checkout deadline
    (`checkout_deadline`, `guard_checkouts`). A locked, frozen or vanished database then fails the
    call with an `OperationalError` (retried by the caller's `RetryPolicy`) instead of hanging it."""
    return pg_engine(
        url,
        application_name=application_name,
        connect_timeout_s=settings.db_connect_timeout_s,
        statement_timeout_ms=settings.db_statement_timeout_ms or None,
        keepalives_idle_s=settings.db_keepalives_idle_s,
        checkout_deadline_s=checkout_deadline(settings),
        **pool,
    )


def checkout_deadline(settings: DatabaseTimeouts) -> float | None:
    """The client-side bound of one unit of work: twice the statement timeout (None without one).

    The server's statement timeout ends a slow statement; this ends a wait on a server that does not
    answer at all (stopped, frozen, cut off), which no server-side timeout can."""
    return 2 * settings.db_statement_timeout_ms / 1000 if settings.db_statement_timeout_ms else None


def _shutdown_socket(dbapi_connection: Any) -> None:
    """Shut the connection's socket down (from another thread): a call blocked on it fails at once."""
    if dbapi_connection.closed:
        return
    with (
        contextlib.suppress(OSError, ValueError),
        socket.socket(fileno=os.dup(dbapi_connection.fileno())) as s,
    ):
        s.shutdown(socket.SHUT_RDWR)


def _deadline(dbapi_connection: Any, seconds: float, what: str) -> threading.Timer:
    def expire() -> None:
        log.warning("db.deadline_expired", what=what, deadline_s=seconds)
        _shutdown_socket(dbapi_connection)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    return timer


def guard_checkouts(engine: Engine, deadline_s: float, *, ping_deadline_s: float) -> None:
    """Bound every checkout of `engine`'s pool on the client side.

    On checkout the connection is pinged (`SELECT 1`) within `ping_deadline_s`, a failure discards it
    (`DisconnectionError`: the pool connects afresh, within the connect timeout); from then until its
    check-in (the unit of work: statements, commit, the reset) a timer of `deadline_s` runs, and when
    it expires the connection's socket is shut down, so the blocked call raises `OperationalError`
    (the connection is then invalidated) and the caller's `RetryPolicy` retries. A server that does
    not answer (SIGSTOP, a host gone) thus fails a call instead of hanging it.
    """

    @event.listens_for(engine, "checkout")
    def _ping_and_arm(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        ping = _deadline(dbapi_connection, ping_deadline_s, "ping")
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError(f"ping failed: {type(exc).__name__}: {exc}") from exc
        finally:
            ping.cancel()
        record.info["accord_deadline"] = _deadline(dbapi_connection, deadline_s, "checkout")

    @event.listens_for(engine, "checkin")
    def _disarm(dbapi_connection: Any, record: Any) -> None:
        timer = record.info.pop("accord_deadline", None)
        if timer is not None:
            timer.cancel()
