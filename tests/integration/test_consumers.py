"""Acceptance of issue 10 (consumers): retractions on the topic, replay, rebuild.

One world per module (embedded broker, real Postgres, the real fetcher, sink, extractor runtime
and replay; only the extraction engine is a versioned fake, see `tests.integration.consumers`).
The tests run in file order on it, each checking what must hold whatever ran before:

1. extractor v1 -> v2 over the same articles (v2 deployed in a new consumer group, so it reads
   the raw topic from the start, then a full replay on top): the store holds exactly v2's events
   as current and v1's dropped ones as retracted, each retraction is on the topic once, and the
   example mirror (reading only the events topic) ends with the same sets;
2. `accord replay --since --until` re-publishes exactly the articles of that range;
3. a replay interrupted, then run again, duplicates nothing (same rows, no new retraction);
4. `accord store rebuild` from the two topics ends with the same rows.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select

from libs.contracts.records import headers_to_dict
from libs.contracts.topics import TopicSettings
from libs.runtime.changelog import partitions_of, read_to_end
from libs.runtime.producer import Producer
from services.extractor.config import ExtractorSettings
from services.fetcher.config import FetcherSettings, collect_sources
from services.fetcher.replay import REPLAY_HEADER, PgArchive, ReplaySelection, replay
from services.fetcher.service import run_fetcher
from services.store.core.config import StoreSettings
from services.store.db import migrate
from services.store.db.models import articles, events, rollup_months, rollup_pair_months, rollup_parties
from tests.conftest import make_unique_topics
from tests.examples.conftest import run_example
from tests.integration.consumers import Services, query, service_settings, yielded
from tests.integration.synthetic import make_articles
from tests.store.helpers import fresh_database

pytestmark = pytest.mark.integration

N_ARTICLES = 40
REPO = Path(__file__).resolve().parents[2]


@dataclass
class World:
    bootstrap: str
    topics: TopicSettings
    settings: dict[str, Any]
    engine: Engine
    services: Services
    published: dict[str, date]  # article id -> publication day (from the raw archive)
    workdir: Path

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
        env.update({f"ACCORD_{k.upper()}": str(v) for k, v in self.settings.items() if v is not None})
        env["ACCORD_LOG_FORMAT"] = "json"
        return env

    def accord(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"accord {' '.join(args)}: {done.stderr[-3000:]}"
        return done

    def extracted_at(self) -> dict[str, tuple[datetime, str]]:
        rows = query(self.engine, "SELECT article_id, extracted_at, extractor_version FROM articles")
        return {r.article_id: (r.extracted_at, r.extractor_version) for r in rows}

    def wait_reextracted(self, ids: set[str], after: datetime, what: str) -> None:
        def done() -> bool:
            now = self.extracted_at()
            return all(a in now and now[a][0] > after for a in ids)

        self.services.wait_until(done, what)

    def store_state(self) -> dict[str, str]:
        rows = query(self.engine, "SELECT event_id, retired_at IS NULL AS current FROM events")
        return {r.event_id: "current" if r.current else "retracted" for r in rows}

    def mirror_state(self) -> dict[str, str]:
        db = self.workdir / f"mirror-{uuid.uuid4().hex[:6]}.sqlite"
        done = run_example(
            "events_mirror/mirror.py", "--bootstrap", self.bootstrap, "--topic", self.topics.topic_events,
            "--db", str(db), "--group", f"mirror-{uuid.uuid4().hex[:8]}", "--idle-exit", "1",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        import sqlite3

        with sqlite3.connect(db) as conn:
            return dict(conn.execute("SELECT event_id, status FROM events"))

    def read(self, topic: str) -> list[Any]:
        """Every record of `topic`, up to its end now."""
        settings = StoreSettings(**self.settings)

        async def run() -> list[Any]:
            tps = await partitions_of(settings, topic)
            return [r async for batch in read_to_end(settings, tps) for r in batch]

        return asyncio.run(run())

    def retraction_keys(self, at_least: int) -> list[str]:
        records = self.read(self.topics.topic_events)
        assert len(records) >= at_least
        retracted = "org.accord.cooperation.event.retracted.v1"
        return [r.key.decode() for r in records if headers_to_dict(list(r.headers))["ce_type"] == retracted]


def _replay(world: World, selection: ReplaySelection, publisher: Any = None, batch_size: int = 500) -> Any:
    async def run() -> Any:
        async with Producer(StoreSettings(**world.settings), service="replay") as producer:
            return await replay(
                PgArchive(world.engine), publisher(producer) if publisher else producer, selection,
                topic=world.topics.topic_articles_raw, batch_size=batch_size,
            )  # fmt: skip

    return asyncio.run(run())


@pytest.fixture(scope="module")
def world(
    kafka_bootstrap: str, embedded_pg_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    workdir = tmp_path_factory.mktemp("consumers")
    with fresh_database(embedded_pg_url) as url:
        topics = make_unique_topics(kafka_bootstrap)
        settings = service_settings(kafka_bootstrap, url, topics, uuid.uuid4().hex[:8])
        engine = create_engine(url)
        migrate.upgrade(engine)
        corpus = workdir / "articles.jsonl"
        corpus.write_text("".join(json.dumps(a) + "\n" for a in make_articles(N_ARTICLES, seed=11)))
        fetcher = FetcherSettings(**settings, fetcher_build_workers=0)
        asyncio.run(
            run_fetcher(
                fetcher, collect_sources([f"synthetic=jsonl:{corpus}"], None), topics=topics, once=True
            )
        )
        archived = query(engine, "SELECT article_id, published_at FROM fetcher_raw_articles")
        assert len(archived) == N_ARTICLES  # every published article is archived with its ledger row
        with Services(StoreSettings(**settings), ExtractorSettings(**settings), engine) as services:
            w = World(kafka_bootstrap, topics, settings, engine, services,
                      {r.article_id: r.published_at.date() for r in archived}, workdir)  # fmt: skip
            services.start_sink()
            services.start_extractor(1)
            services.wait_until(
                lambda: sorted(v for _, v in w.extracted_at().values()) == ["1.0.0"] * N_ARTICLES,
                "extractor v1 over every article",
            )
            yield w
        engine.dispose()


def test_an_extractor_version_change_retracts_what_it_no_longer_yields(world: World) -> None:
    v1 = {a: yielded(a, 1) for a in world.published}
    v2 = {a: yielded(a, 2) for a in world.published}
    assert world.store_state() == {e: "current" for ids in v1.values() for e in ids}
    world.services.stop("extractor")
    world.services.start_extractor(2)
    mark = max(t for t, _ in world.extracted_at().values())
    done = _replay(world, ReplaySelection())
    assert (done.selected, done.published) == (N_ARTICLES, N_ARTICLES)
    world.wait_reextracted(set(world.published), mark, "extractor v2 over every article")

    want = {e: "current" for ids in v2.values() for e in ids}
    want |= {e: "retracted" for a in v1 for e in v1[a] - v2[a]}
    assert "retracted" in want.values() and world.store_state() == want
    assert sorted(world.retraction_keys(at_least=len(want))) == sorted(
        k for k, s in want.items() if s == "retracted"
    )
    assert world.mirror_state() == want  # a consumer of the events topic alone ends where the store is


def test_a_date_range_replay_reprocesses_exactly_that_range(world: World) -> None:
    days = sorted(world.published.values())
    since, until = days[len(days) // 4], days[len(days) // 2]
    in_range = {a for a, d in world.published.items() if since <= d <= until}
    before = world.extracted_at()
    mark = max(t for t, _ in before.values())
    done = world.accord("replay", "--since", since.isoformat(), "--until", until.isoformat())
    final = json.loads(done.stdout.strip().splitlines()[-1])
    assert final["finished"] and final["selected"] == final["published"] == len(in_range)

    raw = world.read(world.topics.topic_articles_raw)
    replayed = [
        r.key.decode()
        for r in raw
        if headers_to_dict(list(r.headers)).get(REPLAY_HEADER) == final["replay_id"]
    ]
    assert sorted(replayed) == sorted(in_range)
    world.wait_reextracted(in_range, mark, "the range re-extracted")
    after = world.extracted_at()
    assert {a for a in after if after[a] != before[a]} == in_range  # nothing outside the range


class Interrupted(RuntimeError):
    pass


class FailsAfter:
    """A publisher that dies after `batches` batches (a replay killed half-way)."""

    def __init__(self, inner: Any, batches: int) -> None:
        self.inner, self.left = inner, batches

    async def send_many(self, records: Any) -> Any:
        if self.left == 0:
            raise Interrupted("killed")
        self.left -= 1
        return await self.inner.send_many(records)


def test_an_interrupted_replay_run_again_duplicates_nothing(world: World) -> None:
    state = world.store_state()
    retractions = len(world.retraction_keys(at_least=1))
    rows = query(world.engine, "SELECT count(*) AS n FROM events")[0].n
    mark = max(t for t, _ in world.extracted_at().values())
    with pytest.raises(Interrupted):
        _replay(world, ReplaySelection(), publisher=lambda p: FailsAfter(p, 2), batch_size=7)
    done = _replay(world, ReplaySelection(), batch_size=7)
    assert done.published == N_ARTICLES
    world.wait_reextracted(set(world.published), mark, "the second run re-extracted")
    assert query(world.engine, "SELECT count(*) AS n FROM events")[0].n == rows
    assert world.store_state() == state
    assert len(world.retraction_keys(at_least=1)) == retractions  # nothing new was retracted
    assert world.mirror_state() == state


def _rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of the store's tables in key order, without the wall-clock columns (when, not what)."""
    out = {}
    for table in (events, articles, rollup_months, rollup_parties, rollup_pair_months):
        with engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(select(table))]
        rows = [{k: v for k, v in r.items() if k not in ("ingested_at", "updated_at")} for r in rows]
        out[table.name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return out


def test_the_rebuild_from_the_topics_equals_the_store(world: World) -> None:
    world.services.stop("extractor")
    world.services.stop("sink")
    before = _rows(world.engine)
    assert before["events"] and before["rollup_months"]
    world.accord("store", "rebuild", "--yes")
    assert _rows(world.engine) == before
