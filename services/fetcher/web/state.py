"""Per-URL and per-source state of the web path, in Postgres beside the ledger (survives restarts).

A page is *done* when its row says `rejected`, or `article` and the ledger holds its article id
(with the same content hash, or a version published after this fetch). `pending(source)` lists
what a poll must fetch: pages never fetched, fetched but never durably published (a crash between
fetch and ledger), failed fewer than `max_failures` times, or whose listing date is newer than the
one seen when they were fetched (the feed says it was updated). Because listings are noted before
any page is fetched and pages become done only through the ledger, a poll killed at any point
loses nothing: the next poll (even after a 304 on the feed) takes the pending pages again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, and_, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from services.fetcher.db.models import articles as ledger
from services.fetcher.db.web_models import web_sources, web_urls
from services.fetcher.web.client import Validators
from services.fetcher.web.discovery import Entry

T = TypeVar("T")
NOTE_CHUNK = 1000


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class UrlRow:
    """A page's state; `durable` = done (see the module docstring)."""

    url: str
    source: str
    outcome: str | None = None
    entry_updated: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    fetched_at: datetime | None = None
    durable: bool = False

    @property
    def validators(self) -> Validators | None:
        """Validators worth sending: only when a 304 leaves nothing to do (the page is done)."""
        if self.durable and (self.etag or self.last_modified):
            return Validators(self.etag, self.last_modified)
        return None


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """What a fetch of a page gave, for `WebState.record_page`."""

    outcome: str  # article | rejected | failed | not_modified
    reason: str | None = None
    http_status: int | None = None
    validators: Validators | None = None
    final_url: str | None = None
    canonical_url: str | None = None
    article_id: str | None = None
    content_hash: str | None = None


def _durable_expr() -> Any:
    ledger_has = and_(
        ledger.c.article_id.is_not(None),
        or_(ledger.c.content_hash == web_urls.c.content_hash, ledger.c.published_at >= web_urls.c.fetched_at),
    )
    return or_(web_urls.c.outcome == "rejected", and_(web_urls.c.outcome == "article", ledger_has))


