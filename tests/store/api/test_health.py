"""`/healthz` and `/readyz` on a real server: database and broker up, down, or not migrated."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import Engine

from libs.infra.broker import free_port
from services.store.api.main import create_app
from tests.store.helpers import serving, settings_for

pytestmark = pytest.mark.integration


def test_healthz(migrated_engine: Engine) -> None:
    settings = settings_for(migrated_engine.url.render_as_string(hide_password=False))
    with serving(create_app(settings, engine=migrated_engine)) as url:
        assert httpx.get(url + "/healthz", timeout=10).json() == {"status": "ok"}


def test_readyz_is_ready_when_database_and_broker_answer(
    migrated_engine: Engine, kafka_bootstrap: str
) -> None:
    settings = settings_for(
        migrated_engine.url.render_as_string(hide_password=False), kafka_bootstrap_servers=kafka_bootstrap
    )
    with serving(create_app(settings, engine=migrated_engine)) as url:
        r = httpx.get(url + "/readyz", timeout=10)
    assert r.status_code == 200, r.text
    assert r.json()["checks"]["broker"]["ok"] and r.json()["checks"]["database"]["ok"]


def test_readyz_reports_503_when_the_broker_is_down(migrated_engine: Engine) -> None:
    settings = settings_for(
        migrated_engine.url.render_as_string(hide_password=False),
        kafka_bootstrap_servers=f"127.0.0.1:{free_port()}",  # nothing listens there
        readyz_timeout_s=1.5,
    )
    with serving(create_app(settings, engine=migrated_engine)) as url:
        r = httpx.get(url + "/readyz", timeout=10)
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is False and body["checks"]["broker"]["error"]


def test_readyz_and_queries_when_the_database_is_down(kafka_bootstrap: str) -> None:
    settings = settings_for(
        f"postgresql://postgres@127.0.0.1:{free_port()}/none",
        kafka_bootstrap_servers=kafka_bootstrap,
        db_connect_timeout_s=1,
    )
    with serving(create_app(settings)) as url:
        r = httpx.get(url + "/readyz", timeout=10)
        assert r.status_code == 503
        assert r.json()["checks"]["database"]["ok"] is False
        assert r.json()["checks"]["broker"]["ok"] is True
        r = httpx.get(url + "/v1/events", timeout=10)
        assert r.status_code == 503 and r.json()["type"].endswith("/database-unavailable")


def test_an_unmigrated_database_is_not_ready(embedded_database_url: str, kafka_bootstrap: str) -> None:
    settings = settings_for(embedded_database_url, kafka_bootstrap_servers=kafka_bootstrap)
    with serving(create_app(settings)) as url:
        r = httpx.get(url + "/readyz", timeout=10)
        assert r.status_code == 503
        assert "accord store migrate" in r.json()["checks"]["database"]["error"]
        r = httpx.get(url + "/v1/events", timeout=10)
        assert r.status_code == 503 and "accord store migrate" in r.json()["detail"]
        assert r.json()["type"].endswith("/schema-missing")


def test_readyz_probes_of_a_frozen_database_share_one_thread(pg_tmp_path, kafka_bootstrap: str) -> None:
    """Every Postgres process stopped (SIGSTOP): each probe answers 503 naming the database within its
    budget, and the probes share one pending check: they never pile up threads (the sink needs them)."""
    import threading

    from services.store.db import migrate
    from services.store.db.session import make_engine
    from tests.integration.faults import OwnedPostgres

    pg = OwnedPostgres(pg_tmp_path)
    settings = settings_for(pg.url, kafka_bootstrap_servers=kafka_bootstrap, readyz_timeout_s=1.0)
    engine = make_engine(settings)
    migrate.upgrade(engine)
    try:
        with serving(create_app(settings, engine=engine)) as url:
            assert httpx.get(url + "/readyz", timeout=10).status_code == 200
            pg.freeze()
            answers = [httpx.get(url + "/readyz", timeout=10) for _ in range(5)]
            checkers = [t for t in threading.enumerate() if t.name.startswith("readyz-db")]
            pg.thaw()
            assert [a.status_code for a in answers] == [503] * 5
            assert all(a.json()["checks"]["database"]["ok"] is False for a in answers)
            assert all(a.json()["checks"]["broker"]["ok"] is True for a in answers)
            assert len(checkers) == 1
            ready = [httpx.get(url + "/readyz", timeout=10).status_code for _ in range(3)]
            assert 200 in ready, ready  # the pending check finishes once the server runs again
    finally:
        pg.thaw()
        engine.dispose()
        pg.close()
