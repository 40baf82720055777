"""The API over a real Postgres seeded through the real sink (embedded broker), once per test module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from services.store.api.main import create_app
from services.store.core.config import StoreSettings
from services.store.db import migrate
from services.store.db.session import make_engine
from tests.conftest import make_unique_topics
from tests.store.api import dataset
from tests.store.helpers import fresh_database, serving, settings_for
from tests.store.sink_harness import SinkHarness, harness_settings

API_KEY = "test-key-0123456789"
ANONYMOUS_EXPORT_CAP = 40


@dataclass
class SeededApi:
    """A served API, its database, the seed it holds and the running sink (to add more)."""

    url: str
    engine: Engine
    seed: dataset.Seed
    sink: SinkHarness
    settings: StoreSettings

    def get(self, path: str, params: Any = None, **kwargs: Any) -> httpx.Response:
        return httpx.get(self.url + path, params=params, timeout=30, **kwargs)


def api_settings(database_url: str, **overrides: Any) -> StoreSettings:
    values: dict[str, Any] = {
        "api_page_size_default": 10,
        "api_page_size_max": 25,
        "api_export_max_rows_anonymous": ANONYMOUS_EXPORT_CAP,
        "api_export_batch_rows": 7,
        "api_total_exact_max": 30,
        "api_key": API_KEY,
    }
    return settings_for(database_url, **(values | overrides))


@pytest.fixture(scope="module")
def seeded(embedded_pg_url: str, kafka_bootstrap: str) -> Iterator[SeededApi]:
    """One database per module: migrated, seeded with `dataset.build()` through the sink, served."""
    with fresh_database(embedded_pg_url) as url:
        engine = make_engine(settings_for(url))
        migrate.upgrade(engine)
        topics = make_unique_topics(kafka_bootstrap)
        try:
            with SinkHarness(harness_settings(url, kafka_bootstrap, topics), engine) as sink:
                seed = dataset.build()
                sink.store(seed.events, seed.summaries)
                settings = api_settings(url, kafka_bootstrap_servers=kafka_bootstrap)
                with serving(create_app(settings, engine=engine)) as base:
                    yield SeededApi(base, engine, seed, sink, settings)
        finally:
            engine.dispose()
