"""The metrics port: Prometheus text on /metrics, liveness on /healthz."""

from __future__ import annotations

import time
from typing import Any
from wsgiref.util import setup_testing_defaults

import httpx
import orjson

from libs.runtime.health import LIVENESS, Liveness
from libs.runtime.metrics import metrics_app, start_metrics_server
from tests.runtime.kafka_helpers import runtime_settings


def test_metrics_endpoint_serves_runtime_metrics_and_healthz() -> None:
    port = start_metrics_server(runtime_settings("unused:1", metrics_port=0))
    assert port
    assert start_metrics_server(runtime_settings("unused:1", metrics_port=0)) == port  # idempotent
    body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    for name in (
        "accord_records_consumed_total",
        "accord_records_produced_total",
        "accord_records_dead_lettered_total",
        "accord_processing_seconds",
        "accord_consumer_lag_records",
        "accord_errors_total",
        "accord_retries_total",
    ):
        assert f"# TYPE {name.removesuffix('_total')}" in body
    LIVENESS.tick()
    health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    assert start_metrics_server(runtime_settings("unused:1", metrics_port=None)) is None


def _get(app: Any, path: str) -> tuple[str, bytes]:
    environ: dict[str, Any] = {"PATH_INFO": path}
    setup_testing_defaults(environ)
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"] = status

    body = b"".join(app(environ, start_response))
    return seen["status"], body


def test_healthz_answers_503_once_the_loop_stalls() -> None:
    liveness = Liveness(window_s=0.05)
    app = metrics_app(liveness)
    status, body = _get(app, "/healthz")
    assert status.startswith("200")
    time.sleep(0.1)
    status, body = _get(app, "/healthz")
    assert status.startswith("503")
    assert orjson.loads(body)["status"] == "stalled"
    liveness.tick()
    assert _get(app, "/healthz")[0].startswith("200")
    status, body = _get(app, "/metrics")
    assert status.startswith("200") and b"accord_errors" in body
