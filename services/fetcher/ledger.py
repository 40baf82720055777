"""The ledger: what the fetcher published (article id + content hash) and how far each source got.

The pipeline talks to the `Ledger` protocol; `PgLedger` is the Postgres implementation (tables
in `services.fetcher.db.models`), running its blocking SQLAlchemy calls in worker threads.
Contract: `record()` writes one produced batch (ledger rows and raw archive rows) and the source's
progress in ONE transaction, and is only called after the broker acknowledged every record of the batch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from libs.runtime.db import DatabaseTimeouts, pg_engine, writer_engine
from services.fetcher.db.models import articles, raw_articles, sources


@dataclass(frozen=True, slots=True)
class Archived:
    """What the raw archive keeps of a published article: its record value and the dates to select on."""

    raw: bytes  # the RawArticle JSON as published
    fetched_at: datetime
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PublishedArticle:
    """A ledger row: an article version the broker acknowledged (and its archive row, when given)."""

    article_id: str
    content_hash: str
    source: str
    source_ref: str | None = None
    canonical_url: str | None = None
    archived: Archived | None = None


@dataclass(frozen=True, slots=True)
class ScanProgress:
    """How far the current scan of a source got (`cursor` = resume position after the last durable item)."""

    source: str
    kind: str
    fingerprint: str | None
    cursor: Mapping[str, Any] | None
    completed: bool = False
    scan_started_at: datetime = field(default_factory=lambda: datetime.now(UTC))


class Ledger(Protocol):
    async def known(self, article_ids: Sequence[str]) -> dict[str, str]:
        """content hash last published for each of `article_ids` that is in the ledger."""
        ...

    async def record(self, rows: Sequence[PublishedArticle], progress: ScanProgress | None) -> None:
        """Upsert `rows` (a changed hash counts a new version) and save `progress`, in one transaction."""
        ...

    async def progress(self, source: str) -> ScanProgress | None:
        """The saved progress of `source`, None when it was never scanned."""
        ...


def ledger_engine(
    database_url: str, settings: DatabaseTimeouts | None = None, *, application_name: str = "accord-fetcher"
) -> Engine:
    """A small pooled engine for the ledger; with `settings` (the fetcher's), the `ACCORD_DB_*` connect
    and statement timeouts and TCP keepalives (`libs.runtime.db.writer_engine`), so a frozen database
    fails a ledger call (retried by the pipeline) instead of hanging it."""
    if settings is None:
        return pg_engine(database_url, application_name=application_name)
    return writer_engine(database_url, settings, application_name=application_name)


def _archive(conn: Connection, rows: Sequence[PublishedArticle], now: datetime) -> None:
    """Upsert the archive rows of `rows` (a new content hash replaces the stored version)."""
    values = [
        {
            "article_id": r.article_id,
            "source": r.source,
            "published_at": r.archived.published_at,
            "fetched_at": r.archived.fetched_at,
            "content_hash": r.content_hash,
            "raw": r.archived.raw.decode("utf-8"),
            "archived_at": now,
        }
        for r in rows
        if r.archived is not None
    ]
    if not values:
        return
    stmt = pg_insert(raw_articles)
    data = ("source", "published_at", "fetched_at", "content_hash", "raw", "archived_at")
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[raw_articles.c.article_id],
            set_={k: stmt.excluded[k] for k in data},
            where=raw_articles.c.content_hash != stmt.excluded.content_hash,
        ),
        values,
    )


class PgLedger:
    """The ledger in Postgres (the fetcher's migrations must have run)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- sync implementations (run in threads) ---

    def known_sync(self, article_ids: Sequence[str]) -> dict[str, str]:
        if not article_ids:
            return {}
        q = select(articles.c.article_id, articles.c.content_hash).where(
            articles.c.article_id.in_(list(article_ids))
        )
        with self.engine.connect() as conn:
            return {row.article_id: row.content_hash for row in conn.execute(q)}

    def record_sync(self, rows: Sequence[PublishedArticle], progress: ScanProgress | None) -> None:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            _archive(conn, rows, now)
            if rows:
                stmt = pg_insert(articles)
                stmt = stmt.on_conflict_do_update(
                    index_elements=[articles.c.article_id],
                    set_={
                        "content_hash": stmt.excluded.content_hash,
                        "source": stmt.excluded.source,
                        "source_ref": stmt.excluded.source_ref,
                        "canonical_url": stmt.excluded.canonical_url,
                        "published_at": stmt.excluded.published_at,
                        "versions": articles.c.versions + 1,
                    },
                    where=articles.c.content_hash != stmt.excluded.content_hash,
                )
                conn.execute(
                    stmt,
                    [
                        {
                            "article_id": r.article_id,
                            "content_hash": r.content_hash,
                            "source": r.source,
                            "source_ref": r.source_ref,
                            "canonical_url": r.canonical_url,
                            "versions": 1,
                            "first_published_at": now,
                            "published_at": now,
                        }
                        for r in rows
                    ],
                )
            if progress is not None:
                values = {
                    "source": progress.source,
                    "kind": progress.kind,
                    "fingerprint": progress.fingerprint,
                    "cursor": dict(progress.cursor) if progress.cursor is not None else None,
                    "completed": progress.completed,
                    "scan_started_at": progress.scan_started_at,
                    "updated_at": now,
                    "completed_at": now if progress.completed else None,
                }
                ins = pg_insert(sources).values(**values)
                conn.execute(
                    ins.on_conflict_do_update(
                        index_elements=[sources.c.source],
                        set_={k: ins.excluded[k] for k in values if k != "source"},
                    )
                )

    def progress_sync(self, source: str) -> ScanProgress | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(sources).where(sources.c.source == source)).first()
        if row is None:
            return None
        return ScanProgress(
            source=row.source,
            kind=row.kind,
            fingerprint=row.fingerprint,
            cursor=row.cursor,
            completed=row.completed,
            scan_started_at=row.scan_started_at,
        )

    def forget_sync(self, article_ids: Sequence[str]) -> int:
        """Forget that `article_ids` were published, so the next scan publishes them again.

        For a broker that lost its data (the embedded one is memory-only): deletes the ledger rows
        and the saved progress of every source they came from (a completed, unchanged source would
        otherwise not be read again), in one transaction. Returns the number of rows deleted.
        """
        if not article_ids:
            return 0
        ids = list(article_ids)
        with self.engine.begin() as conn:
            names = set(
                conn.execute(
                    select(articles.c.source).where(articles.c.article_id.in_(ids)).distinct()
                ).scalars()
            )
            deleted = int(conn.execute(articles.delete().where(articles.c.article_id.in_(ids))).rowcount or 0)
            if names:
                conn.execute(sources.delete().where(sources.c.source.in_(sorted(names))))
        return deleted

    def reset_sync(self, source: str | None = None) -> int:
        """Forget the progress of `source` (all sources when None); the article rows stay."""
        with self.engine.begin() as conn:
            q = sources.delete()
            if source is not None:
                q = q.where(sources.c.source == source)
            return int(conn.execute(q).rowcount or 0)

    # --- the async `Ledger` protocol ---

    async def known(self, article_ids: Sequence[str]) -> dict[str, str]:
        return await asyncio.to_thread(self.known_sync, article_ids)

    async def record(self, rows: Sequence[PublishedArticle], progress: ScanProgress | None) -> None:
        await asyncio.to_thread(self.record_sync, rows, progress)

    async def progress(self, source: str) -> ScanProgress | None:
        return await asyncio.to_thread(self.progress_sync, source)


def published_count(engine: Engine) -> int:
    """How many articles the ledger says were published (for `accord up`'s progress line)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())


def forget_unconfirmed(engine: Engine, confirmed: Mapping[str, str | None]) -> int:
    """Forget every published article the store has not confirmed (same id and content hash); how many.

    For `accord up` after the embedded (memory-only) broker lost what it held: `confirmed` is
    `services.store.confirmations.confirmed_articles()`; the next scan publishes the rest again.
    """
    return PgLedger(engine).forget_sync(unconfirmed(engine, confirmed))


def unconfirmed(engine: Engine, confirmed: Mapping[str, str | None]) -> list[str]:
    """Ids of the published articles that `confirmed` (article id -> content hash) does not hold as published."""
    with engine.connect() as conn:
        rows = conn.execute(select(articles.c.article_id, articles.c.content_hash)).all()
    return [
        r.article_id
        for r in rows
        if r.article_id not in confirmed or confirmed[r.article_id] != r.content_hash
    ]
