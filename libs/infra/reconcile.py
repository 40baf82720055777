"""Reconciling the fetcher's ledger with the store after the embedded broker lost its data.

The embedded broker is memory-only: whatever sat in Kafka when `accord up`
stopped is gone at the next start, although the fetcher's ledger says it was
published. An article counts as confirmed when the store holds its extraction
summary for the same content hash and every event that summary lists; the
ledger forgets every other article (and the progress of its source), so the
next scan publishes it again. Against a durable broker this must not run.
"""

from __future__ import annotations

from sqlalchemy import text

UNCONFIRMED_SQL = text(
    """
    select l.article_id
    from fetcher_ledger l
    where not exists (
        select 1
        from articles a
        where a.article_id = l.article_id
          and a.content_hash is not distinct from l.content_hash
          and a.event_count = (select count(*) from events e where e.event_id = any(a.event_ids))
    )
    """
)


def unconfirmed_article_ids(database_url: str) -> list[str]:
    """Ids the fetcher published that the store has not (fully) received."""
    from services.fetcher.ledger import make_engine

    engine = make_engine(database_url, application_name="accord-up")
    try:
        with engine.connect() as conn:
            return list(conn.execute(UNCONFIRMED_SQL).scalars())
    finally:
        engine.dispose()


def forget_unconfirmed(database_url: str) -> int:
    """Make the fetcher publish every unconfirmed article again; returns how many were forgotten."""
    from services.fetcher.ledger import PgLedger, make_engine

    ids = unconfirmed_article_ids(database_url)
    if not ids:
        return 0
    engine = make_engine(database_url, application_name="accord-up")
    try:
        return PgLedger(engine).forget_sync(ids)
    finally:
        engine.dispose()
