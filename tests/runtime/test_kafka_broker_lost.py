"""A group consumer on an embedded broker that restarts empty (`accord up` after a broker SIGKILL).

The regression: the coordinator of the new broker does not know the member, so aiokafka resets its
generation to -1 and re-joins; a commit the runtime sent meanwhile (what it staged, in the
revocation callback or a commit retried while the broker was down) went out with generation -1,
and the broker took those offsets of the LOST log into the new group. The re-joined consumer then
started past the first records of the new log and never delivered them (silent loss).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from aiokafka.errors import CommitFailedError
from aiokafka.structs import TopicPartition

from libs.contracts.topics import TopicSpec
from libs.infra.broker import EmbeddedBroker
from libs.runtime.kafka import KafkaConsumer, consumer_config
from libs.runtime.topics import ensure_topics
from tests.runtime.kafka_helpers import produce, runtime_settings
from tests.waiting import wait_until_async

pytestmark = pytest.mark.integration

TOPIC = "lost.log"


class _SlowBatchOnRevoke:
    """The runtime's revocation: wait for the batch in hand, then commit what it staged.

    Here the batch outlasts the member (aiokafka keeps heartbeating during the callback, and the
    coordinator of the new broker answers "unknown member": generation -1), as a store batch on a
    loaded machine did; then it commits the position reached on the lost log.
    """

    def __init__(self, tp: TopicPartition, staged: int) -> None:
        self.consumer: KafkaConsumer | None = None
        self.tp, self.staged = tp, staged
        self.outcomes: list[str] = []

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        if not revoked or self.consumer is None:
            return
        coordinator = self.consumer._c._coordinator
        try:
            await wait_until_async(lambda: coordinator.generation == -1, 30, "the member reset", every=0.02)
        except AssertionError:
            self.outcomes.append("the member was not reset")  # the batch in hand outlasts the member
            return
        try:
            await self.consumer.commit({self.tp: self.staged})
            self.outcomes.append("committed")
        except CommitFailedError:
            self.outcomes.append("refused")

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None: ...


@pytest.fixture
def own_broker() -> Iterator[EmbeddedBroker]:
    """A broker of the test's own (it gets killed)."""
    broker = EmbeddedBroker()
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()


async def _fill(bootstrap: str, values: list[bytes]) -> None:
    await ensure_topics(bootstrap, [TopicSpec(TOPIC, 1)])
    await produce(bootstrap, TOPIC, values)


async def _drain(consumer: KafkaConsumer, n: int, within: float) -> list[bytes]:
    got: list[bytes] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while len(got) < n and loop.time() < deadline:
        fetched = await consumer.getmany(timeout_ms=200)
        got += [r.value for records in fetched.values() for r in records]
    return got


async def test_a_broker_restarted_empty_gets_no_offsets_of_the_lost_log(own_broker: EmbeddedBroker) -> None:
    """Offsets staged before the broker lost everything are refused, not committed into the new group;
    the re-joined consumer delivers the new log from its first record."""
    bootstrap = own_broker.bootstrap_servers
    tp = TopicPartition(TOPIC, 0)
    await _fill(bootstrap, [b"old-%d" % i for i in range(10)])
    listener = _SlowBatchOnRevoke(tp, staged=10)  # the position reached on the log about to be lost
    config = consumer_config(runtime_settings(bootstrap), group_id="g-lost", client_id="c")
    consumer = KafkaConsumer(config, [TOPIC], listener)
    await consumer.start()
    listener.consumer = consumer
    try:
        assert len(await _drain(consumer, 10, within=30)) == 10
        await consumer.commit({tp: 10})

        assert own_broker._proc is not None
        own_broker._proc.kill()  # SIGKILL: every record, group and offset is gone
        own_broker._proc.wait()
        own_broker._proc = None
        own_broker.start()  # the same port, empty
        await _fill(bootstrap, [b"new-%d" % i for i in range(4)])

        got = await _drain(consumer, 4, within=40)
        assert sorted(got) == [b"new-%d" % i for i in range(4)]  # without the guard: [] (skipped)
        assert listener.outcomes == ["refused"]
    finally:
        await consumer.stop()
