"""Web fetcher state: fetcher_web_urls (per URL) and fetcher_web_sources (per web source).

Revision ID: 0002
Revises: 0001
Create Date: 2026-10-20
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fetcher_web_urls",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("entry_updated", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fetched_entry_updated", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("final_url", sa.Text(), nullable=True),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("article_id", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_fetcher_web_urls")),
    )
    op.create_index(
        op.f("ix_fetcher_web_urls_source_kind_outcome"), "fetcher_web_urls", ["source", "kind", "outcome"]
    )
    op.create_index(op.f("ix_fetcher_web_urls_canonical_url"), "fetcher_web_urls", ["canonical_url"])
    op.create_index(op.f("ix_fetcher_web_urls_content_hash"), "fetcher_web_urls", ["content_hash"])
    op.create_table(
        "fetcher_web_sources",
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("last_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_reason", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("articles_found", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_poll_articles", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("discovered", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_fetcher_web_sources")),
    )


def downgrade() -> None:
    op.drop_table("fetcher_web_sources")
    op.drop_index(op.f("ix_fetcher_web_urls_content_hash"), table_name="fetcher_web_urls")
    op.drop_index(op.f("ix_fetcher_web_urls_canonical_url"), table_name="fetcher_web_urls")
    op.drop_index(op.f("ix_fetcher_web_urls_source_kind_outcome"), table_name="fetcher_web_urls")
    op.drop_table("fetcher_web_urls")
