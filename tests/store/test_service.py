"""`accord store` as a real process: migrate + API + sink together, SIGKILL and restart, SIGTERM exit."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from libs.contracts.records import encode
from libs.contracts.topics import TopicSettings
from libs.infra.broker import free_port
from services.store.db.models import events
from services.store.db.session import make_engine
from tests.runtime.kafka_helpers import produce
from tests.store.factories import extraction_of
from tests.store.helpers import settings_for, store_process_env
from tests.waiting import wait_until

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]


class StoreProcess:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.url = f"http://127.0.0.1:{env['ACCORD_API_PORT']}"
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "app.cli", "store"], env=self.env, cwd=REPO, stdout=out, stderr=out
            )

    def wait_ready(self, within: float = 90) -> dict[str, Any]:
        last: Any = None

        def ready() -> bool:
            nonlocal last
            assert self.proc is not None and self.proc.poll() is None, self.log.read_text()[-3000:]
            try:
                r = httpx.get(self.url + "/readyz", timeout=5)
                last = r.json()
                return r.status_code == 200
            except httpx.HTTPError as exc:
                last = repr(exc)
                return False

        wait_until(
            ready,
            within,
            "the store to be ready",
            lambda: f"{last}\n{self.log.read_text()[-3000:]}",
            every=0.2,
        )
        return last  # type: ignore[no-any-return]

    def stop(self, sig: signal.Signals, within: float = 30) -> int:
        assert self.proc is not None
        self.proc.send_signal(sig)
        return self.proc.wait(within)


@pytest.fixture
def store(
    embedded_database_url: str, kafka_bootstrap: str, unique_topics: TopicSettings, tmp_path: Path
) -> Iterator[StoreProcess]:
    proc = StoreProcess(
        store_process_env(embedded_database_url, kafka_bootstrap, unique_topics, free_port()),
        tmp_path / "store.log",
    )
    yield proc
    if proc.proc is not None and proc.proc.poll() is None:
        proc.proc.kill()
        proc.proc.wait()


async def _send_articles(bootstrap: str, topics: TopicSettings, first: int, count: int) -> set[str]:
    """`count` articles of 3 events each (events, then summaries, as the extractor publishes them)."""
    ids: set[str] = set()
    evs, sums = [], []
    for a in range(first, first + count):
        e, s = extraction_of(f"u{a:05d}", 3)
        evs += e
        sums.append(s)
        ids |= {x.event_id for x in e}
    for models, topic in ((evs, topics.topic_events), (sums, topics.topic_articles_extracted)):
        recs = [encode(m, topic=topic, source="tests/store") for m in models]
        await produce(
            bootstrap,
            topic,
            [r.value for r in recs],
            keys=[r.key for r in recs],
            headers=recs[0].headers,
        )
    return ids


def _stored(database_url: str) -> tuple[int, set[str]]:
    engine = make_engine(settings_for(database_url))
    try:
        with engine.connect() as conn:  # one statement: the count and the ids of the same snapshot
            rows = conn.execute(select(events.c.event_id, events.c.retired_at.is_(None))).all()
            return len(rows), {event_id for event_id, current in rows if current}
    finally:
        engine.dispose()


def test_store_process_survives_sigkill_and_stops_cleanly_on_sigterm(
    store: StoreProcess, embedded_database_url: str, kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    store.start()
    ready = store.wait_ready()
    assert set(ready["checks"]) == {"database", "broker", "sink"}

    want = asyncio.run(_send_articles(kafka_bootstrap, unique_topics, 0, 150))
    wait_until(lambda: _stored(embedded_database_url)[0] > 0, 60, "a first stored event", every=0.05)
    assert store.stop(signal.SIGKILL) == -signal.SIGKILL

    want |= asyncio.run(_send_articles(kafka_bootstrap, unique_topics, 150, 150))  # produced while it is down
    store.start()
    store.wait_ready()
    wait_until(
        lambda: _stored(embedded_database_url)[1] == want,
        120,
        f"all {len(want)} events stored",
        lambda: f"{len(_stored(embedded_database_url)[1])} of {len(want)} events stored",
        every=0.2,
    )
    stored = _stored(embedded_database_url)
    assert stored[0] == len(want)  # every event exactly once, none extra

    page = httpx.get(store.url + "/v1/events", params={"limit": 5}, timeout=10).json()
    assert page["total"] == len(want) and len(page["items"]) == 5
    metrics = httpx.get(store.url + "/metrics", timeout=10).text
    assert f'accord_records_consumed_total{{service="store",topic="{unique_topics.topic_events}"}}' in metrics
    assert 'accord_store_events_written_total{service="store"}' in metrics
    assert store.stop(signal.SIGTERM) == 0
