"""Article queries: the articles listing (keyset-paged by publication, newest first) and one article.

An article's API status comes from its newest extraction summary: `skipped`
(not extracted, see `skip_reason`), `no_events` (extracted, nothing found) or
`extracted` (one or more events).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Text, and_, cast, or_, select

from services.store.crud.events import with_status
from services.store.crud.totals import Total, bounded_total
from services.store.db.models import articles, events

ArticleStatus = Literal["extracted", "no_events", "skipped"]
#: (published_at or None, article_id)
ArticleKey = tuple[datetime | None, str]


@dataclass(frozen=True)
class ArticleFilter:
    """Filters of `GET /v1/articles` (AND); `statuses` any of."""

    publisher: str | None = None
    published_since: datetime | None = None
    published_until: datetime | None = None
    statuses: Sequence[ArticleStatus] = ()

    def conditions(self) -> list[ColumnElement[bool]]:
        c = articles.c
        out: list[ColumnElement[bool]] = []
        if self.publisher:
            out.append(c.publisher == self.publisher)
        if self.published_since is not None:
            out.append(c.published_at >= self.published_since)
        if self.published_until is not None:
            out.append(c.published_at <= self.published_until)
        if self.statuses:
            wanted = set(self.statuses)
            out.append(or_(*(_STATUS_SQL[s] for s in sorted(wanted))))
        return out


_STATUS_SQL: dict[str, ColumnElement[bool]] = {
    "skipped": articles.c.status == "skipped",
    "no_events": and_(articles.c.status == "extracted", articles.c.event_count == 0),
    "extracted": and_(articles.c.status == "extracted", articles.c.event_count > 0),
}


def api_status(stored_status: str, event_count: int) -> ArticleStatus:
    if stored_status == "skipped":
        return "skipped"
    return "extracted" if event_count else "no_events"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def article_document(row: Any) -> dict[str, Any]:
    """The API's Article object of an `articles` row."""
    return {
        "article_id": row.article_id,
        "url": row.url,
        "title": row.title,
        "publisher": row.publisher,
        "published_at": _iso(row.published_at),
        "language": row.language,
        "status": api_status(row.status, row.event_count),
        "skip_reason": row.skip_reason,
        "event_count": row.event_count,
        "extracted_at": _iso(row.extracted_at),
        "extractor": {"name": row.extractor_name, "version": row.extractor_version},
    }


def _after(key: ArticleKey) -> ColumnElement[bool]:
    c = articles.c
    published, article_id = key
    if published is None:
        return and_(c.published_at.is_(None), c.article_id < article_id)
    return or_(
        c.published_at < published,
        and_(c.published_at == published, c.article_id < article_id),
        c.published_at.is_(None),
    )


@dataclass(frozen=True)
class ListedArticles:
    items: list[dict[str, Any]]
    next_key: ArticleKey | None
    total: Total


def list_articles(
    conn: Connection, flt: ArticleFilter, *, after: ArticleKey | None, limit: int, total_cap: int
) -> ListedArticles:
    """A page of articles, newest publication first (unknown publication last), ties by id descending."""
    c = articles.c
    query = select(articles).where(*flt.conditions())
    if after is not None:
        query = query.where(_after(after))
    query = query.order_by(c.published_at.desc().nulls_last(), c.article_id.desc()).limit(limit + 1)
    rows = conn.execute(query).all()
    more = len(rows) > limit
    rows = rows[:limit]
    total = bounded_total(conn, articles, flt.conditions(), total_cap)
    next_key = (rows[-1].published_at, rows[-1].article_id) if more else None
    return ListedArticles([article_document(r) for r in rows], next_key, total)


def get_article(conn: Connection, article_id: str) -> tuple[dict[str, Any], list[bytes]] | None:
    """(Article, JSON of its current events, newest date first) or None when no summary is stored."""
    row = conn.execute(select(articles).where(articles.c.article_id == article_id)).first()
    if row is None:
        return None
    found = conn.execute(
        select(cast(events.c.payload, Text))
        .where(events.c.article_id == article_id, events.c.retired_at.is_(None))
        .order_by(events.c.date_start.desc().nulls_last(), events.c.event_id.desc())
    ).scalars()
    return article_document(row), [with_status(payload, True) for payload in found]
