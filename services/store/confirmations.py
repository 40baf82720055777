"""What the store confirms having received: for `accord up`'s reconcile and progress line.

The store owns its tables; other parts of Accord ask through these functions
instead of reading them.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from services.store.db.models import articles, events


def confirmed_articles(engine: Engine) -> dict[str, str | None]:
    """article id -> content hash of every article whose extraction summary and all its listed events are stored."""
    stored_events = (
        select(func.count())
        .select_from(events)
        .where(events.c.event_id == func.any(articles.c.event_ids))
        .scalar_subquery()
    )
    query = select(articles.c.article_id, articles.c.content_hash).where(
        articles.c.event_count == stored_events
    )
    with engine.connect() as conn:
        return {row.article_id: row.content_hash for row in conn.execute(query)}


def stored_counts(engine: Engine) -> tuple[int, int]:
    """(articles stored, current events stored)."""
    query = select(
        select(func.count()).select_from(articles).scalar_subquery(),
        select(func.count()).select_from(events).where(events.c.retired_at.is_(None)).scalar_subquery(),
    )
    with engine.connect() as conn:
        row = conn.execute(query).one()
    return int(row[0]), int(row[1])
