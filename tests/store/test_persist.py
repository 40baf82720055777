"""The pure batch step against a real Postgres: idempotent upserts, retirement rules, poison records."""

from __future__ import annotations

import random
import threading
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DataError

from libs.contracts.events import EventDate, ExtractorInfo, Location, Participant, ParticipantKind
from libs.contracts.records import retraction_for
from services.store import rollup
from services.store.db.models import articles, events
from services.store.persist import (
    BatchStats,
    RecordError,
    StoreRecord,
    apply_batch,
    article_row,
    date_range,
    event_row,
)
from tests.store.factories import T0, extraction_of, make_event, make_extraction
from tests.waiting import wait_until

integration = pytest.mark.integration


def apply(engine: Engine, records: list[StoreRecord]) -> BatchStats:
    with engine.begin() as conn:
        return apply_batch(conn, records)


def snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of both tables, as dicts, in key order."""
    with engine.connect() as conn:
        ev = [dict(r._mapping) for r in conn.execute(select(events).order_by(events.c.event_id))]
        ar = [dict(r._mapping) for r in conn.execute(select(articles).order_by(articles.c.article_id))]
    return {"events": ev, "articles": ar}


#: `event_parties` recomputed from `events` (what the trigger `events_parties_sync` must keep).
PARTY_ROWS = (
    "SELECT DISTINCT p, e.date_start, e.event_id, e.date_end, e.type, e.countries, e.igos, e.sectors"
    " FROM events e, unnest(e.countries || e.igos) AS p WHERE e.retired_at IS NULL"
)


def assert_rollups_exact(engine: Engine) -> None:
    """The rollups the writes kept equal their recount from `events`, and so does `event_parties`."""
    with engine.connect() as conn:
        assert rollup.drift(conn) == {}
        stored = conn.execute(text("SELECT * FROM event_parties")).all()
        assert sorted(stored) == sorted(conn.execute(text(PARTY_ROWS)).all())


def current_ids(engine: Engine, article_id: str | None = None) -> set[str]:
    q = select(events.c.event_id).where(events.c.retired_at.is_(None))
    if article_id:
        q = q.where(events.c.article_id == article_id)
    with engine.connect() as conn:
        return set(conn.scalars(q))


def without_times(snap: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The snapshot minus the wall-clock columns (which record when, not what)."""
    drop = {"ingested_at", "updated_at"}
    return {t: [{k: v for k, v in row.items() if k not in drop} for row in rows] for t, rows in snap.items()}


@integration
def test_rows_hold_the_filter_columns_and_the_contract_json(migrated_engine: Engine) -> None:
    ev = make_event(
        "u1",
        0,
        countries=["IRQ", "IRN", "IRN"],
        igos=["UNESCO"],
        sectors=["health_medicine", "higher_education"],
        date={"start": "2024-02", "precision": "month", "text": "in February"},
        location={"name": "Baghdad", "country": "IRQ"},
        confidence=0.65,
    )
    stats = apply(migrated_engine, [ev])
    assert stats == BatchStats(events_received=1, events_written=1)
    (row,) = snapshot(migrated_engine)["events"]
    assert row["countries"] == ["IRN", "IRQ"]
    assert row["igos"] == ["UNESCO"]
    assert row["sectors"] == ["health_medicine", "higher_education"]
    assert (row["date_start"], row["date_end"], row["date_precision"]) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
        "month",
    )
    assert (row["location_name"], row["location_country"]) == ("Baghdad", "IRQ")
    assert row["type"] == "agreement" and row["confidence"] == 0.65
    assert (row["extractor_name"], row["extractor_version"]) == ("accord-rules", "1.0.0")
    assert row["extracted_at"] == T0 and row["retired_at"] is None
    assert row["payload"] == ev.model_dump(mode="json")


@integration
def test_same_batch_twice_leaves_the_same_state(migrated_engine: Engine) -> None:
    evs1, sum1 = extraction_of("u1", 3)
    evs2, sum2 = extraction_of("u2", 2)
    batch: list[StoreRecord] = [*evs1, sum1, *evs2, sum2, make_event("u3", 0)]
    first = apply(migrated_engine, batch)
    state = snapshot(migrated_engine)
    again = apply(migrated_engine, batch)
    assert snapshot(migrated_engine) == state  # updated_at included: nothing was rewritten
    assert first.events_written == 6 and first.articles_written == 2
    assert again == BatchStats(events_received=6, articles_received=2)
    assert len(state["events"]) == 6 and len(state["articles"]) == 2


