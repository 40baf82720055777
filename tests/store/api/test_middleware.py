"""Request metrics per route template, CORS, and the dashboard mount."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY
from sqlalchemy import Engine

from services.store.api.main import create_app
from services.store.db import migrate
from services.store.db.session import make_engine
from tests.store.helpers import fresh_database, serving, settings_for

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def engine(embedded_pg_url: str) -> Iterator[Engine]:
    with fresh_database(embedded_pg_url) as url:
        e = make_engine(settings_for(url))
        migrate.upgrade(e)
        yield e
        e.dispose()


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _count(route: str, status: str) -> float:
    labels = {"service": "store", "route": route, "method": "GET", "status": status}
    return REGISTRY.get_sample_value("accord_http_requests_total", labels) or 0.0


def test_metrics_are_labelled_by_route_template(engine: Engine) -> None:
    with serving(create_app(settings_for(_url(engine)), engine=engine)) as base:
        before = _count("/v1/events/{event_id}", "404"), _count("unmatched", "404")
        for i in range(3):
            httpx.get(f"{base}/v1/events/nope-{i:06d}", timeout=10)
        httpx.get(f"{base}/no/such/{'x' * 40}", timeout=10)
        text = httpx.get(base + "/metrics", timeout=10).text
    assert _count("/v1/events/{event_id}", "404") == before[0] + 3
    assert _count("unmatched", "404") == before[1] + 1
    assert "nope-000001" not in text and "x" * 40 not in text
    assert 'accord_http_request_seconds_bucket{le="0.005",method="GET",route="/v1/events/{event_id}"' in text


def test_cors_only_for_configured_origins(engine: Engine) -> None:
    origin = {"Origin": "https://dash.example.org"}
    with serving(create_app(settings_for(_url(engine)), engine=engine)) as base:
        r = httpx.get(base + "/v1/stats/types", headers=origin, timeout=10)
        assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    settings = settings_for(_url(engine), api_cors_origins=["https://dash.example.org"])
    with serving(create_app(settings, engine=engine)) as base:
        r = httpx.get(base + "/v1/stats/types", headers=origin, timeout=10)
        assert r.headers["access-control-allow-origin"] == "https://dash.example.org"
        r = httpx.get(base + "/v1/stats/types", headers={"Origin": "https://evil.example"}, timeout=10)
        assert "access-control-allow-origin" not in r.headers
        pre = httpx.options(
            base + "/v1/events",
            headers={
                **origin,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "X-API-Key",
            },
            timeout=10,
        )
        assert pre.status_code == 200 and "x-api-key" in pre.headers["access-control-allow-headers"].lower()


def test_the_dashboard_is_served_at_the_root_when_built(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Accord</title>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    settings = settings_for(_url(engine), dashboard_dir=tmp_path)
    with serving(create_app(settings, engine=engine)) as base:
        assert "<title>Accord</title>" in httpx.get(base + "/", timeout=10).text
        assert httpx.get(base + "/assets/app.js", timeout=10).text == "console.log(1)"
        assert httpx.get(base + "/v1/stats/types", timeout=10).status_code == 200  # the API still wins
        missing = httpx.get(base + "/assets/none.js", timeout=10)
        assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
        assert httpx.get(base + "/../../etc/passwd", timeout=10).status_code == 404


def test_without_built_assets_the_root_says_how_to_build_them(engine: Engine, tmp_path: Path) -> None:
    settings = settings_for(_url(engine), dashboard_dir=tmp_path / "absent")
    with serving(create_app(settings, engine=engine)) as base:
        r = httpx.get(base + "/", timeout=10)
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"].endswith("/dashboard-not-built") and "make install" in r.json()["detail"]
