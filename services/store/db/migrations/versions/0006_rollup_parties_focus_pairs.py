"""an index of each party's pairs in rollup_parties, for a party's graph and pairs

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

`GET /v1/graph?country=X` and `GET /v1/stats/pairs?country=X` read the pairs within X's events
from `rollup_parties` (focus = X, a and b set, no sector): found by `ux_rollup_parties_keys`
(focus, a, b, sector, type), a frequent party's ~50,000 rows came from ~5,600 heap pages, were
sorted by pair and grouped (60 ms for the graph of the most frequent country at 1,000,000 events).
`ix_rollup_parties_focus_pairs` (focus, a, b, type) INCLUDE (events), partial on those rows, gives
them index-only in pair order (no sort): 62-91 -> 32-34 ms for it, 33-38 -> 18-19 ms for a rarer one.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_rollup_parties_focus_pairs",
        "rollup_parties",
        ["focus", "a", "b", "type"],
        postgresql_include=["events"],
        postgresql_where=sa.text("focus IS NOT NULL AND a IS NOT NULL AND sector IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_rollup_parties_focus_pairs", table_name="rollup_parties")
