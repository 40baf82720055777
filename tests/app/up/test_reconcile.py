"""Reconcile asks both services: the ledger forgets what the store never fully received."""

from __future__ import annotations

import asyncio

import pytest

from app.up.reconcile import forget_unconfirmed
from services.fetcher.db.migrate import migrate_ledger
from services.fetcher.ledger import PgLedger, PublishedArticle, ledger_engine, published_count
from services.store.db import migrate
from services.store.db.session import make_engine
from services.store.persist import apply_batch
from tests.store.factories import extraction_of
from tests.store.helpers import settings_for

pytestmark = pytest.mark.integration


def test_reconcile_forgets_the_articles_the_store_does_not_confirm(database_url: str) -> None:
    migrate_ledger(database_url)
    store = make_engine(settings_for(database_url))
    ledger = ledger_engine(database_url)
    try:
        migrate.upgrade(store)
        stored, summary = extraction_of("done", 1)
        _, lost_summary = extraction_of("half", 2)
        with store.begin() as conn:
            apply_batch(conn, [*stored, summary, lost_summary])  # "half" has none of its 2 events
        rows = [PublishedArticle(a, "0" * 64, "src") for a in ("done", "half", "never")]
        asyncio.run(PgLedger(ledger).record(rows, None))
        assert forget_unconfirmed(database_url) == 2
        assert asyncio.run(PgLedger(ledger).known(["done", "half", "never"])) == {"done": "0" * 64}
        assert published_count(ledger) == 1
    finally:
        store.dispose()
        ledger.dispose()