@integration
def test_duplicates_within_one_batch_are_stored_once(migrated_engine: Engine) -> None:
    ev = make_event("u1", 0)
    newer = make_event("u1", 0, extracted_at=T0 + timedelta(hours=1), confidence=0.9)
    apply(migrated_engine, [ev, newer, ev, make_extraction("u1", [ev.event_id]), make_extraction("u1", [])])
    rows = snapshot(migrated_engine)
    assert len(rows["events"]) == 1 and rows["events"][0]["confidence"] == 0.9
    assert rows["articles"][0]["event_ids"] == []  # the later of two equally new summaries


@integration
def test_an_older_version_never_overwrites_a_newer_one(migrated_engine: Engine) -> None:
    old = make_event("u1", 0, confidence=0.5)
    new = make_event("u1", 0, confidence=0.7, extracted_at=T0 + timedelta(days=1))
    apply(migrated_engine, [new])
    apply(migrated_engine, [old])  # a late redelivery
    assert snapshot(migrated_engine)["events"][0]["confidence"] == 0.7

    new_sum = make_extraction("u1", [new.event_id], extracted_at=T0 + timedelta(days=1))
    old_sum = make_extraction("u1", [], extracted_at=T0)
    apply(migrated_engine, [new_sum])
    apply(migrated_engine, [old_sum])
    assert snapshot(migrated_engine)["articles"][0]["event_ids"] == [new.event_id]
    assert current_ids(migrated_engine) == {new.event_id}


@integration
def test_event_parties_follow_a_newer_version_and_a_retraction(migrated_engine: Engine) -> None:
    """`event_parties` (kept by a trigger) lists each current event once per party, and follows an
    update of the event's parties, type and date, and its retirement."""
    first = make_event("u1", 0, countries=["IRN", "IRQ", "IRN"], igos=["UNESCO"])
    apply(migrated_engine, [first])
    with migrated_engine.connect() as conn:
        assert sorted(conn.scalars(text("SELECT party FROM event_parties"))) == ["IRN", "IRQ", "UNESCO"]
    newer = make_event(
        "u1",
        0,
        countries=["IRN", "TUR"],
        type="meeting",
        date={"start": "2024-05", "precision": "month", "text": "in May"},
        extracted_at=T0 + timedelta(days=1),
    )
    apply(migrated_engine, [newer])
    assert_rollups_exact(migrated_engine)
    with migrated_engine.connect() as conn:
        rows = conn.execute(text("SELECT party, type, date_start FROM event_parties ORDER BY party")).all()
    assert [tuple(r) for r in rows] == [
        ("IRN", "meeting", date(2024, 5, 1)),
        ("TUR", "meeting", date(2024, 5, 1)),
    ]
    retraction = retraction_for(newer, retracted_at=T0 + timedelta(days=2), extractor=newer.extractor)
    apply(migrated_engine, [retraction])
    assert_rollups_exact(migrated_engine)
    with migrated_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM event_parties")) == 0


def _reextraction() -> tuple[list[StoreRecord], set[str], set[str]]:
    """v1 yields events 0,1,2; v2 (a day later) yields 1,2 unchanged plus a changed one (new id)."""
    v1_events, v1_sum = extraction_of("u1", 3)
    t1 = T0 + timedelta(days=1)
    keep = v1_events[1:]
    changed = make_event("u1", 7, extractor={"name": "accord-rules", "version": "2.0.0"}, extracted_at=t1)
    v2_sum = make_extraction(
        "u1",
        [changed.event_id, *(e.event_id for e in keep)],
        extracted_at=t1,
        extractor={"name": "accord-rules", "version": "2.0.0"},
    )
    retraction = retraction_for(
        v1_events[0], retracted_at=t1, extractor=ExtractorInfo(name="accord-rules", version="2.0.0")
    )
    records: list[StoreRecord] = [*v1_events, v1_sum, changed, *keep, retraction, v2_sum]
    final_current = {changed.event_id, *(e.event_id for e in keep)}
    return records, final_current, {v1_events[0].event_id}


@integration
def test_reextraction_retires_dropped_events(migrated_engine: Engine) -> None:
    records, want_current, want_retired = _reextraction()
    v1 = records[:4]
    stats = apply(migrated_engine, v1)
    assert stats.events_retired == 0 and len(current_ids(migrated_engine)) == 3
    stats = apply(migrated_engine, records[4:])
    assert current_ids(migrated_engine) == want_current
    assert stats.events_retired == 1
    with migrated_engine.connect() as conn:
        retired = dict(
            conn.execute(
                select(events.c.event_id, events.c.retired_at).where(events.c.retired_at.isnot(None))
            ).all()
        )
    assert set(retired) == want_retired
    assert set(retired.values()) == {T0 + timedelta(days=1)}  # the superseding extraction's time
    assert_rollups_exact(migrated_engine)


