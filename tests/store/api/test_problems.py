"""RFC 9457 problem details for every error class, as declared in the OpenAPI document."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import APIRouter
from sqlalchemy import text

from services.store.api.main import create_app
from services.store.db.session import make_engine
from tests.store.api.conftest import SeededApi, api_settings
from tests.store.helpers import serving, settings_for

pytestmark = pytest.mark.integration

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def assert_problem(r: httpx.Response, status: int, slug: str, parameter: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | {"errors"}
    assert body["type"] == f"https://accord.dev/problems/{slug}"
    assert body["status"] == status and body["title"] and body["detail"]
    assert body["instance"] == httpx.URL(str(r.request.url)).path
    if status in (400, 422) and parameter is not None:
        assert parameter in [e["parameter"] for e in body["errors"]], body
        assert all(set(e) == {"parameter", "location", "message"} for e in body["errors"])
    assert "Traceback" not in r.text
    return body


INVALID: list[tuple[str, dict[str, Any], str]] = [
    ("/v1/events", {"country": "Iran"}, "country"),
    ("/v1/events", {"type": "summit"}, "type"),
    ("/v1/events", {"sector": "sports"}, "sector"),
    ("/v1/events", {"limit": 0}, "limit"),
    ("/v1/events", {"limit": 26}, "limit"),
    ("/v1/events", {"limit": "ten"}, "limit"),
    ("/v1/events", {"date_from": "2024-13-01"}, "date_from"),
    ("/v1/events", {"date_from": "2024-05-01", "date_to": "2024-04-01"}, "date_to"),
    ("/v1/events", {"published_since": "yesterday"}, "published_since"),
    ("/v1/events", {"published_until": "2024-02-30"}, "published_until"),
    ("/v1/events", {"since": "yesterday"}, "since"),
    ("/v1/events", {"min_confidence": 2}, "min_confidence"),
    ("/v1/events", {"min_confidence": "nan"}, "min_confidence"),
    ("/v1/events", {"status": "old"}, "status"),
    ("/v1/events", {"sort": "title"}, "sort"),
    ("/v1/events", {"pair": "IRN"}, "pair"),
    ("/v1/events", {"pair": "IRN,irn"}, "pair"),
    ("/v1/events", {"q": "x\x00y"}, "q"),
    ("/v1/events", {"q": "a" * 501}, "q"),
    ("/v1/events", {"publisher": "\x07"}, "publisher"),
    ("/v1/events", {"format": "xml"}, "format"),
    ("/v1/events", {"country": ["IRN"] * 21}, "country"),
    ("/v1/events/" + "e" * 129, {}, "event_id"),
    ("/v1/articles", {"status": "gone"}, "status"),
    ("/v1/articles/a%20b", {}, "article_id"),
    ("/v1/stats/pairs", {"limit": 501}, "limit"),
    ("/v1/stats/timeline", {"interval": "hour"}, "interval"),
    ("/v1/stats/timeline", {"interval": "day"}, "interval"),
    (
        "/v1/stats/timeline",
        {"interval": "day", "date_from": "2020-01-01", "date_to": "2024-12-31"},
        "interval",
    ),
    ("/v1/countries/IR", {}, "iso3"),
    ("/v1/graph", {"min_count": 0}, "min_count"),
    ("/v1/graph", {"limit_nodes": 100000}, "limit_nodes"),
]


@pytest.mark.parametrize(
    ("path", "params", "parameter"), INVALID, ids=[f"{p} {q}"[:60] for p, q, _ in INVALID]
)
def test_invalid_values_are_422_naming_the_parameter(
    seeded: SeededApi, path: str, params: dict[str, Any], parameter: str
) -> None:
    assert_problem(seeded.get(path, params), 422, "invalid-parameter", parameter)


@pytest.mark.parametrize(
    "path", ["/v1/events", "/v1/stats/types", "/v1/graph", "/healthz", "/v1/meta/vocabularies"]
)
def test_unknown_parameters_are_400(seeded: SeededApi, path: str) -> None:
    body = assert_problem(seeded.get(path, {"contry": "IRN"}), 400, "unknown-parameter", "contry")
    assert "contry" in body["detail"]


def test_sql_injection_attempts_are_plain_values(seeded: SeededApi) -> None:
    for params in (
        {"q": "'; DROP TABLE events; --"},
        {"publisher": "x' OR '1'='1"},
        {"igo": "UNESCO') OR 1=1 --"},
        {"article_id": "u001;DELETE"},
    ):
        r = seeded.get("/v1/events", params)
        assert r.status_code in (200, 422), r.text
        if r.status_code == 200:
            assert r.json()["items"] == []
    assert seeded.get("/v1/events").json()["total"] > 0  # nothing dropped


def test_not_found_everywhere(seeded: SeededApi) -> None:
    assert_problem(seeded.get("/v1/events/nope-00000"), 404, "not-found")
    assert_problem(seeded.get("/v1/articles/nope-00000"), 404, "not-found")
    assert_problem(seeded.get("/v1/countries/XXX"), 404, "not-found")
    assert_problem(seeded.get("/v1/nothing/here"), 404, "not-found")
    assert_problem(seeded.get("/%C3%A9%00"), 404, "not-found")
    assert_problem(seeded.get("/v1/events/..%2F..%2Fetc%2Fpasswd"), 404, "not-found")
    assert_problem(seeded.get("/v1/events/%2E%2E"), 404, "not-found")


def test_method_not_allowed(seeded: SeededApi) -> None:
    r = httpx.post(seeded.url + "/v1/events", timeout=10)
    assert_problem(r, 405, "method-not-allowed")
    assert r.headers["allow"] == "GET"
    assert_problem(httpx.delete(seeded.url + "/v1/events/x-12345678", timeout=10), 405, "method-not-allowed")


def test_request_size_limits(seeded: SeededApi) -> None:
    r = seeded.get(
        "/v1/events",
        {
            "q": "x" * 500,
            "publisher": "y" * 200,
            "igo": ["z" * 64] * 20,
            "pair": ["a" * 64 + ",b"] * 20,
            "article_id": "c" * 128,
            "country": ["IRN"] * 20,
        },
    )
    assert r.status_code in (200, 414)
    assert_problem(seeded.get("/v1/events", {"q": "x" * 9000}), 414, "uri-too-long")
    r = httpx.request("GET", seeded.url + "/v1/events", content=b"x" * 20_000, timeout=10)
    assert_problem(r, 413, "payload-too-large")


def test_openapi_declares_problem_details_for_every_error(seeded: SeededApi) -> None:
    spec = seeded.get("/openapi.json").json()
    assert "Problem" in spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            errors = {s: r for s, r in operation["responses"].items() if s[0] in "45"}
            assert {"400", "422", "503"} <= set(errors), (path, method)
            for status, response in errors.items():
                if (path, status) != ("/readyz", "503"):  # the readiness report itself
                    assert list(response["content"]) == ["application/problem+json"], (path, method)
            if "{" in path:
                assert "404" in errors


def test_database_errors_are_503_problems(
    seeded: SeededApi, embedded_pg_url: str, kafka_bootstrap: str
) -> None:
    url = seeded.engine.url.render_as_string(hide_password=False)
    settings = api_settings(url, api_statement_timeout_ms=300)
    engine = make_engine(settings, statement_timeout_ms=300)
    with serving(create_app(settings, engine=engine)) as base, seeded.engine.connect() as locker:
        locker.execute(text("LOCK TABLE events IN ACCESS EXCLUSIVE MODE"))
        r = httpx.get(base + "/v1/events", timeout=10)
        locker.rollback()
    engine.dispose()
    assert_problem(r, 503, "query-timeout")
    assert r.headers["Retry-After"]
    down = settings_for(
        "postgresql://postgres@127.0.0.1:1/none", db_connect_timeout_s=1, readyz_check_broker=False
    )
    with serving(create_app(down)) as base:
        assert_problem(httpx.get(base + "/v1/stats/types", timeout=10), 503, "database-unavailable")


def test_an_unexpected_error_is_a_500_problem_without_details(seeded: SeededApi) -> None:
    app = create_app(api_settings("postgresql://postgres@127.0.0.1:1/none"), engine=seeded.engine)
    router = APIRouter()

    @router.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    app.include_router(router)
    with serving(app) as base:
        r = httpx.get(base + "/boom", timeout=10)
    body = assert_problem(r, 500, "internal-error")
    assert "secret" not in r.text and "RuntimeError" not in body["detail"]
