"""Small Kafka helpers for tests: produce raw records, read a whole topic back, test settings."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import ConsumerRecord

from libs.runtime.settings import CommonSettings


def runtime_settings(bootstrap: str, **overrides: object) -> CommonSettings:
    """CommonSettings for the embedded broker: no idempotence, short group timeouts, fast retries."""
    values: dict[str, object] = {
        "kafka_bootstrap_servers": bootstrap,
        "kafka_idempotence": False,
        "kafka_session_timeout_ms": 2000,
        "kafka_heartbeat_interval_ms": 500,
        "retry_initial_backoff_s": 0.05,
        "retry_max_backoff_s": 0.4,
        "metrics_port": None,
    }
    values.update(overrides)
    return CommonSettings(**values)  # type: ignore[arg-type]


async def produce(
    bootstrap: str,
    topic: str,
    values: Sequence[bytes | None],
    *,
    keys: Sequence[bytes | None] | None = None,
    headers: Sequence[tuple[str, bytes]] = (),
) -> None:
    """Produce `values` (with `keys`) to `topic`, waiting for every acknowledgement."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=False)
    await producer.start()
    try:
        futs = []
        for i, value in enumerate(values):
            key = keys[i] if keys is not None else None
            futs.append(await producer.send(topic, value, key=key, headers=list(headers)))
        await asyncio.gather(*futs)
    finally:
        await producer.stop()


async def read_topic(
    bootstrap: str, topic: str, *, expect: int, within: float = 20.0, settle: float = 0.0
) -> list[ConsumerRecord[bytes, bytes]]:
    """Every record of `topic` from the beginning (no group); waits until `expect` arrived or `within` seconds.

    `settle` keeps reading that many seconds after reaching `expect` (to catch unexpected extras).
    """
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    out: list[ConsumerRecord[bytes, bytes]] = []
    try:
        deadline = time.monotonic() + within
        reached_at: float | None = None
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            for records in batch.values():
                out.extend(records)
            if len(out) >= expect:
                reached_at = reached_at or time.monotonic()
                if time.monotonic() - reached_at >= settle:
                    break
    finally:
        await consumer.stop()
    return out
