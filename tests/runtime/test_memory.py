"""The in-memory broker keeps Kafka's semantics where the runtime depends on them."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka.errors import CommitFailedError, KafkaConnectionError, KafkaTimeoutError
from aiokafka.structs import TopicPartition

from libs.contracts.records import OutRecord
from libs.runtime.memory import MemoryBroker
from libs.runtime.producer import ProduceError
from tests.waiting import wait_until_async


class Listener:
    def __init__(self) -> None:
        self.events: list[tuple[str, set[TopicPartition]]] = []

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        self.events.append(("revoked", revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self.events.append(("assigned", assigned))


def out(topic: str, key: bytes | None, v: bytes = b"v") -> OutRecord:
    return OutRecord(topic=topic, key=key, value=v)


async def test_records_keep_their_order_per_key_and_refusals_are_per_record() -> None:
    broker = MemoryBroker(partitions=3, max_request_size=100)
    producer = broker.producer(service="mem-test")
    await producer.start()
    await producer.send_many([out("t", b"a", str(i).encode()) for i in range(5)])
    with pytest.raises(ProduceError) as info:
        await producer.send_many([out("t", b"a", b"ok"), out("t", b"a", b"x" * 500)])
    assert [i for i, _, _ in info.value.failed()] == [1]
    values = [r.value for r in broker.records("t")]
    assert values == [b"0", b"1", b"2", b"3", b"4", b"ok"]  # one key: one partition, in order
    assert len({r.partition for r in broker.records("t")}) == 1
    assert [r.offset for r in broker.records("t")] == list(range(6))


async def test_faults_and_unavailability() -> None:
    broker = MemoryBroker()
    producer = broker.producer(service="mem-test")
    broker.available = False
    with pytest.raises(KafkaConnectionError):
        await producer.start()
    broker.available = True
    await producer.start()
    broker.inject("produce", KafkaTimeoutError())
    with pytest.raises(ProduceError):
        await producer.send_many([out("t", None)])
    await producer.send_many([out("t", None)])
    assert len(broker.records("t")) == 1


async def test_a_group_splits_partitions_revokes_before_assigning_and_resumes_from_commits() -> None:
    broker = MemoryBroker(partitions=4)
    broker.create_topic("t")
    for i in range(8):
        broker.append(out("t", str(i).encode()))
    one, two = Listener(), Listener()
    a = broker.consumer(group_id="g", client_id="a", topics=["t"], listener=one)
    await a.start()
    await wait_until_async(lambda: len(a.assignment()) == 4, 5, "a assigned all 4 partitions", every=0.005)
    batch = await a.getmany(timeout_ms=100)
    assert sum(len(v) for v in batch.values()) == 8
    tp = next(iter(batch))
    await a.commit({tp: 1})
    b = broker.consumer(group_id="g", client_id="b", topics=["t"], listener=two)
    await b.start()
    await wait_until_async(
        lambda: len(a.assignment()) == 2 and len(b.assignment()) == 2,
        5,
        "a and b assigned 2 partitions each",
        every=0.005,
    )
    assert [e[0] for e in one.events] == ["assigned", "revoked", "assigned"]
    with pytest.raises(CommitFailedError):
        await a.commit({p: 1 for p in b.assignment()})
    owner = a if tp in a.assignment() else b
    assert await owner.position(tp) == 1  # from the committed offset, not from where `a` was
    assert broker.committed("g", tp) == 1
    await b.stop()
    await wait_until_async(
        lambda: len(a.assignment()) == 4, 5, "a assigned all 4 partitions again", every=0.005
    )
    assert broker.rebalances("g") == 3


async def test_getmany_waits_for_records_and_skips_paused_partitions() -> None:
    broker = MemoryBroker(partitions=2)
    broker.create_topic("t")
    c = broker.consumer(group_id="g", client_id="c", topics=["t"], listener=Listener())
    await c.start()
    await wait_until_async(lambda: len(c.assignment()) == 2, 5, "c assigned 2 partitions", every=0.005)
    assert await c.getmany(timeout_ms=20) == {}
    asyncio.get_running_loop().call_later(0.02, broker.append, out("t", b"k"))
    got = await c.getmany(timeout_ms=2000)
    assert sum(len(v) for v in got.values()) == 1
    (tp,) = got
    assert c.highwater(tp) == 1 and await c.position(tp) == 1
    c.pause(tp)
    broker.append(out("t", b"k"))
    assert await c.getmany(timeout_ms=20) == {}
    c.resume(tp)
    c.seek(tp, 0)
    assert [r.offset for r in (await c.getmany(timeout_ms=100))[tp]] == [0, 1]
