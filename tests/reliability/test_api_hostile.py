"""Hostile input at the API's door, generated from the app's own routes (new routes are covered too).

Real parts: uvicorn serving `create_app` over a real (embedded) Postgres holding a few rows.
Every query parameter of every GET route gets SQL injection strings, malformed and oversized
values and Unicode edge cases (RTL marks, combining characters, emoji, percent-encoded lone
surrogates, NUL); every path id gets the same plus path traversal. Each answer: no 5xx, errors
as problem+json, no stack trace or driver detail in the body, and the data is intact afterwards.
The state-changing routes (any method but GET/HEAD/OPTIONS) need the configured API key.
"""

from __future__ import annotations

import inspect
import re
import socket
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import httpx
import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text

from services.store.api.deps import key_matches, require_api_key
from services.store.api.main import create_app
from services.store.core.config import StoreSettings
from services.store.db import migrate
from services.store.db.models import articles, events
from services.store.db.session import make_engine
from services.store.persist import apply_batch
from tests.reliability.api_routes import (
    SAFE_METHODS,
    all_routes,
    dependency_calls,
    query_params,
    state_changing,
)
from tests.store.factories import extraction_of
from tests.store.helpers import fresh_database, serving, settings_for

SQLI = [
    "' OR '1'='1",
    "1; DROP TABLE events; --",
    "') UNION SELECT usename, passwd FROM pg_shadow --",
    "$$; SELECT pg_sleep(30); $$",
    "\\'; SELECT 1; --",
]
MALFORMED = ["", "-1", "1e309", "NaN", "[]", '{"a":1}', "9" * 400, "x" * 5000, "2024-02-30", "%%"]
UNICODE = ["\u202eNRI\u200f", "e\u0301\u0301\u0301", "\U0001f600\U0001f1ee\U0001f1f7", "\ufeff\u200b"]
RAW = ["%ED%A0%80", "%00", "%FF%FE", "%C0%AE%C0%AE%2F"]  # already percent-encoded, sent as is
TRAVERSAL = [
    "..",
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2E%2E%2F%2E%2E",
    "....//....//",
    "%252e%252e",
]
LEAKS = ("Traceback", 'File "', "sqlalchemy", "psycopg", "site-packages")
KEY = "k-0123456789abcdef"


def encoded(values: list[str]) -> list[str]:
    return [quote(v, safe="") for v in values] + RAW


@dataclass
class Served:
    url: str
    engine: Engine
    app: FastAPI
    counts: tuple[int, int]


def counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(events)), conn.scalar(
            select(func.count()).select_from(articles)
        )


@pytest.fixture(scope="module")
def served(embedded_pg_url: str) -> Iterator[Served]:
    """The API (its own engine: statement timeout on) over a fresh database holding two articles' events."""
    with fresh_database(embedded_pg_url) as url:
        engine = make_engine(settings_for(url))
        migrate.upgrade(engine)
        with engine.begin() as conn:
            for article_id in ("u-one", "u-two"):
                evs, summary = extraction_of(article_id, 2)
                apply_batch(conn, [*evs, summary])
        app = create_app(settings_for(url, api_key=KEY))
        try:
            with serving(app) as base:
                yield Served(base, engine, app, counts(engine))
        finally:
            engine.dispose()


def check(r: httpx.Response) -> None:
    """No 5xx, errors as problem details, nothing leaked."""
    where = f"{r.request.method} {str(r.request.url)[:200]}"
    assert r.status_code < 500, f"{where}: {r.status_code} {r.text[:300]}"
    if r.status_code >= 400:
        assert r.headers.get("content-type", "").startswith("application/problem+json"), where
        assert r.json()["status"] == r.status_code, where
    assert not [s for s in LEAKS if s in r.text], f"{where}: {r.text[:300]}"


def get_routes(app: FastAPI) -> list[tuple[str, dict[str, object], list[str]]]:
    out = []
    for route in all_routes(app):
        if "GET" in route.methods and route.dependant is not None:
            out.append(
                (route.path, query_params(route.dependant), [p.alias for p in route.dependant.path_params])
            )
    return out


def fill(path: str, value: str) -> str:
    """`path` with every `{param}` replaced by `value` (already encoded)."""
    return re.sub(r"\{[^}]+\}", value, path)


pytestmark = pytest.mark.integration


def test_every_query_parameter_takes_hostile_values_without_5xx_or_leaks(served: Served) -> None:
    routes = get_routes(served.app)
    assert len(routes) >= 10
    tested: set[tuple[str, str]] = set()  # (name, declaration): a shared filter is tried once
    statuses: Counter[int] = Counter()
    with httpx.Client(base_url=served.url, timeout=30) as client:
        for path, params, path_params in routes:
            base = fill(path, "u-one") if path_params else path
            for name, field in sorted(params.items()):
                if (name, repr(getattr(field, "field_info", field))) in tested:
                    continue
                tested.add((name, repr(getattr(field, "field_info", field))))
                for value in encoded(SQLI + MALFORMED + UNICODE):
                    r = client.get(f"{base}?{quote(name)}={value}")
                    check(r)
                    statuses[r.status_code] += 1
    print(
        f"hostile query values: {sum(statuses.values())} requests, statuses {dict(sorted(statuses.items()))}"
    )
    assert {"q", "country", "limit", "cursor", "publisher"} <= {name for name, _ in tested}, tested
    assert counts(served.engine) == served.counts, "the data changed"


