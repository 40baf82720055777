"""`libs/runtime/changelog.py` on the embedded broker: reading partitions to their end, and a changelog
topic that does not exist yet (the broker came up after the service) holding no state."""

from __future__ import annotations

import uuid

import pytest

from libs.contracts.topics import TopicSpec
from libs.runtime.broker import TopicPartition
from libs.runtime.changelog import ChangelogReader
from libs.runtime.settings import CommonSettings
from libs.runtime.topics import ensure_topics
from tests.runtime.kafka_helpers import produce

pytestmark = pytest.mark.integration


async def _read_all(reader: ChangelogReader, tps: list[TopicPartition]) -> list[bytes]:
    return [r.value async for batch in reader.read(tps) for r in batch]


async def test_a_missing_topic_holds_no_state_and_is_read_once_it_exists(kafka_bootstrap: str) -> None:
    name = f"changelog.{uuid.uuid4().hex[:8]}"
    reader = ChangelogReader(CommonSettings(kafka_bootstrap_servers=kafka_bootstrap), timeout_s=10)
    tps = [TopicPartition(name, 0)]
    try:
        assert await _read_all(reader, tps) == []  # not created yet: nothing to load, no 10 s wait
        await ensure_topics(kafka_bootstrap, [TopicSpec(name, 1)])
        await produce(kafka_bootstrap, name, [b"v1", b"v2"], keys=[b"k1", b"k2"])
        assert await _read_all(reader, tps) == [b"v1", b"v2"]  # the same reader learns the new topic
    finally:
        await reader.close()


async def test_an_unreachable_broker_is_a_transient_error() -> None:
    """The extractor loads its state through the reader: with the broker gone (an embedded one that
    died) the article must be retried, not dead-lettered for aiokafka's non-retriable metadata error."""
    from libs.infra.broker import free_port
    from libs.runtime.errors import TransientError, classify

    settings = CommonSettings(
        kafka_bootstrap_servers=f"127.0.0.1:{free_port()}", kafka_request_timeout_ms=1000
    )
    reader = ChangelogReader(settings)
    with pytest.raises(TransientError) as caught:
        await _read_all(reader, [TopicPartition("articles.extracted", 0)])
    assert classify(caught.value) == "transient"
    await reader.close()
