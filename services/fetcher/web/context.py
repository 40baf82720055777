"""What every web source of one fetcher process shares: the client, the state, page parsing, claims.

`WebContext.process(source, row, poll)` turns one pending page into a `Document` (an article to
publish), a `Skipped` (not an article, with the reason; final until its listing says it
changed), or None (nothing to publish: 304, fetched meanwhile by another source, failed for now).
A URL is claimed while it is being fetched, so two sources naming it in the same moment fetch it
once; the ledger's de-duplication then publishes each article once whatever path found it.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections import Counter
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

import structlog
from sqlalchemy import Engine

from libs.contracts.articles import MAX_TEXT_CHARS, article_id_for, content_hash
from libs.runtime.process import pool_worker_init
from services.fetcher.articles import clean_text, detect_language, normalize_language
from services.fetcher.documents import Document, Item, Skipped
from services.fetcher.web import metrics as wm
from services.fetcher.web.client import FetchResult, WebClient
from services.fetcher.web.errors import HostPaused, WebError
from services.fetcher.web.extract import PageInfo, judge, parse_page
from services.fetcher.web.settings import WebSettings
from services.fetcher.web.state import PageOutcome, PgWebState, UrlRow
from services.fetcher.web.urls import AddressPolicy, host_of, local_addresses, normalize_url, same_site

if TYPE_CHECKING:
    from services.fetcher.web.source import WebSource

log = structlog.get_logger(__name__)

SERVICE = "fetcher"


def accord_version() -> str:
    try:
        return version("accord")
    except PackageNotFoundError:
        return "dev"


@dataclass
class PollStats:
    """What one poll of a source did with its pending pages."""

    articles: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0
    skipped: int = 0


class WebContext:
    """One per fetcher process (see the module docstring); `aclose()` releases the connections."""

    def __init__(
        self,
        settings: WebSettings,
        engine: Engine,
        *,
        metrics_port: int | None = None,
        client: WebClient | None = None,
    ) -> None:
        self.settings = settings
        self.metrics_port = metrics_port
        self.client = client or WebClient(settings, version=accord_version(), metrics_port=metrics_port)
        self.state = PgWebState(engine, max_failures=settings.fetcher_web_max_url_failures)
        self._local = local_addresses()
        self._claims: set[str] = set()
        workers = settings.fetcher_web_parse_workers
        self._executor: Executor = (
            ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=pool_worker_init,
            )
            if workers > 0
            else ThreadPoolExecutor(max_workers=1, thread_name_prefix="fetcher-parse")
        )

    async def aclose(self) -> None:
        await self.client.aclose()
        await asyncio.to_thread(self._executor.shutdown, True, cancel_futures=True)

    def policy_for(self, source: WebSource) -> AddressPolicy:
        """The address rules of requests made for `source` (its configured host is trusted)."""
        return AddressPolicy(
            trusted_host=host_of(source.config.url or ""),
            allow_private=self.settings.fetcher_web_allow_private_addresses,
            metrics_port=self.metrics_port,
            local_addresses=self._local,
        )

    async def parse(self, result: FetchResult) -> PageInfo:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, parse_page, result.body, result.content_type, result.final_url
        )

    # --- one page ------------------------------------------------------------------------------

    async def process(
        self, source: WebSource, row: UrlRow, poll_started: datetime, stats: PollStats
    ) -> Item | None:
        """The item for pending page `row` of `source` (module docstring)."""
        url = row.url
        if url in self._claims:
            stats.skipped += 1
            return None
        self._claims.add(url)
        try:
            fresh, published_as_canonical = await self.state.lookup(url)
            if published_as_canonical:
                await self.state.record_page(
                    url, source.name, row.entry_updated, PageOutcome("rejected", "duplicate")
                )
                stats.skipped += 1
                return Skipped(
                    "duplicate", f"{url}: already published under this canonical URL", url, {"url": url}
                )
            if (
                fresh is not None
                and fresh.fetched_at
                and fresh.fetched_at >= poll_started
                and fresh.outcome != "failed"
            ):
                stats.skipped += 1  # another source fetched it during this poll
                return None
            return await self._fetch_page(source, fresh or row, stats)
        finally:
            self._claims.discard(url)

    async def _fetch_page(self, source: WebSource, row: UrlRow, stats: PollStats) -> Item | None:
        try:
            res = await self.client.fetch(row.url, policy=self.policy_for(source), validators=row.validators)
        except HostPaused:
            stats.failed["host_paused"] += 1
            return None
        except WebError as exc:
            return await self._failed(source, row, exc, stats)
        if res.not_modified:
            await self.state.record_page(row.url, source.name, row.entry_updated, PageOutcome("not_modified"))
            stats.unchanged += 1
            return None
        ctype = (res.content_type or "text/html").lower()
        if "html" not in ctype and "xml" not in ctype:
            return await self._reject(source, row, "not_html", f"content type {ctype}", res, stats)
        page = await self.parse(res)
        detected = detect_language(page.text) if page.text else None
        reason = judge(
            page,
            url=res.final_url,
            min_chars=source.min_text_chars,
            max_chars=MAX_TEXT_CHARS,  # the contract's bound: a longer page is not an article (too_long)
            language=normalize_language(source.config.language),
            detected=detected,
        )
        if reason is not None:
            return await self._reject(source, row, reason, _reject_detail(reason, page, detected), res, stats)
        return await self._article(source, row, res, page, detected, stats)

    async def _article(
        self,
        source: WebSource,
        row: UrlRow,
        res: FetchResult,
        page: PageInfo,
        detected: str | None,
        stats: PollStats,
    ) -> Item:
        canon = self._canonical(page, res.final_url)
        chash = content_hash(clean_text(page.text))
        article_id = article_id_for(canon, page.text)
        if await self.state.content_published_elsewhere(chash, article_id):
            return await self._reject(
                source, row, "duplicate_content", "same text as a published article", res, stats
            )
        outcome = PageOutcome(
            "article",
            http_status=res.status,
            validators=res.validators,
            final_url=res.final_url,
            canonical_url=canon,
            article_id=article_id,
            content_hash=chash,
        )
        await self.state.record_page(row.url, source.name, row.entry_updated, outcome)
        stats.articles += 1
        extra: dict[str, Any] = {
            "http_status": res.status,
            "etag": res.validators.etag,
            "last_modified": res.validators.last_modified,
            "final_url": res.final_url,
            "duration_ms": round(res.seconds * 1000, 1),
        }
        return Document(
            text=page.text,
            source_ref=row.url,
            cursor={"url": row.url},
            title=page.title,
            url=canon,
            published_at=page.published_at,
            language=detected or page.language,
            content_type="text/html",
            fetch_extra=extra,
        )

    def _canonical(self, page: PageInfo, final_url: str) -> str:
        """The page's canonical URL when it names one on the same site (not the home page), else its own."""
        own = normalize_url(final_url) or final_url
        declared = normalize_url(page.canonical) if page.canonical else None
        if (
            declared
            and same_site(host_of(declared), host_of(own))
            and not declared.endswith("://" + host_of(declared) + "/")
        ):
            return declared
        return own

    async def _reject(
        self,
        source: WebSource,
        row: UrlRow,
        reason: str,
        detail: str,
        res: FetchResult | None,
        stats: PollStats,
    ) -> Skipped:
        outcome = PageOutcome(
            "rejected",
            reason=reason,
            http_status=res.status if res else None,
            validators=res.validators if res else None,
            final_url=res.final_url if res else None,
        )
        await self.state.record_page(row.url, source.name, row.entry_updated, outcome)
        wm.ARTICLES_REJECTED.labels(service=SERVICE, reason=reason).inc()
        stats.rejected[reason] += 1
        return Skipped(reason, f"{row.url}: {detail}", row.url, {"url": row.url})

    async def _failed(self, source: WebSource, row: UrlRow, exc: WebError, stats: PollStats) -> Item | None:
        if not exc.transient:
            return await self._reject(source, row, exc.reason, str(exc), None, stats)
        status = getattr(exc, "status", None)
        await self.state.record_page(
            row.url, source.name, row.entry_updated, PageOutcome("failed", exc.reason, http_status=status)
        )
        stats.failed[exc.reason] += 1
        log.debug("fetch.failed", source=source.name, url=row.url, reason=exc.reason, error=str(exc)[:300])
        return None


def _reject_detail(reason: str, page: PageInfo, detected: str | None) -> str:
    if reason == "wrong_language":
        return f"text in {detected!r}, the source is in another language"
    if reason == "blocked_page":
        return f"consent/block page ({page.block_phrase!r})"
    if reason in ("too_short", "too_long"):
        return f"{len(page.text)} characters of main text"
    return f"not an article page ({page.article_elements} <article> elements, {page.linked_headings} linked headings)"
