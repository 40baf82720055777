"""An in-memory broker for unit tests: topics, partitions, consumer groups with rebalances, commits.

```python
broker = MemoryBroker(partitions=3, max_request_size=20_000)
broker.create_topic("in", partitions=2)
await run_consumer(..., broker=broker)           # the runtime on it, no Kafka anywhere
broker.records("out")                           # what was produced, partition by partition
broker.committed("my-group", TopicPartition("in", 0))
broker.inject("commit", KafkaTimeoutError())    # the next commit fails (also: connect, poll, produce)
broker.available = False                        # clients cannot connect (KafkaConnectionError)
```

It follows Kafka's semantics where the runtime depends on them: records keep
their order per partition (key → partition by CRC32, no key → round robin);
a group splits the partitions of its topics among its members, and a join or a
leave first revokes every member's partitions (awaiting their listeners), then
assigns, positions starting at the committed offsets (`earliest` otherwise);
a commit for a partition the member does not own fails with
`CommitFailedError`; a record larger than `max_request_size` is refused with
`MessageSizeTooLargeError`; producing to an unknown topic creates it with
`partitions` partitions. Single event loop, not thread-safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import structlog
from aiokafka.errors import CommitFailedError, KafkaConnectionError, MessageSizeTooLargeError
from aiokafka.structs import TopicPartition

from libs.contracts.records import OutRecord
from libs.runtime.broker import RebalanceListener
from libs.runtime.producer import ProduceError, acknowledged

log = structlog.get_logger(__name__)

Operation = Literal["connect", "poll", "produce", "commit"]


@dataclass(frozen=True, slots=True)
class MemoryRecord:
    """A stored record (fits `libs.runtime.records.KafkaRecord`)."""

    topic: str
    partition: int
    offset: int
    timestamp: int | None
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """Where an acknowledged record was stored."""

    topic: str
    partition: int
    offset: int


def record_size(record: OutRecord) -> int:
    """Bytes of key, value and headers (what `max_request_size` is compared with)."""
    headers = sum(len(k) + len(v or b"") for k, v in record.headers)
    return len(record.key or b"") + len(record.value or b"") + headers


@dataclass
class _Group:
    members: list[MemoryConsumer] = field(default_factory=list)
    committed: dict[TopicPartition, int] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    rebalances: int = 0


class MemoryBroker:
    """Topics and consumer groups in memory; `consumer()`/`producer()` make its clients."""

    def __init__(
        self,
        *,
        partitions: int = 1,
        max_request_size: int | None = None,
        auto_offset_reset: Literal["earliest", "latest"] = "earliest",
    ) -> None:
        self.default_partitions = partitions
        self.max_request_size = max_request_size
        self.auto_offset_reset = auto_offset_reset
        self.available = True
        self._logs: dict[str, list[list[MemoryRecord]]] = {}
        self._groups: dict[str, _Group] = {}
        self._faults: dict[str, list[BaseException]] = {}
        self._round_robin = itertools.count()
        self._changed = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()

    # --- topics and records -------------------------------------------------------------

    def create_topic(self, name: str, partitions: int | None = None) -> None:
        """Create `name` (idempotent)."""
        if name not in self._logs:
            self._logs[name] = [[] for _ in range(partitions or self.default_partitions)]

    def partitions(self, topic: str) -> list[TopicPartition]:
        return [TopicPartition(topic, p) for p in range(len(self._logs.get(topic, [])))]

    def end_offset(self, tp: TopicPartition) -> int:
        return len(self._logs[tp.topic][tp.partition])

    def read(self, tp: TopicPartition, start: int, limit: int) -> list[MemoryRecord]:
        return self._logs[tp.topic][tp.partition][start : start + limit]

    def records(self, topic: str) -> list[MemoryRecord]:
        """Every record of `topic`, partition by partition, in offset order."""
        return [r for log_ in self._logs.get(topic, []) for r in log_]

    def append(self, record: OutRecord) -> MemoryRecord:
        """Store `record` on its partition (creating the topic if needed); wakes waiting consumers."""
        self.create_topic(record.topic)
        log_ = self._logs[record.topic]
        if record.key is not None:
            partition = zlib.crc32(record.key) % len(log_)
        else:
            partition = next(self._round_robin) % len(log_)
        stored = MemoryRecord(
            topic=record.topic,
            partition=partition,
            offset=len(log_[partition]),
            timestamp=int(time.time() * 1000),
            key=record.key,
            value=record.value,
            headers=tuple(record.headers),
        )
        log_[partition].append(stored)
        self.notify()
        return stored

    # --- faults -------------------------------------------------------------------------

    def inject(self, operation: Operation, *errors: BaseException) -> None:
        """The next calls of `operation` raise `errors`, one per call, in order."""
        self._faults.setdefault(operation, []).extend(errors)

    def fault(self, operation: Operation) -> BaseException | None:
        """The error the next `operation` must raise, if any (connect also fails while unavailable)."""
        queued = self._faults.get(operation)
        if queued:
            return queued.pop(0)
        if operation == "connect" and not self.available:
            return KafkaConnectionError("memory broker unavailable")
        return None

    # --- groups -------------------------------------------------------------------------

    def committed(self, group_id: str, tp: TopicPartition) -> int | None:
        group = self._groups.get(group_id)
        return None if group is None else group.committed.get(tp)

    def rebalances(self, group_id: str) -> int:
        group = self._groups.get(group_id)
        return 0 if group is None else group.rebalances

    def group(self, group_id: str) -> _Group:
        return self._groups.setdefault(group_id, _Group())

    def rebalance(self, group_id: str) -> None:
        """Schedule a rebalance of `group_id` (after a join or a leave)."""
        task = asyncio.get_running_loop().create_task(self._rebalance(self.group(group_id)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _rebalance(self, group: _Group) -> None:
        async with group.lock:
            group.rebalances += 1
            members = list(group.members)
            for m in members:
                m.rebalancing = True
            await asyncio.gather(*(m.revoke() for m in members))
            topics = sorted({t for m in members for t in m.topics})
            partitions = [tp for t in topics for tp in self.partitions(t)]
            shares: dict[MemoryConsumer, set[TopicPartition]] = {m: set() for m in members}
            for i, tp in enumerate(partitions):
                eligible = [m for m in members if tp.topic in m.topics]
                if eligible:
                    shares[eligible[i % len(eligible)]].add(tp)
            await asyncio.gather(*(m.assign(shares[m], group.committed) for m in members))
        self.notify()

    # --- waking consumers -------------------------------------------------------------

    def notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def changed(self, within_s: float) -> None:
        """Wait until something changes (a record, a rebalance, a resume) or `within_s` seconds pass."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), within_s)

    # --- clients ----------------------------------------------------------------------

    def consumer(
        self, *, group_id: str, client_id: str, topics: Sequence[str], listener: RebalanceListener
    ) -> MemoryConsumer:
        return MemoryConsumer(self, group_id=group_id, topics=topics, listener=listener)

    def producer(self, *, service: str) -> MemoryProducer:
        return MemoryProducer(self, service=service)


