"""Database URL handling shared by the services that use Postgres.

Operators give a plain `postgresql://user:pass@host:port/db` URL (or the
unix-socket form `postgresql://user@/db?host=/dir`); SQLAlchemy gets it with
the psycopg 3 driver.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
