"""Load shedding: past `limit` API requests in flight, a new one is answered 503 `overloaded` at once.

Without it an overloaded API queues every request and keeps working on them long after their
clients gave up (a sync route holds a worker thread and then waits up to the pool timeout for a
database connection): `make bench-load` saw the API answer nothing for minutes after an
overload had ended. With a bound, the requests beyond it fail fast (`Retry-After: 1`) and the
API is usable again as soon as the load drops. The operations endpoints are never shed: a
liveness or readiness probe must not fail because the API is busy (an orchestrator would
restart a healthy process and make the overload worse), nor a Prometheus scrape.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from services.store.api.problems import problem_response

#: never shed (probes and scrapes)
EXEMPT = frozenset({"/healthz", "/readyz", "/metrics"})


class LoadSheddingMiddleware:
    """Counts the requests in flight (a streamed export until its last byte); `limit` 0 = no limit."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.in_flight = 0  # one event loop: no lock needed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or self.limit <= 0 or path in EXEMPT:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            detail = f"{self.in_flight} requests in flight, the limit is {self.limit}; try again shortly"
            response = problem_response(path, 503, "overloaded", detail, headers={"Retry-After": "1"})
            await response(scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