class PgWebState:
    """The web state in Postgres (the fetcher's migrations must have run); async methods run in threads."""

    def __init__(self, engine: Engine, *, max_failures: int = 5) -> None:
        self.engine = engine
        self.max_failures = max_failures

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(fn, *args)

    # --- sources -------------------------------------------------------------------------------

    def _poll_started(self, source: str, kind: str, url: str) -> dict[str, Any]:
        now = _now()
        ins = pg_insert(web_sources).values(
            source=source, kind=kind, url=url, last_poll_at=now, updated_at=now
        )
        with self.engine.begin() as conn:
            conn.execute(
                ins.on_conflict_do_update(
                    index_elements=[web_sources.c.source],
                    set_={"kind": kind, "url": url, "last_poll_at": now, "updated_at": now},
                )
            )
            row = conn.execute(select(web_sources).where(web_sources.c.source == source)).one()
        return dict(row._mapping)

    async def poll_started(self, source: str, kind: str, url: str) -> dict[str, Any]:
        """Record the start of a poll; returns the source's row (`discovered`, `consecutive_failures`, ...)."""
        return await self._run(self._poll_started, source, kind, url)

    def _poll_ended(self, source: str, found: int, reason: str | None, detail: str | None) -> int:
        now = _now()
        c = web_sources.c
        if reason is None:
            values: dict[str, Any] = {
                "last_success_at": now,
                "consecutive_failures": 0,
                "articles_found": c.articles_found + found,
                "last_poll_articles": found,
            }
        else:
            values = {
                "last_error": (detail or "")[:2000],
                "last_error_reason": reason,
                "last_error_at": now,
                "consecutive_failures": c.consecutive_failures + 1,
                "articles_found": c.articles_found + found,
                "last_poll_articles": found,
            }
        with self.engine.begin() as conn:
            row = conn.execute(
                update(web_sources)
                .where(c.source == source)
                .values(updated_at=now, **values)
                .returning(c.consecutive_failures)
            ).first()
        return int(row[0]) if row else 0

    async def poll_ended(
        self, source: str, found: int, reason: str | None = None, detail: str | None = None
    ) -> int:
        """Record the end of a poll (`reason` set = it failed); returns the failures in a row."""
        return await self._run(self._poll_ended, source, found, reason, detail)

    def _set_discovered(self, source: str, discovered: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(web_sources).where(web_sources.c.source == source).values(discovered=discovered)
            )

    async def set_discovered(self, source: str, discovered: dict[str, Any]) -> None:
        await self._run(self._set_discovered, source, discovered)

    # --- listings (feeds, sitemaps, home pages) -----------------------------------------------

    def _listing(self, url: str) -> Validators | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(web_urls.c.etag, web_urls.c.last_modified).where(web_urls.c.url == url)
            ).first()
        return Validators(row.etag, row.last_modified) if row and (row.etag or row.last_modified) else None

    async def listing_validators(self, url: str) -> Validators | None:
        return await self._run(self._listing, url)

    def _children(self, source: str, parent_kind: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(web_urls.c.url).where(web_urls.c.source == source, web_urls.c.kind == parent_kind)
                ).scalars()
            )

    async def listings(self, source: str, kind: str) -> list[str]:
        """URLs of the listings of `kind` the source fetched before (a sitemap index's children)."""
        return await self._run(self._children, source, kind)

    def _note(
        self,
        source: str,
        listings: Sequence[tuple[str, str, Validators | None]],
        entries: Sequence[Entry],
        recheck: bool,
    ) -> int:
        now = _now()
        c = web_urls.c
        with self.engine.begin() as conn:
            for url, kind, validators in listings:
                values = {"url": url, "source": source, "kind": kind, "outcome": "listing", "first_seen_at": now,
                          "fetched_at": now, "updated_at": now,
                          "etag": validators.etag if validators else None,
                          "last_modified": validators.last_modified if validators else None}  # fmt: skip
                ins = pg_insert(web_urls).values(**values)
                conn.execute(
                    ins.on_conflict_do_update(
                        index_elements=[c.url],
                        set_={
                            k: ins.excluded[k] for k in ("etag", "last_modified", "fetched_at", "updated_at")
                        },
                    )
                )
            for i in range(0, len(entries), NOTE_CHUNK):
                rows = [
                    {
                        "url": e.url,
                        "source": source,
                        "kind": "page",
                        "first_seen_at": now,
                        "updated_at": now,
                        "entry_updated": now if recheck else e.updated,
                    }
                    for e in entries[i : i + NOTE_CHUNK]
                ]
                ins = pg_insert(web_urls)
                newer = func.greatest(c.entry_updated, ins.excluded.entry_updated)
                conn.execute(
                    ins.on_conflict_do_update(
                        index_elements=[c.url],
                        set_={
                            "entry_updated": newer,
                            "source": _source_on_note(ins),
                            "updated_at": ins.excluded.updated_at,
                        },
                        where=and_(
                            c.kind == "page",
                            or_(
                                c.entry_updated.is_distinct_from(newer),
                                and_(c.outcome.is_(None), c.source != ins.excluded.source),
                            ),
                        ),
                    ),
                    rows,
                )
        return len(entries)

    async def note(
        self,
        source: str,
        listings: Sequence[tuple[str, str, Validators | None]],
        entries: Sequence[Entry],
        *,
        recheck: bool = False,
    ) -> int:
        """In one transaction: the listings fetched (url, kind, validators) and the page entries they
        named (new ones pending; a newer date marks a page updated; `recheck` marks all updated)."""
        return await self._run(self._note, source, listings, entries, recheck)

    # --- pages ---------------------------------------------------------------------------------

    def _pending(self, source: str, limit: int) -> list[UrlRow]:
        c = web_urls.c
        durable = _durable_expr()
        updated = and_(
            c.entry_updated.is_not(None),
            or_(c.fetched_entry_updated.is_(None), c.entry_updated > c.fetched_entry_updated),
            c.outcome.is_not(None),
        )
        q = (
            select(web_urls, durable.label("durable"))
            .select_from(web_urls.outerjoin(ledger, ledger.c.article_id == c.article_id))
            .where(
                c.kind == "page",
                c.source == source,
                or_(
                    c.outcome.is_(None),
                    and_(c.outcome == "failed", c.failures < self.max_failures),
                    and_(c.outcome == "article", ~durable),
                    updated,
                ),
            )
            .order_by(func.coalesce(c.entry_updated, c.first_seen_at).desc(), c.url)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(q)]

    async def pending(self, source: str, limit: int) -> list[UrlRow]:
        """The pages a poll of `source` must fetch, newest first."""
        return await self._run(self._pending, source, limit)

    def _lookup(self, url: str) -> tuple[UrlRow | None, bool]:
        c = web_urls.c
        durable = _durable_expr()
        base = select(web_urls, durable.label("durable")).select_from(
            web_urls.outerjoin(ledger, ledger.c.article_id == c.article_id)
        )
        with self.engine.connect() as conn:
            row = conn.execute(base.where(c.url == url)).first()
            by_canonical = conn.execute(
                select(literal(1))
                .select_from(web_urls.outerjoin(ledger, ledger.c.article_id == c.article_id))
                .where(c.canonical_url == url, c.url != url, c.outcome == "article", durable)
                .limit(1)
            ).first()
        return (_row(row) if row else None), by_canonical is not None

    async def lookup(self, url: str) -> tuple[UrlRow | None, bool]:
        """(the row of `url`, whether another URL already durably published `url` as its canonical URL)."""
        return await self._run(self._lookup, url)

    def _content_elsewhere(self, content_hash: str, article_id: str) -> bool:
        q = (
            select(literal(1))
            .select_from(ledger)
            .where(ledger.c.content_hash == content_hash, ledger.c.article_id != article_id)
            .limit(1)
        )
        with self.engine.connect() as conn:
            return conn.execute(q).first() is not None

    async def content_published_elsewhere(self, content_hash: str, article_id: str) -> bool:
        """True when the same text was published under another article id (another URL)."""
        return await self._run(self._content_elsewhere, content_hash, article_id)

    def _record_page(self, url: str, source: str, seen_updated: datetime | None, o: PageOutcome) -> None:
        now = _now()
        c = web_urls.c
        values: dict[str, Any] = {"updated_at": now, "fetched_entry_updated": seen_updated}
        if o.outcome == "failed":
            values |= {
                "outcome": "failed",
                "reason": o.reason,
                "failures": c.failures + 1,
                "http_status": o.http_status,
            }
        elif o.outcome == "not_modified":
            values |= {"fetched_at": now, "failures": 0}
        else:
            values |= {
                "outcome": o.outcome, "reason": o.reason, "http_status": o.http_status, "failures": 0,
                "fetched_at": now, "final_url": o.final_url, "canonical_url": o.canonical_url,
                "article_id": o.article_id, "content_hash": o.content_hash,
                "etag": o.validators.etag if o.validators else None,
                "last_modified": o.validators.last_modified if o.validators else None,
            }  # fmt: skip
        with self.engine.begin() as conn:
            done = conn.execute(update(web_urls).where(c.url == url).values(**values)).rowcount
            if not done:  # a page source's own URL, or a row lost: create it
                conn.execute(
                    pg_insert(web_urls)
                    .values(url=url, source=source, kind="page", first_seen_at=now, updated_at=now)
                    .on_conflict_do_nothing()
                )
                conn.execute(update(web_urls).where(c.url == url).values(**values))

    async def record_page(
        self, url: str, source: str, seen_updated: datetime | None, outcome: PageOutcome
    ) -> None:
        """Save what fetching page `url` gave (`seen_updated`: the listing date it was fetched for)."""
        await self._run(self._record_page, url, source, seen_updated, outcome)

    # --- status --------------------------------------------------------------------------------

    def status_rows(self) -> list[dict[str, Any]]:
        """Every web source's row, for `accord fetcher status` (sync)."""
        with self.engine.connect() as conn:
            return [
                dict(r._mapping) for r in conn.execute(select(web_sources).order_by(web_sources.c.source))
            ]


def _source_on_note(ins: Any) -> Any:
    """A pending page moves to the source that names it now; a fetched one keeps its source."""
    from sqlalchemy import case

    return case((web_urls.c.outcome.is_(None), ins.excluded.source), else_=web_urls.c.source)


def _row(r: Any) -> UrlRow:
    return UrlRow(
        url=r.url,
        source=r.source,
        outcome=r.outcome,
        entry_updated=r.entry_updated,
        etag=r.etag,
        last_modified=r.last_modified,
        failures=r.failures,
        fetched_at=r.fetched_at,
        durable=bool(r.durable),
    )
