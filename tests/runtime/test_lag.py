"""The lag gauge: high-water mark minus position per partition, labelled with the group; removed on revoke."""

from __future__ import annotations

from aiokafka.structs import TopicPartition
from prometheus_client import REGISTRY

from libs.contracts.records import OutRecord
from libs.runtime.lag import LagGauge
from libs.runtime.memory import MemoryBroker
from tests.runtime.memory_helpers import metric, service_name
from tests.waiting import wait_until_async


class Listener:
    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None: ...

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None: ...


async def test_lag_per_group_and_partition() -> None:
    broker = MemoryBroker()
    for _ in range(5):
        broker.append(OutRecord(topic="in", key=b"k", value=b"v"))
    consumer = broker.consumer(group_id="g", client_id="c", topics=["in"], listener=Listener())
    await consumer.start()
    await wait_until_async(lambda: consumer.assignment(), 5, "partitions assigned", every=0.005)
    tp = TopicPartition("in", 0)
    await consumer.getmany(timeout_ms=10, max_records=2)
    service = service_name()
    gauge = LagGauge(service, "g", min_interval_s=0)
    await gauge.update(consumer)
    labels = {"service": service, "group": "g", "topic": "in", "partition": "0"}
    assert metric("accord_consumer_lag_records", **labels) == 3
    gauge.drop({tp})
    assert metric("accord_consumer_lag_records", **labels) == 0  # the sample is gone
    await gauge.update(None)  # not connected: nothing to do


class RevokedWhileReading:
    """A consumer whose partition is revoked while its position is read (a rebalance mid-refresh)."""

    def __init__(self, tp: TopicPartition) -> None:
        self.owned = {tp}

    def assignment(self) -> set[TopicPartition]:
        return set(self.owned)

    def highwater(self, tp: TopicPartition) -> int:
        return 10

    async def position(self, tp: TopicPartition) -> int:
        self.owned.discard(tp)  # the revocation lands during the await
        return 9


async def test_a_partition_revoked_during_a_refresh_leaves_no_sample() -> None:
    tp = TopicPartition("in", 3)
    service = service_name()
    labels = {"service": service, "group": "g", "topic": "in", "partition": "3"}
    gauge = LagGauge(service, "g", min_interval_s=0)
    await gauge.update(RevokedWhileReading(tp))  # type: ignore[arg-type]
    assert metric("accord_consumer_lag_records", **labels) == 0, "a stale lag of 1 would never go away"


async def test_a_refresh_removes_the_samples_of_partitions_no_longer_owned() -> None:
    broker = MemoryBroker()
    broker.append(OutRecord(topic="in", key=b"k", value=b"v"))
    consumer = broker.consumer(group_id="g", client_id="c", topics=["in"], listener=Listener())
    await consumer.start()
    await wait_until_async(lambda: consumer.assignment(), 5, "partitions assigned", every=0.005)
    await consumer.getmany(timeout_ms=10, max_records=1)
    service = service_name()
    gauge = LagGauge(service, "g", min_interval_s=0)
    await gauge.update(consumer)
    labels = {"service": service, "group": "g", "topic": "in", "partition": "0"}
    assert REGISTRY.get_sample_value("accord_consumer_lag_records", labels) == 0  # present, caught up
    consumer._assigned.clear()  # type: ignore[attr-defined]  # revoked without the listener's drop
    await gauge.update(consumer)
    assert REGISTRY.get_sample_value("accord_consumer_lag_records", labels) is None
