"""full-text search, publication columns, articles paging index, event rollup

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

* events: `published_at`, `publisher` (the event's `article` reference; filled
  from the stored payloads) and `search`, a stored generated tsvector (filled by
  Postgres as the column is added) with a GIN index.
* articles: `publisher` index and the `(published_at DESC NULLS LAST,
  article_id DESC)` keyset index of the articles listing.
* event_rollup: current events per signature, filled from the existing rows;
  the write path keeps it exact from here on.
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

_TEXT_ARRAY = postgresql.ARRAY(sa.Text(), dimensions=1)

# A copy (migrations are frozen) of services.store.db.models.SEARCH_DOCUMENT at this revision.
SEARCH_DOCUMENT = (
    "jsonb_to_tsvector('english'::regconfig, COALESCE(payload #> '{article,title}', '\"\"'::jsonb), '[\"string\"]')"
    " || jsonb_to_tsvector('english'::regconfig,"
    " jsonb_path_query_array(payload, '$.participants[*].name'), '[\"string\"]')"
    " || jsonb_to_tsvector('english'::regconfig,"
    " jsonb_path_query_array(payload, '$.evidence[*].text'), '[\"string\"]')"
)


def upgrade() -> None:
    op.add_column(
        "events",
        sa.Column("published_at", sa.DateTime(timezone=True), comment="article.published_at of the event"),
    )
    op.add_column("events", sa.Column("publisher", sa.Text(), comment="article.publisher of the event"))
    op.add_column(
        "events",
        sa.Column(
            "search",
            postgresql.TSVECTOR(),
            sa.Computed(SEARCH_DOCUMENT, persisted=True),
            comment="what `q` searches",
        ),
    )
    op.execute("SET LOCAL TimeZone = 'UTC'")  # naive published_at values read as UTC, as the sink does
    op.execute(
        "UPDATE events SET published_at = (payload #>> '{article,published_at}')::timestamptz,"
        " publisher = payload #>> '{article,publisher}'"
        " WHERE payload #>> '{article,published_at}' IS NOT NULL"
        " OR payload #>> '{article,publisher}' IS NOT NULL"
    )
    op.create_index("ix_events_search", "events", ["search"], postgresql_using="gin")
    op.create_index("ix_events_published_at", "events", ["published_at"])
    op.create_index("ix_events_publisher", "events", ["publisher"])

    op.create_index("ix_articles_publisher", "articles", ["publisher"])
    op.create_index(
        "ix_articles_published_at_article_id",
        "articles",
        [sa.text("published_at DESC NULLS LAST"), sa.text("article_id DESC")],
    )

    op.create_table(
        "event_rollup",
        sa.Column("month_start", sa.Date(), comment="first day of the month of date_start; null = undated"),
        sa.Column("month_end", sa.Date(), comment="first day of the month of date_end; null = undated"),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("countries", _TEXT_ARRAY, nullable=False),
        sa.Column("igos", _TEXT_ARRAY, nullable=False),
        sa.Column("sectors", _TEXT_ARRAY, nullable=False),
        sa.Column("events", sa.BigInteger(), nullable=False, comment="current events with this signature"),
    )
    op.create_index(
        "ux_event_rollup_signature",
        "event_rollup",
        ["month_start", "month_end", "type", "countries", "igos", "sectors"],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )
    op.create_index("ix_event_rollup_countries", "event_rollup", ["countries"], postgresql_using="gin")
    op.execute(
        "INSERT INTO event_rollup (month_start, month_end, type, countries, igos, sectors, events)"
        " SELECT date_trunc('month', date_start)::date, date_trunc('month', date_end)::date,"
        " type, countries, igos, sectors, count(*)"
        " FROM events WHERE retired_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6"
    )


def downgrade() -> None:
    op.drop_table("event_rollup")
    op.drop_index("ix_articles_published_at_article_id", table_name="articles")
    op.drop_index("ix_articles_publisher", table_name="articles")
    op.drop_index("ix_events_publisher", table_name="events")
    op.drop_index("ix_events_published_at", table_name="events")
    op.drop_index("ix_events_search", table_name="events")
    op.drop_column("events", "search")
    op.drop_column("events", "publisher")
    op.drop_column("events", "published_at")
