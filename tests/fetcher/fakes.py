"""Fakes for the fetcher's unit tests: an in-memory ledger and a scriptable publisher."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from typing import Any

from libs.contracts.records import OutRecord
from libs.runtime.producer import ProduceError
from services.fetcher.ledger import PublishedArticle, ScanProgress


class MemoryLedger:
    """The `Ledger` protocol in memory; `records` logs every `record()` call in order."""

    def __init__(self) -> None:
        self.rows: dict[str, PublishedArticle] = {}
        self.versions: dict[str, int] = {}
        self.saved: dict[str, ScanProgress] = {}
        self.records: list[tuple[list[PublishedArticle], ScanProgress | None]] = []
        self.fail_record: Callable[[int], BaseException | None] | None = None

    async def known(self, article_ids: Sequence[str]) -> dict[str, str]:
        await asyncio.sleep(0)
        return {a: self.rows[a].content_hash for a in article_ids if a in self.rows}

    async def record(self, rows: Sequence[PublishedArticle], progress: ScanProgress | None) -> None:
        await asyncio.sleep(0)
        if self.fail_record is not None:
            exc = self.fail_record(len(self.records))
            if exc is not None:
                raise exc
        for r in rows:
            old = self.rows.get(r.article_id)
            if old is None:
                self.versions[r.article_id] = 1
            elif old.content_hash != r.content_hash:
                self.versions[r.article_id] += 1
            self.rows[r.article_id] = r
        if progress is not None:
            self.saved[progress.source] = progress
        self.records.append((list(rows), progress))

    async def progress(self, source: str) -> ScanProgress | None:
        return self.saved.get(source)


class FakePublisher:
    """Acknowledges records after a random short delay; `fail` decides per call what goes wrong.

    `fail(call_number, records)` returns None (all acknowledged), an exception to raise for the
    whole call, or {index: exception} for records that fail (raised as `ProduceError`).
    """

    def __init__(self, *, max_delay: float = 0.0, seed: int = 1) -> None:
        self.acked: list[OutRecord] = []
        self.calls = 0
        self.max_delay = max_delay
        self.rng = random.Random(seed)
        self.fail: Callable[[int, Sequence[OutRecord]], Any] | None = None

    async def send_many(self, records: Sequence[OutRecord]) -> list[Any]:
        self.calls += 1
        records = list(records)
        if self.max_delay:
            await asyncio.sleep(self.rng.uniform(0, self.max_delay))
        outcome = self.fail(self.calls, records) if self.fail else None
        if isinstance(outcome, BaseException):
            raise outcome
        if isinstance(outcome, dict) and outcome:
            results: list[Any] = []
            for i, rec in enumerate(records):
                if i in outcome:
                    results.append(outcome[i])
                else:
                    self.acked.append(rec)
                    results.append(object())
            raise ProduceError(records, results)
        self.acked.extend(records)
        return [object()] * len(records)
