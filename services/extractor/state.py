"""What the extractor remembers per article: the event ids its last extraction yielded (to retract).

Quix-streams-style state with a changelog. `articles.extracted` (compacted, keyed by article
id) IS the changelog: its last summary per article lists the ids of that article's current
events. `articles.raw` and `articles.extracted` are keyed by article id and have the same
partition count (`ACCORD_TOPIC_PARTITIONS`), so the summaries of the articles on raw partition
`p` are on extracted partition `p`, and only the consumer that owns raw partition `p` writes them.

`ChangelogState` loads extracted partition `p` (start to high-water mark) the first time an
article of raw partition `p` is processed after the partition was assigned, keeps a map
article id -> event ids, updates it from the extractor's own outputs, and drops the partition
when it is revoked (`forget`, called by the runtime after the revoked offsets were committed,
so whoever gets the partition next reads every summary written for it). Records of one event
id therefore come from one producer at a time, in order: the one owning its article's partition.

`MemoryState` is the in-memory fake for unit tests (one map, nothing to load).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import orjson
import structlog

from libs.contracts.articles import RawArticle
from libs.contracts.records import OutRecord
from libs.runtime.broker import KafkaRecord, TopicPartition
from libs.runtime.changelog import ChangelogReader
from libs.runtime.consumer import Envelope, Flush
from libs.runtime.settings import CommonSettings
from services.extractor.step import ExtractionStep

log = structlog.get_logger(__name__)

EventIds = tuple[str, ...]


class ExtractionState(Protocol):
    """The event ids of each article's last extraction, per raw partition."""

    async def previous(self, article_id: str, partition: int) -> EventIds:
        """The ids the last extraction of `article_id` (on raw partition `partition`) yielded; () if none."""
        ...

    def remember(self, article_id: str, partition: int, event_ids: EventIds) -> None:
        """Record the ids the extraction just made yields (after the step returned its records)."""
        ...

    def forget(self, partitions: Iterable[int]) -> None:
        """Drop what is known of `partitions` (revoked: reload when they come back)."""
        ...


@dataclass
class MemoryState:
    """`ExtractionState` in memory, for unit tests."""

    ids: dict[str, EventIds] = field(default_factory=dict)

    async def previous(self, article_id: str, partition: int) -> EventIds:
        return self.ids.get(article_id, ())

    def remember(self, article_id: str, partition: int, event_ids: EventIds) -> None:
        self.ids[article_id] = tuple(event_ids)

    def forget(self, partitions: Iterable[int]) -> None:
        return None


def summary_ids(records: Iterable[KafkaRecord]) -> dict[str, EventIds | None]:
    """article id -> event ids of the last summary among `records` (None for a tombstone)."""
    out: dict[str, EventIds | None] = {}
    for record in records:
        if record.key is None:
            continue
        article_id = record.key.decode("utf-8", "replace")
        if record.value is None:
            out[article_id] = None
            continue
        try:
            ids = orjson.loads(record.value).get("event_ids") or []
        except (orjson.JSONDecodeError, AttributeError):
            continue  # not a summary: the store dead-letters it; it never came from this extractor
        out[article_id] = tuple(str(i) for i in ids)
    return out


Loader = Callable[[int], Awaitable[dict[str, EventIds]]]


class ChangelogState:
    """`ExtractionState` loaded lazily per partition from `articles.extracted` (see the module docstring)."""

    def __init__(self, loader: Loader) -> None:
        self.loader = loader
        self.closer: Callable[[], Awaitable[None]] | None = None
        self.partitions: dict[int, dict[str, EventIds]] = {}
        self.lock = asyncio.Lock()

    @classmethod
    def from_settings(cls, settings: CommonSettings, topic: str) -> ChangelogState:
        """Loading from `topic` with one reader kept for the process (`close()` it)."""
        reader = ChangelogReader(settings)

        async def load(partition: int) -> dict[str, EventIds]:
            found: dict[str, EventIds | None] = {}
            async for batch in reader.read([TopicPartition(topic, partition)]):
                found.update(summary_ids(batch))
            return {k: v for k, v in found.items() if v is not None}

        state = cls(load)
        state.closer = reader.close
        return state

    async def close(self) -> None:
        if self.closer is not None:
            await self.closer()

    async def previous(self, article_id: str, partition: int) -> EventIds:
        known = self.partitions.get(partition)
        if known is None:
            async with self.lock:
                known = self.partitions.get(partition)
                if known is None:
                    known = await self.loader(partition)
                    self.partitions[partition] = known
                    log.info("extractor.state_loaded", partition=partition, articles=len(known))
        return known.get(article_id, ())

    def remember(self, article_id: str, partition: int, event_ids: EventIds) -> None:
        self.partitions.setdefault(partition, {})[article_id] = tuple(event_ids)

    def forget(self, partitions: Iterable[int]) -> None:
        for p in partitions:
            self.partitions.pop(p, None)


@dataclass
class RetractingStep:
    """The extractor's per-record step: previous ids from the state, `ExtractionStep.extract`, state updated.

    Async (the state may load a partition from the broker); the extraction itself runs in a
    worker thread so it never blocks the event loop.
    """

    step: ExtractionStep
    state: ExtractionState

    async def __call__(self, env: Envelope[RawArticle]) -> Sequence[OutRecord | Flush]:
        article = env.value
        previous = await self.state.previous(article.article_id, env.partition)
        extracted = await asyncio.to_thread(self.step.extract, article, previous)
        self.state.remember(article.article_id, env.partition, extracted.event_ids)
        return extracted.records

    def on_revoked(self, partitions: set[TopicPartition]) -> None:
        """The runtime's revocation hook: forget the raw partitions given up."""
        self.state.forget(tp.partition for tp in partitions)
