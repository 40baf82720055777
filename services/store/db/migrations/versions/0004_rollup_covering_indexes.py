"""covering indexes of the rollups for the listings' totals

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

A listing's total is a rollup sum (`EventFilter.count_rows`). Two of its reads were slow:
* `rollup_months` by party or sector: `ix_rollup_months_party_sector` (party, sector) found
  the party's ~1,250 rows, read them from the heap and dropped those of other types (2-4 ms);
  `ix_rollup_months_party_sector_type` (party, sector, type, month_start) INCLUDE (month_end,
  events) answers it index-only (0.15 ms), and every other read by party or sector too.
* a pair with dates could not be counted: `rollup_pair_months` had no index by pair, so the
  listing walked its keys to the cap (1,001 of ~50,000 entries, 25 ms).
  `ix_rollup_pair_months_pair` (a, b, month_end) INCLUDE (month_start, type, events) counts it
  index-only (~0.6 ms).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_rollup_months_party_sector_type",
        "rollup_months",
        ["party", "sector", "type", "month_start"],
        postgresql_include=["month_end", "events"],
    )
    op.drop_index("ix_rollup_months_party_sector", table_name="rollup_months")
    op.create_index(
        "ix_rollup_pair_months_pair",
        "rollup_pair_months",
        ["a", "b", "month_end"],
        postgresql_include=["month_start", "type", "events"],
    )


def downgrade() -> None:
    op.drop_index("ix_rollup_pair_months_pair", table_name="rollup_pair_months")
    op.create_index("ix_rollup_months_party_sector", "rollup_months", ["party", "sector"])
    op.drop_index("ix_rollup_months_party_sector_type", table_name="rollup_months")
