"""`Producer`: the one Kafka producer wrapper every service uses.

```python
async with Producer(settings, service="fetcher") as producer:
    meta = await producer.send(record)            # returns once the broker acknowledged it
    metas = await producer.send_many(records)     # pipelined; returns once ALL are acknowledged
```

Configuration (from `CommonSettings`): `acks="all"`, `enable_idempotence =
settings.kafka_idempotence` (must be on for Apache Kafka, off for the embedded
broker), `compression_type = settings.kafka_compression` (lz4 by default),
`max_request_size = settings.kafka_max_request_size`, `linger_ms =
settings.kafka_linger_ms`, `request_timeout_ms = settings.kafka_request_timeout_ms`.
Records keep their order per partition (aiokafka sends one batch per partition
at a time). Every acknowledged record increments
`accord_records_produced_total{service,topic}`.

`Producer` is the Kafka `libs.runtime.broker.ProducerClient`; `libs.runtime.memory`
has the in-memory one. Errors: `send`/`send_many` raise the broker's error (an aiokafka `KafkaError`;
`libs.runtime.errors.classify` tells transient from permanent). `send_many`
awaits every record before raising, so nothing is left in flight unobserved;
`ProduceError` carries the per-record outcome when some failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any

import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.structs import RecordMetadata

from libs.contracts.records import OutRecord
from libs.runtime.errors import ProcessingError
from libs.runtime.kafka_security import kafka_security_kwargs
from libs.runtime.metrics import RECORDS_PRODUCED
from libs.runtime.settings import CommonSettings

log = structlog.get_logger(__name__)


class ProduceError(ProcessingError):
    """Some records of a `send_many` call were not acknowledged.

    `results[i]` is the `RecordMetadata` or the exception of `records[i]`; `first` is the first error.
    """

    def __init__(
        self, records: Sequence[OutRecord], results: Sequence[RecordMetadata | BaseException]
    ) -> None:
        self.records = list(records)
        self.results = list(results)
        errors = [r for r in results if isinstance(r, BaseException)]
        self.first: BaseException = errors[0]
        super().__init__(f"{len(errors)} of {len(records)} records not acknowledged: {self.first!r}")

    def failed(self) -> list[tuple[int, OutRecord, BaseException]]:
        """(index, record, error) of every record that failed."""
        return [
            (i, rec, res)
            for i, (rec, res) in enumerate(zip(self.records, self.results, strict=True))
            if isinstance(res, BaseException)
        ]


def acknowledged(service: str, records: Sequence[OutRecord], results: Sequence[Any]) -> list[Any]:
    """Count the acknowledged records in `accord_records_produced_total`; `results` if all were, else raise.

    `results[i]` is the broker's metadata or the exception of `records[i]`; raises `ProduceError`
    when any is an exception.
    """
    counts: dict[str, int] = {}
    for rec, res in zip(records, results, strict=True):
        if not isinstance(res, BaseException):
            counts[rec.topic] = counts.get(rec.topic, 0) + 1
    for topic, n in counts.items():
        RECORDS_PRODUCED.labels(service=service, topic=topic).inc(n)
    if sum(counts.values()) == len(records):
        return list(results)
    raise ProduceError(records, results)


def producer_config(settings: CommonSettings, *, client_id: str | None = None) -> dict[str, Any]:
    """The keyword arguments given to `AIOKafkaProducer` for `settings` (bootstrap servers required)."""
    if not settings.kafka_bootstrap_servers:
        raise ValueError("ACCORD_KAFKA_BOOTSTRAP_SERVERS is not set")
    return {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "client_id": client_id or settings.kafka_client_id,
        "acks": "all",
        "enable_idempotence": settings.kafka_idempotence,
        "compression_type": None if settings.kafka_compression == "none" else settings.kafka_compression,
        "max_request_size": settings.kafka_max_request_size,
        "linger_ms": settings.kafka_linger_ms,
        "request_timeout_ms": settings.kafka_request_timeout_ms,
        **kafka_security_kwargs(settings),
    }


class Producer:
    """An aiokafka producer with the project's settings, acknowledged sends and metrics.

    `start()` raises aiokafka's `KafkaConnectionError` when the broker is unreachable (callers
    retry); it can be called again after a failure.
    """

    def __init__(self, settings: CommonSettings, *, service: str, client_id: str | None = None) -> None:
        self.service = service
        self.config = producer_config(
            settings, client_id=client_id or f"{settings.kafka_client_id}-{service}"
        )
        self._producer: AIOKafkaProducer | None = None

    @property
    def started(self) -> bool:
        return self._producer is not None

    async def start(self) -> None:
        """Connect (idempotent)."""
        if self._producer is not None:
            return
        producer = AIOKafkaProducer(**self.config)
        try:
            await producer.start()
        except BaseException:
            await producer.stop()
            raise
        self._producer = producer

    async def stop(self) -> None:
        """Flush what is in flight and disconnect (idempotent)."""
        producer, self._producer = self._producer, None
        if producer is not None:
            await producer.stop()

    async def __aenter__(self) -> Producer:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    def _require(self) -> AIOKafkaProducer:
        if self._producer is None:
            raise RuntimeError("producer not started")
        return self._producer

    async def send(self, record: OutRecord) -> RecordMetadata:
        """Produce one record; returns its metadata once the broker acknowledged it (acks=all)."""
        producer = self._require()
        fut = await producer.send(record.topic, record.value, key=record.key, headers=list(record.headers))
        meta = await fut
        RECORDS_PRODUCED.labels(service=self.service, topic=record.topic).inc()
        return meta

    async def send_many(self, records: Iterable[OutRecord]) -> list[RecordMetadata]:
        """Produce `records` pipelined, in order; returns once every one is acknowledged.

        Raises `ProduceError` (after every record settled) when any failed.
        """
        producer = self._require()
        records = list(records)
        pending: list[asyncio.Future[RecordMetadata] | BaseException] = []
        for rec in records:
            try:
                pending.append(
                    await producer.send(rec.topic, rec.value, key=rec.key, headers=list(rec.headers))
                )
            except asyncio.CancelledError:
                await asyncio.gather(
                    *(p for p in pending if isinstance(p, asyncio.Future)), return_exceptions=True
                )
                raise
            except Exception as exc:  # rejected before queueing: too large, unknown topic, closed...
                pending.append(exc)
        results: list[RecordMetadata | BaseException] = []
        for p in pending:
            if isinstance(p, BaseException):
                results.append(p)
                continue
            try:
                results.append(await p)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                results.append(exc)
        return acknowledged(self.service, records, results)
