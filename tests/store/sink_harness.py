"""The store's real sink in a background thread, fed through the embedded broker: how API tests seed data.

    with SinkHarness(settings, engine) as sink:
        sink.store(events, summaries)     # publish as the extractor does, wait until the sink wrote them

Records go to the events and extractions topics exactly as the extractor
publishes them (an article's events first, its summary after); `store` returns
once every record is visible in Postgres.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from sqlalchemy import Engine, func, select

from libs.contracts.events import CooperationEvent
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.records import encode
from libs.contracts.topics import TopicSettings
from services.store.core.config import StoreSettings
from services.store.db.models import articles, events
from services.store.sink import run_sink
from tests.store.helpers import settings_for
from tests.waiting import wait_until


def harness_settings(
    database_url: str, bootstrap: str, topics: TopicSettings, **overrides: Any
) -> StoreSettings:
    """Settings of a sink on the embedded broker with the test's own topics and consumer group."""
    values: dict[str, Any] = {
        **topics.model_dump(),
        "kafka_bootstrap_servers": bootstrap,
        "kafka_session_timeout_ms": 2000,
        "kafka_heartbeat_interval_ms": 500,
        "retry_initial_backoff_s": 0.05,
        "retry_max_backoff_s": 0.5,
        "store_group_id": f"accord-store-{topics.topic_events.rsplit('.', 1)[-1]}",
        "store_batch_size": 500,
    }
    return settings_for(database_url, **(values | overrides))


class SinkHarness:
    """`run_sink` and a producer on one event loop in a daemon thread."""

    def __init__(self, settings: StoreSettings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        self._loop = asyncio.new_event_loop()
        self._stop = asyncio.Event()
        self._thread = threading.Thread(target=self._run, name="sink-harness", daemon=True)
        self._producer: AIOKafkaProducer | None = None
        self._sink_task: asyncio.Task[None] | None = None
        self._started = threading.Event()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._producer = AIOKafkaProducer(
            bootstrap_servers=self.settings.kafka_bootstrap_servers, acks="all", enable_idempotence=False
        )
        await self._producer.start()
        self._sink_task = asyncio.create_task(run_sink(self.settings, stop=self._stop, engine=self.engine))
        self._started.set()
        try:
            await self._sink_task
        finally:
            await self._producer.stop()

    def __enter__(self) -> SinkHarness:
        self._thread.start()
        assert self._started.wait(30), "sink harness did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(60)

    async def _send(self, models: Sequence[Any]) -> None:
        assert self._producer is not None
        futures = []
        for model in models:
            topic = (
                self.settings.topic_events
                if isinstance(model, CooperationEvent)
                else self.settings.topic_articles_extracted
            )
            rec = encode(model, topic=topic, source="tests/store")
            futures.append(await self._producer.send(topic, rec.value, key=rec.key, headers=rec.headers))
        await asyncio.gather(*futures)

    def publish(self, models: Sequence[Any]) -> None:
        """Produce `models` in order (events to the events topic, summaries to the extractions topic)."""
        asyncio.run_coroutine_threadsafe(self._send(models), self._loop).result(60)

    def store(
        self, evs: Sequence[CooperationEvent], summaries: Sequence[ArticleExtraction], within: float = 90
    ) -> None:
        """Publish events, then summaries; wait until the sink has written all of them."""
        self.publish(evs)
        self.publish(summaries)
        want_events = {e.event_id for e in evs}
        want_articles = {(s.article_id, s.extracted_at) for s in summaries}

        def stored() -> bool:
            if self._stored(want_events, want_articles):
                return True
            assert self._sink_task is None or not self._sink_task.done(), "the sink stopped"
            return False

        wait_until(stored, within, f"the sink to store {len(evs)} events and {len(summaries)} summaries")

    def _stored(self, event_ids: set[str], article_keys: set[tuple[str, Any]]) -> bool:
        with self.engine.connect() as conn:
            if event_ids:
                found = conn.scalar(
                    select(func.count()).select_from(events).where(events.c.event_id.in_(event_ids))
                )
                if found != len(event_ids):
                    return False
            if article_keys:
                ids = [a for a, _ in article_keys]
                rows = conn.execute(
                    select(articles.c.article_id, articles.c.extracted_at).where(
                        articles.c.article_id.in_(ids)
                    )
                ).all()
                return {(a, t) for a, t in rows} >= article_keys
        return True
