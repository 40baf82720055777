"""`/metrics`: every Prometheus metric of the process (API, and the sink's when it runs in-process), or, when
the API runs as several worker processes (`PROMETHEUS_MULTIPROC_DIR` set by `services.store.workers`), of
all the workers together."""

from __future__ import annotations

import os

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

router = APIRouter(tags=["ops"])


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
)
def metrics() -> Response:
    return Response(content=generate_latest(metrics_registry()), media_type=CONTENT_TYPE_LATEST)


def metrics_registry() -> CollectorRegistry:
    """The process' registry, or one aggregating every worker's samples in multiprocess mode."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return registry
