"""Mirror Accord's events topic into a SQLite file, applying retractions.

Needs only aiokafka and the standard library. For every event id the last record
wins: a CooperationEvent makes it `current`, an EventRetraction `retracted`, a
null value (tombstone) deletes it. Offsets are committed after the SQLite
transaction, so a crash re-applies a batch, which changes nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys

from aiokafka import AIOKafkaConsumer

RETRACTED = b"org.accord.cooperation.event.retracted.v1"

TABLE = """CREATE TABLE IF NOT EXISTS events (
    event_id     TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL,
    status       TEXT NOT NULL,  -- 'current' or 'retracted'
    type         TEXT,           -- the rest is null for a retraction of an event never seen
    countries    TEXT,           -- 'IRN;IRQ'
    date_start   TEXT,
    retracted_at TEXT,
    payload      TEXT            -- the event's JSON (kept when it is retracted)
)"""

UPSERT_EVENT = """INSERT INTO events VALUES (?, ?, 'current', ?, ?, ?, NULL, ?)
ON CONFLICT (event_id) DO UPDATE SET article_id = excluded.article_id, status = 'current',
    type = excluded.type, countries = excluded.countries, date_start = excluded.date_start,
    retracted_at = NULL, payload = excluded.payload"""

UPSERT_RETRACTION = """INSERT INTO events (event_id, article_id, status, retracted_at)
VALUES (?, ?, 'retracted', ?)
ON CONFLICT (event_id) DO UPDATE SET status = 'retracted', retracted_at = excluded.retracted_at"""


def is_retraction(headers: list[tuple[str, bytes]], body: dict) -> bool:
    """The `ce_type` header tells; without headers, a retraction's body has "kind": "retraction"."""
    ce_type = dict(headers).get("ce_type")
    return ce_type == RETRACTED if ce_type is not None else body.get("kind") == "retraction"


def apply(db: sqlite3.Connection, key: bytes, value: bytes | None, headers: list[tuple[str, bytes]]) -> None:
    """Apply one record of the events topic (idempotent: applying it twice changes nothing)."""
    if value is None:
        db.execute("DELETE FROM events WHERE event_id = ?", (key.decode(),))
        return
    body = json.loads(value)
    if is_retraction(headers, body):
        db.execute(UPSERT_RETRACTION, (body["event_id"], body["article_id"], body["retracted_at"]))
    else:
        date = (body.get("date") or {}).get("start")
        row = (
            body["event_id"],
            body["article_id"],
            body["type"],
            ";".join(body["countries"]),
            date,
            value.decode(),
        )
        db.execute(UPSERT_EVENT, row)


async def mirror(bootstrap: str, topic: str, path: str, group: str, idle_exit: float | None) -> None:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    db = sqlite3.connect(path)
    db.execute(TABLE)
    await consumer.start()
    idle = 0.0
    try:
        while idle_exit is None or idle < idle_exit:
            batches = await consumer.getmany(timeout_ms=500, max_records=500)
            if not batches:
                idle += 0.5 if consumer.assignment() else 0.0
                continue
            idle = 0.0
            with db:  # one transaction per batch, committed before the offsets
                for records in batches.values():
                    for r in records:
                        try:
                            apply(db, r.key, r.value, list(r.headers))
                        except (ValueError, KeyError, TypeError) as exc:  # never crash on one bad record
                            print(f"skipped {r.topic}/{r.partition}@{r.offset}: {exc!r}", file=sys.stderr)
            await consumer.commit()
    finally:
        await consumer.stop()
        db.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bootstrap", default="localhost:9092", help="Kafka bootstrap servers")
    p.add_argument("--topic", default="events.cooperation")
    p.add_argument("--db", default="events.sqlite", help="SQLite file (created when missing)")
    p.add_argument(
        "--group", default="events-mirror", help="consumer group: a restart resumes where it stopped"
    )
    p.add_argument(
        "--idle-exit", type=float, default=None, help="exit after this many seconds without records"
    )
    args = p.parse_args()
    asyncio.run(mirror(args.bootstrap, args.topic, args.db, args.group, args.idle_exit))


if __name__ == "__main__":
    main()
