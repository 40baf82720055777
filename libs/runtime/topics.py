"""Topic creation: every topic the pipeline uses, with its partition count."""

from __future__ import annotations

import structlog
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from libs.contracts.topics import TopicSpec

log = structlog.get_logger(__name__)


async def ensure_topics(bootstrap_servers: str, specs: list[TopicSpec], replication_factor: int = 1) -> list[str]:
    """Create the topics in `specs` that do not exist yet; returns the names created. Idempotent."""
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
