"""`Produce`: waves at FLUSH barriers, retries, refusals turned into dead letters, fatal refusals."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka.errors import KafkaTimeoutError, TopicAuthorizationFailedError

from libs.contracts.records import DLQ_ERROR_CLASS, OutRecord, headers_to_dict
from libs.runtime.backoff import Interrupts
from libs.runtime.errors import FatalError
from libs.runtime.memory import MemoryBroker, MemoryProducer
from libs.runtime.records import DLQ_VALUE_OMITTED
from libs.runtime.strategies import BatchOutput, Message, Work
from libs.runtime.strategies.produce import Produce
from libs.runtime.strategies.run_step import OutputRefused
from tests.runtime.memory_helpers import (
    ROUTE,
    Collect,
    dead_letters,
    metric,
    record,
    retrier,
    service_name,
    value,
)


def item(n: int, *segments: list[bytes], raw: bytes | None = None) -> Message:
    it = Message(record=record(n, raw if raw is not None else value(n)), route=ROUTE)
    it.outputs = [
        [OutRecord(topic=f"out{w}", key=b"k", value=v) for v in seg] for w, seg in enumerate(segments)
    ]
    return it


async def producing(
    broker: MemoryBroker, service: str, interrupts: Interrupts | None = None
) -> tuple[Produce, Collect, MemoryProducer]:
    producer = broker.producer(service=service)
    await producer.start()
    collect = Collect()
    produce = Produce(
        producer,
        retry=retrier(service, interrupts=interrupts),
        dead_letters=dead_letters(service),
        next_step=collect,
    )
    return produce, collect, producer


async def test_waves_follow_the_flush_barriers_then_items_go_to_commit() -> None:
    broker = MemoryBroker()
    service = service_name()
    produce, collect, producer = await producing(broker, service)
    work = Work([item(0, [b"e1", b"e2"], [b"s0"]), item(1, [], [b"s1"]), item(2, [b"e3"])])
    await produce.submit(work)
    assert [[r.value for r in call] for call in producer.sent] == [[b"e1", b"e2", b"e3"], [b"s0", b"s1"]]
    assert collect.submitted == [work.items]
    assert metric("accord_records_consumed_total", service=service, topic="in") == 3


async def test_transient_failures_are_retried_until_acknowledged() -> None:
    broker = MemoryBroker()
    service = service_name()
    produce, collect, _ = await producing(broker, service)
    broker.inject("produce", KafkaTimeoutError(), KafkaTimeoutError())
    await produce.submit(Work([item(0, [b"a"])]))
    assert [r.value for r in broker.records("out0")] == [b"a"]
    assert metric("accord_retries_total", service=service, operation="produce") == 2
    assert len(collect.submitted) == 1


async def test_an_output_refused_for_good_dead_letters_its_source() -> None:
    broker = MemoryBroker(max_request_size=1000)
    service = service_name()
    produce, collect, _ = await producing(broker, service)
    work = Work([item(0, [b"ok"]), item(1, [b"x" * 5000, b"fine"], [b"after"]), item(2, [b"ok2"])])
    await produce.submit(work)
    assert [r.value for r in broker.records("in.dlq")] == [value(1)]
    assert headers_to_dict(broker.records("in.dlq")[0].headers)[DLQ_ERROR_CLASS] == "MessageSizeTooLargeError"
    assert b"after" not in [r.value for r in broker.records("out1")]  # its later waves are dropped
    assert (
        metric(
            "accord_records_dead_lettered_total",
            service=service,
            topic="in",
            error_class="MessageSizeTooLargeError",
        )
        == 1
    )
    assert len(collect.submitted) == 1


async def test_a_dead_letter_too_large_to_keep_goes_without_its_value() -> None:
    broker = MemoryBroker(max_request_size=1000)
    produce, _, _ = await producing(broker, service_name())
    dead = item(0, raw=b"y" * 5000)
    dead_letters(service_name()).mark(dead, ValueError("bad"))
    await produce.submit(Work([dead]))
    (rec,) = broker.records("in.dlq")
    assert rec.value is None and DLQ_VALUE_OMITTED in headers_to_dict(rec.headers)


async def test_a_refused_batch_output_is_handed_back_for_isolation() -> None:
    broker = MemoryBroker(max_request_size=1000)
    produce, collect, _ = await producing(broker, service_name())
    items = [item(0), item(1)]
    batch = BatchOutput(items=items, outputs=[[OutRecord(topic="o", key=None, value=b"z" * 5000)]])
    with pytest.raises(OutputRefused):
        await produce.submit(Work(items, batch))
    assert collect.submitted == []


async def test_a_refusal_not_about_the_record_is_fatal() -> None:
    broker = MemoryBroker()
    produce, collect, _ = await producing(broker, service_name())
    broker.inject("produce", TopicAuthorizationFailedError())
    with pytest.raises(FatalError, match="refuses to take records"):
        await produce.submit(Work([item(0, [b"a"])]))
    assert collect.submitted == []


async def test_a_stop_during_a_retry_abandons_the_flush() -> None:
    broker = MemoryBroker()
    interrupts = Interrupts(asyncio.Event())
    produce, collect, _ = await producing(broker, service_name(), interrupts)
    interrupts.stop.set()
    broker.inject("produce", KafkaTimeoutError())
    await produce.submit(Work([item(0, [b"a"])]))
    assert collect.submitted == []  # not committed: re-delivered
