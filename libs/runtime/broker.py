"""The small interface the runtime needs of a broker: a group consumer and an acknowledging producer.

Two implementations: `libs.runtime.kafka.KafkaBroker` (aiokafka; production and the
integration tests on the embedded broker) and `libs.runtime.memory.MemoryBroker`
(in-process, for unit tests that need no broker). `run_consumer(broker=...)` takes
either; the default is Kafka from the settings.

Contract of a `ConsumerClient` (aiokafka's semantics): `start()` joins the group
(raising a transient error while the broker is unreachable), `getmany()` returns
records per partition in offset order, never from a paused partition, and runs the
`RebalanceListener` callbacks (revoke before assign) while the group rebalances;
`commit()` stores the next offset to read per partition and fails
(`CommitFailedError`) for a partition this member no longer owns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from aiokafka.structs import TopicPartition

from libs.contracts.records import OutRecord
from libs.runtime.records import KafkaRecord

__all__ = [
    "Broker",
    "ConsumerClient",
    "KafkaRecord",
    "ProducerClient",
    "RebalanceListener",
    "TopicPartition",
]


class RebalanceListener(Protocol):
    """Told about group rebalances; the runtime's loop commits what is done before a revocation."""

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None: ...

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None: ...


class ConsumerClient(Protocol):
    """A consumer-group member with manual commits (see the module docstring)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def getmany(
        self, *, timeout_ms: int, max_records: int | None = None
    ) -> Mapping[TopicPartition, Sequence[KafkaRecord]]: ...

    def assignment(self) -> set[TopicPartition]: ...

    def paused(self) -> set[TopicPartition]: ...

    def pause(self, *partitions: TopicPartition) -> None: ...

    def resume(self, *partitions: TopicPartition) -> None: ...

    def seek(self, partition: TopicPartition, offset: int) -> None: ...

    async def commit(self, offsets: Mapping[TopicPartition, int]) -> None: ...

    def highwater(self, partition: TopicPartition) -> int | None: ...

    async def position(self, partition: TopicPartition) -> int: ...


class ProducerClient(Protocol):
    """Produces records and returns once the broker acknowledged all (`ProduceError` when some failed)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send_many(self, records: Iterable[OutRecord]) -> Sequence[Any]: ...


class Broker(Protocol):
    """Makes the clients of one service."""

    def consumer(
        self, *, group_id: str, client_id: str, topics: Sequence[str], listener: RebalanceListener
    ) -> ConsumerClient: ...

    def producer(self, *, service: str) -> ProducerClient: ...
