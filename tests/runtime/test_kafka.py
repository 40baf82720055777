"""The Kafka backend's consumer configuration (the clients themselves run in the integration tests)."""

from __future__ import annotations

import pytest

from libs.runtime.kafka import KafkaBroker, KafkaConsumer, consumer_config
from libs.runtime.producer import Producer
from libs.runtime.settings import CommonSettings


class _Listener:
    async def on_partitions_revoked(self, revoked: set) -> None: ...  # type: ignore[type-arg]

    async def on_partitions_assigned(self, assigned: set) -> None: ...  # type: ignore[type-arg]


def test_consumer_config_commits_manually_and_follows_the_settings() -> None:
    settings = CommonSettings(kafka_bootstrap_servers="h:1", kafka_session_timeout_ms=2000)
    cfg = consumer_config(settings, group_id="g", client_id="c")
    assert cfg["enable_auto_commit"] is False
    assert cfg["auto_offset_reset"] == "earliest"
    assert (cfg["group_id"], cfg["client_id"], cfg["session_timeout_ms"]) == ("g", "c", 2000)


def test_consumer_config_needs_bootstrap_servers() -> None:
    with pytest.raises(ValueError):
        consumer_config(CommonSettings(kafka_bootstrap_servers=None), group_id="g", client_id="c")


def test_kafka_broker_makes_the_runtime_clients() -> None:
    broker = KafkaBroker(CommonSettings(kafka_bootstrap_servers="h:1"))
    consumer = broker.consumer(group_id="g", client_id="c", topics=["t"], listener=_Listener())
    assert isinstance(consumer, KafkaConsumer)
    assert consumer.assignment() == set()  # not started
    assert isinstance(broker.producer(service="s"), Producer)
