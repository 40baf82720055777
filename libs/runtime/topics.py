"""Topic creation, the one way every process creates topics (`accord topics`, `accord up`, the services).

```python
await ensure_topics(bootstrap, all_topics(settings))                                 # one attempt
await ensure_topics(bootstrap, specs, retry=RetryPolicy.from_settings(s), stop=stop)  # until the broker answers
await ensure_topics_best_effort(bootstrap, specs, service="store")                   # never raises
await missing_topics(bootstrap, names)                                               # `accord topics --check`
```

Every topic is created with its `TopicSpec.configs` (`cleanup.policy`, `retention.ms`,
`max.message.bytes`), whoever creates it first: the embedded broker of `accord up` gets the
same configs as a production cluster. Existing topics are left as they are (configs are
never altered). `security` is the SASL/TLS keyword arguments of
`libs.runtime.kafka_security.kafka_security_kwargs(settings)`, given to the admin client.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

import structlog
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from libs.contracts.topics import TopicSpec
from libs.runtime.errors import is_transient
from libs.runtime.records import describe_error
from libs.runtime.retry import RetryPolicy, count_retry, retry_async, stoppable_sleep

log = structlog.get_logger(__name__)

#: SASL/TLS keyword arguments of an aiokafka client (`kafka_security_kwargs`); empty = PLAINTEXT.
Security = Mapping[str, Any] | None


def admin_client(bootstrap_servers: str, security: Security = None) -> AIOKafkaAdminClient:
    """The admin client every topic operation uses, with the SASL/TLS arguments."""
    return AIOKafkaAdminClient(
        bootstrap_servers=bootstrap_servers, client_id="accord-admin", **(security or {})
    )


def new_topic(spec: TopicSpec, replication_factor: int) -> NewTopic:
    """The admin request for `spec`: its partitions and its topic configs."""
    return NewTopic(spec.name, spec.partitions, replication_factor, topic_configs=dict(spec.configs))


async def _create_missing(
    bootstrap_servers: str, specs: Sequence[TopicSpec], replication_factor: int, security: Security
) -> list[str]:
    admin = admin_client(bootstrap_servers, security)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [s for s in specs if s.name not in existing]
        if missing:
            try:
                await admin.create_topics([new_topic(s, replication_factor) for s in missing])
            except TopicAlreadyExistsError:
                pass  # created concurrently by another process
            log.info("topics.created", topics=[s.name for s in missing])
        return [s.name for s in missing]
    finally:
        await admin.close()


async def ensure_topics(
    bootstrap_servers: str,
    specs: Sequence[TopicSpec],
    *,
    replication_factor: int = 1,
    retry: RetryPolicy | None = None,
    stop: asyncio.Event | None = None,
    service: str = "admin",
    security: Security = None,
) -> list[str]:
    """Create the topics in `specs` that do not exist yet, with their configs; the names created.
    Idempotent.

    With `retry`, transient failures (broker unreachable) are retried per the policy, and a set
    `stop` ends a wait with `Interrupted`; without, one attempt. Other failures raise.
    """
    specs = list(specs)

    async def attempt() -> list[str]:
        return await _create_missing(bootstrap_servers, specs, replication_factor, security)

    if retry is None:
        return await attempt()
    sleep = stoppable_sleep(stop) if stop is not None else asyncio.sleep
    return await retry_async(
        attempt,
        policy=retry,
        is_transient=is_transient,
        operation="create_topics",
        on_retry=count_retry(service),
        sleep=sleep,
    )


async def ensure_topics_best_effort(
    bootstrap_servers: str,
    specs: Sequence[TopicSpec],
    *,
    service: str,
    budget_s: float = 10.0,
    security: Security = None,
) -> bool:
    """`ensure_topics` for a process that can live without it (creation may be forbidden on a managed
    cluster, the broker may come later): failures within `budget_s` are logged; False then."""
    try:
        async with asyncio.timeout(budget_s):
            await ensure_topics(bootstrap_servers, specs, security=security)
    except Exception as exc:
        log.warning("topics.not_ensured", service=service, error=describe_error(exc))
        return False
    return True


async def missing_topics(
    bootstrap_servers: str, names: Sequence[str], *, security: Security = None
) -> list[str]:
    """The topics of `names` the cluster does not have (what `accord topics --check` waits on)."""
    admin = admin_client(bootstrap_servers, security)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
    finally:
        await admin.close()
    return [n for n in names if n not in existing]