@integration
def test_final_state_is_the_same_in_every_arrival_order(migrated_engine: Engine) -> None:
    """Shuffled orders, random batch cuts and redeliveries all end in the same rows."""
    records, want_current, _ = _reextraction()
    rng = random.Random(4)
    orders: list[list[StoreRecord]] = [list(reversed(records)), records + records[:4]]  # v1 redelivered last
    for _ in range(16):
        order = records + rng.sample(records, 3)  # some records twice
        rng.shuffle(order)
        orders.append(order)
    reference = None
    for order in orders:
        with migrated_engine.begin() as conn:
            conn.execute(
                text(
                    "TRUNCATE events, event_parties, articles, rollup_months, rollup_parties, rollup_pair_months"
                )
            )
        i = 0
        while i < len(order):
            size = rng.randint(1, 4)
            apply(migrated_engine, order[i : i + size])
            i += size
        assert current_ids(migrated_engine) == want_current, order
        assert_rollups_exact(migrated_engine)
        state = without_times(snapshot(migrated_engine))
        if reference is None:
            reference = state
        assert state == reference


@integration
def test_a_retraction_retires_at_once_and_an_older_summary_does_not_bring_it_back(
    migrated_engine: Engine,
) -> None:
    (e0, e1), v1 = extraction_of("u1", 2)
    apply(migrated_engine, [e0, e1, v1])
    t1 = T0 + timedelta(days=1)
    info = ExtractorInfo(name="accord-rules", version="2.0.0")
    stats = apply(migrated_engine, [retraction_for(e0, retracted_at=t1, extractor=info)])
    assert (stats.retractions_received, stats.events_retired) == (1, 1)
    assert current_ids(migrated_engine) == {e1.event_id}
    apply(migrated_engine, [e1, v1])  # the old extraction redelivered: the retraction is newer
    assert current_ids(migrated_engine) == {e1.event_id}
    assert_rollups_exact(migrated_engine)
    again = apply(migrated_engine, [retraction_for(e0, retracted_at=t1, extractor=info)])
    assert again.events_retired == 0  # idempotent
    # a later extraction yields e0 again: restored, and the stale retraction redelivered changes nothing
    t2 = T0 + timedelta(days=2)
    e0_again = e0.model_copy(update={"extracted_at": t2})
    apply(migrated_engine, [e0_again, make_extraction("u1", [e0.event_id, e1.event_id], extracted_at=t2)])
    assert current_ids(migrated_engine) == {e0.event_id, e1.event_id}
    apply(migrated_engine, [retraction_for(e0, retracted_at=t1, extractor=info)])
    assert current_ids(migrated_engine) == {e0.event_id, e1.event_id}
    assert_rollups_exact(migrated_engine)
    # a retraction of an event never stored changes nothing
    ghost = make_event("u9", 0)
    assert (
        apply(migrated_engine, [retraction_for(ghost, retracted_at=t1, extractor=info)]).events_retired == 0
    )


@integration
def test_events_before_any_summary_are_current(migrated_engine: Engine) -> None:
    evs, summary = extraction_of("u1", 2)
    apply(migrated_engine, evs)
    assert current_ids(migrated_engine) == {e.event_id for e in evs}
    apply(migrated_engine, [summary])
    assert current_ids(migrated_engine) == {e.event_id for e in evs}


@integration
def test_events_of_a_newer_extraction_wait_for_their_summary(migrated_engine: Engine) -> None:
    """Once an article has a summary, its current events are exactly the summary's: no mix of extractions."""
    v1_events, v1_sum = extraction_of("u1", 2)
    apply(migrated_engine, [*v1_events, v1_sum])
    t1 = T0 + timedelta(days=1)
    v2_events, v2_sum = extraction_of("u1", 1, version="2.0.0", at=t1)
    apply(migrated_engine, v2_events)
    assert current_ids(migrated_engine) == {e.event_id for e in v1_events}
    stats = apply(migrated_engine, [v2_sum])
    assert current_ids(migrated_engine) == {v2_events[0].event_id}
    assert (stats.events_retired, stats.events_restored) == (2, 1)


@integration
def test_a_summary_before_its_events_and_a_skipped_article(migrated_engine: Engine) -> None:
    evs, summary = extraction_of("u1", 2)
    apply(migrated_engine, [summary])
    apply(migrated_engine, evs[:1])
    assert current_ids(migrated_engine) == {evs[0].event_id}
    apply(migrated_engine, [make_extraction("u1", [], status="skipped", extracted_at=T0 + timedelta(days=1))])
    assert current_ids(migrated_engine) == set()
    apply(migrated_engine, evs[1:])
    assert current_ids(migrated_engine) == set()
    rows = snapshot(migrated_engine)["articles"]
    assert rows[0]["status"] == "skipped" and rows[0]["event_count"] == 0


