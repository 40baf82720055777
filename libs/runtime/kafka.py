"""The Kafka backend of `libs.runtime.broker`: aiokafka consumers and the runtime's `Producer`.

```python
broker = KafkaBroker(settings)       # bootstrap servers, timeouts, fetch sizes from CommonSettings
consumer = broker.consumer(group_id="accord-store", client_id="accord-store", topics=[...], listener=loop)
producer = broker.producer(service="store")
```

Consumers commit manually (`enable_auto_commit=False`) and start from
`ACCORD_KAFKA_AUTO_OFFSET_RESET` when their group has no committed offset.
A consumer that is not a member of a group generation does not commit
(`refuse_commits_outside_generation`), as Kafka's Java client: after the
embedded memory-only broker restarted empty, such a commit carried offsets of
the lost log into the new group, which then skipped the new log's first records.
Lag comes from `highwater()` (the last fetch's high-water mark): `end_offsets()`
is wrong on the embedded broker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener
from aiokafka.errors import CommitFailedError
from aiokafka.protocol.commit import OffsetCommitRequest
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


def refuse_commits_outside_generation(consumer: AIOKafkaConsumer) -> None:
    """Make the started, subscribed `consumer` raise `CommitFailedError` for a commit sent outside a generation.

    When the coordinator no longer knows the member (session expired; a broker that lost its groups),
    aiokafka resets the generation to -1 and would still send commits, with generation -1, which
    a broker may take as a standalone commit. The embedded broker does, and when it restarted empty
    those were offsets of the log it lost: the re-joined group started past the first records of
    the new log and never delivered them. The check runs where aiokafka builds the request (no
    await in between), so a commit that waited for the coordinator cannot slip through after the
    reset; the records are re-delivered instead (at-least-once). It wraps aiokafka internals
    (`_coordinator._do_commit_offsets`; aiokafka is pinned to 0.14.x): if they move,
    `tests/runtime/test_kafka_broker_lost.py` fails.
    """
    coordinator = consumer._coordinator
    send = coordinator._do_commit_offsets

    async def guarded(assignment: Any, offsets: Any) -> None:
        if coordinator.generation == OffsetCommitRequest.DEFAULT_GENERATION_ID:
            raise CommitFailedError(
                "the consumer is not a member of a group generation (the coordinator forgot it): "
                "not committing"
            )
        await send(assignment, offsets)

    coordinator._do_commit_offsets = guarded


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
        refuse_commits_outside_generation(consumer)
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
