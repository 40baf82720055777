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
is not at its end.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence

from aiokafka import AIOKafkaConsumer

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


async def read_to_end(
    settings: CommonSettings,
    tps: Sequence[TopicPartition],
    *,
    timeout_s: float = 120.0,
    fetch_ms: int = 200,
) -> AsyncIterator[Sequence[KafkaRecord]]:
    """Yield the records of `tps`, in offset order per partition, batch by batch, until each one's end."""
    if not tps:
        return
    consumer = _consumer(settings)
    await consumer.start()
    try:
        consumer.assign(list(tps))
        await consumer.seek_to_beginning(*tps)
        pending = set(tps)
        deadline = time.monotonic() + timeout_s
        while pending:
            fetched = await consumer.getmany(*pending, timeout_ms=fetch_ms, max_records=5000)
            for records in fetched.values():
                deadline = time.monotonic() + timeout_s
                yield records
            pending = {tp for tp in pending if not await _at_end(consumer, tp)}
            if pending and time.monotonic() > deadline:
                raise TransientError(f"{sorted(pending)}: no record within {timeout_s} s, not at the end")
    finally:
        await consumer.stop()
