"""The consumer loop on the embedded broker: retries, dead-letters, batch isolation, barriers, rebalances."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import time
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

import orjson
import pytest
from aiokafka.errors import KafkaTimeoutError
from prometheus_client import REGISTRY
from pydantic import BaseModel

from libs.contracts.records import (
    DLQ_CONSUMER_GROUP,
    DLQ_ERROR_CLASS,
    DLQ_ERROR_MESSAGE,
    DLQ_FAILED_AT,
    DLQ_SOURCE_OFFSET,
    DLQ_SOURCE_PARTITION,
    DLQ_SOURCE_TOPIC,
    OutRecord,
    headers_to_dict,
)
from libs.contracts.topics import TopicSettings
from libs.runtime.consumer import FLUSH, Envelope, PoisonError, Route, TransientError, run_consumer
from libs.runtime.producer import ProduceError, Producer
from tests.runtime.kafka_helpers import produce, read_topic, runtime_settings
from tests.waiting import wait_until_async

pytestmark = pytest.mark.integration


class Item(BaseModel):
    n: int


def item(n: int) -> bytes:
    return orjson.dumps({"n": n})


def output(topic: str, env: Envelope[Item]) -> OutRecord:
    return OutRecord(topic=topic, key=(env.key or "").encode(), value=item(env.value.n))


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@contextlib.asynccontextmanager
async def consuming(**kwargs: Any) -> AsyncIterator[asyncio.Task[None]]:
    """Run `run_consumer(**kwargs)` in a task; stop it gracefully on exit and re-raise its errors."""
    stop = asyncio.Event()
    task = asyncio.create_task(run_consumer(stop=stop, **kwargs))
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


def names(topics: TopicSettings) -> tuple[str, str, str]:
    return topics.topic_articles_raw, topics.topic_articles_raw_dlq, topics.topic_events


# --- (a) transient errors ---------------------------------------------------------------------


class DatabaseDown(Exception):
    """Stands for e.g. sqlalchemy's OperationalError, passed via `transient=`."""


@pytest.mark.parametrize(
    ("make_error", "extra"),
    [
        (lambda: TransientError("database unavailable"), ()),
        (lambda: ConnectionRefusedError("connection refused"), ()),
        (lambda: DatabaseDown("server closed the connection"), (DatabaseDown,)),
    ],
    ids=["TransientError", "ConnectionError", "transient="],
)
async def test_transient_error_is_retried_until_recovery_in_order(
    kafka_bootstrap: str,
    unique_topics: TopicSettings,
    make_error: Callable[[], Exception],
    extra: tuple[type[BaseException], ...],
) -> None:
    src, dlq, out = names(unique_topics)
    service = f"t-{uuid.uuid4().hex[:6]}"
    n_records = 20
    # One key: one partition, so the order of outputs must equal the order of inputs.
    await produce(kafka_bootstrap, src, [item(n) for n in range(n_records)], keys=[b"k"] * n_records)
    attempts: collections.Counter[int] = collections.Counter()
    failures_left = 3

    def step(env: Envelope[Item]) -> list[OutRecord]:
        nonlocal failures_left
        attempts[env.value.n] += 1
        if env.value.n == 7 and failures_left > 0:
            failures_left -= 1
            raise make_error()
        return [output(out, env)]

    async with consuming(
        service=service,
        settings=runtime_settings(kafka_bootstrap),
        group_id=f"g-{service}",
        routes={src: Route(Item, dlq_topic=dlq)},
        step=step,
        transient=extra,
    ):
        produced = await read_topic(kafka_bootstrap, out, expect=n_records)
        lag = (
            "accord_consumer_lag_records",
            {
                "service": service,
                "group": f"g-{service}",
                "topic": src,
                "partition": str(produced[0].partition),
            },
        )
        await wait_until_async(
            lambda: REGISTRY.get_sample_value(*lag) == 0.0, 10, "a consumer lag of 0", every=0.05
        )

    assert [orjson.loads(r.value)["n"] for r in produced] == list(range(n_records))
    assert attempts[7] == 4  # three failures, then success
    assert all(
        attempts[n] == 1 for n in range(n_records) if n != 7
    )  # nothing before 7 redone, nothing skipped
    assert await read_topic(kafka_bootstrap, dlq, expect=1, within=1.0) == []
    assert metric("accord_retries_total", service=service, operation="step") == 3
    assert metric("accord_records_consumed_total", service=service, topic=src) == n_records
    assert metric("accord_processing_seconds_count", service=service, step="step") == n_records + 3


