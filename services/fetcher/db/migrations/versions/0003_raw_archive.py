"""The raw archive: fetcher_raw_articles (the last published RawArticle JSON per article id).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fetcher_raw_articles",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_fetcher_raw_articles")),
    )
    op.create_index(op.f("ix_fetcher_raw_articles_published_at"), "fetcher_raw_articles", ["published_at"])
    op.create_index(
        op.f("ix_fetcher_raw_articles_source_published_at"),
        "fetcher_raw_articles",
        ["source", "published_at"],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_fetcher_raw_articles_source_published_at"), table_name="fetcher_raw_articles")
    op.drop_index(op.f("ix_fetcher_raw_articles_published_at"), table_name="fetcher_raw_articles")
    op.drop_table("fetcher_raw_articles")
