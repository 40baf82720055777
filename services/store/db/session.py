"""Engine helpers: one SQLAlchemy engine per process, built from `ACCORD_DATABASE_URL`."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from libs.runtime.db import pg_engine
from libs.runtime.retry import RetryPolicy, count_retry, retry_sync
from services.store.core.config import SERVICE_NAME, StoreSettings


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
    checkout_deadline_s: float | None = None,
) -> Engine:
    """The store's pooled engine (`libs.runtime.db.pg_engine`) with the `ACCORD_DB_*` pool settings and
    optional session settings: a statement timeout; `work_mem` for queries, with custom plans for every
    execution of a prepared statement, no JIT and no parallel workers. Waiting for a free pooled connection fails after
    `pool_timeout_s`. The connect timeout and TCP keepalives come from `ACCORD_DB_*` (the sink's writer
    adds `ACCORD_DB_STATEMENT_TIMEOUT_MS` and a client-side `checkout_deadline_s`, see
    `libs.runtime.db.guard_checkouts`)."""
    session: dict[str, str] = {}
    if work_mem_mb:
        session["work_mem"] = f"{int(work_mem_mb)}MB"
        session["plan_cache_mode"] = "force_custom_plan"  # plans for the actual filter values
        session["jit"] = "off"  # compiling costs more than it saves on these short queries
        # one process per query: under concurrent requests, parallel workers only add processes that
        # compete for the same cores (and a parallel plan's start-up costs more than these queries)
        session["max_parallel_workers_per_gather"] = "0"
    return pg_engine(
        database_url(settings),
        application_name="accord-store",
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        connect_timeout_s=settings.db_connect_timeout_s,
        statement_timeout_ms=statement_timeout_ms,
        session_settings=session,
        pool_timeout_s=pool_timeout_s,
        keepalives_idle_s=settings.db_keepalives_idle_s,
        checkout_deadline_s=checkout_deadline_s,
    )


def ping(engine: Engine) -> None:
    """`SELECT 1`; raises the driver's error when the database is unreachable."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def wait_for_database(engine: Engine, timeout_s: float) -> None:
    """Block until the database answers, retrying with backoff for up to `timeout_s`; re-raise after."""
    retry_sync(
        lambda: ping(engine),
        policy=RetryPolicy(initial_s=0.2, max_s=5.0, deadline_s=timeout_s),
        is_transient=lambda exc: isinstance(exc, DBAPIError),
        operation="db_connect",
        on_retry=count_retry(SERVICE_NAME, url=engine.url.render_as_string(hide_password=True)),
    )
