"""The fetcher's tables (SQLAlchemy Core metadata, mirrored by the migrations in `migrations/`).

`fetcher_ledger`: one row per article id the fetcher published. `content_hash` is the version
last published; `published_at` is when the broker acknowledged that version (not the article's
own publication date, which travels in the record); `versions` counts the distinct content
versions published under the id.

`fetcher_sources`: per source, how far its current scan got (`cursor`, the source kind's resume
position after the last durable item), the `fingerprint` of the content it scanned, and whether
that scan `completed`.

`fetcher_raw_articles`: the raw archive. The last published version of every article (the
`RawArticle` JSON exactly as it went to `articles.raw`, so a replay re-publishes the same bytes),
written in the same transaction as its ledger row; kept beyond the raw topic's retention for
`accord replay`. `published_at` is the article's own publication date (what `--since/--until`
select on), `fetched_at` when the fetcher read it.

These tables live in the same database as the store's; every name starts with `fetcher_`.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, DateTime, Index, Integer, MetaData, Table, Text, text
from sqlalchemy.dialects.postgresql import JSONB

VERSION_TABLE = "fetcher_alembic_version"
TABLE_PREFIX = "fetcher_"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "pk": "pk_%(table_name)s",
    }
)

articles = Table(
    "fetcher_ledger",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("content_hash", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("source_ref", Text),
    Column("canonical_url", Text),
    Column("versions", Integer, nullable=False, server_default=text("1")),
    Column("first_published_at", DateTime(timezone=True), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("content_hash ~ '^[0-9a-f]{64}$'", name="content_hash_hex"),
    Index(None, "source", "published_at"),
)

raw_articles = Table(
    "fetcher_raw_articles",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("published_at", DateTime(timezone=True)),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("archived_at", DateTime(timezone=True), nullable=False),
    Index(None, "published_at"),
    Index(None, "source", "published_at"),
)

sources = Table(
    "fetcher_sources",
    metadata,
    Column("source", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("fingerprint", Text),
    Column("cursor", JSONB),
    Column("completed", Boolean, nullable=False, server_default=text("false")),
    Column("scan_started_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("completed_at", DateTime(timezone=True)),
)
