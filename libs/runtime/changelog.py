"""Read partitions of topics from their start up to their current end (changelogs, state loading, rebuilds).

```python
async for batch in read_to_end(settings, [TopicPartition("articles.extracted", 3)]):
    for record in batch: ...
partitions = await partitions_of(settings, "events.cooperation")
```

No consumer group, nothing committed. "The end" of a partition is its high-water mark as
reported by the fetches themselves (`highwater()`; `end_offsets()` is wrong on the embedded
broker), read again after every fetch, so records produced while reading may or may not be
included. Raises `TransientError` when `timeout_s` pass without a record while some partition
is not at its end, and when the broker cannot be reached (the caller retries; a record whose
state could not be loaded is never dead-lettered for it).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

from libs.runtime.broker import KafkaRecord, TopicPartition
from libs.runtime.errors import TransientError
from libs.runtime.kafka_security import kafka_security_kwargs
from libs.runtime.settings import CommonSettings


def _consumer(settings: CommonSettings) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.kafka_client_id}-changelog",
        group_id=None,
        enable_auto_commit=False,
        fetch_max_wait_ms=50,  # an empty partition answers at once: its high-water mark is what we wait for
        max_partition_fetch_bytes=settings.kafka_max_partition_fetch_bytes,
        **kafka_security_kwargs(settings),
    )


async def partitions_of(settings: CommonSettings, topic: str) -> list[TopicPartition]:
    """The partitions of `topic` ([] when it does not exist)."""
    consumer = _consumer(settings)
    await consumer.start()
    try:
        await consumer.topics()  # fetches the cluster's metadata
        return [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
    finally:
        await consumer.stop()


async def _at_end(consumer: AIOKafkaConsumer, tp: TopicPartition) -> bool:
    high = consumer.highwater(tp)
    return high is not None and await consumer.position(tp) >= high


class ChangelogReader:
    """One consumer (started on first use, kept) reading partitions to their end again and again."""

    def __init__(self, settings: CommonSettings, *, timeout_s: float = 120.0, fetch_ms: int = 200) -> None:
        self.settings = settings
        self.timeout_s = timeout_s
        self.fetch_ms = fetch_ms
        self._consumer: AIOKafkaConsumer | None = None

    async def _started(self) -> AIOKafkaConsumer:
        if self._consumer is None:
            consumer = _consumer(self.settings)
            try:
                await consumer.start()
            except BaseException:
                await consumer.stop()
                raise
            self._consumer = consumer
        return self._consumer

    async def _existing(self, tps: Sequence[TopicPartition]) -> tuple[AIOKafkaConsumer, list[TopicPartition]]:
        """The consumer, and the partitions of `tps` that exist now: a changelog topic not created yet
        holds no state (the broker may have come up after this service). A topic created since the
        consumer last looked is learnt by starting a fresh consumer (its metadata is current)."""
        consumer = await self._started()
        if not tps:
            return consumer, []
        existing = await consumer.topics()
        unknown = {tp.topic for tp in tps if tp.topic in existing} - {
            t for t in existing if consumer.partitions_for_topic(t) is not None
        }
        if unknown:
            await self.close()
            consumer = await self._started()
        known = [tp for tp in tps if tp.partition in (consumer.partitions_for_topic(tp.topic) or ())]
        return consumer, known

    async def read(self, tps: Sequence[TopicPartition]) -> AsyncIterator[Sequence[KafkaRecord]]:
        """Yield the records of `tps`, in offset order per partition, batch by batch, until each one's end."""
        try:
            consumer, tps = await self._existing(tps)
        except KafkaError as exc:  # no broker answers (aiokafka's metadata error is not flagged retriable)
            await self.close()
            raise TransientError(f"cannot read {sorted(tps)}: {exc}") from exc
        if not tps:
            return
        consumer.assign(list(tps))
        await consumer.seek_to_beginning(*tps)
        pending = set(tps)
        deadline = time.monotonic() + self.timeout_s
        while pending:
            fetched = await consumer.getmany(*pending, timeout_ms=self.fetch_ms, max_records=5000)
            for records in fetched.values():
                deadline = time.monotonic() + self.timeout_s
                yield records
            pending = {tp for tp in pending if not await _at_end(consumer, tp)}
            if pending and time.monotonic() > deadline:
                raise TransientError(
                    f"{sorted(pending)}: no record within {self.timeout_s} s, not at the end"
                )

    async def close(self) -> None:
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            await consumer.stop()


async def read_to_end(
    settings: CommonSettings, tps: Sequence[TopicPartition], *, timeout_s: float = 120.0
) -> AsyncIterator[Sequence[KafkaRecord]]:
    """`ChangelogReader.read` with a consumer of its own (closed at the end)."""
    reader = ChangelogReader(settings, timeout_s=timeout_s)
    try:
        async for batch in reader.read(tps):
            yield batch
    finally:
        await reader.close()
