"""The jsonl source kind: documents, bad lines, field mapping, resume, fingerprint, cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.fetcher.config import (
    SourceConfig,
)
from services.fetcher.documents import Document, Item
from services.fetcher.sources import SourceError
from services.fetcher.sources.jsonl import JsonlSource
from tests.fetcher.sources.helpers import scan, write_jsonl


@pytest.mark.parametrize("compress", [False, True])
def test_jsonl_reads_documents_and_reports_bad_lines(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("a.jsonl.gz" if compress else "a.jsonl")
    write_jsonl(
        path,
        [
            {"id": "tt-1", "text": "First article text.", "slug": "First-Article"},
            "{not json",
            "",
            "[1, 2]",
            {"id": "tt-2", "text": "   "},
            {"id": "tt-3"},
            {"id": "tt-4", "text": 42},
            {"text": "No id here.", "url": "https://e.com/x", "published_at": "2025-01-02", "title": "T"},
        ],
        compress=compress,
    )
    items = scan(JsonlSource(SourceConfig(name="a", kind="jsonl", path=path)))
    kinds = [(type(i).__name__, getattr(i, "reason", None), i.source_ref) for i in items]
    assert kinds == [
        ("Document", None, "tt-1"),
        ("Skipped", "bad_record", "a.jsonl" + (".gz" if compress else "") + ":2"),
        ("Skipped", "bad_record", f"{path.name}:4"),
        ("Skipped", "empty", "tt-2"),
        ("Skipped", "empty", "tt-3"),
        ("Skipped", "bad_record", "tt-4"),
        ("Document", None, f"{path.name}:8"),
    ]
    first, last = items[0], items[-1]
    assert isinstance(first, Document) and isinstance(last, Document)
    assert first.text == "First article text." and first.title is None
    assert (last.url, last.published_at, last.title) == ("https://e.com/x", "2025-01-02", "T")
    assert [i.cursor["line"] for i in items if i.cursor] == [1, 2, 4, 5, 6, 7, 8]


def test_jsonl_field_mapping_dotted_and_slug_title(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    write_jsonl(
        path,
        [{"key": 7, "body": {"text": "Hello world."}, "meta": {"d": 1739176200}, "slug": "A-B_c"}],
        compress=False,
    )
    opts = {"fields": {"id": "key", "text": "body.text", "published_at": "meta.d", "slug": "slug"}}
    (doc,) = scan(JsonlSource(SourceConfig(name="m", kind="jsonl", path=path, options=opts)))
    assert isinstance(doc, Document)
    assert (doc.source_ref, doc.text, doc.published_at, doc.title) == (
        "7",
        "Hello world.",
        1739176200,
        "A B c",
    )


@pytest.mark.parametrize("compress", [False, True])
def test_jsonl_resume_from_cursor_reads_only_the_rest(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / "r.jsonl.gz"
    write_jsonl(path, [{"id": f"a{i}", "text": f"Article number {i}."} for i in range(10)], compress=compress)
    source = JsonlSource(SourceConfig(name="r", kind="jsonl", path=path))
    items = scan(source)
    tail = scan(source, dict(items[5].cursor or {}))
    assert [i.source_ref for i in tail] == [f"a{i}" for i in range(6, 10)]
    assert [i.cursor for i in tail] == [i.cursor for i in items[6:]]


def test_jsonl_fingerprint_changes_with_content(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    write_jsonl(path, [{"text": "one"}], compress=False)
    source = JsonlSource(SourceConfig(name="f", kind="jsonl", path=path))
    fp1 = source.fingerprint()
    assert fp1 is not None and source.fingerprint() == fp1
    write_jsonl(path, [{"text": "one"}, {"text": "two"}], compress=False)
    assert source.fingerprint() not in (None, fp1)


def test_jsonl_missing_file_is_a_source_error(tmp_path: Path) -> None:
    source = JsonlSource(SourceConfig(name="x", kind="jsonl", path=tmp_path / "missing.jsonl"))
    assert source.fingerprint() is None
    with pytest.raises(SourceError, match="cannot open"):
        scan(source)


def test_cancelling_a_scan_mid_chunk_closes_the_file_cleanly(tmp_path: Path) -> None:
    import threading
    import time

    started = threading.Event()

    class SlowSource(JsonlSource):
        def iter_items(self, cursor: object) -> Iterator[Item]:  # type: ignore[override]
            for item in super().iter_items(None):
                started.set()
                time.sleep(0.02)  # the reading thread is busy when the scan is cancelled
                yield item

    path = tmp_path / "s.jsonl"
    write_jsonl(path, [{"text": f"t{i}"} for i in range(100)], compress=False)
    source = SlowSource(SourceConfig(name="s", kind="jsonl", path=path))

    async def scenario() -> None:
        async def consume() -> None:
            async for _ in source.scan(None):
                pass

        task = asyncio.create_task(consume())
        await asyncio.to_thread(started.wait, 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