def test_every_path_id_takes_hostile_values_without_5xx_or_leaks(served: Served) -> None:
    routes = [(p, pp) for p, _, pp in get_routes(served.app) if pp]
    assert routes, "no route with a path id"
    with httpx.Client(base_url=served.url, timeout=30) as client:
        for path, _ in routes:
            for value in encoded(SQLI + UNICODE + ["x" * 10_000]) + TRAVERSAL:
                r = client.get(fill(path, value))
                check(r)
                assert r.status_code != 200 or "root:" not in r.text
        for static in (
            "/..%2F..%2Fpyproject.toml",
            "/assets/..%2F..%2F..%2Fpyproject.toml",
            "/%2e%2e/%2e%2e/etc/passwd",
        ):
            r = client.get(static)
            check(r)
            assert r.status_code == 404 and "[project]" not in r.text
    assert counts(served.engine) == served.counts


def raw_get(base: str, target: str) -> tuple[int, dict[str, str], bytes]:
    """A GET of `target` over a plain socket (httpx refuses URLs over 64 kB): status, headers, body."""
    url = httpx.URL(base)
    with socket.create_connection((url.host, url.port), timeout=30) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {url.host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


@pytest.mark.parametrize("size", [10_000, 100_000, 1_000_000])
def test_overlong_urls_are_refused_without_5xx(served: Served, size: int) -> None:
    status, headers, body = raw_get(served.url, f"/v1/events?q={'a' * size}")
    assert status in (400, 414, 431), status  # uvicorn may refuse a huge request line before the app
    if headers.get("content-type", "").startswith("application/problem+json"):
        assert status == 414 and b'"status":414' in body.replace(b" ", b"")
    assert not [s for s in LEAKS if s.encode() in body]


def test_api_queries_run_under_a_statement_timeout(served: Served) -> None:
    """`create_app` without an engine makes one whose sessions carry `ACCORD_API_STATEMENT_TIMEOUT_MS`."""
    with served.app.state.engine.connect() as conn:
        assert conn.scalar(text("SHOW statement_timeout")) == "5s"
    settings: StoreSettings = served.app.state.settings
    assert settings.api_page_size_max <= 5000 and settings.api_timeline_max_buckets > 0
    assert settings.api_export_max_rows_anonymous > 0  # exports without the key are capped


# --- state-changing routes: the API key ----------------------------------------------------


def with_probe(settings: StoreSettings) -> FastAPI:
    """The real app plus one state-changing probe route guarded like every real one must be.

    The probe makes the checks below exercise `require_api_key` even while the app itself has no
    state-changing route; every real one (POST /v1/admin/replay, ...) is checked the same way.
    """
    app = create_app(settings)

    @app.post("/v1/admin/_probe", dependencies=[Depends(require_api_key)])
    def probe() -> dict[str, bool]:
        return {"ok": True}

    return app


def changing_requests(app: FastAPI) -> list[tuple[str, str]]:
    out = [
        (m, fill(r.path, "x-12345678")) for r in state_changing(app) for m in sorted(r.methods - SAFE_METHODS)
    ]
    assert out, "no state-changing route found: the enumeration is broken"
    return out


def assert_problem(r: httpx.Response, statuses: tuple[int, ...]) -> None:
    assert r.status_code in statuses, (r.request.method, r.request.url.path, r.status_code, r.text[:200])
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["status"] == r.status_code


def test_state_changing_routes_are_disabled_without_a_configured_key() -> None:
    app = with_probe(settings_for("postgresql+psycopg://nobody@127.0.0.1:9/none", api_key=None))
    with TestClient(app) as client:
        for method, path in changing_requests(app):
            assert_problem(client.request(method, path, json={}, headers={"X-API-Key": KEY}), (403, 404))


def test_state_changing_routes_need_the_right_key() -> None:
    app = with_probe(settings_for("postgresql+psycopg://nobody@127.0.0.1:9/none", api_key=KEY))
    with TestClient(app) as client:
        for method, path in changing_requests(app):
            assert_problem(client.request(method, path, json={}), (401,))
            assert_problem(client.request(method, path, json={}, headers={"X-API-Key": KEY + "x"}), (403,))
            assert_problem(
                client.request(method, path, json={}, headers={"Authorization": "Bearer nope"}), (403,)
            )
        r = client.post("/v1/admin/_probe", headers={"X-API-Key": KEY})
        assert r.status_code == 200 and r.json() == {"ok": True}
        assert client.post("/v1/admin/_probe", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


def _checks_key_in_constant_time(call: object) -> bool:
    """`call` reads the configured key and compares it with `compare_digest` (or `key_matches`, which does)."""
    try:
        source = inspect.getsource(inspect.unwrap(call))  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False
    return "api_key" in source and ("compare_digest(" in source or "key_matches(" in source)


def test_every_state_changing_route_compares_the_key_in_constant_time() -> None:
    assert "hmac.compare_digest(" in inspect.getsource(key_matches)
    app = with_probe(settings_for("postgresql+psycopg://nobody@127.0.0.1:9/none", api_key=KEY))
    routes = state_changing(app)
    assert routes
    for route in routes:
        calls = dependency_calls(route.dependant)
        assert any(_checks_key_in_constant_time(c) for c in calls), (
            f"{route.path}: no constant-time key check"
        )
