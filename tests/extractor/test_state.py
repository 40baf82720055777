"""Retractions: the step retracts what a re-extraction no longer yields; the state feeds it the previous ids."""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson
import pytest

from libs.contracts.records import headers_to_dict, parse_events_value
from libs.contracts.retractions import EventRetraction, RetractionReason
from libs.runtime.consumer import FLUSH
from libs.runtime.memory import MemoryRecord
from services.extractor.state import ChangelogState, MemoryState, RetractingStep, summary_ids
from tests.extractor.factories import event, raw_article
from tests.extractor.test_step import NOW, FakeExtractor, Result, envelope, make_step


def _kinds(records: list) -> list[str]:  # type: ignore[type-arg]
    out = []
    for r in records:
        if r is FLUSH:
            out.append("FLUSH")
            continue
        kind = headers_to_dict(r.headers)["ce_type"].split(".")[-2]
        out.append("summary" if kind == "extracted" else f"{kind}:{r.key.decode()[-1]}")
    return out


def test_dropped_ids_are_retracted_before_the_summary() -> None:
    article = raw_article(1)
    e0, e1, e2 = (event(article, i) for i in range(3))
    fake = FakeExtractor(results={article.article_id: Result(events=[e1, e2])})
    out = make_step(fake, "st1").extract(article, previous=(e0.event_id, e1.event_id))

    assert out.event_ids == (e1.event_id, e2.event_id)
    assert _kinds(out.records) == ["event:1", "event:2", "retracted:0", "FLUSH", "summary"]
    retraction = parse_events_value(out.records[2].value, out.records[2].headers)
    assert isinstance(retraction, EventRetraction)
    assert (retraction.event_id, retraction.article_id) == (e0.event_id, article.article_id)
    assert retraction.retracted_at == NOW and retraction.reason is RetractionReason.superseded


def test_a_skipped_article_retracts_everything_and_no_previous_retracts_nothing() -> None:
    article = raw_article(2)
    e0 = event(article, 0)
    fake = FakeExtractor(results={article.article_id: Result(events=[], skipped="non_english")})
    step = make_step(fake, "st2")
    assert _kinds(step.extract(article, previous=(e0.event_id,)).records) == [
        "retracted:0",
        "FLUSH",
        "summary",
    ]
    assert _kinds(step.extract(article).records) == ["FLUSH", "summary"]


@dataclass
class Versions:
    """An extractor whose result per article changes from call to call."""

    rounds: list[list[int]]
    calls: int = 0
    article: object = None

    def extract(self, text: str, **kwargs: object) -> Result:
        ids = self.rounds[self.calls]
        self.calls += 1
        return Result(events=[event(self.article, i) for i in ids])  # type: ignore[arg-type]


async def test_retracting_step_remembers_what_it_published_and_restores() -> None:
    article = raw_article(3)
    engine = Versions(rounds=[[0, 1], [1, 2], [0, 2], [0, 2]], article=article)
    step = RetractingStep(make_step(engine, "st3"), MemoryState())  # type: ignore[arg-type]
    rounds = [_kinds(list(await step(envelope(article)))) for _ in range(4)]
    assert rounds == [
        ["event:0", "event:1", "FLUSH", "summary"],
        ["event:1", "event:2", "retracted:0", "FLUSH", "summary"],
        ["event:0", "event:2", "retracted:1", "FLUSH", "summary"],  # 0 restored: simply re-published
        ["event:0", "event:2", "FLUSH", "summary"],  # a redelivery retracts nothing
    ]


@dataclass
class Loads:
    tables: dict[int, dict[str, tuple[str, ...]]]
    calls: list[int] = field(default_factory=list)

    async def __call__(self, partition: int) -> dict[str, tuple[str, ...]]:
        self.calls.append(partition)
        return dict(self.tables.get(partition, {}))


async def test_changelog_state_loads_a_partition_once_and_again_after_a_revocation() -> None:
    loads = Loads({0: {"a": ("e1",)}, 1: {"b": ("e2", "e3")}})
    state = ChangelogState(loads)
    assert await state.previous("a", 0) == ("e1",)
    assert await state.previous("x", 0) == ()
    state.remember("a", 0, ("e9",))
    assert await state.previous("a", 0) == ("e9",)  # its own output, not the loaded value
    assert await state.previous("b", 1) == ("e2", "e3")
    assert loads.calls == [0, 1]
    state.forget([0])
    assert await state.previous("a", 0) == ("e1",)  # reloaded from the changelog
    assert loads.calls == [0, 1, 0]


@pytest.mark.parametrize("bad", [b"[1, 2]", b"{not json"])
def test_summary_ids_last_wins_tombstones_and_junk(bad: bytes) -> None:
    def rec(offset: int, key: bytes | None, value: bytes | None) -> MemoryRecord:
        return MemoryRecord("ax", 0, offset, None, key, value)

    records = [
        rec(0, b"a", orjson.dumps({"event_ids": ["e1"]})),
        rec(1, b"b", orjson.dumps({"event_ids": ["e2"]})),
        rec(2, b"a", orjson.dumps({"event_ids": []})),
        rec(3, b"b", None),
        rec(4, b"c", bad),
        rec(5, None, b"{}"),
    ]
    assert summary_ids(records) == {"a": (), "b": None}
