"""drop the events type and sectors indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

`ix_events_type` (btree, 6 values) and `ix_events_sectors` (GIN, ~15 values)
match a sixth of the events or more each: no query is served better by them
than by the covering index of the current events, which carries both columns.
The planner still ANDed their bitmaps (~170,000 entries) with a rare
country's, which cost 45-60 ms where the country's bitmap alone takes ~20 ms
(`make bench-api`); and every write updated them.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_events_type", table_name="events")
    op.drop_index("ix_events_sectors", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_sectors", "events", ["sectors"], postgresql_using="gin")
    op.create_index("ix_events_type", "events", ["type"])
