"""`accord store rebuild`: the store's tables recreated from `events.cooperation` and `articles.extracted` alone.

Reads every partition of both topics from the start to its current end (no consumer group, no
commit) and writes the records through `persist.apply_batch`, the sink's own write path, in
ONE transaction that first deletes every row of `events`, `articles` and the rollups: readers
keep the old rows until the commit, and a failed rebuild changes nothing. Records the sink would
dead-letter (undecodable, unstorable) are skipped and counted, so they stay out as before.

Because `apply_batch` ends in the same state whatever the arrival order, the rebuilt rows equal
the sink's, except the wall-clock columns `ingested_at` and `updated_at` (when a row was written).
On a compacted events topic the payload of an event retracted before compaction is gone, so its
retired row cannot come back; current events and articles always do.

Stop the sink while rebuilding (its writes would wait on the rebuild's locks, then apply again).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DataError, IntegrityError

from libs.contracts.extractions import ArticleExtraction
from libs.contracts.retractions import EventsTopicValue
from libs.runtime.broker import KafkaRecord
from libs.runtime.changelog import partitions_of, read_to_end
from services.store.core.config import StoreSettings
from services.store.errors import RecordError
from services.store.persist import StoreRecord, apply_batch, to_rows

log = structlog.get_logger(__name__)

TABLES = ("event_parties", "events", "articles", "rollup_months", "rollup_parties", "rollup_pair_months")
#: Records read after which the rebuild refreshes the planner's statistics of the tables it fills (in
#: its transaction: ANALYZE counts the transaction's own rows). The write path's per-article lookups
#: need them: planned for the emptied tables, every batch would scan them whole as they grow.
ANALYZE_AT = (2_000, 20_000, 200_000, 2_000_000)
_UNSTORABLE = (RecordError, DataError, IntegrityError)


@dataclass
class RebuildReport:
    records: int = 0
    skipped: int = 0
    events: int = 0
    articles: int = 0
    started: float = field(default_factory=time.monotonic)

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "skipped": self.skipped,
            "events": self.events,
            "articles": self.articles,
            "seconds": round(time.monotonic() - self.started, 2),
        }


def decode(record: KafkaRecord, settings: StoreSettings) -> StoreRecord | None:
    """The record as the sink reads it; None for what it would dead-letter (or a tombstone)."""
    if record.value is None:
        return None
    try:
        if record.topic == settings.topic_events:
            return EventsTopicValue.model_validate_json(record.value).root
        return ArticleExtraction.model_validate_json(record.value)
    except ValidationError:
        return None


def _apply(conn: Connection, records: Sequence[StoreRecord]) -> int:
    """Apply `records` under a savepoint; on an unstorable one, record by record. How many were skipped."""
    try:
        with conn.begin_nested():
            apply_batch(conn, to_rows(records))
        return 0
    except _UNSTORABLE:
        if len(records) == 1:
            return 1
    return sum(_apply(conn, [r]) for r in records)


async def rebuild(
    settings: StoreSettings, engine: Engine, *, on_progress: Callable[[RebuildReport], None] = lambda _: None
) -> RebuildReport:
    """Recreate the store's rows from the two topics (see the module docstring)."""
    tps = [*await partitions_of(settings, settings.topic_events)]
    tps += await partitions_of(settings, settings.topic_articles_extracted)
    report = RebuildReport()
    with engine.begin() as conn:
        for table in TABLES:
            conn.execute(text(f"DELETE FROM {table}"))
        async for batch in read_to_end(settings, tps):
            decoded = [decode(r, settings) for r in batch]
            records = [r for r in decoded if r is not None]
            if any(report.records < n <= report.records + len(batch) for n in ANALYZE_AT):
                conn.execute(text(f"ANALYZE {', '.join(TABLES)}"))
            report.records += len(batch)
            report.skipped += len(batch) - len(records) + (_apply(conn, records) if records else 0)
            on_progress(report)
        report.events = int(conn.execute(text("SELECT count(*) FROM events")).scalar_one())
        report.articles = int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    log.info("store.rebuilt", **report.as_dict())
    return report
