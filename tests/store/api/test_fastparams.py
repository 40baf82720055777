"""The listing's fast path (`api/fastparams.py`) against FastAPI's own parameter solving, value by value.

For every query string: when FastAPI's path refuses it (a validation error, a dependency's problem, an
unknown parameter), the fast parser must step aside (None); when the fast parser reads it, FastAPI's
path must give the endpoint the same arguments. No database: only parameter solving runs.
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI, Request
from fastapi.dependencies.utils import solve_dependencies
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from services.store.api.deps import EngineDep, SettingsDep, reject_unknown_params
from services.store.api.fastparams import FastParamsRoute, FastParser, dependency_calls, fast_params
from services.store.api.main import create_app
from services.store.api.problems import ApiProblem
from services.store.api.routes import events as events_routes
from tests.store.api.conftest import api_settings

ARGS = ("flt", "size", "row_cap", "sort", "cursor", "format")


@pytest.fixture(scope="module")
def app() -> FastAPI:
    engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")  # never connected
    return create_app(api_settings("postgresql://nobody@127.0.0.1:1/none"), engine=engine)


def _list_route() -> APIRoute:
    return next(r for r in events_routes.router.routes if isinstance(r, APIRoute) and r.path == "/v1/events")


def _request(app: FastAPI, query: str, headers: dict[str, str] | None = None) -> Request:
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/v1/events",
        "query_string": query.encode(),
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
        "app": app,
        "route": _list_route(),
    }
    return Request(scope)


async def _slow(app: FastAPI, query: str, headers: dict[str, str] | None) -> dict[str, Any] | None:
    """The endpoint's arguments by FastAPI's solving (and the app's unknown-parameter guard); None when
    that path answers with an error."""
    request = _request(app, query, headers)
    try:
        await reject_unknown_params(request)
        async with AsyncExitStack() as stack:
            request.scope["fastapi_inner_astack"] = request.scope["fastapi_function_astack"] = stack
            solved = await solve_dependencies(
                request=request,
                dependant=_list_route().dependant,
                async_exit_stack=stack,
                embed_body_fields=False,
            )
    except ApiProblem:
        return None
    return None if solved.errors else {name: solved.values[name] for name in ARGS}


def _compare(app: FastAPI, query: str, headers: dict[str, str] | None = None) -> bool:
    """Whether the fast path read `query` (asserting it gave FastAPI's arguments when it did)."""
    fast = events_routes._list_args(_request(app, query, headers))
    slow = asyncio.run(_slow(app, query, headers))
    if fast is None:
        return False
    assert slow is not None, f"fast path accepted {query!r}, FastAPI's refuses it"
    assert {name: fast[name] for name in ARGS} == slow, query
    return True


READ = [
    "",
    "country=IRN&type=agreement",
    "country=irn&country=FRA&date_from=2020-01-01&date_to=2020-12-31",
    "type=aid&type=meeting&sector=energy&sector=health_medicine",
    "pair=IRN,RUS&date_from=2019-01-01",
    "pair=IRN,UNESCO&igo=BRICS&igo=BRICS",
    "location_country=fra&status=retired&sort=updated&limit=25",
    "q=%22nuclear+deal%22+-oil&publisher=Reuters&article_id=u001:x.y-z",
    "published_since=2024-01-01&published_until=2024-02-29T12:00:00Z",
    "format=csv&cursor=abc_-1",
    "limit=1",
]
NOT_READ = [
    "country=Iran",
    "country=IRN%0A",
    "country=",
    "type=summit",
    "type=Meeting",
    "sector=sports",
    "limit=0",
    "limit=26",
    "limit=010",
    "limit=+5",
    "limit=ten",
    "date_from=2024-13-01",
    "date_from=2024-02-30",
    "date_from=2024-5-01",
    "date_from=2024-05-01&date_to=2024-04-01",
    "published_since=yesterday",
    "published_until=2024-02-30",
    "since=2024-01-01",
    "min_confidence=0.5",
    "status=old",
    "sort=title",
    "pair=IRN",
    "pair=IRN,irn",
    "pair=IRN,%20",
    "q=x%00y",
    "q=" + "a" * 501,
    "publisher=%07",
    "format=xml",
    "cursor=a%20b",
    "limit=5&limit=6",
    "date_from=2020-01-01&date_from=2021-01-01",
    "contry=IRN",
    "&".join(["country=IRN"] * 21),
    "igo=" + "x" * 65,
]


@pytest.mark.parametrize("query", READ)
def test_the_fast_path_reads_plain_queries_as_fastapi_does(app: FastAPI, query: str) -> None:
    assert _compare(app, query), f"the fast path stepped aside for {query!r}"


@pytest.mark.parametrize("query", NOT_READ)
def test_the_fast_path_leaves_what_it_cannot_vouch_for_to_fastapi(app: FastAPI, query: str) -> None:
    assert not _compare(app, query)


@pytest.mark.parametrize("header", ["X-API-Key", "Authorization"])
def test_key_headers_take_fastapis_path(app: FastAPI, header: str) -> None:
    assert not _compare(app, "country=IRN", {header: "Bearer test-key-0123456789"})


VALUES = {
    "country": st.sampled_from(["IRN", "fra", "Iran", "", "RU", "IRN\n", "ÄBC"]),
    "type": st.sampled_from(["aid", "meeting", "Aid", "summit", ""]),
    "sector": st.sampled_from(["energy", "ict", "sport"]),
    "pair": st.sampled_from(["IRN,RUS", "IRN,irn", "IRN", "UNESCO,FRA", "a,,b"]),
    "igo": st.text(max_size=3),
    "date_from": st.sampled_from(["2020-01-01", "2020-02-30", "2020-1-1", "2021-06-30"]),
    "date_to": st.sampled_from(["2020-12-31", "2019-12-31", "20201231"]),
    "published_since": st.sampled_from(["2024-01-01", "2024-01-01T10:00", "2024-02-30", "now"]),
    "limit": st.sampled_from(["1", "25", "26", "0", "-1", "1e1", "٣"]),
    "sort": st.sampled_from(["-date", "updated", "date"]),
    "status": st.sampled_from(["current", "retired", "all", "gone"]),
    "q": st.text(max_size=4),
    "cursor": st.text(alphabet="ab_-= ", max_size=3),
    "format": st.sampled_from(["json", "csv", "ndjson", "xml"]),
    "contry": st.just("IRN"),
}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(VALUES)), st.data()), max_size=5))
def test_the_fast_path_never_disagrees_with_fastapi(app: FastAPI, draws: list[tuple[str, Any]]) -> None:
    query = urlencode([(name, data.draw(VALUES[name])) for name, data in draws])
    _compare(app, query)


def test_a_route_whose_dependencies_the_parser_does_not_cover_is_refused() -> None:
    @fast_params(FastParser(lambda request: None, frozenset()))
    def endpoint(engine: EngineDep, settings: SettingsDep) -> None: ...

    with pytest.raises(RuntimeError, match="does not cover"):
        FastParamsRoute("/x", endpoint)


def test_the_listing_route_is_covered_and_its_answers_unchanged(app: FastAPI) -> None:
    route = _list_route()
    parser = route.endpoint._accord_fast_params
    assert dependency_calls(route.dependant) == set(parser.covers)
    client = TestClient(app, raise_server_exceptions=False)
    r = client.get("/v1/events", params={"country": "Iran"})  # FastAPI's path, no database reached
    assert r.status_code == 422 and r.json()["errors"][0]["parameter"] == "country"
    r = client.get("/v1/events", params={"contry": "IRN"})
    assert r.status_code == 400 and r.json()["errors"][0]["parameter"] == "contry"
