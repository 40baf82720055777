"""`Commit`: offsets of durable work only, per policy; refused or interrupted commits are given up."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka.errors import CommitFailedError, KafkaTimeoutError
from aiokafka.structs import TopicPartition

from libs.runtime.backoff import Interrupts
from libs.runtime.memory import MemoryBroker
from libs.runtime.strategies import Message
from libs.runtime.strategies.commit import EVERY_BATCH, Commit, CommitPolicy
from tests.runtime.memory_helpers import ROUTE, metric, record, retrier, service_name, value
from tests.waiting import wait_until_async


class Listener:
    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None: ...

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None: ...


async def member(broker: MemoryBroker) -> object:
    consumer = broker.consumer(group_id="g", client_id="c", topics=["in"], listener=Listener())
    await consumer.start()
    await wait_until_async(lambda: consumer.assignment(), 5, "partitions assigned", every=0.005)
    return consumer


def items(*offsets: int, partition: int = 0) -> list[Message]:
    return [Message(record=record(o, value(o), partition=partition), route=ROUTE) for o in offsets]


def test_policy_bounds() -> None:
    assert EVERY_BATCH.due(1, 0.0) and not EVERY_BATCH.due(0, 99.0)
    timed = CommitPolicy(max_records=None, max_interval_s=1.0)
    assert not timed.due(10, 0.5) and timed.due(10, 1.0) and not timed.due(0, 5.0)
    with pytest.raises(ValueError):
        CommitPolicy(max_records=None)
    with pytest.raises(ValueError):
        CommitPolicy(max_records=0)


async def test_every_batch_commits_the_next_offset_per_partition() -> None:
    broker = MemoryBroker(partitions=2)
    commit = Commit(await member(broker), retry=retrier(service_name()))  # type: ignore[arg-type]
    await commit.submit([*items(0, 1, 2), *items(5, partition=1)])
    assert broker.committed("g", TopicPartition("in", 0)) == 3
    assert broker.committed("g", TopicPartition("in", 1)) == 6


async def test_a_count_policy_stages_until_due_and_join_commits_the_rest() -> None:
    broker = MemoryBroker()
    commit = Commit(await member(broker), retry=retrier(service_name()), policy=CommitPolicy(max_records=3))  # type: ignore[arg-type]
    tp = TopicPartition("in", 0)
    await commit.submit(items(0, 1))
    assert broker.committed("g", tp) is None
    await commit.submit(items(2))
    assert broker.committed("g", tp) == 3
    await commit.submit(items(3))
    await commit.join()
    assert broker.committed("g", tp) == 4


async def test_transient_failures_are_retried_refusals_given_up() -> None:
    broker = MemoryBroker()
    service = service_name()
    commit = Commit(await member(broker), retry=retrier(service))  # type: ignore[arg-type]
    tp = TopicPartition("in", 0)
    broker.inject("commit", KafkaTimeoutError(), KafkaTimeoutError())
    await commit.submit(items(0))
    assert broker.committed("g", tp) == 1
    assert metric("accord_retries_total", service=service, operation="commit") == 2
    broker.inject("commit", CommitFailedError("rebalanced"))
    await commit.submit(items(1))  # logged, not raised: re-delivered after the rebalance
    assert broker.committed("g", tp) == 1


async def test_an_interrupted_retry_abandons_the_commit() -> None:
    broker = MemoryBroker()
    interrupts = Interrupts(asyncio.Event())
    commit = Commit(await member(broker), retry=retrier(service_name(), interrupts=interrupts))  # type: ignore[arg-type]
    interrupts.stop.set()
    broker.inject("commit", KafkaTimeoutError())
    await commit.submit(items(0))
    assert broker.committed("g", TopicPartition("in", 0)) is None