async def test_long_outage_pauses_and_keeps_group_membership(
    kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    """An outage longer than max.poll.interval and the session timeout: the consumer stays in its group."""
    src, dlq, out = names(unique_topics)
    service = f"t-{uuid.uuid4().hex[:6]}"
    await produce(kafka_bootstrap, src, [item(n) for n in range(5)], keys=[b"k"] * 5)
    outage_until: float | None = None
    seen_during_outage: list[int] = []

    def step(env: Envelope[Item]) -> list[OutRecord]:
        nonlocal outage_until
        if env.value.n == 2:
            outage_until = outage_until or time.monotonic() + 4.0
            if time.monotonic() < outage_until:
                raise TransientError("dependency down")
        elif outage_until and time.monotonic() < outage_until:
            seen_during_outage.append(env.value.n)
        return [output(out, env)]

    settings = runtime_settings(
        kafka_bootstrap, kafka_max_poll_interval_ms=1500, retry_initial_backoff_s=0.3, retry_max_backoff_s=1.0
    )
    async with consuming(
        service=service, settings=settings, group_id=f"g-{service}", routes={src: Route(Item, dlq)}, step=step
    ):
        produced = await read_topic(kafka_bootstrap, out, expect=5, within=30)
        # New records arriving during/after the outage are processed too.
        await produce(kafka_bootstrap, src, [item(5)], keys=[b"k"])
        produced = await read_topic(kafka_bootstrap, out, expect=6, within=20)

    assert [orjson.loads(r.value)["n"] for r in produced] == [0, 1, 2, 3, 4, 5]
    assert seen_during_outage == []  # consumption was paused behind the failing record
    assert metric("accord_retries_total", service=service, operation="step") >= 3
    assert metric("accord_consumer_rebalances_total", service=service) == 0


# --- (b) poison records -----------------------------------------------------------------------


async def test_poison_records_are_dead_lettered_with_reasons_and_the_rest_flows(
    kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    src, dlq, out = names(unique_topics)
    service = f"t-{uuid.uuid4().hex[:6]}"
    group = f"g-{service}"
    values: list[bytes | None] = [
        item(0),
        b"this is {not json",  # undecodable
        item(1),
        b'{"n": "not a number"}',  # schema-invalid
        item(2),  # the step raises on it
        b"\xff\xfe\x00garbage",  # not even UTF-8
        item(3),
        None,  # tombstone
        item(4),
    ]
    await produce(kafka_bootstrap, src, values, keys=[b"k"] * len(values), headers=[("trace", b"t-1")])

    def step(env: Envelope[Item]) -> list[OutRecord]:
        if env.value.n == 2:
            raise ValueError("cannot handle record two")
        return [output(out, env)]

    async with consuming(
        service=service,
        settings=runtime_settings(kafka_bootstrap),
        group_id=group,
        routes={src: Route(Item, dlq_topic=dlq)},
        step=step,
    ):
        produced = await read_topic(kafka_bootstrap, out, expect=4, settle=0.5)
        dead = await read_topic(kafka_bootstrap, dlq, expect=5, settle=0.5)

    assert [orjson.loads(r.value)["n"] for r in produced] == [0, 1, 3, 4]
    by_offset = {int(headers_to_dict(list(r.headers))[DLQ_SOURCE_OFFSET]): r for r in dead}
    assert sorted(by_offset) == [1, 3, 4, 5, 7]
    expected_class = {
        1: "InvalidJSON",
        3: "ValidationError",
        4: "ValueError",
        5: "InvalidJSON",
        7: "EmptyValue",
    }
    for offset, rec in by_offset.items():
        h = headers_to_dict(list(rec.headers))
        assert h[DLQ_ERROR_CLASS] == expected_class[offset]
        assert h[DLQ_SOURCE_TOPIC] == src
        assert h[DLQ_SOURCE_PARTITION] == str(produced[0].partition)
        assert h[DLQ_CONSUMER_GROUP] == group
        assert h[DLQ_ERROR_MESSAGE]
        assert datetime.fromisoformat(h[DLQ_FAILED_AT])
        assert h["trace"] == "t-1"  # original headers kept
        assert rec.key == b"k"
        assert rec.value == values[offset]  # original value kept byte for byte
    assert "n" in headers_to_dict(list(by_offset[3].headers))[DLQ_ERROR_MESSAGE]
    assert "record two" in headers_to_dict(list(by_offset[4].headers))[DLQ_ERROR_MESSAGE]
    assert (
        metric("accord_records_dead_lettered_total", service=service, topic=src, error_class="InvalidJSON")
        == 2
    )
    assert metric("accord_errors_total", service=service, error_class="ValueError", kind="poison") == 1


async def test_batch_step_isolates_the_poison_record(
    kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    """A batch step failing on one record: only that record is dead-lettered, the others are processed."""
    src, dlq, out = names(unique_topics)
    service = f"t-{uuid.uuid4().hex[:6]}"
    n_records = 12
    values = [item(n) for n in range(n_records)]
    values.insert(3, b"[not json")
    await produce(kafka_bootstrap, src, values)  # spread over partitions
    calls: list[int] = []
    transient_left = 1

    def step(envs: list[Envelope[Item]]) -> list[OutRecord]:
        nonlocal transient_left
        calls.append(len(envs))
        if transient_left:
            transient_left -= 1
            raise TransientError("database restarting")
        if any(env.value.n == 5 for env in envs):
            raise PoisonError("record 5 violates a constraint")
        return [output(out, env) for env in envs]

    async with consuming(
        service=service,
        settings=runtime_settings(kafka_bootstrap),
        group_id=f"g-{service}",
        routes={src: Route(Item, dlq_topic=dlq)},
        step=step,
        batch=True,
        max_batch=500,
    ):
        produced = await read_topic(kafka_bootstrap, out, expect=n_records - 1)
        dead = await read_topic(kafka_bootstrap, dlq, expect=2, settle=0.5)

    assert sorted(orjson.loads(r.value)["n"] for r in produced) == [n for n in range(n_records) if n != 5]
    classes = sorted(headers_to_dict(list(r.headers))[DLQ_ERROR_CLASS] for r in dead)
    assert classes == ["InvalidJSON", "PoisonError"]
    poison = next(r for r in dead if headers_to_dict(list(r.headers))[DLQ_ERROR_CLASS] == "PoisonError")
    assert orjson.loads(poison.value) == {"n": 5}
    assert 1 in calls  # isolation re-ran records one by one
    assert max(calls) > 1  # but the batch was tried whole first


async def test_output_refused_by_the_broker_dead_letters_its_source(
    kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    src, dlq, out = names(unique_topics)
    service = f"t-{uuid.uuid4().hex[:6]}"
    await produce(kafka_bootstrap, src, [item(n) for n in range(4)], keys=[b"k"] * 4)

    def step(env: Envelope[Item]) -> list[OutRecord]:
        value = b"x" * 50_000 if env.value.n == 1 else item(env.value.n)
        return [OutRecord(topic=out, key=b"k", value=value)]

    async with consuming(
        service=service,
        settings=runtime_settings(kafka_bootstrap, kafka_max_request_size=20_000),
        group_id=f"g-{service}",
        routes={src: Route(Item, dlq_topic=dlq)},
        step=step,
    ):
        produced = await read_topic(kafka_bootstrap, out, expect=3)
        dead = await read_topic(kafka_bootstrap, dlq, expect=1)

    assert [orjson.loads(r.value)["n"] for r in produced] == [0, 2, 3]
    assert len(dead) == 1
    assert headers_to_dict(list(dead[0].headers))[DLQ_ERROR_CLASS] == "MessageSizeTooLargeError"
    assert orjson.loads(dead[0].value) == {"n": 1}


# --- barriers -----------------------------------------------------------------------------------


class RecordingProducer(Producer):
    """A real producer that remembers the topics of each `send_many` call."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls: list[list[str]] = []

    async def send_many(self, records):  # type: ignore[no-untyped-def]
        records = list(records)
        self.calls.append([r.topic for r in records])
        return await super().send_many(records)


async def test_flush_barrier_acknowledges_events_before_summaries(
    kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    src, dlq, out = names(unique_topics)
    summary_topic = unique_topics.topic_articles_extracted
    service = f"t-{uuid.uuid4().hex[:6]}"
    await produce(kafka_bootstrap, src, [item(n) for n in range(10)])
    settings = runtime_settings(kafka_bootstrap)
    producer = RecordingProducer(settings, service=service)
    await producer.start()

    def step(env: Envelope[Item]) -> list[OutRecord | object]:
        events = [output(out, env) for _ in range(env.value.n % 3)]
        return [*events, FLUSH, output(summary_topic, env)]

    try:
        async with consuming(
            service=service,
            settings=settings,
            group_id=f"g-{service}",
            routes={src: Route(Item, dlq_topic=dlq)},
            step=step,
            producer=producer,
        ):
            summaries = await read_topic(kafka_bootstrap, summary_topic, expect=10)
    finally:
        await producer.stop()
    assert len(summaries) == 10
    for call in producer.calls:
        # Within one call all records are on one side of the barrier.
        assert len(set(call)) == 1
    seen_summary = False
    for call in producer.calls:
        seen_summary = seen_summary or call[0] == summary_topic
    assert seen_summary


# --- rebalance ------------------------------------------------------------------------------------


async def test_rebalance_commits_done_work_and_nothing_is_lost_or_repeated(
    kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    """A second consumer joins mid-stream: the first commits on revoke; every record is processed once."""
    src, dlq, _ = names(unique_topics)
    service_a, service_b = f"a-{uuid.uuid4().hex[:6]}", f"b-{uuid.uuid4().hex[:6]}"
    group = f"g-{uuid.uuid4().hex[:6]}"
    n_records = 90
    await produce(
        kafka_bootstrap,
        src,
        [item(n) for n in range(n_records)],
        keys=[str(n).encode() for n in range(n_records)],
    )
    processed: collections.Counter[int] = collections.Counter()

    def step(env: Envelope[Item]) -> list[OutRecord]:
        time.sleep(0.02)
        processed[env.value.n] += 1
        return []

    settings = runtime_settings(kafka_bootstrap)
    common = dict(
        settings=settings, group_id=group, routes={src: Route(Item, dlq_topic=dlq)}, step=step, max_batch=20
    )
    async with consuming(service=service_a, **common):
        await wait_until_async(lambda: sum(processed.values()) >= 10, 20, "10 records processed", every=0.05)
        async with consuming(service=service_b, **common):
            await wait_until_async(
                lambda: len(processed) == n_records,
                60,
                "every record processed by the two members",
                every=0.05,
            )

    assert set(processed) == set(range(n_records))
    assert metric("accord_consumer_rebalances_total", service=service_a) >= 1
    assert metric("accord_records_consumed_total", service=service_b, topic=src) > 0
    assert [n for n, c in processed.items() if c > 1] == []


# --- broker unavailable ---------------------------------------------------------------------------


class FlakyProducer(Producer):
    """A real producer whose first `failures` send_many calls time out (as when the broker is away)."""

    def __init__(self, *args: Any, failures: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.failures = failures

    async def send_many(self, records):  # type: ignore[no-untyped-def]
        records = list(records)
        if self.failures > 0:
            self.failures -= 1
            raise ProduceError(records, [KafkaTimeoutError("no broker")] * len(records))
        return await super().send_many(records)


async def test_produce_failures_are_retried_not_dead_lettered(
    kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    src, dlq, out = names(unique_topics)
    service = f"t-{uuid.uuid4().hex[:6]}"
    await produce(kafka_bootstrap, src, [item(n) for n in range(10)], keys=[b"k"] * 10)
    settings = runtime_settings(kafka_bootstrap)
    producer = FlakyProducer(settings, service=service, failures=3)
    await producer.start()
    try:
        async with consuming(
            service=service,
            settings=settings,
            group_id=f"g-{service}",
            routes={src: Route(Item, dlq_topic=dlq)},
            step=lambda env: [output(out, env)],
            producer=producer,
        ):
            produced = await read_topic(kafka_bootstrap, out, expect=10, settle=0.5)
    finally:
        await producer.stop()
    assert [orjson.loads(r.value)["n"] for r in produced] == list(range(10))
    assert await read_topic(kafka_bootstrap, dlq, expect=1, within=1.0) == []
    assert metric("accord_retries_total", service=service, operation="produce") == 3


async def test_consumer_started_before_the_broker_waits_for_it(tmp_path: Any) -> None:
    """Start-up order does not matter: the loop retries the connection until the broker is up."""
    from libs.contracts.topics import all_topics
    from libs.infra.broker import EmbeddedBroker, free_port
    from libs.runtime.topics import ensure_topics

    port = free_port()
    bootstrap = f"127.0.0.1:{port}"
    service = f"t-{uuid.uuid4().hex[:6]}"
    topics = TopicSettings()
    seen: list[int] = []
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_consumer(
            service=service,
            settings=runtime_settings(bootstrap),
            group_id=f"g-{service}",
            routes={topics.topic_articles_raw: Route(Item, dlq_topic=topics.topic_articles_raw_dlq)},
            step=lambda env: seen.append(env.value.n) or [],
            stop=stop,
        )
    )
    try:
        await wait_until_async(
            lambda: metric("accord_retries_total", service=service, operation="connect") >= 2,
            20,
            "two connect retries",
            every=0.05,
        )
        assert not task.done()
        with EmbeddedBroker(port=port):
            await ensure_topics(bootstrap, all_topics(topics))
            await produce(bootstrap, topics.topic_articles_raw, [item(n) for n in range(5)])
            await wait_until_async(
                lambda: sorted(seen) == list(range(5)), 30, "records 0-4 processed", every=0.05
            )
            stop.set()
            await asyncio.wait_for(task, 30)
    finally:
        stop.set()
        if not task.done():
            task.cancel()


async def test_stop_while_the_broker_is_unreachable_returns(tmp_path: Any) -> None:
    from libs.infra.broker import free_port

    stop = asyncio.Event()
    service = f"t-{uuid.uuid4().hex[:6]}"
    task = asyncio.create_task(
        run_consumer(
            service=service,
            settings=runtime_settings(f"127.0.0.1:{free_port()}"),
            group_id="g",
            routes={"t": Route(Item, dlq_topic="t.dlq")},
            step=lambda env: [],
            stop=stop,
        )
    )
    await wait_until_async(
        lambda: metric("accord_retries_total", service=service, operation="connect") >= 1,
        20,
        "a connect retry",
        every=0.05,
    )
    stop.set()
    await asyncio.wait_for(task, 10)  # returns (no exception) although it never connected
