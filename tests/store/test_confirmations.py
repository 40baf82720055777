"""What the store confirms: complete articles (summary and every listed event) and the stored counts."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from services.store.confirmations import confirmed_articles, stored_counts
from services.store.persist import apply_batch
from tests.store.factories import extraction_of, make_extraction

pytestmark = pytest.mark.integration


def test_only_articles_with_every_listed_event_stored_are_confirmed(migrated_engine: Engine) -> None:
    complete, summary = extraction_of("a-complete", 2)
    partial, partial_summary = extraction_of("a-partial", 3)
    no_events = make_extraction("a-empty", [], content_hash="1" * 64)
    with migrated_engine.begin() as conn:
        apply_batch(conn, [*complete, summary, partial[0], partial_summary, no_events])
    assert confirmed_articles(migrated_engine) == {"a-complete": "0" * 64, "a-empty": "1" * 64}
    assert stored_counts(migrated_engine) == (3, 3)


def test_nothing_stored_confirms_nothing(migrated_engine: Engine) -> None:
    assert confirmed_articles(migrated_engine) == {}
    assert stored_counts(migrated_engine) == (0, 0)
