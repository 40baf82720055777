"""The Postgres ledger's answers to `accord up`: how many published, and forgetting what a broker lost."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from services.fetcher.db.migrate import upgrade
from services.fetcher.ledger import (
    PgLedger,
    PublishedArticle,
    ScanProgress,
    forget_unconfirmed,
    ledger_engine,
    published_count,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = ledger_engine(database_url)
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def test_forget_unconfirmed_keeps_only_what_the_store_confirmed(engine: Engine) -> None:
    ledger = PgLedger(engine)
    h = [f"{i:064x}" for i in range(5)]
    rows = [PublishedArticle(f"a{i}", h[i], "src") for i in range(4)]
    asyncio.run(
        ledger.record(
            rows, ScanProgress(source="src", kind="jsonl", fingerprint="f", cursor={"i": 4}, completed=True)
        )
    )
    assert published_count(engine) == 4
    confirmed = {"a0": h[0], "a1": h[4], "a3": h[3]}  # a1: another version stored; a2: never stored
    assert forget_unconfirmed(engine, confirmed) == 2
    assert published_count(engine) == 2
    assert asyncio.run(ledger.known(["a0", "a1", "a2", "a3"])) == {"a0": h[0], "a3": h[3]}
    assert asyncio.run(ledger.progress("src")) is None  # the source is read again from the start
    assert forget_unconfirmed(engine, confirmed) == 0


def test_a_ledger_write_stuck_on_the_database_fails_as_a_retried_error(
    engine: Engine, database_url: str
) -> None:
    """With the fetcher's settings the ledger has a statement timeout: a write waiting on a held lock
    (as on a frozen database) raises what the fetcher retries, instead of hanging."""
    import psycopg

    from services.fetcher.config import FetcherSettings
    from services.fetcher.service import _is_transient

    settings = FetcherSettings(database_url=database_url, db_statement_timeout_ms=300)
    ledger = PgLedger(ledger_engine(database_url, settings))
    row = PublishedArticle("a1", f"{1:064x}", "src")
    try:
        with psycopg.connect(database_url) as holder:
            holder.execute("LOCK TABLE fetcher_ledger IN ACCESS EXCLUSIVE MODE")
            with pytest.raises(Exception, match="statement timeout") as info:
                asyncio.run(ledger.record([row], None))
            assert _is_transient(info.value)
        asyncio.run(ledger.record([row], None))
        assert asyncio.run(ledger.known(["a1"])) == {"a1": row.content_hash}
    finally:
        ledger.engine.dispose()
