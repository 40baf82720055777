"""The consumer loop on the in-memory broker: connect, poll, stop, rebalance, outages, lag, the dead-letter limit.

The same guarantees are tested on the embedded Kafka broker in `test_consumer.py`; these
run without any broker, in seconds.
"""

from __future__ import annotations

import asyncio
import collections
import time

import pytest
from aiokafka.errors import KafkaTimeoutError
from aiokafka.structs import TopicPartition

from libs.contracts.records import OutRecord
from libs.runtime.consumer import run_consumer
from libs.runtime.errors import DeadLetterLimitExceeded, TransientError
from libs.runtime.health import LIVENESS
from libs.runtime.memory import MemoryBroker
from libs.runtime.records import Envelope
from libs.runtime.strategies.dead_letters import DeadLetterLimit
from tests.runtime.memory_helpers import (
    ROUTES,
    Item,
    consuming,
    metric,
    numbers,
    output,
    service_name,
    settings,
    value,
)
from tests.waiting import wait_until_async


def fill(broker: MemoryBroker, n: int, *, keyed: bool = False, partitions: int = 1, start: int = 0) -> None:
    broker.create_topic("in", partitions)
    for i in range(start, start + n):
        broker.append(OutRecord(topic="in", key=str(i).encode() if keyed else b"k", value=value(i)))


async def test_every_record_is_processed_committed_and_the_lag_reaches_zero() -> None:
    broker = MemoryBroker()
    fill(broker, 30)
    service = service_name()
    group = f"g-{service}"
    async with consuming(
        broker, service=service, group_id=group, step=lambda env: [output(env)], max_batch=7
    ):
        await wait_until_async(lambda: len(broker.records("out")) == 30, 5, "30 records on out", every=0.005)
        lag = {"service": service, "group": group, "topic": "in", "partition": "0"}
        await wait_until_async(
            lambda: (
                metric("accord_consumer_lag_records", **lag) == 0.0
                and broker.committed(group, TopicPartition("in", 0)) == 30
            ),
            5,
            "lag 0 and offset 30 committed",
            every=0.005,
        )
    assert numbers(broker, "out") == list(range(30))
    assert metric("accord_records_consumed_total", service=service, topic="in") == 30
    assert metric("accord_consumer_lag_records", **lag) == 0.0  # sample removed at stop


async def test_a_long_outage_pauses_consumption_behind_the_failing_record() -> None:
    broker = MemoryBroker()
    fill(broker, 5)
    service = service_name()
    outage_until = time.monotonic() + 0.5
    during: list[int] = []

    def step(env: Envelope[Item]) -> list[OutRecord]:
        if env.value.n == 2 and time.monotonic() < outage_until:
            raise TransientError("dependency down")
        if env.value.n != 2 and time.monotonic() < outage_until and env.value.n > 2:
            during.append(env.value.n)
        return [output(env)]

    async with consuming(broker, service=service, group_id=f"g-{service}", step=step):
        await wait_until_async(lambda: len(broker.records("out")) == 5, 5, "5 records on out", every=0.005)
    assert numbers(broker, "out") == [0, 1, 2, 3, 4]
    assert during == []
    assert metric("accord_retries_total", service=service, operation="step") >= 3
    assert metric("accord_consumer_rebalances_total", service=service) == 0


async def test_start_while_the_broker_is_away_waits_and_a_stop_meanwhile_returns() -> None:
    broker = MemoryBroker()
    fill(broker, 3)
    broker.available = False
    service = service_name()
    seen: list[int] = []
    async with consuming(
        broker, service=service, group_id="g", step=lambda env: seen.append(env.value.n) or []
    ):
        await wait_until_async(
            lambda: metric("accord_retries_total", service=service, operation="connect") >= 2,
            5,
            "two connect retries",
            every=0.005,
        )
        broker.available = True
        await wait_until_async(lambda: seen == [0, 1, 2], 5, "records 0-2 seen", every=0.005)

    broker.available = False
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_consumer(
            service=service,
            settings=settings(),
            group_id="g2",
            routes=ROUTES,
            step=lambda env: [],
            stop=stop,
            broker=broker,
        )
    )
    await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, 5)  # returns, no error, although it never connected


async def test_poll_failures_are_retried() -> None:
    broker = MemoryBroker()
    fill(broker, 2)
    service = service_name()
    broker.inject("poll", KafkaTimeoutError())
    async with consuming(broker, service=service, group_id="g", step=lambda env: [output(env)]):
        await wait_until_async(lambda: len(broker.records("out")) == 2, 5, "2 records on out", every=0.005)
    assert metric("accord_retries_total", service=service, operation="poll") == 1


