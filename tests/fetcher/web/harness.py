"""Running web sources through the real fetcher (embedded broker, real Postgres) in tests."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import orjson
from sqlalchemy import create_engine, select

from libs.contracts.articles import RawArticle
from libs.contracts.topics import TopicSettings
from libs.runtime.db import sqlalchemy_url
from services.fetcher.config import FetcherSettings, SourceConfig
from services.fetcher.db.web_models import web_urls
from services.fetcher.pipeline import SourceReport
from services.fetcher.service import run_fetcher
from tests.fetcher.web.conftest import fast_settings
from tests.runtime.kafka_helpers import read_topic


def settings_for(bootstrap: str, database_url: str, **kw: Any) -> FetcherSettings:
    values: dict[str, Any] = {
        "kafka_bootstrap_servers": bootstrap,
        "kafka_idempotence": False,
        "database_url": database_url,
        "fetcher_build_workers": 0,
        "fetcher_batch_size": 50,
        "retry_initial_backoff_s": 0.05,
        "retry_max_backoff_s": 0.5,
        "metrics_port": None,
        **fast_settings(),
    }
    values.update(kw)
    return FetcherSettings(**values)


def poll(
    settings: FetcherSettings, sources: list[SourceConfig], topics: TopicSettings
) -> dict[str, SourceReport]:
    """One poll of every source (`accord fetcher --once`)."""
    reports = asyncio.run(run_fetcher(settings, sources, topics=topics, once=True))
    return {r.source: r for r in reports}


def published(bootstrap: str, topics: TopicSettings, expect: int, settle: float = 0.5) -> list[RawArticle]:
    records = asyncio.run(
        read_topic(bootstrap, topics.topic_articles_raw, expect=expect, within=15, settle=settle)
    )
    return [RawArticle.model_validate(orjson.loads(r.value)) for r in records]


def by_url(articles: list[RawArticle]) -> dict[str, RawArticle]:
    counts = Counter(a.article_id for a in articles)
    assert all(n == 1 for n in counts.values()), f"published twice: {counts}"
    return {str(a.url): a for a in articles}


def url_rows(database_url: str) -> dict[str, dict[str, Any]]:
    engine = create_engine(sqlalchemy_url(database_url))
    try:
        with engine.connect() as conn:
            return {r.url: dict(r._mapping) for r in conn.execute(select(web_urls))}
    finally:
        engine.dispose()
