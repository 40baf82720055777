"""Engine helpers: one SQLAlchemy engine per process, built from `ACCORD_DATABASE_URL`."""

from __future__ import annotations

import time

import structlog
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from libs.runtime.db import sqlalchemy_url
from services.store.core.config import StoreSettings

log = structlog.get_logger(__name__)


def database_url(settings: StoreSettings) -> str:
    """The configured database URL; raises a clear error when it is missing."""
    if not settings.database_url:
        raise RuntimeError("ACCORD_DATABASE_URL is not set (accord up passes the embedded Postgres' URL)")
    return settings.database_url


def make_engine(
    settings: StoreSettings,
    *,
    statement_timeout_ms: int | None = None,
    work_mem_mb: int | None = None,
    pool_timeout_s: float = 30.0,
) -> Engine:
    """A pooled engine (psycopg 3) with pre-ping, a connect timeout and optional session settings
    (a statement timeout; `work_mem` for queries, with custom plans for every execution of a prepared
    statement and no JIT); waiting for a free pooled connection fails after `pool_timeout_s`."""
    connect_args: dict[str, object] = {
        "connect_timeout": settings.db_connect_timeout_s,
        "application_name": "accord-store",
    }
    options = []
    if statement_timeout_ms:
        options.append(f"-c statement_timeout={int(statement_timeout_ms)}")
    if work_mem_mb:
        options.append(f"-c work_mem={int(work_mem_mb)}MB")
        options.append("-c plan_cache_mode=force_custom_plan")  # plans for the actual filter values
        options.append("-c jit=off")  # compiling costs more than it saves on these short queries
    if options:
        connect_args["options"] = " ".join(options)
    return create_engine(
        sqlalchemy_url(database_url(settings)),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
        pool_recycle=1800,
        pool_timeout=pool_timeout_s,
        connect_args=connect_args,
    )


def ping(engine: Engine) -> None:
    """`SELECT 1`; raises the driver's error when the database is unreachable."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def wait_for_database(engine: Engine, timeout_s: float) -> None:
    """Block until the database answers, retrying with backoff for up to `timeout_s`; re-raise after."""
    deadline = time.monotonic() + timeout_s
    delay = 0.2
    while True:
        try:
            ping(engine)
            return
        except DBAPIError as exc:
            if time.monotonic() + delay > deadline:
                raise
            log.warning(
                "db.unavailable",
                url=engine.url.render_as_string(hide_password=True),
                error=str(exc.orig or exc).strip().splitlines()[0],
                retry_in_s=round(delay, 2),
            )
            time.sleep(delay)
            delay = min(delay * 2, 5.0)