@integration
def test_an_impossible_calendar_date_is_a_record_error(migrated_engine: Engine) -> None:
    bad = make_event("u1", 0, date={"start": "2025-02-30", "precision": "day", "text": "x"})
    with pytest.raises(RecordError, match="not a calendar date"):
        apply(migrated_engine, [make_event("u2", 0), bad])
    assert snapshot(migrated_engine)["events"] == []  # the transaction rolled back as a whole


@pytest.mark.parametrize(
    "override",
    [
        {"location": Location.model_construct(name="Teh\x00ran")},  # a text column: refused by the driver
        {"participants": [Participant.model_construct(name="Dr\x00X", kind=ParticipantKind.person)]},  # JSONB
    ],
    ids=["text-column", "jsonb"],
)
@integration
def test_a_value_postgres_refuses_raises_a_data_error(
    migrated_engine: Engine, override: dict[str, Any]
) -> None:
    """Defence in depth: the contracts remove NUL (`libs.contracts.storable`), so these bypass validation."""
    bad = make_event("u1", 0).model_copy(update=override)
    with pytest.raises(DataError):
        apply(migrated_engine, [make_event("u2", 0), bad])
    assert snapshot(migrated_engine)["events"] == []


@integration
def test_concurrent_batches_on_one_article_are_serialised(migrated_engine: Engine) -> None:
    """A summary and a late event of the same article in two concurrent transactions (two sink processes)."""
    evs, _ = extraction_of("u1", 2)
    summary = make_extraction("u1", [evs[0].event_id])
    apply(migrated_engine, [evs[0]])
    outcome: dict[str, Any] = {}

    with migrated_engine.connect() as conn_a:
        tx = conn_a.begin()
        apply_batch(conn_a, [summary])  # transaction A: open, holding the article's lock
        worker = threading.Thread(target=lambda: outcome.update(stats=apply(migrated_engine, [evs[1]])))
        worker.start()
        wait_until(
            lambda: not worker.is_alive() or _waiting_on_advisory_lock(migrated_engine),
            30,
            "transaction B to finish or wait on the advisory lock",
            every=0.02,
        )
        tx.commit()
    worker.join(30)
    assert not worker.is_alive()
    assert current_ids(migrated_engine) == {evs[0].event_id}  # B saw A's summary: its event is not listed
    assert_rollups_exact(migrated_engine)
    assert outcome["stats"].events_written == 1


def _waiting_on_advisory_lock(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(
            conn.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))
        )


# --- pure parts (no database) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "precision", "want"),
    [
        ("2024", None, "year", (date(2024, 1, 1), date(2024, 12, 31))),
        ("2024-02", None, "month", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-02", None, "month", (date(2023, 2, 1), date(2023, 2, 28))),
        ("2024-12", None, "month", (date(2024, 12, 1), date(2024, 12, 31))),
        ("2024-05-07", None, "day", (date(2024, 5, 7), date(2024, 5, 7))),
        ("2024-05-07", "2024-05-09", "day", (date(2024, 5, 7), date(2024, 5, 9))),
        ("2023", "2025", "year", (date(2023, 1, 1), date(2025, 12, 31))),
        ("2024-11", "2025-01", "month", (date(2024, 11, 1), date(2025, 1, 31))),
    ],
)
def test_date_range_covers_the_precision(
    start: str, end: str | None, precision: str, want: tuple[date, date]
) -> None:
    assert date_range(EventDate(start=start, end=end, precision=precision, text="t")) == want  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["2024-02-30", "2023-13", "0000"])
def test_date_range_refuses_impossible_dates(bad: str) -> None:
    precision = {4: "year", 7: "month", 10: "day"}[len(bad)]
    with pytest.raises(RecordError, match="not a calendar date"):
        date_range(EventDate(start=bad, precision=precision, text="t"))  # type: ignore[arg-type]


def test_rows_without_optional_parts() -> None:
    row = event_row(make_event("u1", 0, date=None, location=None, extracted_at=None))
    assert row["date_start"] is row["date_end"] is row["date_precision"] is None
    assert row["location_name"] is row["location_country"] is None and row["extracted_at"] is None
    summary = article_row(make_extraction("u1", ["e1", "e2", "e1"]))
    assert summary["event_ids"] == ["e1", "e2"] and summary["event_count"] == 2
