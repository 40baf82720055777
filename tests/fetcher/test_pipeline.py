"""Unit tests of the publishing pipeline with an in-memory ledger and a fake publisher."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from typing import Any

import orjson
import pytest
from aiokafka.errors import KafkaConnectionError, MessageSizeTooLargeError

from libs.contracts.articles import RawArticle
from libs.contracts.records import OutRecord
from libs.runtime.retry import RetryPolicy
from services.fetcher.config import SourceConfig
from services.fetcher.documents import Cursor, Document, Item, Skipped
from services.fetcher.pipeline import Builder, BuildSpec, Built, PipelineOptions, SourcePipeline, build_batch
from services.fetcher.sources import Source
from tests.fetcher.fakes import FakePublisher, MemoryLedger

TOPIC = "articles.raw.test"


class ListSource(Source):
    """Items from a list; cursor {"i": index after the item}; an Exception entry fails the scan there."""

    kind = "list"

    def __init__(
        self, entries: Sequence[Document | Skipped | Exception], name: str = "src", fp: str | None = "fp1"
    ):
        super().__init__(SourceConfig(name=name, kind="list"))
        self.entries = list(entries)
        self.fp = fp
        self.scans: list[Cursor | None] = []

    def fingerprint(self) -> str | None:
        return self.fp

    async def scan(self, cursor: Cursor | None) -> AsyncIterator[Item]:
        self.scans.append(cursor)
        start = int(cursor["i"]) if cursor else 0
        for i in range(start, len(self.entries)):
            entry = self.entries[i]
            if isinstance(entry, Exception):
                raise entry
            yield replace(entry, cursor={"i": i + 1})
            await asyncio.sleep(0)


def doc(n: int, text: str | None = None, url: str | None = None) -> Document:
    return Document(
        text=text or f"Article number {n} about science cooperation between two countries.",
        source_ref=f"r{n}",
        url=url,
    )


def pipeline(
    source: Source,
    ledger: MemoryLedger,
    publisher: FakePublisher,
    *,
    retry_initial_s: float = 0.001,
    retry_max_s: float = 0.01,
    **kw: Any,
) -> SourcePipeline:
    opts: dict[str, Any] = {"batch_size": 3, "max_in_flight": 3}
    opts.update(kw)
    options = PipelineOptions(
        topic=TOPIC, retry=RetryPolicy(initial_s=retry_initial_s, max_s=retry_max_s), **opts
    )
    return SourcePipeline(source, options, ledger=ledger, publisher=publisher, builder=Builder(0))


def articles(publisher: FakePublisher) -> list[RawArticle]:
    return [RawArticle.model_validate(orjson.loads(r.value or b"")) for r in publisher.acked]


def run(p: SourcePipeline, **kw: Any) -> Any:
    return asyncio.run(p.run(**kw))


def test_publishes_each_document_once_and_records_it() -> None:
    entries: list[Any] = [doc(i) for i in range(10)]
    entries.insert(4, Skipped("bad_record", "line 5: not JSON", "f:5"))
    entries.append(Document(text=" ![](x.png) ", source_ref="r-empty"))
    ledger, pub = MemoryLedger(), FakePublisher()
    report = run(pipeline(ListSource(entries), ledger, pub))
    assert report.completed and report.error is None
    assert report.items == 12 and report.published == 10
    assert report.skipped == Counter({"bad_record": 1, "empty": 1})
    arts = articles(pub)
    assert sorted(a.fetch.source_ref for a in arts) == sorted(f"r{i}" for i in range(10))
    assert all(
        r.key == a.article_id.encode() and r.topic == TOPIC for r, a in zip(pub.acked, arts, strict=True)
    )
    assert set(ledger.rows) == {a.article_id for a in arts}
    assert ledger.rows[arts[0].article_id].content_hash == arts[0].content_hash
    final = ledger.saved["src"]
    assert final.completed and final.cursor == {"i": 12} and final.fingerprint == "fp1"


class TrickleSource(ListSource):
    """Yields its items with a short pause between them (a followed feed): the queue is never idle
    long, and notes how many records were acknowledged when the scan reached its end."""

    acked_at_end = -1

    def __init__(self, entries: Sequence[Document], publisher: FakePublisher) -> None:
        super().__init__(entries)
        self.publisher = publisher

    async def scan(self, cursor: Cursor | None) -> AsyncIterator[Item]:
        for i, entry in enumerate(self.entries):
            yield replace(entry, cursor={"i": i + 1})
            await asyncio.sleep(0.01)
        self.acked_at_end = len(self.publisher.acked)


def test_a_steady_trickle_is_published_after_flush_after_s_not_at_the_scan_end() -> None:
    ledger, pub = MemoryLedger(), FakePublisher()
    source = TrickleSource([doc(i) for i in range(40)], pub)
    report = run(pipeline(source, ledger, pub, batch_size=500, flush_after_s=0.05))
    assert report.published == 40 and len(ledger.rows) == 40
    assert source.acked_at_end > 0, "nothing was published before the scan ended"
    assert pub.calls > 1


def test_restart_publishes_nothing_twice() -> None:
    ledger, pub = MemoryLedger(), FakePublisher()
    source = ListSource([doc(i) for i in range(7)])
    assert run(pipeline(source, ledger, pub)).published == 7
    again = run(pipeline(source, ledger, pub))
    assert again.unchanged and again.items == 0 and len(source.scans) == 1
    rescan = run(pipeline(source, ledger, pub), rescan=True)
    assert rescan.items == 7 and rescan.published == 0 and rescan.skipped == Counter({"duplicate": 7})
    source.fp = "fp2"  # content changed: scanned again from the start, still nothing new
    changed = run(pipeline(source, ledger, pub))
    assert source.scans[-1] is None and changed.published == 0
    assert len(pub.acked) == 7


def test_changed_content_under_the_same_id_is_a_new_version_in_order() -> None:
    url = "https://example.com/news/1"
    entries = [
        doc(1, "First version of the story.", url),
        doc(2),
        doc(3),
        doc(4, "Second version of the story.", url + "?utm_source=x"),
    ]
    ledger, pub = MemoryLedger(), FakePublisher(max_delay=0.01)
    report = run(pipeline(ListSource(entries), ledger, pub, batch_size=3))
    assert report.published == 4
    versions = [a for a in articles(pub) if a.canonical_url == url]
    assert [v.text for v in versions] == ["First version of the story.", "Second version of the story."]
    assert ledger.versions[versions[0].article_id] == 2
    # the same change inside one batch: only the later version goes out
    ledger2, pub2 = MemoryLedger(), FakePublisher()
    report2 = run(pipeline(ListSource(entries), ledger2, pub2, batch_size=10))
    assert report2.published == 3 and report2.skipped == Counter({"superseded": 1})
    assert [a.text for a in articles(pub2) if a.canonical_url == url] == ["Second version of the story."]


def test_duplicates_in_the_source_published_once_even_when_batches_overlap() -> None:
    same = "The very same article text, seen twice by the crawler."
    entries = [doc(0, same), doc(1), doc(2), doc(3, same), doc(4), doc(5, same), doc(6, same)]
    ledger, pub = MemoryLedger(), FakePublisher(max_delay=0.02)
    report = run(pipeline(ListSource(entries), ledger, pub, batch_size=2, max_in_flight=4))
    assert report.published == 4 and report.skipped == Counter({"duplicate": 3})
    assert len({r.key for r in pub.acked}) == len(pub.acked) == 4


def test_ledger_written_in_batch_order_with_many_batches_in_flight() -> None:
    ledger, pub = MemoryLedger(), FakePublisher(max_delay=0.01, seed=7)
    report = run(
        pipeline(ListSource([doc(i) for i in range(40)]), ledger, pub, batch_size=3, max_in_flight=5)
    )
    assert report.published == 40
    cursors = [p.cursor["i"] for _rows, p in ledger.records if p is not None and p.cursor]
    assert cursors == sorted(cursors) and cursors[-1] == 40
    # every cursor saved covers exactly the articles recorded so far
    seen: set[str] = set()
    for rows, p in ledger.records:
        seen.update(r.source_ref or "" for r in rows)
        if p is not None and p.cursor and not p.completed:
            assert seen == {f"r{i}" for i in range(p.cursor["i"])}


def test_max_items_stops_cleanly_and_the_next_run_resumes() -> None:
    ledger, pub = MemoryLedger(), FakePublisher(max_delay=0.005)
    source = ListSource([doc(i) for i in range(20)])
    first = run(pipeline(source, ledger, pub), max_items=7)
    assert first.items == 7 and first.published == 7 and not first.completed
    assert ledger.saved["src"].cursor == {"i": 7} and not ledger.saved["src"].completed
    second = run(pipeline(source, ledger, pub))
    assert source.scans[-1] == {"i": 7} and second.resumed_from == {"i": 7}
    assert second.items == 13 and second.published == 13 and second.completed
    assert sorted(a.fetch.source_ref for a in articles(pub)) == sorted(f"r{i}" for i in range(20))


def test_crash_between_ack_and_ledger_write_loses_nothing() -> None:
    ledger, pub = MemoryLedger(), FakePublisher()
    source = ListSource([doc(i) for i in range(12)])
    ledger.fail_record = lambda n: RuntimeError("database gone for good") if n == 2 else None
    with pytest.raises(RuntimeError, match="gone for good"):
        run(pipeline(source, ledger, pub, max_in_flight=1))
    assert len(ledger.rows) == 6  # two batches recorded; the third was acknowledged, not recorded
    ledger.fail_record = None
    report = run(pipeline(source, ledger, pub))
    assert report.resumed_from == {"i": 6} and report.completed
    refs = Counter(a.fetch.source_ref for a in articles(pub))
    assert set(refs) == {f"r{i}" for i in range(12)}  # nothing lost
    assert {r for r, n in refs.items() if n > 1} <= {"r6", "r7", "r8"}  # at most the unrecorded batch twice
    assert len(ledger.rows) == 12


def test_transient_publish_failures_are_retried_never_skipped() -> None:
    ledger, pub = MemoryLedger(), FakePublisher()
    pub.fail = lambda call, recs: KafkaConnectionError("broker down") if call <= 3 else None
    report = run(pipeline(ListSource([doc(i) for i in range(5)]), ledger, pub))
    assert report.published == 5 and not report.skipped and pub.calls > 3
    assert len({r.key for r in pub.acked}) == 5


def test_records_refused_for_good_are_skipped_and_others_recorded() -> None:
    ledger, pub = MemoryLedger(), FakePublisher()

    def fail(call: int, recs: Sequence[OutRecord]) -> dict[int, BaseException] | None:
        return (
            {1: MessageSizeTooLargeError("too big"), 2: KafkaConnectionError("blip")} if call == 1 else None
        )

    pub.fail = fail
    report = run(pipeline(ListSource([doc(i) for i in range(3)]), ledger, pub))
    assert report.published == 2 and report.skipped == Counter({"too_large": 1})
    refused = {a.article_id for a in articles(pub)} ^ set(ledger.rows)
    assert not refused and len(ledger.rows) == 2 and "r1" not in {r.source_ref for r in ledger.rows.values()}


def test_stop_while_the_broker_is_down_records_nothing_unacknowledged() -> None:
    ledger, pub = MemoryLedger(), FakePublisher()
    pub.fail = lambda call, recs: KafkaConnectionError("down")
    source = ListSource([doc(i) for i in range(4)])

    async def scenario() -> Any:
        stop = asyncio.Event()
        p = pipeline(source, ledger, pub, retry_initial_s=0.01, retry_max_s=0.02)
        task = asyncio.create_task(p.run(stop=stop))
        await asyncio.sleep(0.2)
        stop.set()
        return await asyncio.wait_for(task, 5)

    report = asyncio.run(scenario())
    assert report.published == 0 and not report.completed and not ledger.rows
    pub.fail = None
    again = run(pipeline(source, ledger, pub))
    assert again.published == 4 and again.completed


def test_failing_source_keeps_what_was_read_and_reports_the_error() -> None:
    entries: list[Any] = [doc(i) for i in range(5)] + [OSError("disk vanished")] + [doc(9)]
    ledger, pub = MemoryLedger(), FakePublisher()
    report = run(pipeline(ListSource(entries), ledger, pub, batch_size=2))
    assert report.error == "OSError: disk vanished" and not report.completed
    assert report.published == 5 and ledger.saved["src"].cursor == {"i": 5}


def test_build_batch_size_limit_and_order() -> None:
    spec = BuildSpec(source="s", kind="k", topic=TOPIC, max_record_bytes=3000, detect_language=False)
    out = build_batch(
        [doc(0), Document(text="x" * 5000, source_ref="big"), Document(text="", source_ref="e")], spec, _now()
    )
    assert isinstance(out[0], Built)
    assert isinstance(out[1], Skipped) and out[1].reason == "too_large"
    assert isinstance(out[2], Skipped) and out[2].reason == "empty"


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)
