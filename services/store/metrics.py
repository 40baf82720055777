"""The store's own Prometheus metrics (next to the runtime's `accord_*` consumer metrics), label `service`.

| metric | type | labels | meaning |
|---|---|---|---|
| `accord_store_events_written_total` | counter | service | event rows inserted or replaced by a newer version |
| `accord_store_articles_written_total` | counter | service | article rows inserted or replaced by a newer summary |
| `accord_store_events_retired_total` | counter | service | events that stopped being current (superseded) |
| `accord_store_events_restored_total` | counter | service | retired events that became current again |
| `accord_store_batch_records` | histogram | service | records per sink transaction |
| `accord_http_requests_total` | counter | service, route, method, status | API requests (route = template) |
| `accord_http_request_seconds` | histogram | service, route, method | API latency (route = template) |
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from services.store.core.config import SERVICE_NAME

SERVICE = SERVICE_NAME  # the `service` label value

EVENTS_WRITTEN = Counter(
    "accord_store_events_written", "Event rows inserted or replaced by a newer version.", ["service"]
)
ARTICLES_WRITTEN = Counter(
    "accord_store_articles_written", "Article rows inserted or replaced by a newer summary.", ["service"]
)
EVENTS_RETIRED = Counter(
    "accord_store_events_retired", "Events that stopped being current (superseded).", ["service"]
)
EVENTS_RESTORED = Counter(
    "accord_store_events_restored", "Retired events that became current again.", ["service"]
)
BATCH_RECORDS = Histogram(
    "accord_store_batch_records",
    "Records per sink transaction.",
    ["service"],
    buckets=(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000),
)
HTTP_REQUESTS = Counter(
    "accord_http_requests",
    "API requests by route template, method and status code.",
    ["service", "route", "method", "status"],
)
HTTP_SECONDS = Histogram(
    "accord_http_request_seconds",
    "API request latency by route template and method (streamed exports: until the last byte).",
    ["service", "route", "method"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
