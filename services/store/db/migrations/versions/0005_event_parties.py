"""event_parties: each current event once per party, in the listing order (kept by a trigger)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

A listing for a rare party walked the covering index of all current events, testing
`countries @> {party}` on each entry until a page was found: ~44,000 entries (30-60 ms) for a
party in half a percent of the events, the tail of `make bench-api`. `event_parties` holds one
row per current event and party (countries and IGOs) with the columns the list filters test;
`ix_event_parties_order` (party, date_start DESC NULLS LAST, event_id DESC) INCLUDE (them) gives
a party's events newest first, index-only. The trigger `events_parties_sync` keeps it exact in
the transaction that changes `events` (insert, update of a listed column or of `retired_at`,
delete); a TRUNCATE of `events` must truncate it too.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: What the trigger copies, and the backfill (the columns the common filters test on a party's events).
COLUMNS = "party, date_start, event_id, date_end, type, countries, igos, sectors"


def _rows_of(row: str, source: str = "") -> str:
    """The SELECT of the event_parties rows of events row `row` (NEW, or the alias `source` names)."""
    return (
        f"SELECT DISTINCT p, {row}.date_start, {row}.event_id, {row}.date_end, {row}.type,"
        f" {row}.countries, {row}.igos, {row}.sectors FROM {source}unnest({row}.countries || {row}.igos) AS p"
    )


SYNC = f"""
CREATE FUNCTION events_parties_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.retired_at IS NULL) = (NEW.retired_at IS NULL)
       AND OLD.countries = NEW.countries AND OLD.igos = NEW.igos AND OLD.sectors = NEW.sectors
       AND OLD.type = NEW.type AND OLD.date_start IS NOT DISTINCT FROM NEW.date_start
       AND OLD.date_end IS NOT DISTINCT FROM NEW.date_end THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.retired_at IS NULL THEN
        DELETE FROM event_parties WHERE event_id = OLD.event_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.retired_at IS NULL THEN
        INSERT INTO event_parties ({COLUMNS}) {_rows_of("NEW")};
    END IF;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.execute(
        "CREATE TABLE event_parties (party text NOT NULL, date_start date, event_id text NOT NULL,"
        " date_end date, type text NOT NULL, countries text[] NOT NULL, igos text[] NOT NULL,"
        " sectors text[] NOT NULL)"
    )
    op.execute(
        f"INSERT INTO event_parties ({COLUMNS}) {_rows_of('e', 'events e, ')} WHERE e.retired_at IS NULL"
    )
    op.execute(
        "CREATE INDEX ix_event_parties_order ON event_parties"
        " (party, date_start DESC NULLS LAST, event_id DESC) INCLUDE (date_end, type, countries, igos, sectors)"
    )
    op.execute("CREATE INDEX ix_event_parties_event_id ON event_parties (event_id)")
    op.execute(SYNC)
    op.execute(
        "CREATE TRIGGER events_parties_sync AFTER INSERT OR UPDATE OR DELETE ON events"
        " FOR EACH ROW EXECUTE FUNCTION events_parties_sync()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER events_parties_sync ON events")
    op.execute("DROP FUNCTION events_parties_sync()")
    op.execute("DROP TABLE event_parties")
