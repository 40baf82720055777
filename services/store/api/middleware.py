"""ASGI middleware of the API: request metrics per route template, and request size limits."""

from __future__ import annotations

import time

from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.store.api.problems import problem_response
from services.store.metrics import HTTP_REQUESTS, HTTP_SECONDS, SERVICE

UNMATCHED = "unmatched"


def route_template(scope: Scope) -> str:
    """The matched route's template (`/v1/events/{event_id}`), `<mount>/{path}` under a mount, else `unmatched`."""
    route = scope.get("route")
    if isinstance(route, Mount):
        return f"{route.path}/{{path}}"
    path = getattr(route, "path", None)
    return str(path) if path is not None else UNMATCHED


class MetricsMiddleware:
    """`accord_http_requests_total{route,method,status}` and `accord_http_request_seconds{route,method}`.

    Labelled by route template, never by raw path, so label values stay few whatever clients send.
    """

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
            route = route_template(scope)
            method = scope["method"] if scope["method"] in _METHODS else "other"
            HTTP_SECONDS.labels(SERVICE, route, method).observe(time.perf_counter() - start)
            HTTP_REQUESTS.labels(SERVICE, route, method, str(status)).inc()


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestLimitsMiddleware:
    """414 when path + query exceed `max_url_bytes`; 413 when the body exceeds `max_body_bytes`."""

    def __init__(self, app: ASGIApp, *, max_url_bytes: int, max_body_bytes: int) -> None:
        self.app = app
        self.max_url_bytes = max_url_bytes
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        target = len(scope.get("raw_path") or path.encode()) + len(scope.get("query_string", b""))
        if target > self.max_url_bytes:
            detail = f"request target is {target} bytes; the limit is {self.max_url_bytes}"
            await problem_response(path, 414, "uri-too-long", detail)(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body_bytes):
            detail = f"request body over the limit of {self.max_body_bytes} bytes"
            await problem_response(path, 413, "payload-too-large", detail)(scope, receive, send)
            return
        await self.app(scope, self._bounded(receive), send)

    def _bounded(self, receive: Receive) -> Receive:
        """`receive` that fails a chunked body once it passes the limit (the route then errors 413)."""
        seen = 0
        limit = self.max_body_bytes

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    from starlette.exceptions import HTTPException

                    raise HTTPException(413, f"request body over the limit of {limit} bytes")
            return message

        return bounded
