"""The API application factory: `create_app(settings)`.

Routes (`routes/`, one module per resource) under `/v1`, plus `/healthz`,
`/readyz`, `/metrics`, the OpenAPI document at `/openapi.json` (docs at
`/docs`) and the dashboard's built assets at `/`. Every error is an RFC 9457
problem details body (`problems.py`); every query parameter a route does not
declare is refused (400); requests are measured per route template.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.routing import Match, Mount
from starlette.types import Scope

from services.store.api.deps import reject_unknown_params
from services.store.api.middleware import MetricsMiddleware, RequestLimitsMiddleware
from services.store.api.problems import (
    COMMON_PROBLEMS,
    NOT_FOUND,
    ApiProblem,
    install_problem_handlers,
    problem_media_types,
)
from services.store.api.routes import admin, articles, countries, events, graph, health, meta, metrics, stats
from services.store.api.shedding import LoadSheddingMiddleware
from services.store.core.config import StoreSettings
from services.store.db.session import make_engine
from services.store.replays import ReplayRunner

API_VERSION = "1.1.0"
#: Where `make install` / the Docker build put the dashboard's built assets.
DEFAULT_DASHBOARD_DIR = Path(__file__).resolve().parents[1] / "dashboard" / "static"


class _DashboardMount(Mount):
    """The dashboard's own files at `/` (`/`, its top-level files, its folders), for GET and HEAD only.

    A plain mount at `/` would match every path whatever the method: it would answer
    `POST /v1/events` itself (StaticFiles' 405) before the router reports the API route's own 405,
    and shadow routes added after it. This one matches only what the build contains.
    """

    def __init__(self, directory: Path) -> None:
        super().__init__("/", app=StaticFiles(directory=directory, html=True), name="dashboard")
        entries = list(directory.iterdir())
        self.files = {"/"} | {f"/{p.name}" for p in entries if p.is_file()}
        self.folders = tuple(f"/{p.name}/" for p in entries if p.is_dir())

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return Match.NONE, {}
        path = scope["path"]
        if path not in self.files and not path.startswith(self.folders):
            return Match.NONE, {}
        return super().matches(scope)


def _mount_dashboard(app: FastAPI, directory: Path) -> None:
    """Serve the built dashboard at `/`; without it, `/` is a 404 problem saying how to build it."""
    if (directory / "index.html").is_file():
        app.router.routes.append(_DashboardMount(directory))
        return

    @app.get("/", include_in_schema=False, responses=NOT_FOUND)
    def dashboard_missing() -> None:
        raise ApiProblem(
            404,
            "dashboard-not-built",
            f"the dashboard's assets are not built ({directory} has no index.html): run `make install`, "
            "or use the API under /v1 (docs at /docs)",
        )


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = problem_media_types(schema)
        return app.openapi_schema

    return build


def _add_middleware(app: FastAPI, settings: StoreSettings) -> None:
    """Outermost first when a request comes in: metrics, load shedding, size limits, CORS (when origins
    are configured)."""
    if settings.api_cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.api_cors_origins,
            allow_methods=["GET"],
            allow_headers=["Accept", "Authorization", "X-API-Key"],
            expose_headers=["Content-Disposition", "Accord-Export-Row-Cap", "Accord-Export-Truncated"],
            max_age=600,
        )
    app.add_middleware(
        RequestLimitsMiddleware,
        max_url_bytes=settings.api_max_url_bytes,
        max_body_bytes=settings.api_max_body_bytes,
    )
    app.add_middleware(LoadSheddingMiddleware, limit=settings.api_max_in_flight)
    app.add_middleware(MetricsMiddleware)


def create_app(
    settings: StoreSettings | None = None,
    *,
    engine: Engine | None = None,
    sink_health: Callable[[], dict[str, Any]] | None = None,
) -> FastAPI:
    """The API app. Without `engine` it makes (and at shutdown disposes) its own pool, whose
    connections carry the API's statement timeout.

    `sink_health`, given when the sink runs in the same process, adds a `sink` check to `/readyz`.
    """
    settings = settings or StoreSettings()
    own_engine = engine is None
    if engine is None:
        engine = make_engine(
            settings,
            statement_timeout_ms=settings.api_statement_timeout_ms,
            work_mem_mb=settings.api_work_mem_mb,
            pool_timeout_s=5.0,
        )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        for task in list(app.state.replays.tasks):
            task.cancel()  # kills the replay's child process
        if own_engine:
            engine.dispose()

    app = FastAPI(
        title="Accord store API",
        version=API_VERSION,
        summary="International cooperation events extracted from the news.",
        lifespan=lifespan,
        dependencies=[Depends(reject_unknown_params)],
        responses=COMMON_PROBLEMS,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sink_health = sink_health
    install_problem_handlers(app)
    _add_middleware(app, settings)
    app.state.replays = ReplayRunner(settings)
    for module in (events, articles, stats, countries, graph, meta, health, metrics, admin):
        app.include_router(module.router)
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    _mount_dashboard(app, settings.dashboard_dir or DEFAULT_DASHBOARD_DIR)
    return app
