"""The web path's tables (beside the ledger, same metadata and migrations folder).

`fetcher_web_urls`: one row per normalised URL the web sources found or fetched: the article
pages (kind `page`) and the feeds, sitemaps and home pages (kinds `feed`, `sitemap`, `home`).
`entry_updated` is the date the latest listing gave for the URL and `fetched_entry_updated` the
one it gave when the page was last fetched (newer = "the feed says it was updated"). `outcome`:
NULL = pending, `article` (fetched; durable once the ledger holds `article_id`), `rejected` (not an
article: `reason`), `failed` (transient failures so far: `failures`). `etag`/`last_modified` are
the conditional-GET validators of the last 200 response.

`fetcher_web_sources`: per web source, its last poll and success, the last error and how many
polls failed in a row, the article pages it found, and what a site's home page announced.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, Table, Text, text
from sqlalchemy.dialects.postgresql import JSONB

from services.fetcher.db.models import metadata

web_urls = Table(
    "fetcher_web_urls",
    metadata,
    Column("url", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("entry_updated", DateTime(timezone=True)),
    Column("fetched_entry_updated", DateTime(timezone=True)),
    Column("outcome", Text),
    Column("reason", Text),
    Column("http_status", Integer),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("final_url", Text),
    Column("canonical_url", Text),
    Column("article_id", Text),
    Column("content_hash", Text),
    Column("failures", Integer, nullable=False, server_default=text("0")),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("fetched_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index(None, "source", "kind", "outcome"),
    Index(None, "canonical_url"),
    Index(None, "content_hash"),
)

web_sources = Table(
    "fetcher_web_sources",
    metadata,
    Column("source", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("last_poll_at", DateTime(timezone=True)),
    Column("last_success_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("last_error_reason", Text),
    Column("last_error_at", DateTime(timezone=True)),
    Column("consecutive_failures", Integer, nullable=False, server_default=text("0")),
    Column("articles_found", Integer, nullable=False, server_default=text("0")),
    Column("last_poll_articles", Integer, nullable=False, server_default=text("0")),
    Column("discovered", JSONB),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
