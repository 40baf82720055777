"""The producer wrapper on the embedded broker: acknowledged sends, settings applied, metrics served."""

from __future__ import annotations

import uuid

import httpx
import pytest
from aiokafka.errors import KafkaError, MessageSizeTooLargeError
from prometheus_client import REGISTRY

from libs.contracts.records import OutRecord
from libs.contracts.topics import TopicSettings
from libs.runtime.metrics import start_metrics_server
from libs.runtime.producer import ProduceError, Producer
from tests.runtime.kafka_helpers import read_topic, runtime_settings

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("compression", ["lz4", "zstd", "none"])
async def test_send_many_returns_acknowledged_records_in_order(
    kafka_bootstrap: str, unique_topics: TopicSettings, compression: str
) -> None:
    topic = unique_topics.topic_events
    service = f"p-{uuid.uuid4().hex[:6]}"
    records = [
        OutRecord(
            topic=topic, key=b"same-key", value=f"v{i}".encode() * 200, headers=[("ce_id", str(i).encode())]
        )
        for i in range(50)
    ]
    async with Producer(
        runtime_settings(kafka_bootstrap, kafka_compression=compression), service=service
    ) as p:
        metas = await p.send_many(records)
        one = await p.send(OutRecord(topic=topic, key=b"same-key", value=b"last"))
    assert [m.offset for m in metas] == sorted(m.offset for m in metas)
    assert one.offset == metas[-1].offset + 1
    back = await read_topic(kafka_bootstrap, topic, expect=51)
    assert [r.value for r in back] == [r.value for r in records] + [b"last"]
    assert [dict(r.headers)["ce_id"] for r in back[:50]] == [str(i).encode() for i in range(50)]
    assert (
        REGISTRY.get_sample_value("accord_records_produced_total", {"service": service, "topic": topic}) == 51
    )


async def test_idempotence_follows_the_setting(kafka_bootstrap: str, unique_topics: TopicSettings) -> None:
    """The embedded broker rejects idempotent producers: on = refused, off = works. The setting is applied."""
    topic = unique_topics.topic_events
    record = OutRecord(topic=topic, key=b"k", value=b"v")
    async with Producer(runtime_settings(kafka_bootstrap, kafka_idempotence=False), service="p") as off:
        assert off.config["enable_idempotence"] is False
        await off.send(record)
    on = Producer(
        runtime_settings(kafka_bootstrap, kafka_idempotence=True, kafka_request_timeout_ms=3000), service="p"
    )
    assert on.config["enable_idempotence"] is True
    with pytest.raises(KafkaError):
        await on.start()
        try:
            await on.send(record)
        finally:
            await on.stop()


async def test_send_many_reports_each_failed_record(
    kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    topic = unique_topics.topic_events
    ok = OutRecord(topic=topic, key=b"k", value=b"fine")
    huge = OutRecord(topic=topic, key=b"k", value=b"x" * 50_000)
    async with Producer(runtime_settings(kafka_bootstrap, kafka_max_request_size=10_000), service="p") as p:
        with pytest.raises(ProduceError) as info:
            await p.send_many([ok, huge, ok])
    failed = info.value.failed()
    assert [(i, type(e)) for i, _, e in failed] == [(1, MessageSizeTooLargeError)]
    assert len(await read_topic(kafka_bootstrap, topic, expect=2, settle=0.3)) == 2


def test_metrics_endpoint_serves_runtime_metrics() -> None:
    port = start_metrics_server(runtime_settings("unused:1", metrics_port=0))
    assert port
    assert start_metrics_server(runtime_settings("unused:1", metrics_port=0)) == port  # idempotent
    body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    for name in (
        "accord_records_consumed_total",
        "accord_records_produced_total",
        "accord_records_dead_lettered_total",
        "accord_processing_seconds",
        "accord_consumer_lag_records",
        "accord_errors_total",
        "accord_retries_total",
    ):
        assert f"# TYPE {name.removesuffix('_total')}" in body
    assert start_metrics_server(runtime_settings("unused:1", metrics_port=None)) is None
