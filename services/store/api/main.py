"""The API application factory: `create_app(settings)`.

Errors are JSON `{"detail": "<message>"}`: 400 for unknown parameters or a
foreign cursor, 404 for an unknown event, 422 for invalid parameter values
(the message names the parameter; `errors` lists each problem), 503 when the
database is unavailable.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.store.api.routes import events, health, metrics
from services.store.core.config import StoreSettings
from services.store.db.session import make_engine
from services.store.metrics import HTTP_REQUESTS, HTTP_SECONDS, SERVICE

log = structlog.get_logger(__name__)

API_VERSION = "1.0.0"

#: The dashboard's built assets (`make install` builds them from `services/store/dashboard/web`).
DASHBOARD_DIR = Path(__file__).resolve().parents[1] / "dashboard" / "static"


class MetricsMiddleware:
    """Counts requests and observes latency per route template (`/v1/events/{event_id}`, not raw paths)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        start = time.perf_counter()
        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            method = scope["method"]
            HTTP_SECONDS.labels(SERVICE, method, route).observe(time.perf_counter() - start)
            HTTP_REQUESTS.labels(SERVICE, method, route, str(status)).inc()


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    problems = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        where = f"{loc[0]} parameter {loc[1]!r}" if len(loc) >= 2 else ".".join(loc)
        got = f" (got {err['input']!r})" if "input" in err and not isinstance(err["input"], dict) else ""
        problems.append(
            {"parameter": loc[1] if len(loc) >= 2 else None, "message": f"{where}: {err['msg']}{got}"}
        )
    return "; ".join(p["message"] for p in problems), problems


async def _on_validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    message, problems = _validation_message(exc)
    return JSONResponse({"detail": f"invalid request: {message}", "errors": problems}, status_code=422)


async def _on_db_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate == "57014":
        detail = "the query took too long and was cancelled; narrow the filters"
    elif sqlstate == "42P01":
        detail = "the store's tables do not exist yet (run `accord store migrate`)"
    else:
        detail = "database unavailable, try again later"
    log.warning(
        "api.db_error", path=request.url.path, error=type(exc.orig or exc).__name__, sqlstate=sqlstate
    )
    return JSONResponse({"detail": detail}, status_code=503, headers={"Retry-After": "5"})


def create_app(
    settings: StoreSettings | None = None,
    *,
    engine: Engine | None = None,
    sink_health: Callable[[], dict[str, Any]] | None = None,
) -> FastAPI:
    """The API app. Without `engine` it makes (and at shutdown disposes) its own pool.

    `sink_health`, given when the sink runs in the same process, adds a `sink` check to `/readyz`.
    """
    settings = settings or StoreSettings()
    own_engine = engine is None
    if engine is None:
        engine = make_engine(settings, statement_timeout_ms=settings.api_statement_timeout_ms)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if own_engine:
            engine.dispose()

    app = FastAPI(
        title="Accord store API",
        version=API_VERSION,
        summary="International cooperation events extracted from the news.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sink_health = sink_health
    app.add_middleware(MetricsMiddleware)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(DBAPIError, _on_db_error)
    app.include_router(events.router)
    app.include_router(health.router)
    app.include_router(metrics.router)
    if DASHBOARD_DIR.is_dir():  # last, so /v1, /docs, /metrics, /healthz, /readyz match first
        app.mount("/", StaticFiles(directory=DASHBOARD_DIR, html=True), name="dashboard")
    return app
