"""Topic creation, the one way every process creates topics (`accord topics`, `accord up`, the services).

```python
await ensure_topics(bootstrap, all_topics(settings))                                 # one attempt
await ensure_topics(bootstrap, specs, retry=RetryPolicy.from_settings(s), stop=stop)  # until the broker answers
await ensure_topics_best_effort(bootstrap, specs, service="store")                   # never raises
```
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import structlog
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from libs.contracts.topics import TopicSpec
from libs.runtime.errors import is_transient
from libs.runtime.records import describe_error
from libs.runtime.retry import RetryPolicy, count_retry, retry_async, stoppable_sleep

log = structlog.get_logger(__name__)


async def _create_missing(
    bootstrap_servers: str, specs: Sequence[TopicSpec], replication_factor: int
) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="accord-admin")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [s for s in specs if s.name not in existing]
        if missing:
            try:
                await admin.create_topics(
                    [NewTopic(s.name, s.partitions, replication_factor) for s in missing]
                )
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
) -> list[str]:
    """Create the topics in `specs` that do not exist yet; the names created. Idempotent.

    With `retry`, transient failures (broker unreachable) are retried per the policy, and a set
    `stop` ends a wait with `Interrupted`; without, one attempt. Other failures raise.
    """
    specs = list(specs)

    async def attempt() -> list[str]:
        return await _create_missing(bootstrap_servers, specs, replication_factor)

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
    bootstrap_servers: str, specs: Sequence[TopicSpec], *, service: str, budget_s: float = 10.0
) -> bool:
    """`ensure_topics` for a process that can live without it (creation may be forbidden on a managed
    cluster, the broker may come later): failures within `budget_s` are logged; False then."""
    try:
        async with asyncio.timeout(budget_s):
            await ensure_topics(bootstrap_servers, specs)
    except Exception as exc:
        log.warning("topics.not_ensured", service=service, error=describe_error(exc))
        return False
    return True
