"""The store's tables (SQLAlchemy 2 Core metadata, used by the queries and mirrored by the migrations).

`events`: one row per event id ever received. The contract fields users filter
on have their own columns; `payload` holds the full event JSON as the contract
defines it (what the API returns). `retired_at` is null while the event belongs
to its article's current extraction (see `services.store.persist` for the rule).

`articles`: one row per article, from the latest `ArticleExtraction` summary.

`rollup_months`, `rollup_parties`: counts of *current* events, kept exact by
the write path in the same transaction as the events (see
`services.store.rollup`); the aggregates read them instead of scanning
`events` when their filters allow.

The fetcher keeps its own tables in the same database; the store's Alembic
version table is `store_alembic_version`.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Computed,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR

VERSION_TABLE = "store_alembic_version"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "pk": "pk_%(table_name)s",
    }
)

TextArray = ARRAY(Text, dimensions=1)

#: What `q` searches: the article title, the participants' names and the evidence sentences
#: (English stemming; each JSON string is its own phrase). Immutable, so a stored generated column.
SEARCH_DOCUMENT = (
    "jsonb_to_tsvector('english'::regconfig, COALESCE(payload #> '{article,title}', '\"\"'::jsonb), '[\"string\"]')"
    " || jsonb_to_tsvector('english'::regconfig,"
    " jsonb_path_query_array(payload, '$.participants[*].name'), '[\"string\"]')"
    " || jsonb_to_tsvector('english'::regconfig,"
    " jsonb_path_query_array(payload, '$.evidence[*].text'), '[\"string\"]')"
)

#: Columns the current-events covering index carries (what the common filters test, but `q` and `since`).
COVERED = [
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
]

events = Table(
    "events",
    metadata,
    Column("event_id", Text, primary_key=True),
    Column("article_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("countries", TextArray, nullable=False, server_default=text("'{}'")),
    Column("igos", TextArray, nullable=False, server_default=text("'{}'")),
    Column("sectors", TextArray, nullable=False, server_default=text("'{}'")),
    Column("date_start", Date, comment="first day of the event date's precision range"),
    Column("date_end", Date, comment="last day of the precision range of date.end (or date.start)"),
    Column("date_precision", Text),
    Column("location_name", Text),
    Column("location_country", Text),
    Column("confidence", Float, nullable=False),
    Column("extractor_name", Text, nullable=False),
    Column("extractor_version", Text, nullable=False),
    Column("extracted_at", DateTime(timezone=True)),
    Column("ingested_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("retired_at", DateTime(timezone=True), comment="null = current; else superseded"),
    Column("payload", JSONB, nullable=False, comment="the event as the contract defines it"),
    Column("published_at", DateTime(timezone=True), comment="article.published_at of the event"),
    Column("publisher", Text, comment="article.publisher of the event"),
    Column("search", TSVECTOR, Computed(SEARCH_DOCUMENT, persisted=True), comment="what `q` searches"),
    CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
    CheckConstraint("date_end >= date_start", name="date_order"),
    CheckConstraint("date_precision IN ('day', 'month', 'year')", name="date_precision"),
    CheckConstraint("(date_start IS NULL) = (date_precision IS NULL)", name="date_complete"),
    Index("ix_events_countries", "countries", postgresql_using="gin"),
    Index("ix_events_igos", "igos", postgresql_using="gin"),
    # no index on type nor sectors (a sixth of the events or more per value): the covering index carries
    # them (migration 0003)
    Index("ix_events_article_id", "article_id"),
    Index("ix_events_location_country", "location_country"),
    Index("ix_events_extracted_at", "extracted_at"),
    # Date filters and the default `-date` order (keyset on date_start, event_id).
    Index(
        "ix_events_date_start_event_id",
        text("date_start DESC NULLS LAST"),
        text("event_id DESC"),
    ),
    # The `updated` order used to sync incrementally (keyset on updated_at, event_id).
    Index("ix_events_updated_at_event_id", "updated_at", "event_id"),
    Index("ix_events_search", "search", postgresql_using="gin"),
    Index("ix_events_published_at", "published_at"),
    Index("ix_events_publisher", "publisher"),
    # The current events in the default order, carrying what the common filters test: a listing
    # picks its page's keys and counts its total, and a date-range aggregate reads its rows, from
    # this index alone (index-only scans), never from the wide rows.
    Index(
        "ix_events_current_cover",
        text("date_start DESC NULLS LAST"),
        text("event_id DESC"),
        postgresql_include=COVERED,
        postgresql_where=text("retired_at IS NULL"),
    ),
)

articles = Table(
    "articles",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("url", Text),
    Column("canonical_url", Text),
    Column("title", Text),
    Column("language", Text),
    Column("published_at", DateTime(timezone=True)),
    Column("fetched_at", DateTime(timezone=True)),
    Column("source", Text),
    Column("publisher", Text),
    Column("content_hash", Text),
    Column("text_length", Integer, nullable=False, server_default=text("0")),
    Column("source_ref", Text),
    Column("status", Text, nullable=False),
    Column("skip_reason", Text),
    Column("extractor_name", Text, nullable=False),
    Column("extractor_version", Text, nullable=False),
    Column("event_ids", TextArray, nullable=False, server_default=text("'{}'")),
    Column("event_count", Integer, nullable=False, server_default=text("0")),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    CheckConstraint("status IN ('extracted', 'skipped')", name="status"),
    CheckConstraint("event_count = cardinality(event_ids)", name="event_count"),
    CheckConstraint("text_length >= 0", name="text_length"),
    Index("ix_articles_published_at", "published_at"),
    Index("ix_articles_extracted_at", "extracted_at"),
    Index("ix_articles_status", "status"),
    Index("ix_articles_publisher", "publisher"),
    # The articles listing order (keyset on published_at, article_id).
    Index(
        "ix_articles_published_at_article_id",
        text("published_at DESC NULLS LAST"),
        text("article_id DESC"),
    ),
)

rollup_months = Table(
    "rollup_months",
    metadata,
    Column("month_start", Date, comment="first day of the month of date_start; null = undated"),
    Column("month_end", Date, comment="first day of the month of date_end; null = undated"),
    Column("type", Text, nullable=False),
    Column("party", Text, comment="a country or IGO of the events; null = all events"),
    Column("sector", Text, comment="a sector of the events; null = all events"),
    Column("events", BigInteger, nullable=False, comment="current events with these keys"),
    Index(
        "ux_rollup_months_keys",
        "month_start",
        "month_end",
        "type",
        "party",
        "sector",
        unique=True,
        postgresql_nulls_not_distinct=True,
    ),
    # reads by party or sector (a listing's total, the aggregates) index-only (migration 0004)
    Index(
        "ix_rollup_months_party_sector_type",
        "party",
        "sector",
        "type",
        "month_start",
        postgresql_include=["month_end", "events"],
    ),
)

rollup_parties = Table(
    "rollup_parties",
    metadata,
    Column("type", Text, nullable=False),
    Column("focus", Text, comment="events of this party only; null = all events"),
    Column("a", Text, comment="a pair of parties of the events (a < b), or null"),
    Column("b", Text),
    Column("sector", Text, comment="with focus: the focus' events in this sector"),
    Column("events", BigInteger, nullable=False, comment="current events with these keys"),
    Index(
        "ux_rollup_parties_keys",
        "focus",
        "a",
        "b",
        "sector",
        "type",
        unique=True,
        postgresql_nulls_not_distinct=True,
    ),
    Index("ix_rollup_parties_b", "b", postgresql_where=text("focus IS NULL")),
    Index(
        "ix_rollup_parties_pairs",
        "a",
        "b",
        "type",
        postgresql_include=["events"],
        postgresql_where=text("focus IS NULL AND sector IS NULL"),
    ),
    Index(
        "ix_rollup_parties_focus_pairs",
        "focus",
        "a",
        "b",
        "type",
        postgresql_include=["events"],
        postgresql_where=text("focus IS NOT NULL AND a IS NOT NULL AND sector IS NULL"),
    ),
    Index(
        "ix_rollup_parties_singles",
        "focus",
        "type",
        postgresql_include=["events"],
        postgresql_where=text("a IS NULL AND sector IS NULL"),
    ),
)

rollup_pair_months = Table(
    "rollup_pair_months",
    metadata,
    Column("month_start", Date, comment="first day of the month of date_start; null = undated"),
    Column("month_end", Date, comment="first day of the month of date_end; null = undated"),
    Column("type", Text, nullable=False),
    Column("a", Text, nullable=False, comment="a pair of parties of the events, a < b"),
    Column("b", Text, nullable=False),
    Column("events", BigInteger, nullable=False, comment="current events with these keys"),
    Index(
        "ux_rollup_pair_months_keys",
        "month_start",
        "month_end",
        "type",
        "a",
        "b",
        unique=True,
        postgresql_nulls_not_distinct=True,
        postgresql_include=["events"],
    ),
    # a pair's rows (a listing's total for a pair and dates; migration 0004)
    Index(
        "ix_rollup_pair_months_pair",
        "a",
        "b",
        "month_end",
        postgresql_include=["month_start", "type", "events"],
    ),
)

#: Each current event once per party (country or IGO), with what the list filters test; kept by the
#: trigger `events_parties_sync` on `events` (migration 0005). A party's events newest first,
#: index-only: what a listing or an export with a party filter walks instead of every current event.
event_parties = Table(
    "event_parties",
    metadata,
    Column("party", Text, nullable=False),
    Column("date_start", Date),
    Column("event_id", Text, nullable=False),
    Column("date_end", Date),
    Column("type", Text, nullable=False),
    Column("countries", TextArray, nullable=False),
    Column("igos", TextArray, nullable=False),
    Column("sectors", TextArray, nullable=False),
    Index(
        "ix_event_parties_order",
        "party",
        text("date_start DESC NULLS LAST"),
        text("event_id DESC"),
        postgresql_include=["date_end", "type", "countries", "igos", "sectors"],
    ),
    Index("ix_event_parties_event_id", "event_id"),
)
