"""Every route of a FastAPI app, however it was included (plain routes, included routers, nested)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class RouteInfo:
    path: str
    methods: frozenset[str]
    dependant: Dependant | None


def _walk(routes: list[object]) -> Iterator[RouteInfo]:
    for route in routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if callable(contexts):  # FastAPI's included router: its effective routes, prefixes applied
            for ctx in contexts():
                yield RouteInfo(ctx.path, frozenset(ctx.methods or ()), ctx.dependant)
        elif isinstance(route, APIRoute):
            yield RouteInfo(route.path, frozenset(route.methods or ()), route.dependant)
        elif hasattr(route, "methods") and hasattr(route, "path"):
            yield RouteInfo(route.path, frozenset(route.methods or ()), None)  # type: ignore[attr-defined]
        elif hasattr(route, "routes") and hasattr(route, "path"):  # a mount with sub-routes
            prefix = route.path  # type: ignore[attr-defined]
            for sub in _walk(list(route.routes or [])):  # type: ignore[attr-defined]
                yield RouteInfo(prefix + sub.path, sub.methods, sub.dependant)


def all_routes(app: FastAPI) -> list[RouteInfo]:
    return list(_walk(list(app.routes)))


def state_changing(app: FastAPI) -> list[RouteInfo]:
    """Routes answering a method other than GET/HEAD/OPTIONS."""
    return [r for r in all_routes(app) if r.methods - SAFE_METHODS]


def query_params(dependant: Dependant | None) -> dict[str, object]:
    """Query parameter aliases of a route, its dependencies' included -> their field."""
    if dependant is None:
        return {}
    out: dict[str, object] = {p.alias: p for p in dependant.query_params}
    for sub in dependant.dependencies:
        out.update(query_params(sub))
    return out


def dependency_calls(dependant: Dependant | None) -> list[object]:
    """Every callable a route depends on, recursively."""
    if dependant is None:
        return []
    out: list[object] = []
    for sub in dependant.dependencies:
        if sub.call is not None:
            out.append(sub.call)
        out += dependency_calls(sub)
    return out
