"""Prometheus metrics shared by every service, all labelled with `service`; the metrics/liveness server.

The runtime (consumer loop, producer) updates these; services register their
own next to them with `prometheus_client` and a `service` label too (e.g. the
extractor's `accord_articles_extracted_total{service,status}`).

| metric | type | labels | meaning |
|---|---|---|---|
| `accord_records_consumed_total` | counter | service, topic | source records handled (processed or dead-lettered) |
| `accord_records_produced_total` | counter | service, topic | records acknowledged by the broker |
| `accord_records_dead_lettered_total` | counter | service, topic, error_class | source records sent to a dead-letter topic (`topic` = source topic) |
| `accord_processing_seconds` | histogram | service, step | duration of one step call (one record, or one batch in batch mode) |
| `accord_consumer_lag_records` | gauge | service, group, topic, partition | fetch high-water mark minus the consumer position |
| `accord_errors_total` | counter | service, error_class, kind | failures seen; kind = transient (retried) or poison (dead-lettered) |
| `accord_retries_total` | counter | service, operation | retries after a transient failure; operation = step, produce, commit, connect, poll, ... |
| `accord_consumer_rebalances_total` | counter | service | times this process had partitions revoked |

`start_metrics_server(settings)` serves, on `settings.metrics_host:settings.metrics_port`
(nothing when the port is unset), the default registry on `/metrics` (and any other
path, as before) and liveness on `GET /healthz`: 200 `{"status": "ok", ...}` while
`libs.runtime.health.LIVENESS` ticked within `ACCORD_LIVENESS_WINDOW_S`, 503 otherwise.
Services that already run an HTTP server (the store API) expose
`prometheus_client.generate_latest()` on their own `/metrics` instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import orjson
import structlog
from prometheus_client import Counter, Gauge, Histogram, make_wsgi_app
from prometheus_client.exposition import ThreadingWSGIServer

from libs.runtime.health import LIVENESS, Liveness
from libs.runtime.settings import CommonSettings

log = structlog.get_logger(__name__)

RECORDS_CONSUMED = Counter(
    "accord_records_consumed", "Source records handled (processed or dead-lettered).", ["service", "topic"]
)
RECORDS_PRODUCED = Counter(
    "accord_records_produced", "Records produced and acknowledged by the broker.", ["service", "topic"]
)
RECORDS_DEAD_LETTERED = Counter(
    "accord_records_dead_lettered",
    "Source records sent to their dead-letter topic, by source topic and error class.",
    ["service", "topic", "error_class"],
)
PROCESSING_SECONDS = Histogram(
    "accord_processing_seconds",
    "Duration of one processing step call (one record, or one batch for batch steps).",
    ["service", "step"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
CONSUMER_LAG = Gauge(
    "accord_consumer_lag_records",
    "Records behind the fetch high-water mark, per consumer group and assigned partition.",
    ["service", "group", "topic", "partition"],
)
ERRORS = Counter(
    "accord_errors",
    "Failures by error class; kind = transient (retried) or poison (dead-lettered).",
    ["service", "error_class", "kind"],
)
RETRIES = Counter(
    "accord_retries", "Retries after a transient failure, by operation.", ["service", "operation"]
)

REBALANCES = Counter(
    "accord_consumer_rebalances",
    "Times this process had partitions revoked by a group rebalance.",
    ["service"],
)

_server_lock = threading.Lock()
_server_port: int | None = None

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr (the JSON log stream stays clean)."""


def metrics_app(liveness: Liveness) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI app of the metrics port: `GET /healthz` from `liveness`, everything else the metrics."""
    metrics = make_wsgi_app()

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != "/healthz":
            return metrics(environ, start_response)
        alive, age = liveness.check()
        body = orjson.dumps(
            {
                "status": "ok" if alive else "stalled",
                "last_tick_s": round(age, 1),
                "window_s": liveness.window_s,
            }
        )
        status = "200 OK" if alive else "503 Service Unavailable"
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return app


def start_metrics_server(settings: CommonSettings, liveness: Liveness = LIVENESS) -> int | None:
    """Serve `/metrics` and `/healthz` on `settings.metrics_port` in a daemon thread; the port, None when unset.

    Idempotent within a process (a second call returns the running port). Port 0 binds a free
    port (tests). Sets `liveness.window_s` from `settings.liveness_window_s`.
    """
    global _server_port
    if settings.metrics_port is None:
        return None
    with _server_lock:
        liveness.window_s = settings.liveness_window_s
        if _server_port is None:
            server = make_server(
                settings.metrics_host,
                settings.metrics_port,
                metrics_app(liveness),
                ThreadingWSGIServer,
                handler_class=_QuietHandler,
            )
            threading.Thread(target=server.serve_forever, name="metrics-server", daemon=True).start()
            _server_port = int(server.server_port)
            log.info("metrics.serving", host=settings.metrics_host, port=_server_port)
        return _server_port
