"""Database URL handling shared by the services that use Postgres.

Operators give a plain `postgresql://user:pass@host:port/db` URL (or the
unix-socket form `postgresql://user@/db?host=/dir`); SQLAlchemy gets it with
the psycopg 3 driver.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url


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
