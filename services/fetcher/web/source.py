"""`WebSource`: the poll of a web source kind (feed, sitemap, page, site) on the `Source` interface.

One poll = one `scan()`:

1. `discover()` (the kind's part) fetches the listings (feed, sitemap tree, home page) with
   conditional GET and returns the entries they name; a failure there fails the poll (one log
   line and `accord_source_errors_total{reason}` by the pipeline, then a re-poll with backoff);
2. the listings' validators and the entries are noted in the state in one transaction;
3. the pending pages of the source (`PgWebState.pending`, newest first, at most
   `max_urls_per_poll`) are fetched and judged (`WebContext.process`), yielding documents and
   rejections; a poll in which every page failed (the host went away) fails too.

The cursor is not used to resume: the state's pending pages are the resume position, so an
interrupted poll (stop, crash) loses nothing and repeats no durable page.
"""

from __future__ import annotations

import random
import re
from abc import abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import structlog
from pydantic import BaseModel, ConfigDict, Field

from libs.runtime.retry import RetryPolicy
from services.fetcher.config import ConfigError, SourceConfig
from services.fetcher.documents import Cursor, Item
from services.fetcher.sources import Source
from services.fetcher.web import metrics as wm
from services.fetcher.web.client import Validators
from services.fetcher.web.context import SERVICE, PollStats, WebContext
from services.fetcher.web.discovery import Entry, matches
from services.fetcher.web.errors import FetchRefused, SourceUnavailable, WebError
from services.fetcher.web.urls import check_url, normalize_url

log = structlog.get_logger(__name__)


class WebOptions(BaseModel):
    """Options every web kind accepts (`options:` in the sources file)."""

    model_config = ConfigDict(extra="forbid")

    poll_interval_s: float | None = Field(default=None, gt=0)
    max_urls_per_poll: int | None = Field(default=None, ge=1)
    url_pattern: str | None = None
    exclude_pattern: str | None = None
    min_text_chars: int | None = Field(default=None, ge=1)


@dataclass
class Discovery:
    """What a kind's `discover()` found: listings fetched (url, kind, validators) and page entries."""

    listings: list[tuple[str, str, Validators | None]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    recheck: bool = False


class WebSource(Source):
    """Base of the web kinds; `attach(web)` (done by the service) must precede `scan`."""

    Options = WebOptions

    def __init__(self, config: SourceConfig) -> None:
        super().__init__(config)
        if not config.url:
            raise ConfigError(f"source {config.name!r} ({self.kind}): 'url' is required")
        try:
            check_url(config.url)
        except FetchRefused as exc:
            raise ConfigError(f"source {config.name!r} ({self.kind}): {exc}") from exc
        self.url: str = config.url
        opts: Any = self.options
        self.include = re.compile(opts.url_pattern) if opts.url_pattern else None
        self.exclude = re.compile(opts.exclude_pattern) if opts.exclude_pattern else None
        self.web: WebContext | None = None
        self.failures = 0

    def attach(self, web: WebContext) -> None:
        self.web = web

    @property
    def min_text_chars(self) -> int:
        assert self.web is not None
        return self.options.min_text_chars or self.web.settings.fetcher_web_min_text_chars

    @abstractmethod
    async def discover(self, web: WebContext) -> Discovery:
        """Fetch this kind's listings; raises `WebError` when the source cannot be read now."""

    # --- the poll ------------------------------------------------------------------------------

    async def scan(self, cursor: Cursor | None) -> AsyncIterator[Item]:
        web = self.web
        if web is None:
            raise RuntimeError(f"web source {self.name!r} used before attach()")
        started = datetime.now(UTC)
        row = await web.state.poll_started(self.name, self.kind, self.url)
        self.failures = int(row.get("consecutive_failures") or 0)
        last_success = row.get("last_success_at")  # kept across restarts; 0 = never (alerts see it)
        wm.SOURCE_LAST_SUCCESS.labels(service=SERVICE, source=self.name).set(
            last_success.timestamp() if last_success else 0
        )
        try:
            found = await self.discover(web)
        except WebError as exc:
            raise await self._poll_failed(
                web, exc.reason, f"{self.kind} {self.url}: {exc.reason}: {exc}", 0
            ) from exc
        entries = self._keep(found.entries)
        await web.state.note(self.name, found.listings, entries, recheck=found.recheck)
        limit = self.options.max_urls_per_poll or web.settings.fetcher_web_max_urls_per_poll
        stats = PollStats()
        pending = await web.state.pending(self.name, limit)
        for page in pending:
            item = await web.process(self, page, started, stats)
            if item is not None:
                yield item
        log.info(
            "fetcher.web.poll",
            source=self.name,
            entries=len(entries),
            pending=len(pending),
            articles=stats.articles,
            unchanged=stats.unchanged,
            rejected=dict(stats.rejected),
            failed=dict(stats.failed),
        )
        if stats.failed and not (stats.articles or stats.unchanged or stats.rejected):
            reason, n = stats.failed.most_common(1)[0]
            raise await self._poll_failed(
                web, reason, f"{self.kind} {self.url}: {n} pages failed ({reason})", 0
            )
        await web.state.poll_ended(self.name, stats.articles)
        self.failures = 0
        wm.SOURCE_LAST_SUCCESS.labels(service=SERVICE, source=self.name).set_to_current_time()

    async def _poll_failed(self, web: WebContext, reason: str, detail: str, found: int) -> SourceUnavailable:
        self.failures = await web.state.poll_ended(self.name, found, reason, detail)
        return SourceUnavailable(reason, detail)

    def _keep(self, entries: list[Entry]) -> list[Entry]:
        """Entries with an acceptable, normalised URL that pass the URL patterns, each URL once."""
        out: dict[str, Entry] = {}
        for e in entries:
            try:
                check_url(e.url)
            except FetchRefused as exc:
                wm.ARTICLES_REJECTED.labels(service=SERVICE, reason=exc.reason).inc()
                log.info("fetcher.web.entry_refused", source=self.name, url=e.url[:300], reason=exc.reason)
                continue
            url = normalize_url(e.url)
            if url and matches(url, self.include, self.exclude) and url not in out:
                out[url] = Entry(url, e.updated, e.title)
        return list(out.values())

    def next_poll_in(self, failed: bool, default_s: float) -> float:
        """Seconds to the next poll: the interval ± jitter, or a growing backoff after failures."""
        assert self.web is not None
        s = self.web.settings
        interval = self.options.poll_interval_s or s.fetcher_web_poll_interval_s
        if failed and self.failures:
            backoff = RetryPolicy(min(s.fetcher_web_error_retry_initial_s, interval), interval)
            return backoff.delay(self.failures)
        return interval * random.uniform(1 - s.fetcher_web_poll_jitter, 1 + s.fetcher_web_poll_jitter)
