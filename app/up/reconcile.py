"""Reconciling the fetcher's ledger with the store after the embedded broker lost its data.

The embedded broker is memory-only: whatever sat in Kafka when `accord up`
stopped is gone at the next start, although the fetcher's ledger says it was
published. An article counts as confirmed when the store holds its extraction
summary for the same content hash and every event that summary lists; the
ledger forgets every other article (and the progress of its source), so the
next scan publishes it again. Each side answers through a function it owns
(`services.store.confirmations.confirmed_articles`,
`services.fetcher.ledger.forget_unconfirmed`). Against a durable broker this
must not run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from libs.runtime.db import pg_engine
from services.fetcher.ledger import forget_unconfirmed as forget_in_ledger
from services.fetcher.ledger import unconfirmed
from services.store.confirmations import confirmed_articles


@contextmanager
def _engine(database_url: str) -> Iterator[Engine]:
    """A one-connection engine for one reconciliation, disposed after it."""
    engine = pg_engine(database_url, application_name="accord-up", pool_size=1, max_overflow=0)
    try:
        yield engine
    finally:
        engine.dispose()


def forget_unconfirmed(database_url: str) -> int:
    """Make the fetcher publish every article the store has not confirmed again; how many were forgotten."""
    with _engine(database_url) as engine:
        return forget_in_ledger(engine, confirmed_articles(engine))


def count_unconfirmed(database_url: str) -> int:
    """How many published articles the store has not confirmed (nothing is forgotten)."""
    with _engine(database_url) as engine:
        return len(unconfirmed(engine, confirmed_articles(engine)))
