"""The ledger: fetcher_ledger (what was published) and fetcher_sources (scan progress).

Revision ID: 0001
Revises:
Create Date: 2025-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fetcher_ledger",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_ref", sa.Text(), nullable=True),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("versions", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("first_published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "content_hash ~ '^[0-9a-f]{64}$'", name=op.f("ck_fetcher_ledger_content_hash_hex")
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_fetcher_ledger")),
    )
    op.create_index(
        op.f("ix_fetcher_ledger_source_published_at"), "fetcher_ledger", ["source", "published_at"]
    )
    op.create_table(
        "fetcher_sources",
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=True),
        sa.Column("cursor", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("completed", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("scan_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_fetcher_sources")),
    )


def downgrade() -> None:
    op.drop_table("fetcher_sources")
    op.drop_index(op.f("ix_fetcher_ledger_source_published_at"), table_name="fetcher_ledger")
    op.drop_table("fetcher_ledger")