class MemoryConsumer:
    """A group member of a `MemoryBroker` (a `libs.runtime.broker.ConsumerClient`)."""

    def __init__(
        self, broker: MemoryBroker, *, group_id: str, topics: Sequence[str], listener: RebalanceListener
    ) -> None:
        self.broker = broker
        self.group_id = group_id
        self.topics = list(topics)
        self.listener = listener
        self.rebalancing = False
        self._assigned: set[TopicPartition] = set()
        self._paused: set[TopicPartition] = set()
        self._positions: dict[TopicPartition, int] = {}
        self._highwater: dict[TopicPartition, int] = {}
        self._joined = False

    async def start(self) -> None:
        error = self.broker.fault("connect")
        if error is not None:
            raise error
        for topic in self.topics:
            self.broker.create_topic(topic)
        self.broker.group(self.group_id).members.append(self)
        self._joined = True
        self.rebalancing = True
        self.broker.rebalance(self.group_id)

    async def stop(self) -> None:
        """Leave the group (the others rebalance); the own listener is not called."""
        if self._joined:
            self._joined = False
            self.broker.group(self.group_id).members.remove(self)
            self._assigned.clear()
            self.broker.rebalance(self.group_id)

    async def revoke(self) -> None:
        """Run the listener (the partitions are still ours: it may commit), then give them up."""
        if self._assigned:
            try:
                await self.listener.on_partitions_revoked(set(self._assigned))
            except Exception:
                log.exception("memory.revoke_listener_failed")
        self._assigned = set()

    async def assign(self, partitions: set[TopicPartition], committed: Mapping[TopicPartition, int]) -> None:
        if not self._joined:
            return
        self._assigned = set(partitions)
        self._paused &= self._assigned
        for tp in partitions:
            start = committed.get(tp)
            if start is None:
                start = 0 if self.broker.auto_offset_reset == "earliest" else self.broker.end_offset(tp)
            self._positions[tp] = start
        self.rebalancing = False
        try:
            await self.listener.on_partitions_assigned(set(partitions))
        except Exception:
            log.exception("memory.assign_listener_failed")

    async def getmany(
        self, *, timeout_ms: int, max_records: int | None = None
    ) -> dict[TopicPartition, list[MemoryRecord]]:
        await asyncio.sleep(0)  # a scheduling point, as a network round trip would be
        error = self.broker.fault("poll")
        if error is not None:
            raise error
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_ms / 1000
        while True:
            if not self.rebalancing:
                out = self._collect(max_records or 500)
                if out:
                    return out
            remaining = deadline - loop.time()
            if remaining <= 0:
                return {}
            await self.broker.changed(remaining)

    def _collect(self, limit: int) -> dict[TopicPartition, list[MemoryRecord]]:
        out: dict[TopicPartition, list[MemoryRecord]] = {}
        for tp in sorted(self._assigned - self._paused):
            self._highwater[tp] = self.broker.end_offset(tp)
            if limit <= 0:
                continue
            records = self.broker.read(tp, self._positions[tp], limit)
            if records:
                out[tp] = records
                self._positions[tp] = records[-1].offset + 1
                limit -= len(records)
        return out

    def assignment(self) -> set[TopicPartition]:
        return set(self._assigned)

    def paused(self) -> set[TopicPartition]:
        return set(self._paused)

    def pause(self, *partitions: TopicPartition) -> None:
        self._paused |= set(partitions) & self._assigned

    def resume(self, *partitions: TopicPartition) -> None:
        self._paused -= set(partitions)
        self.broker.notify()

    def seek(self, partition: TopicPartition, offset: int) -> None:
        if partition in self._assigned:
            self._positions[partition] = offset

    async def commit(self, offsets: Mapping[TopicPartition, int]) -> None:
        await asyncio.sleep(0)
        error = self.broker.fault("commit")
        if error is not None:
            raise error
        if not set(offsets) <= self._assigned:
            raise CommitFailedError("the group rebalanced: these partitions are not this member's any more")
        self.broker.group(self.group_id).committed.update(offsets)

    def highwater(self, partition: TopicPartition) -> int | None:
        return self._highwater.get(partition)

    async def position(self, partition: TopicPartition) -> int:
        return self._positions[partition]


