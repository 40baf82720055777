"""Replay: re-publish archived raw articles (`fetcher_raw_articles`) to `articles.raw`.

```python
selection = ReplaySelection(since=date(2024, 1, 1), until=date(2024, 1, 31), source="tehran-times")
report = await replay(PgArchive(engine), producer, selection, topic="articles.raw")
```

Selection: `since`/`until` are dates (inclusive, UTC) on the article's own `published_at`
(an article without one is selected only when neither is given); `source` the source name;
`article_ids` exact ids. Filters combine with AND. Articles go out in article-id order, in
batches, each batch acknowledged before the next is read (keyset pagination: nothing is held).

Idempotent: a replayed record has the article's key and the exact value first published, and
the extractor's event ids are deterministic, so downstream a replay (or one interrupted and run
again) only repeats records that upserts absorb; it never adds an event under a new id unless the
extractor changed. Records carry an `accord_replay_id` header besides the CloudEvents headers.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Protocol

from sqlalchemy import Engine, and_, func, select

from libs.contracts.articles import RawArticle
from libs.contracts.records import OutRecord, encode
from libs.runtime.errors import is_transient
from libs.runtime.retry import RetryPolicy, retry_async
from services.fetcher.db.models import raw_articles
from services.fetcher.pipeline import Publisher

REPLAY_HEADER = "accord_replay_id"
CE_SOURCE = "accord/replay"


@dataclass(frozen=True, slots=True)
class ReplaySelection:
    """Which archived articles to replay (see the module docstring)."""

    since: date | None = None
    until: date | None = None
    source: str | None = None
    article_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")

    def describe(self) -> dict[str, object]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "source": self.source,
            "article_ids": list(self.article_ids),
        }


@dataclass(frozen=True, slots=True)
class ArchivedArticle:
    article_id: str
    raw: str  # the RawArticle JSON as first published


class Archive(Protocol):
    """The raw archive as replay reads it."""

    def count(self, selection: ReplaySelection) -> int: ...

    def batches(self, selection: ReplaySelection, size: int) -> Iterator[list[ArchivedArticle]]: ...


def _start_of(day: date) -> datetime:
    return datetime.combine(day, dtime.min, tzinfo=UTC)


class PgArchive:
    """`fetcher_raw_articles` in the fetcher's Postgres (migrations applied)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @staticmethod
    def where(selection: ReplaySelection):  # type: ignore[no-untyped-def]
        t = raw_articles.c
        clauses = []
        if selection.since is not None:
            clauses.append(t.published_at >= _start_of(selection.since))
        if selection.until is not None:
            clauses.append(t.published_at < _start_of(selection.until + timedelta(days=1)))
        if selection.source is not None:
            clauses.append(t.source == selection.source)
        if selection.article_ids:
            clauses.append(t.article_id.in_(list(selection.article_ids)))
        return and_(True, *clauses)

    def count(self, selection: ReplaySelection) -> int:
        q = select(func.count()).select_from(raw_articles).where(self.where(selection))
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def batches(self, selection: ReplaySelection, size: int) -> Iterator[list[ArchivedArticle]]:
        after = ""
        while True:
            q = (
                select(raw_articles.c.article_id, raw_articles.c.raw)
                .where(self.where(selection), raw_articles.c.article_id > after)
                .order_by(raw_articles.c.article_id)
                .limit(size)
            )
            with self.engine.connect() as conn:
                rows = [ArchivedArticle(r.article_id, r.raw) for r in conn.execute(q)]
            if not rows:
                return
            yield rows
            after = rows[-1].article_id


@dataclass
class ReplayProgress:
    """Where a replay is (also its final report)."""

    replay_id: str
    selected: int = 0
    published: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: bool = False

    def as_dict(self) -> dict[str, object]:
        seconds = time.monotonic() - self.started
        return {
            "replay_id": self.replay_id,
            "selected": self.selected,
            "published": self.published,
            "seconds": round(seconds, 2),
            "articles_per_s": round(self.published / seconds, 1) if seconds > 0 else None,
            "finished": self.finished,
        }


def replay_record(article: ArchivedArticle, *, topic: str, replay_id: str) -> OutRecord:
    """The record re-publishing `article`: its key, its stored value, fresh CloudEvents headers."""
    model = RawArticle.model_validate_json(article.raw)
    headers = [*encode(model, topic=topic, source=CE_SOURCE).headers, (REPLAY_HEADER, replay_id.encode())]
    return OutRecord(
        topic=topic, key=article.article_id.encode(), value=article.raw.encode(), headers=headers
    )


async def replay(
    archive: Archive,
    publisher: Publisher,
    selection: ReplaySelection,
    *,
    topic: str,
    batch_size: int = 500,
    retry: RetryPolicy | None = None,
    on_progress: Callable[[ReplayProgress], None] = lambda _: None,
    replay_id: str | None = None,
) -> ReplayProgress:
    """Publish every archived article of `selection` to `topic`; the final progress (see the module doc).

    Transient broker failures are retried per `retry` (a batch is re-sent whole: duplicates only).
    """
    progress = ReplayProgress(replay_id=replay_id or uuid.uuid4().hex[:12])
    progress.selected = await asyncio.to_thread(archive.count, selection)
    on_progress(progress)
    policy = retry or RetryPolicy()
    batches = archive.batches(selection, batch_size)
    while (batch := await asyncio.to_thread(next, batches, None)) is not None:
        records = [replay_record(a, topic=topic, replay_id=progress.replay_id) for a in batch]
        await retry_async(
            lambda records=records: publisher.send_many(records),
            policy=policy,
            is_transient=is_transient,
            operation="replay_publish",
        )
        progress.published += len(records)
        on_progress(progress)
    progress.finished = True
    on_progress(progress)
    return progress


def parse_day(value: str) -> date:
    """`2024-05-01` (a datetime's date part is taken: `2024-05-01T10:00Z` -> 2024-05-01)."""
    return date.fromisoformat(value[:10])


def selection_of(
    since: str | None, until: str | None, source: str | None, article_ids: Sequence[str]
) -> ReplaySelection:
    """A selection from command-line / request strings (raises ValueError on a bad date or range)."""
    return ReplaySelection(
        since=parse_day(since) if since else None,
        until=parse_day(until) if until else None,
        source=source or None,
        article_ids=tuple(article_ids),
    )
