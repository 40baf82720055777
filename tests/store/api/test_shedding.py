"""Load shedding: past the limit of requests in flight a new one gets 503 `overloaded` at once,
the operations endpoints never; once requests finish, new ones are served again."""

from __future__ import annotations

import asyncio

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from services.store.api.main import create_app
from services.store.api.shedding import LoadSheddingMiddleware
from tests.store.helpers import settings_for


def _app(release: asyncio.Event, limit: int, both_in: asyncio.Event | None = None) -> LoadSheddingMiddleware:
    entered: list[int] = []

    async def slow(_: Request) -> PlainTextResponse:
        entered.append(1)
        if both_in is not None and len(entered) == 2:
            both_in.set()
        await release.wait()
        return PlainTextResponse("done")

    async def ops(_: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    routes = [Route("/v1/slow", slow), Route("/healthz", ops), Route("/readyz", ops), Route("/metrics", ops)]
    return LoadSheddingMiddleware(Starlette(routes=routes), limit=limit)


async def test_requests_beyond_the_limit_are_shed_at_once_and_probes_never() -> None:
    release, both_in = asyncio.Event(), asyncio.Event()
    transport = httpx.ASGITransport(app=_app(release, 2, both_in))
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
        held = [asyncio.create_task(client.get("/v1/slow")) for _ in range(2)]
        await asyncio.wait_for(both_in.wait(), 10)
        shed = await client.get("/v1/slow")
        assert shed.status_code == 503 and shed.headers["retry-after"] == "1"
        assert shed.headers["content-type"] == "application/problem+json"
        assert shed.json()["type"].endswith("/overloaded") and "limit is 2" in shed.json()["detail"]
        assert [(await client.get(p)).status_code for p in ("/healthz", "/readyz", "/metrics")] == [200] * 3
        release.set()
        assert [r.status_code for r in await asyncio.gather(*held)] == [200, 200]
        assert (await client.get("/v1/slow")).status_code == 200
        assert transport.app.in_flight == 0  # type: ignore[attr-defined]


async def test_limit_zero_sheds_nothing() -> None:
    release = asyncio.Event()
    transport = httpx.ASGITransport(app=_app(release, 0))
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
        held = [asyncio.create_task(client.get("/v1/slow")) for _ in range(5)]
        await asyncio.sleep(0.05)
        release.set()
        assert [r.status_code for r in await asyncio.gather(*held)] == [200] * 5


def test_the_store_api_sheds_with_the_configured_limit() -> None:
    app = create_app(settings_for("postgresql://u@127.0.0.1:1/none", api_max_in_flight=7))
    shedding = [m for m in app.user_middleware if m.cls is LoadSheddingMiddleware]
    assert len(shedding) == 1 and shedding[0].kwargs == {"limit": 7}
