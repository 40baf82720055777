"""events and articles tables

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

_TEXT_ARRAY = postgresql.ARRAY(sa.Text(), dimensions=1)
_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("countries", _TEXT_ARRAY, server_default=sa.text("'{}'"), nullable=False),
        sa.Column("igos", _TEXT_ARRAY, server_default=sa.text("'{}'"), nullable=False),
        sa.Column("sectors", _TEXT_ARRAY, server_default=sa.text("'{}'"), nullable=False),
        sa.Column("date_start", sa.Date(), comment="first day of the event date's precision range"),
        sa.Column(
            "date_end", sa.Date(), comment="last day of the precision range of date.end (or date.start)"
        ),
        sa.Column("date_precision", sa.Text()),
        sa.Column("location_name", sa.Text()),
        sa.Column("location_country", sa.Text()),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("extractor_name", sa.Text(), nullable=False),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.Column("extracted_at", _TZ),
        sa.Column("ingested_at", _TZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", _TZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("retired_at", _TZ, comment="null = current; else superseded"),
        sa.Column(
            "payload", postgresql.JSONB(), nullable=False, comment="the event as the contract defines it"
        ),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_events_confidence_range"),
        sa.CheckConstraint("date_end >= date_start", name="ck_events_date_order"),
        sa.CheckConstraint("date_precision IN ('day', 'month', 'year')", name="ck_events_date_precision"),
        sa.CheckConstraint("(date_start IS NULL) = (date_precision IS NULL)", name="ck_events_date_complete"),
        sa.PrimaryKeyConstraint("event_id", name="pk_events"),
    )
    op.create_index("ix_events_countries", "events", ["countries"], postgresql_using="gin")
    op.create_index("ix_events_igos", "events", ["igos"], postgresql_using="gin")
    op.create_index("ix_events_sectors", "events", ["sectors"], postgresql_using="gin")
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_location_country", "events", ["location_country"])
    op.create_index("ix_events_extracted_at", "events", ["extracted_at"])
    op.create_index(
        "ix_events_date_start_event_id",
        "events",
        [sa.text("date_start DESC NULLS LAST"), sa.text("event_id DESC")],
    )
    op.create_index("ix_events_updated_at_event_id", "events", ["updated_at", "event_id"])

    op.create_table(
        "articles",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("canonical_url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("language", sa.Text()),
        sa.Column("published_at", _TZ),
        sa.Column("fetched_at", _TZ),
        sa.Column("source", sa.Text()),
        sa.Column("publisher", sa.Text()),
        sa.Column("content_hash", sa.Text()),
        sa.Column("text_length", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("source_ref", sa.Text()),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("skip_reason", sa.Text()),
        sa.Column("extractor_name", sa.Text(), nullable=False),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.Column("event_ids", _TEXT_ARRAY, server_default=sa.text("'{}'"), nullable=False),
        sa.Column("event_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("extracted_at", _TZ, nullable=False),
        sa.Column("ingested_at", _TZ, server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", _TZ, server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("status IN ('extracted', 'skipped')", name="ck_articles_status"),
        sa.CheckConstraint("event_count = cardinality(event_ids)", name="ck_articles_event_count"),
        sa.CheckConstraint("text_length >= 0", name="ck_articles_text_length"),
        sa.PrimaryKeyConstraint("article_id", name="pk_articles"),
    )
    op.create_index("ix_articles_published_at", "articles", ["published_at"])
    op.create_index("ix_articles_extracted_at", "articles", ["extracted_at"])
    op.create_index("ix_articles_status", "articles", ["status"])


def downgrade() -> None:
    op.drop_table("articles")
    op.drop_table("events")
