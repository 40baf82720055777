"""Topic creation: once, with the specs' configs, retried while the broker is away, best effort when
allowed to fail; which topics are missing."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from libs.contracts.topics import TopicSettings, TopicSpec, all_topics
from libs.infra.broker import free_port
from libs.runtime.errors import Interrupted
from libs.runtime.retry import RetryPolicy
from libs.runtime.topics import admin_client, ensure_topics, ensure_topics_best_effort, missing_topics


@pytest.mark.integration
async def test_missing_topics_are_created_once(kafka_bootstrap: str) -> None:
    name = f"t.{uuid.uuid4().hex[:8]}"
    specs = [TopicSpec(name, 3), TopicSpec(f"{name}.dlq", 1)]
    assert sorted(await ensure_topics(kafka_bootstrap, specs)) == sorted(s.name for s in specs)
    assert await ensure_topics(kafka_bootstrap, specs) == []
    assert await ensure_topics_best_effort(kafka_bootstrap, specs, service="t") is True


async def _configs(bootstrap: str, name: str) -> dict[str, str]:
    admin = admin_client(bootstrap)
    await admin.start()
    try:
        [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)])
    finally:
        await admin.close()
    [(_code, _msg, _type, _name, entries)] = response.resources
    return {entry[0]: entry[1] for entry in entries}


@pytest.mark.integration
async def test_topics_are_created_with_their_production_configs(kafka_bootstrap: str) -> None:
    suffix = uuid.uuid4().hex[:8]
    settings = TopicSettings(topic_events=f"ev.{suffix}", topic_articles_raw=f"raw.{suffix}")
    specs = {s.name: s for s in all_topics(settings) if s.name.endswith(suffix)}
    await ensure_topics(kafka_bootstrap, list(specs.values()))
    for name, spec in specs.items():
        configs = await _configs(kafka_bootstrap, name)
        assert {k: configs.get(k) for k in spec.configs} == dict(spec.configs)
    assert (await _configs(kafka_bootstrap, f"ev.{suffix}"))["cleanup.policy"] == "compact"


@pytest.mark.integration
async def test_missing_topics_names_what_the_cluster_lacks(kafka_bootstrap: str) -> None:
    name = f"t.{uuid.uuid4().hex[:8]}"
    assert await missing_topics(kafka_bootstrap, [name, f"{name}.b"]) == [name, f"{name}.b"]
    await ensure_topics(kafka_bootstrap, [TopicSpec(name, 1)])
    assert await missing_topics(kafka_bootstrap, [name, f"{name}.b"]) == [f"{name}.b"]


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
