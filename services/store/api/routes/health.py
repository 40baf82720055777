"""`/healthz` (the process answers) and `/readyz` (database and broker reachable, sink running)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from libs.runtime.kafka_security import kafka_security_kwargs
from services.store.db.migrate import schema_problem

router = APIRouter(tags=["health"])


class Liveness(BaseModel):
    status: str = Field(description="ok")


class Readiness(BaseModel):
    status: str = Field(description="ok or unavailable")
    checks: dict[str, dict[str, Any]] = Field(
        description="per dependency: ok, latency_ms or error (the sink: batches, last_batch_age_s, ...)"
    )


@router.get("/healthz", summary="Liveness", response_model=Liveness)
async def healthz() -> dict[str, str]:
    """200 while the process serves requests; no dependency is checked."""
    return {"status": "ok"}


async def _timed(check: Callable[[], Awaitable[None]], budget_s: float) -> dict[str, Any]:
    """Run `check` within `budget_s`: {"ok": True, "latency_ms": ...} or {"ok": False, "error": ...}."""
    start = time.perf_counter()
    try:
        async with asyncio.timeout(budget_s):
            await check()
    except TimeoutError:
        return {"ok": False, "error": f"no answer within {budget_s:g}s"}
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [""])[0]
        return {"ok": False, "error": f"{type(exc).__name__}: {first}"[:500]}
    return {"ok": True, "latency_ms": round((time.perf_counter() - start) * 1000, 1)}


async def check_broker(
    bootstrap_servers: str, request_timeout_s: float, security: dict[str, Any] | None = None
) -> None:
    """Bootstrap a Kafka client (fetches cluster metadata); raises when the broker does not answer.

    `security`: SASL/TLS arguments (`libs.runtime.kafka_security.kafka_security_kwargs`)."""
    from aiokafka.client import AIOKafkaClient

    client = AIOKafkaClient(
        bootstrap_servers=bootstrap_servers,
        client_id="accord-store-readyz",
        request_timeout_ms=max(1000, int(request_timeout_s * 1000)),
        **(security or {}),
    )
    try:
        await client.bootstrap()
    finally:
        await client.close()


#: One thread for the database check of /readyz: while the database does not answer, probes share the
#: pending check instead of each blocking a thread of the default pool (which the sink's steps use).
_DB_CHECKS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="readyz-db")


async def _schema_check(state: Any) -> str | None:
    """`schema_problem(state.engine)`, run on `_DB_CHECKS`; a check still pending is awaited, not repeated."""
    loop = asyncio.get_running_loop()
    pending = getattr(state, "readyz_db_check", None)
    if pending is None or pending.done() or pending.get_loop() is not loop:
        pending = loop.run_in_executor(_DB_CHECKS, schema_problem, state.engine)
        state.readyz_db_check = pending
    return await asyncio.shield(pending)  # a probe's time budget must not cancel the shared check


@router.get(
    "/readyz",
    summary="Readiness",
    response_model=Readiness,
    responses={
        503: {"model": Readiness, "description": "a dependency is unreachable; `checks` says which and why"}
    },
)
async def readyz(request: Request) -> JSONResponse:
    """200 when the database answers with the schema this code needs, the broker is reachable
    (and the in-process sink runs); else 503 with the reason per check."""
    state = request.app.state
    settings = state.settings
    timeout = settings.readyz_timeout_s
    checks: dict[str, Any] = {}

    async def db() -> None:
        problem = await _schema_check(state)  # also proves the database answers
        if problem:
            raise RuntimeError(problem)

    pending = {"database": _timed(db, timeout)}
    if settings.readyz_check_broker:
        if settings.kafka_bootstrap_servers:
            servers = settings.kafka_bootstrap_servers
            security = kafka_security_kwargs(settings)
            pending["broker"] = _timed(lambda: check_broker(servers, timeout, security), timeout)
        else:
            checks["broker"] = {"ok": False, "error": "ACCORD_KAFKA_BOOTSTRAP_SERVERS is not set"}
    results = await asyncio.gather(*pending.values())
    checks.update(zip(pending, results, strict=True))
    sink_health = getattr(state, "sink_health", None)
    if sink_health is not None:
        checks["sink"] = sink_health()
    ok = all(c["ok"] for c in checks.values())
    return JSONResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status_code=200 if ok else 503
    )
