"""The Kafka backend of `libs.runtime.broker`: aiokafka consumers and the runtime's `Producer`.

```python
broker = KafkaBroker(settings)       # bootstrap servers, timeouts, fetch sizes from CommonSettings
consumer = broker.consumer(group_id="accord-store", client_id="accord-store", topics=[...], listener=loop)
producer = broker.producer(service="store")
```

Consumers commit manually (`enable_auto_commit=False`) and start from
`ACCORD_KAFKA_AUTO_OFFSET_RESET` when their group has no committed offset.
Lag comes from `highwater()` (the last fetch's high-water mark): `end_offsets()`
is wrong on the embedded broker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener
from aiokafka.structs import TopicPartition

from libs.runtime.broker import KafkaRecord, RebalanceListener
from libs.runtime.kafka_security import kafka_security_kwargs
from libs.runtime.producer import Producer
from libs.runtime.settings import CommonSettings


def consumer_config(settings: CommonSettings, *, group_id: str, client_id: str) -> dict[str, Any]:
    """Keyword arguments for `AIOKafkaConsumer`: manual commits, the settings' timeouts and fetch sizes,
    and the SASL/TLS arguments of `kafka_security_kwargs`."""
    if not settings.kafka_bootstrap_servers:
        raise ValueError("ACCORD_KAFKA_BOOTSTRAP_SERVERS is not set")
    return {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "client_id": client_id,
        "group_id": group_id,
        "enable_auto_commit": False,
        "auto_offset_reset": settings.kafka_auto_offset_reset,
        "session_timeout_ms": settings.kafka_session_timeout_ms,
        "heartbeat_interval_ms": settings.kafka_heartbeat_interval_ms,
        "max_poll_interval_ms": settings.kafka_max_poll_interval_ms,
        "max_partition_fetch_bytes": settings.kafka_max_partition_fetch_bytes,
        **kafka_security_kwargs(settings),
    }


class _Listener(ConsumerRebalanceListener):
    """aiokafka wants an instance of its own listener class: forward to the runtime's listener."""

    def __init__(self, target: RebalanceListener) -> None:
        self.target = target

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        await self.target.on_partitions_revoked(set(revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        await self.target.on_partitions_assigned(set(assigned))


class KafkaConsumer:
    """A `ConsumerClient` over `AIOKafkaConsumer`; a failed `start()` may be called again."""

    def __init__(self, config: dict[str, Any], topics: Sequence[str], listener: RebalanceListener) -> None:
        self.config = config
        self.topics = list(topics)
        self.listener = _Listener(listener)
        self._consumer: AIOKafkaConsumer | None = None

    @property
    def _c(self) -> AIOKafkaConsumer:
        if self._consumer is None:
            raise RuntimeError("consumer not started")
        return self._consumer

    async def start(self) -> None:
        consumer = AIOKafkaConsumer(**self.config)
        consumer.subscribe(self.topics, listener=self.listener)
        try:
            await consumer.start()
        except BaseException:
            await consumer.stop()
            raise
        self._consumer = consumer

    async def stop(self) -> None:
        """Leave the group and disconnect (idempotent)."""
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            await consumer.stop()

    async def getmany(
        self, *, timeout_ms: int, max_records: int | None = None
    ) -> Mapping[TopicPartition, Sequence[KafkaRecord]]:
        return await self._c.getmany(timeout_ms=timeout_ms, max_records=max_records)

    def assignment(self) -> set[TopicPartition]:
        return set(self._c.assignment()) if self._consumer is not None else set()

    def paused(self) -> set[TopicPartition]:
        return set(self._c.paused())

    def pause(self, *partitions: TopicPartition) -> None:
        self._c.pause(*partitions)

    def resume(self, *partitions: TopicPartition) -> None:
        self._c.resume(*partitions)

    def seek(self, partition: TopicPartition, offset: int) -> None:
        self._c.seek(partition, offset)

    async def commit(self, offsets: Mapping[TopicPartition, int]) -> None:
        await self._c.commit(dict(offsets))

    def highwater(self, partition: TopicPartition) -> int | None:
        return self._c.highwater(partition)

    async def position(self, partition: TopicPartition) -> int:
        return await self._c.position(partition)


class KafkaBroker:
    """The `Broker` of a Kafka cluster described by `settings`."""

    def __init__(self, settings: CommonSettings) -> None:
        self.settings = settings

    def consumer(
        self, *, group_id: str, client_id: str, topics: Sequence[str], listener: RebalanceListener
    ) -> KafkaConsumer:
        return KafkaConsumer(
            consumer_config(self.settings, group_id=group_id, client_id=client_id), topics, listener
        )

    def producer(self, *, service: str) -> Producer:
        return Producer(self.settings, service=service)
