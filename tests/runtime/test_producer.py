"""The producer wrapper: its configuration, and on the embedded broker acknowledged sends and failures."""

from __future__ import annotations

import uuid

import pytest
from aiokafka.errors import KafkaError, MessageSizeTooLargeError
from prometheus_client import REGISTRY

from libs.contracts.records import OutRecord
from libs.contracts.topics import TopicSettings
from libs.runtime.producer import ProduceError, Producer, producer_config
from libs.runtime.settings import CommonSettings
from tests.runtime.kafka_helpers import read_topic, runtime_settings

integration = pytest.mark.integration


@pytest.mark.parametrize("idempotence", [True, False])
def test_producer_config_follows_the_settings(idempotence: bool) -> None:
    settings = CommonSettings(
        kafka_bootstrap_servers="h:1",
        kafka_idempotence=idempotence,
        kafka_compression="zstd",
        kafka_linger_ms=7,
        kafka_max_request_size=2_000_000,
    )
    cfg = producer_config(settings, client_id="c")
    assert cfg["enable_idempotence"] is idempotence
    assert cfg["acks"] == "all"
    assert cfg["compression_type"] == "zstd"
    assert cfg["linger_ms"] == 7
    assert cfg["max_request_size"] == 2_000_000
    none = CommonSettings(kafka_bootstrap_servers="h:1", kafka_compression="none")
    assert producer_config(none)["compression_type"] is None


def test_idempotence_and_compression_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORD_KAFKA_BOOTSTRAP_SERVERS", "broker:9092")
    monkeypatch.setenv("ACCORD_KAFKA_IDEMPOTENCE", "false")
    monkeypatch.setenv("ACCORD_KAFKA_COMPRESSION", "gzip")
    cfg = producer_config(CommonSettings())
    assert (cfg["bootstrap_servers"], cfg["enable_idempotence"], cfg["compression_type"]) == (
        "broker:9092",
        False,
        "gzip",
    )


def test_producer_defaults_are_production_safe_and_need_servers() -> None:
    settings = CommonSettings(kafka_bootstrap_servers="h:1")
    assert producer_config(settings)["enable_idempotence"] is True
    assert producer_config(settings)["compression_type"] == "lz4"
    with pytest.raises(ValueError):
        producer_config(CommonSettings(kafka_bootstrap_servers=None))


@integration
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


@integration
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


@integration
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