class MemoryProducer:
    """Appends to a `MemoryBroker` (a `libs.runtime.broker.ProducerClient`; counts produced records)."""

    def __init__(self, broker: MemoryBroker, *, service: str) -> None:
        self.broker = broker
        self.service = service
        self.started = False
        self.sent: list[list[OutRecord]] = []  # the records of each send_many call, for tests

    async def start(self) -> None:
        error = self.broker.fault("connect")
        if error is not None:
            raise error
        self.started = True

    async def stop(self) -> None:
        self.started = False

    async def __aenter__(self) -> MemoryProducer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def send_many(self, records: Iterable[OutRecord]) -> list[Any]:
        """Store `records`; `ProduceError` names the ones refused (too large, injected faults)."""
        if not self.started:
            raise RuntimeError("producer not started")
        records = list(records)
        await asyncio.sleep(0)
        self.sent.append(records)
        error = self.broker.fault("produce")
        if error is not None:
            raise ProduceError(records, [error] * len(records))
        limit = self.broker.max_request_size
        results: list[Any] = []
        for rec in records:
            if limit is not None and record_size(rec) > limit:
                results.append(MessageSizeTooLargeError(f"record of {record_size(rec)} bytes > {limit}"))
                continue
            stored = self.broker.append(rec)
            results.append(Acknowledgement(stored.topic, stored.partition, stored.offset))
        return acknowledged(self.service, records, results)

    async def send(self, record: OutRecord) -> Any:
        return (await self.send_many([record]))[0]