async def test_a_member_joining_mid_stream_loses_and_repeats_nothing() -> None:
    broker = MemoryBroker()
    fill(broker, 120, keyed=True, partitions=6)
    processed: collections.Counter[int] = collections.Counter()

    async def step(env: Envelope[Item]) -> list[OutRecord]:
        await asyncio.sleep(0.002)
        processed[env.value.n] += 1
        return []

    a, b = service_name(), service_name()
    common = {"group_id": "shared", "step": step, "max_batch": 10}
    async with consuming(broker, service=a, **common):
        await wait_until_async(lambda: sum(processed.values()) >= 10, 5, "10 records processed", every=0.005)
        async with consuming(broker, service=b, **common):
            await wait_until_async(
                lambda: len(processed) == 120, 20, "all 120 records processed by the two members", every=0.005
            )
    assert [n for n, c in processed.items() if c > 1] == []
    assert metric("accord_consumer_rebalances_total", service=a) >= 1
    assert metric("accord_records_consumed_total", service=b, topic="in") > 0


async def test_a_stop_commits_what_is_done_and_a_successor_resumes_after_it() -> None:
    broker = MemoryBroker()
    fill(broker, 20)
    first: list[int] = []
    stop = asyncio.Event()

    def step(env: Envelope[Item]) -> list[OutRecord]:
        first.append(env.value.n)
        if env.value.n == 6:
            stop.set()
        return [output(env)]

    await run_consumer(
        service=service_name(),
        settings=settings(),
        group_id="g",
        routes=ROUTES,
        step=step,
        stop=stop,
        broker=broker,
        max_batch=20,
    )
    assert first == list(range(7))
    assert broker.committed("g", TopicPartition("in", 0)) == 7
    second: list[int] = []
    async with consuming(
        broker, service=service_name(), group_id="g", step=lambda env: second.append(env.value.n) or []
    ):
        await wait_until_async(lambda: len(second) == 13, 5, "the second consumer's 13 records", every=0.005)
    assert second == list(range(7, 20))


async def test_too_many_poison_records_stop_the_consumer_without_committing() -> None:
    broker = MemoryBroker()
    fill(broker, 10)
    service = service_name()

    def broken(env: Envelope[Item]) -> list[OutRecord]:
        raise ValueError("the new release cannot handle anything")

    with pytest.raises(DeadLetterLimitExceeded):
        await asyncio.wait_for(
            run_consumer(
                service=service,
                settings=settings(),
                group_id="g",
                routes=ROUTES,
                step=broken,
                stop=asyncio.Event(),
                broker=broker,
                dead_letter_limit=DeadLetterLimit(max_records=3, window_s=60),
            ),
            5,
        )
    assert broker.committed("g", TopicPartition("in", 0)) is None
    assert broker.records("in.dlq") == []


async def test_the_loop_ticks_liveness() -> None:
    broker = MemoryBroker()
    fill(broker, 1)
    async with consuming(broker, service=service_name(), group_id="g", step=lambda env: []):
        await asyncio.sleep(0.15)
        assert LIVENESS.age_s() < 0.15


async def test_the_revocation_hook_hears_of_partitions_given_up_after_their_commit() -> None:
    broker = MemoryBroker()
    fill(broker, 12, keyed=True, partitions=4)
    group = "hooked"
    heard: list[tuple[set[TopicPartition], dict[TopicPartition, int | None]]] = []

    def on_revoked(partitions: set[TopicPartition]) -> None:
        heard.append((partitions, {tp: broker.committed(group, tp) for tp in partitions}))

    a, b = service_name(), service_name()
    async with consuming(broker, service=a, group_id=group, step=lambda env: [], on_revoked=on_revoked):
        await wait_until_async(
            lambda: sum(broker.committed(group, tp) or 0 for tp in broker.partitions("in")) == 12,
            5,
            "12 offsets committed",
            every=0.005,
        )
        async with consuming(broker, service=b, group_id=group, step=lambda env: []):
            await wait_until_async(lambda: bool(heard), 5, "the revocation hook called", every=0.005)
    revoked, committed = heard[0]
    assert revoked == set(broker.partitions("in"))  # a join revokes everything first (eager protocol)
    assert sum(c or 0 for c in committed.values()) == 12  # everything done was committed before the hook
