"""Topic creation: once, retried while the broker is away, best effort when allowed to fail."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from libs.contracts.topics import TopicSpec
from libs.infra.broker import free_port
from libs.runtime.errors import Interrupted
from libs.runtime.retry import RetryPolicy
from libs.runtime.topics import ensure_topics, ensure_topics_best_effort


@pytest.mark.integration
async def test_missing_topics_are_created_once(kafka_bootstrap: str) -> None:
    name = f"t.{uuid.uuid4().hex[:8]}"
    specs = [TopicSpec(name, 3), TopicSpec(f"{name}.dlq", 1)]
    assert sorted(await ensure_topics(kafka_bootstrap, specs)) == sorted(s.name for s in specs)
    assert await ensure_topics(kafka_bootstrap, specs) == []
    assert await ensure_topics_best_effort(kafka_bootstrap, specs, service="t") is True


async def test_an_unreachable_broker_is_retried_until_stopped() -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().call_later(0.3, stop.set)
    with pytest.raises(Interrupted):
        await ensure_topics(
            f"127.0.0.1:{free_port()}",
            [TopicSpec("t", 1)],
            retry=RetryPolicy(initial_s=0.05, max_s=0.1),
            stop=stop,
        )


async def test_best_effort_only_logs() -> None:
    ok = await ensure_topics_best_effort(
        f"127.0.0.1:{free_port()}", [TopicSpec("t", 1)], service="t", budget_s=1.0
    )
    assert ok is False
