"""full-text search, publication columns, articles paging index, event rollup

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

* events: `published_at`, `publisher` (the event's `article` reference; filled
  from the stored payloads) and `search`, a stored generated tsvector (filled by
  Postgres as the column is added) with a GIN index.
* articles: `publisher` index and the `(published_at DESC NULLS LAST,
  article_id DESC)` keyset index of the articles listing.
* events: a covering index of the current events in the listing order with
  the filtered columns (index-only page keys, totals and date-range aggregates).
* rollup_months, rollup_parties, rollup_pair_months: counts of current events (see
  services/store/rollup.py), filled from the existing rows; the write path
  keeps them exact from here on.
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

    op.create_index(
        "ix_events_current_cover",
        "events",
        [sa.text("date_start DESC NULLS LAST"), sa.text("event_id DESC")],
        postgresql_include=[
            "date_end",
            "type",
            "countries",
            "igos",
            "sectors",
            "location_country",
            "confidence",
            "published_at",
            "publisher",
            "article_id",
        ],
        postgresql_where=sa.text("retired_at IS NULL"),
    )
    _create_rollups()
    for table, columns, counts in _FILLS:
        op.execute(f"INSERT INTO {table} ({columns}) WITH ev AS ({_CURRENT_EVENTS}) {counts}")


def _create_rollups() -> None:
    op.create_table(
        "rollup_months",
        sa.Column("month_start", sa.Date(), comment="first day of the month of date_start; null = undated"),
        sa.Column("month_end", sa.Date(), comment="first day of the month of date_end; null = undated"),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("party", sa.Text(), comment="a country or IGO of the events; null = all events"),
        sa.Column("sector", sa.Text(), comment="a sector of the events; null = all events"),
        sa.Column("events", sa.BigInteger(), nullable=False, comment="current events with these keys"),
    )
    op.create_index(
        "ux_rollup_months_keys",
        "rollup_months",
        ["month_start", "month_end", "type", "party", "sector"],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )
    op.create_index("ix_rollup_months_party_sector", "rollup_months", ["party", "sector"])
    op.create_table(
        "rollup_parties",
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("focus", sa.Text(), comment="events of this party only; null = all events"),
        sa.Column("a", sa.Text(), comment="a pair of parties of the events (a < b), or null"),
        sa.Column("b", sa.Text()),
        sa.Column("sector", sa.Text(), comment="with focus: the focus' events in this sector"),
        sa.Column("events", sa.BigInteger(), nullable=False, comment="current events with these keys"),
    )
    op.create_index(
        "ux_rollup_parties_keys",
        "rollup_parties",
        ["focus", "a", "b", "sector", "type"],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )
    op.create_index("ix_rollup_parties_b", "rollup_parties", ["b"], postgresql_where=sa.text("focus IS NULL"))
    op.create_index(
        "ix_rollup_parties_pairs",
        "rollup_parties",
        ["a", "b", "type"],
        postgresql_include=["events"],
        postgresql_where=sa.text("focus IS NULL AND sector IS NULL"),
    )
    op.create_index(
        "ix_rollup_parties_singles",
        "rollup_parties",
        ["focus", "type"],
        postgresql_include=["events"],
        postgresql_where=sa.text("a IS NULL AND sector IS NULL"),
    )
    op.create_table(
        "rollup_pair_months",
        sa.Column("month_start", sa.Date(), comment="first day of the month of date_start; null = undated"),
        sa.Column("month_end", sa.Date(), comment="first day of the month of date_end; null = undated"),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("a", sa.Text(), nullable=False, comment="a pair of parties of the events, a < b"),
        sa.Column("b", sa.Text(), nullable=False),
        sa.Column("events", sa.BigInteger(), nullable=False, comment="current events with these keys"),
    )
    op.create_index(
        "ux_rollup_pair_months_keys",
        "rollup_pair_months",
        ["month_start", "month_end", "type", "a", "b"],
        unique=True,
        postgresql_nulls_not_distinct=True,
        postgresql_include=["events"],
    )


# Copies (migrations are frozen) of services.store.rollup's counting SQL at this revision.
_CURRENT_EVENTS = (
    "SELECT date_trunc('month', date_start::timestamp)::date AS ms,"
    " date_trunc('month', date_end::timestamp)::date AS me, type, countries || igos AS parties, sectors"
    " FROM events WHERE retired_at IS NULL"
)
_FILLS = [
    (
        "rollup_months",
        "month_start, month_end, type, party, sector, events",
        "SELECT ms, me, type, NULL::text, NULL::text, count(*) FROM ev GROUP BY 1, 2, 3"
        " UNION ALL SELECT ms, me, type, p, NULL, count(*) FROM ev, unnest(parties) p GROUP BY 1, 2, 3, 4"
        " UNION ALL SELECT ms, me, type, NULL, s, count(*) FROM ev, unnest(sectors) s GROUP BY 1, 2, 3, 5",
    ),
    (
        "rollup_parties",
        "type, focus, a, b, sector, events",
        ", pairs AS (SELECT type, parties AS ps, least(x.v, y.v) AS a, greatest(x.v, y.v) AS b FROM ev,"
        " unnest(parties) WITH ORDINALITY x(v, i), unnest(parties) WITH ORDINALITY y(v, j) WHERE x.i < y.j)"
        " SELECT type, NULL::text, a, b, NULL::text, count(*) FROM pairs GROUP BY 1, 3, 4"
        " UNION ALL SELECT type, f, a, b, NULL, count(*) FROM pairs, unnest(ps) f GROUP BY 1, 2, 3, 4"
        " UNION ALL SELECT type, p, NULL, NULL, s, count(*) FROM ev, unnest(parties) p, unnest(sectors) s"
        " GROUP BY 1, 2, 5"
        " UNION ALL SELECT type, p, NULL, NULL, NULL, count(*) FROM ev, unnest(parties) p GROUP BY 1, 2",
    ),
    (
        "rollup_pair_months",
        "month_start, month_end, type, a, b, events",
        ", pairs AS (SELECT ms, me, type, least(x.v, y.v) AS a, greatest(x.v, y.v) AS b FROM ev,"
        " unnest(parties) WITH ORDINALITY x(v, i), unnest(parties) WITH ORDINALITY y(v, j) WHERE x.i < y.j)"
        " SELECT ms, me, type, a, b, count(*) FROM pairs GROUP BY 1, 2, 3, 4, 5",
    ),
]


def downgrade() -> None:
    op.drop_table("rollup_pair_months")
    op.drop_table("rollup_parties")
    op.drop_table("rollup_months")
    op.drop_index("ix_events_current_cover", table_name="events")
    op.drop_index("ix_articles_published_at_article_id", table_name="articles")
    op.drop_index("ix_articles_publisher", table_name="articles")
    op.drop_index("ix_events_publisher", table_name="events")
    op.drop_index("ix_events_published_at", table_name="events")
    op.drop_index("ix_events_search", table_name="events")
    op.drop_column("events", "search")
    op.drop_column("events", "publisher")
    op.drop_column("events", "published_at")
