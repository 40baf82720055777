"""Helpers for the runtime's unit tests on the in-memory broker: records, a collecting strategy, a runner."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

import orjson
from prometheus_client import REGISTRY
from pydantic import BaseModel

from libs.contracts.records import OutRecord
from libs.runtime.backoff import Interrupts, Retrier
from libs.runtime.consumer import run_consumer
from libs.runtime.memory import MemoryBroker, MemoryRecord
from libs.runtime.records import Envelope, Route
from libs.runtime.retry import RetryPolicy
from libs.runtime.settings import CommonSettings
from libs.runtime.strategies.dead_letters import DeadLetterLimit, DeadLetters


class Item(BaseModel):
    n: int


ROUTE = Route(Item, dlq_topic="in.dlq")
ROUTES = {"in": ROUTE}


def value(n: int) -> bytes:
    return orjson.dumps({"n": n})


def record(offset: int, raw: bytes | None, *, partition: int = 0, topic: str = "in") -> MemoryRecord:
    return MemoryRecord(topic=topic, partition=partition, offset=offset, timestamp=None, key=b"k", value=raw)


def output(env: Envelope[Item], topic: str = "out") -> OutRecord:
    return OutRecord(topic=topic, key=(env.key or "").encode(), value=value(env.value.n))


def numbers(broker: MemoryBroker, topic: str) -> list[int]:
    return [orjson.loads(r.value)["n"] for r in broker.records(topic) if r.value is not None]


def service_name() -> str:
    return f"t-{uuid.uuid4().hex[:8]}"


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def settings(**overrides: Any) -> CommonSettings:
    """Fast retries, no metrics server; the bootstrap address is never used with the memory broker."""
    values: dict[str, Any] = {
        "kafka_bootstrap_servers": "memory:0",
        "retry_initial_backoff_s": 0.01,
        "retry_max_backoff_s": 0.05,
        "metrics_port": None,
    }
    values.update(overrides)
    return CommonSettings(**values)


class Collect:
    """A last strategy that keeps what it is given."""

    def __init__(self) -> None:
        self.submitted: list[Any] = []
        self.joined = 0

    async def submit(self, work: Any) -> None:
        self.submitted.append(work)

    async def poll(self) -> None:
        return None

    async def join(self) -> None:
        self.joined += 1

    async def close(self) -> None:
        return None


def retrier(
    service: str, *, transient: tuple[type[BaseException], ...] = (), interrupts: Interrupts | None = None
) -> Retrier:
    """A retrier whose waits are instant (but still honour `interrupts`)."""

    async def sleep(_: float) -> None:
        if interrupts is not None:
            interrupts.check()
        await asyncio.sleep(0)

    return Retrier(
        service=service, policy=RetryPolicy(initial_s=0.001, max_s=0.002), transient=transient, sleep=sleep
    )


def dead_letters(service: str, limit: DeadLetterLimit | None = None) -> DeadLetters:
    return DeadLetters(service=service, group_id="g", limit=limit or DeadLetterLimit(None))


@contextlib.asynccontextmanager
async def consuming(broker: MemoryBroker, **kwargs: Any) -> AsyncIterator[asyncio.Task[None]]:
    """`run_consumer(broker=broker, **kwargs)` in a task; stopped gracefully on exit, its errors re-raised."""
    stop = asyncio.Event()
    kwargs.setdefault("settings", settings())
    kwargs.setdefault("routes", ROUTES)
    kwargs.setdefault("poll_timeout_ms", 50)
    task = asyncio.create_task(run_consumer(broker=broker, stop=stop, **kwargs))
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
