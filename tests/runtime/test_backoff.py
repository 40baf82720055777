"""Waiting between retries: partitions paused while the consumer keeps polling; stops and revocations end it."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka.structs import TopicPartition

from libs.contracts.records import OutRecord
from libs.runtime.backoff import Interrupts, PausedWait, Retrier
from libs.runtime.errors import Interrupted, TransientError
from libs.runtime.memory import MemoryBroker
from libs.runtime.retry import RetryPolicy
from tests.runtime.memory_helpers import metric, service_name
from tests.waiting import wait_until_async


class Listener:
    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None: ...

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None: ...


async def test_the_wait_pauses_every_partition_and_resumes_them() -> None:
    broker = MemoryBroker(partitions=2)
    consumer = broker.consumer(group_id="g", client_id="c", topics=["in"], listener=Listener())
    await consumer.start()
    await wait_until_async(lambda: len(consumer.assignment()) == 2, 5, "2 partitions assigned", every=0.005)
    wait = PausedWait(Interrupts(asyncio.Event()))
    wait.consumer = consumer
    seen: list[set[TopicPartition]] = []

    async def watch() -> None:
        await asyncio.sleep(0.02)
        seen.append(consumer.paused())
        broker.append(OutRecord(topic="in", key=b"k", value=b"v"))  # not fetched while paused

    watcher = asyncio.create_task(watch())
    await wait(0.1)
    await watcher
    assert seen == [consumer.assignment()]
    assert consumer.paused() == set()
    got = await consumer.getmany(timeout_ms=100)
    assert sum(len(v) for v in got.values()) == 1  # still there: the paused poll returned nothing


async def test_a_stop_or_a_revocation_ends_the_wait() -> None:
    interrupts = Interrupts(asyncio.Event())
    wait = PausedWait(interrupts)
    asyncio.get_running_loop().call_later(0.02, interrupts.revoking.set)
    with pytest.raises(Interrupted, match="revoked"):
        await asyncio.wait_for(wait(30), 5)
    interrupts.revoking.clear()
    interrupts.stop.set()
    with pytest.raises(Interrupted, match="stopping"):
        interrupts.check()


async def test_the_retrier_counts_errors_retries_transient_and_passes_interrupts_through() -> None:
    service = service_name()
    waits: list[float] = []

    async def sleep(delay: float) -> None:
        waits.append(delay)

    retry = Retrier(
        service=service, policy=RetryPolicy(initial_s=0.01, max_s=0.02), transient=(KeyError,), sleep=sleep
    )
    calls = {"n": 0}

    async def flaky() -> str:
        calls["n"] += 1
        if calls["n"] == 1:
            raise TransientError("down")
        if calls["n"] == 2:
            raise KeyError("configured as transient")
        return "ok"

    assert await retry("step", flaky) == "ok"
    assert len(waits) == 2
    assert metric("accord_errors_total", service=service, error_class="KeyError", kind="transient") == 1
    assert metric("accord_retries_total", service=service, operation="step") == 2

    async def interrupted() -> None:
        raise Interrupted("stopping")

    with pytest.raises(Interrupted):
        await retry("step", interrupted)
    assert metric("accord_errors_total", service=service, error_class="Interrupted", kind="poison") == 0
