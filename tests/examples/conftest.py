"""Helpers for the example consumers' tests: contract records built with `libs.contracts`, sent to the broker."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiokafka import AIOKafkaProducer

from libs.contracts.events import CooperationEvent, ExtractorInfo
from libs.contracts.records import OutRecord, encode, retraction_for
from libs.contracts.samples import sample_event

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SOURCE = "accord/extractor"
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def event(event_id: str, countries: Sequence[str] = ("IRN", "IRQ"), **over: object) -> CooperationEvent:
    data = sample_event().model_dump() | {"event_id": event_id, "countries": list(countries)} | over
    return CooperationEvent.model_validate(data)


def event_record(topic: str, ev: CooperationEvent) -> OutRecord:
    return encode(ev, topic=topic, source=SOURCE)


def retraction_record(topic: str, ev: CooperationEvent, minutes: int = 1) -> OutRecord:
    extractor = ExtractorInfo(name="accord-rules", version="9.9.9")
    retraction = retraction_for(ev, retracted_at=T0 + timedelta(minutes=minutes), extractor=extractor)
    return encode(retraction, topic=topic, source=SOURCE)


def tombstone(topic: str, event_id: str) -> OutRecord:
    return OutRecord(topic=topic, key=event_id.encode(), value=None, headers=[])


def without_headers(record: OutRecord) -> OutRecord:
    """The record as a producer that sets no headers would send it (the body must say what it is)."""
    return OutRecord(topic=record.topic, key=record.key, value=record.value, headers=[])


def publish(bootstrap: str, records: Sequence[OutRecord]) -> None:
    """Send `records` in order, each acknowledged before the next (so one key's records keep their order)."""

    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=False)
        await producer.start()
        try:
            for r in records:
                await producer.send_and_wait(r.topic, r.value, key=r.key, headers=list(r.headers))
        finally:
            await producer.stop()

    asyncio.run(send())


def run_example(script: str, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run an example program as a user would, with this interpreter (which has aiokafka)."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
