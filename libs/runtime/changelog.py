"""Read one partition of a topic from its start up to its current end (a changelog, for state loading).

```python
async for batch in read_to_end(settings, TopicPartition("articles.extracted", 3)):
    for record in batch: ...
```

No consumer group, nothing committed. "The end" is the partition's high-water mark as
reported by the fetches themselves (`highwater()`; `end_offsets()` is wrong on the embedded
broker), read again after every fetch, so records produced while reading may or may not be
included. Raises `TransientError` when the end is not reached within `timeout_s`.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence

from aiokafka import AIOKafkaConsumer

from libs.runtime.broker import KafkaRecord, TopicPartition
from libs.runtime.errors import TransientError
from libs.runtime.kafka_security import kafka_security_kwargs
from libs.runtime.settings import CommonSettings


async def read_to_end(
    settings: CommonSettings, tp: TopicPartition, *, timeout_s: float = 120.0, fetch_ms: int = 200
) -> AsyncIterator[Sequence[KafkaRecord]]:
    """Yield the records of `tp` in offset order, batch by batch, until its high-water mark."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.kafka_client_id}-changelog",
        group_id=None,
        enable_auto_commit=False,
        max_partition_fetch_bytes=settings.kafka_max_partition_fetch_bytes,
        **kafka_security_kwargs(settings),
    )
    await consumer.start()
    try:
        consumer.assign([tp])
        await consumer.seek_to_beginning(tp)
        deadline = time.monotonic() + timeout_s
        while True:
            batch = await consumer.getmany(tp, timeout_ms=fetch_ms, max_records=5000)
            if batch.get(tp):
                yield batch[tp]
            high = consumer.highwater(tp)
            if high is not None and await consumer.position(tp) >= high:
                return
            if time.monotonic() > deadline:
                raise TransientError(f"{tp.topic}:{tp.partition} not read to its end within {timeout_s} s")
    finally:
        await consumer.stop()
