"""A harness for the consumer-facing acceptance tests: fetcher, extractor (a versioned fake engine),
store sink and replay, in-process on the embedded broker and a real Postgres.

The engine is fake so that an extractor-version change has a known outcome: article `a` has
`n(a)` = (a hash) % 4 candidate events; version 1 yields indices 0..n-1, version 2 indices
1..n. So v2 keeps 1..n-1 (same ids), retracts 0 and adds n.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, text

from libs.contracts.events import CooperationEvent, ExtractorInfo
from libs.contracts.topics import TopicSettings
from services.extractor.config import ExtractorSettings
from services.extractor.service import run as run_extractor
from services.store.core.config import StoreSettings
from services.store.sink import run_sink
from tests.waiting import wait_until


def candidates(article_id: str) -> int:
    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 4


def yielded(article_id: str, version: int) -> set[str]:
    """The event ids version `version` of the fake engine yields for `article_id`."""
    n = candidates(article_id)
    indices = range(n) if version == 1 else range(1, n + 1)
    return {event_id(article_id, i) for i in indices}


def event_id(article_id: str, i: int) -> str:
    return f"ev-{hashlib.sha256(article_id.encode()).hexdigest()[:20]}-{i}"


@dataclass
class _Result:
    events: list[CooperationEvent]
    skipped: str | None = None


@dataclass
class VersionedEngine:
    """A deterministic stand-in for `libs.extraction.Extractor` (see the module docstring)."""

    version: int

    @property
    def info(self) -> ExtractorInfo:
        return ExtractorInfo(name="fake-rules", version=f"{self.version}.0.0")

    def extract(self, text: str, *, article_id: str, published_at: datetime | None, **kw: Any) -> _Result:
        ids = sorted(yielded(article_id, self.version))
        day = published_at.date().isoformat() if published_at else None
        events = [
            CooperationEvent.model_validate(
                {
                    "event_id": eid,
                    "article_id": article_id,
                    "type": "agreement",
                    "countries": ["IRN", "IRQ"],
                    "sectors": ["higher_education"],
                    "date": {"start": day, "precision": "day", "text": day} if day else None,
                    "evidence": [{"text": text[:30], "start": 0, "end": min(30, len(text))}],
                    "confidence": 0.7,
                    "article": {"url": kw.get("url"), "title": kw.get("title"), "published_at": published_at},
                    "extractor": self.info,
                }
            )
            for eid in ids
        ]
        return _Result(events=events)


class Services:
    """The store's sink and one extractor at a time, as tasks of an event loop in a daemon thread."""

    def __init__(self, store: StoreSettings, extractor: ExtractorSettings, engine: Engine) -> None:
        self.store_settings = store
        self.extractor_settings = extractor
        self.engine = engine
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.tasks: dict[str, tuple[asyncio.Task[None], asyncio.Event]] = {}

    def __enter__(self) -> Services:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for name in list(self.tasks):
            self.stop(name)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)

    def _call(self, coro: Coroutine[Any, Any, Any], timeout: float = 60) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def _start(self, name: str, make: Callable[[asyncio.Event], Coroutine[Any, Any, None]]) -> None:
        async def start() -> tuple[asyncio.Task[None], asyncio.Event]:
            stop = asyncio.Event()
            return asyncio.create_task(make(stop)), stop

        self.tasks[name] = self._call(start())

    def start_sink(self) -> None:
        self._start("sink", lambda stop: run_sink(self.store_settings, stop=stop, engine=self.engine))

    def start_extractor(self, version: int) -> None:
        """Extractor `version` in a consumer group of its own (a new deployment: it reads articles.raw
        from the start; a group a stopped member just left takes the broker seconds to rebalance)."""
        engine = VersionedEngine(version)
        group = f"{self.extractor_settings.extractor_group_id}-v{version}"
        settings = self.extractor_settings.model_copy(update={"extractor_group_id": group})
        self._start("extractor", lambda stop: run_extractor(settings, stop, engine=(engine, engine.info)))

    def stop(self, name: str) -> None:
        task, stop = self.tasks.pop(name)

        async def finish() -> None:
            stop.set()
            await task

        self._call(finish())

    def check(self) -> None:
        for name, (task, _) in self.tasks.items():
            if task.done():
                raise AssertionError(f"{name} stopped: {task.exception()!r}")

    def wait_until(self, condition: Callable[[], object], what: str, within: float = 60) -> None:
        """`tests.waiting.wait_until`, failing at once when a service has stopped."""

        def up_and_done() -> object:
            self.check()
            return condition()

        wait_until(up_and_done, within, what, every=0.2)


def service_settings(bootstrap: str, database_url: str, topics: TopicSettings, suffix: str) -> dict[str, Any]:
    """Settings every part shares: the embedded broker, the test's topics and database, fast retries."""
    return {
        **topics.model_dump(),
        "kafka_bootstrap_servers": bootstrap,
        "kafka_idempotence": False,
        "kafka_session_timeout_ms": 6000,
        "kafka_heartbeat_interval_ms": 1000,
        "retry_initial_backoff_s": 0.05,
        "retry_max_backoff_s": 0.5,
        "database_url": database_url,
        "metrics_port": None,
        "store_group_id": f"accord-store-{suffix}",
        "extractor_group_id": f"accord-extractor-{suffix}",
        "extractor_create_topics": False,
    }


def query(engine: Engine, sql: str, **params: Any) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text(sql), params))
