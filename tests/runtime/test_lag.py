"""The lag gauge: high-water mark minus position per partition, labelled with the group; removed on revoke."""

from __future__ import annotations

from aiokafka.structs import TopicPartition

from libs.contracts.records import OutRecord
from libs.runtime.lag import LagGauge
from libs.runtime.memory import MemoryBroker
from tests.runtime.memory_helpers import metric, service_name, until


class Listener:
    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None: ...

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None: ...


async def test_lag_per_group_and_partition() -> None:
    broker = MemoryBroker()
    for _ in range(5):
        broker.append(OutRecord(topic="in", key=b"k", value=b"v"))
    consumer = broker.consumer(group_id="g", client_id="c", topics=["in"], listener=Listener())
    await consumer.start()
    assert await until(lambda: consumer.assignment())
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
