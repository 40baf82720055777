"""examples/events_mirror: the SQLite mirror ends with exactly the current and retracted events of the topic."""

import sqlite3
import uuid
from pathlib import Path

import pytest

from libs.contracts.topics import TopicSettings
from tests.examples.conftest import (
    event,
    event_record,
    publish,
    retraction_record,
    run_example,
    tombstone,
    without_headers,
)

pytestmark = pytest.mark.integration


def _state(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT event_id, status FROM events"))


def _mirror(bootstrap: str, topic: str, db: Path, group: str) -> None:
    done = run_example(
        "events_mirror/mirror.py", "--bootstrap", bootstrap, "--topic", topic, "--db", str(db),
        "--group", group, "--idle-exit", "2",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "skipped" not in done.stderr


def test_mirror_applies_duplicates_retractions_restores_and_tombstones(
    kafka_bootstrap: str, unique_topics: TopicSettings, tmp_path: Path
) -> None:
    topic = unique_topics.topic_events
    e1, e2, e3, e4, e5 = (event(f"ev-mirror-{i}") for i in range(1, 6))
    publish(
        kafka_bootstrap,
        [
            event_record(topic, e1),
            event_record(topic, e2),
            event_record(topic, e1),  # at-least-once: a duplicate
            event_record(topic, e3),
            retraction_record(topic, e2),  # e2 withdrawn
            retraction_record(topic, e2),  # ... and the retraction delivered twice
            event_record(topic, e4),
            without_headers(retraction_record(topic, e4)),  # told apart by the body alone
            event_record(topic, e4),  # a later extraction yields e4 again: restored
            event_record(topic, e5),
            tombstone(topic, e5.event_id),  # purged
            retraction_record(topic, event("ev-never-seen")),  # a retraction whose event was compacted away
        ],
    )
    db = tmp_path / "events.sqlite"
    group = f"mirror-{uuid.uuid4().hex[:8]}"
    _mirror(kafka_bootstrap, topic, db, group)
    expected = {e1.event_id: "current", e2.event_id: "retracted", e3.event_id: "current",
                e4.event_id: "current", "ev-never-seen": "retracted"}  # fmt: skip
    assert _state(db) == expected

    # A restart resumes from the committed offsets; a later retraction applies.
    publish(kafka_bootstrap, [retraction_record(topic, e1, minutes=5)])
    _mirror(kafka_bootstrap, topic, db, group)
    assert _state(db) == expected | {e1.event_id: "retracted"}

    # A new mirror reading the whole topic from the start ends in the same state (replay is idempotent).
    fresh = tmp_path / "fresh.sqlite"
    _mirror(kafka_bootstrap, topic, fresh, f"mirror-{uuid.uuid4().hex[:8]}")
    assert _state(fresh) == _state(db)
    with sqlite3.connect(fresh) as conn:
        row = conn.execute(
            "SELECT countries, type, payload FROM events WHERE event_id = ?", (e3.event_id,)
        ).fetchone()
    assert row[:2] == ("IRN;IRQ", "agreement") and e3.event_id in row[2]


def test_mirror_survives_a_bad_record(
    kafka_bootstrap: str, unique_topics: TopicSettings, tmp_path: Path
) -> None:
    from libs.contracts.records import OutRecord

    topic = unique_topics.topic_events
    good = event("ev-after-bad")
    publish(
        kafka_bootstrap,
        [OutRecord(topic=topic, key=b"junk", value=b"{not json", headers=[]), event_record(topic, good)],
    )
    db = tmp_path / "events.sqlite"
    done = run_example(
        "events_mirror/mirror.py", "--bootstrap", kafka_bootstrap, "--topic", topic, "--db", str(db),
        "--group", f"mirror-{uuid.uuid4().hex[:8]}", "--idle-exit", "2",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "skipped" in done.stderr
    assert _state(db) == {good.event_id: "current"}
