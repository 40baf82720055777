"""The shared fixtures: a fresh database per test, unique topics on the session broker."""

import asyncio

import psycopg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from libs.contracts.topics import TopicSettings

pytestmark = pytest.mark.integration


def test_database_url_is_a_fresh_database(database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        tables = conn.execute(
            "select count(*) from information_schema.tables where table_schema = 'public'"
        ).fetchone()
    assert tables == (0,)


def test_unique_topics_are_created_and_usable(kafka_bootstrap: str, unique_topics: TopicSettings) -> None:
    async def roundtrip() -> bytes:
        producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all")
        await producer.start()
        try:
            await producer.send_and_wait(unique_topics.topic_articles_raw, b"hello", key=b"k")
        finally:
            await producer.stop()
        consumer = AIOKafkaConsumer(
            unique_topics.topic_articles_raw,
            bootstrap_servers=kafka_bootstrap,
            group_id="t",
            auto_offset_reset="earliest",
        )
        await consumer.start()
        try:
            msg = await asyncio.wait_for(consumer.getone(), 10)
            return msg.value
        finally:
            await consumer.stop()

    assert asyncio.run(roundtrip()) == b"hello"


def test_the_long_modules_exist_and_are_collected_first(request: pytest.FixtureRequest) -> None:
    from tests.conftest import LONG_MODULES, REPO_ROOT

    assert all((REPO_ROOT / module).is_file() for module in LONG_MODULES), "a moved module: update the list"
    items = request.session.items
    modules = list(dict.fromkeys(item.nodeid.split("::", 1)[0] for item in items))
    collected = [m for m in LONG_MODULES if m in modules]
    assert modules[: len(collected)] == collected
