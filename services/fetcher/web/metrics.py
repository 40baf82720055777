"""Prometheus metrics of the web path (all labelled with `service`, like the runtime's).

| metric | type | labels | meaning |
|---|---|---|---|
| `accord_fetch_requests_total` | counter | service, host, status | requests sent (status = HTTP code, or the failure: timeout, connect_error, too_large, ...) |
| `accord_fetch_seconds` | histogram | service, host | duration of one request, body included |
| `accord_fetch_bytes_total` | counter | service, host | response bytes received on the wire |
| `accord_articles_rejected_total` | counter | service, reason | pages refused as articles (listing_page, too_short, wrong_language, robots_disallowed, ...) |
| `accord_source_last_success_timestamp_seconds` | gauge | service, source | when a poll of the source last succeeded (from the web state at each poll's start, so it survives restarts; 0 = never) |

Source failures are counted by the pipeline in `accord_source_errors_total{service,source,reason}`.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

FETCH_REQUESTS = Counter(
    "accord_fetch_requests",
    "HTTP requests sent by the fetcher, by host and status.",
    ["service", "host", "status"],
)
FETCH_SECONDS = Histogram(
    "accord_fetch_seconds",
    "Duration of one HTTP request, body included.",
    ["service", "host"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
FETCH_BYTES = Counter("accord_fetch_bytes", "Response bytes received on the wire.", ["service", "host"])
ARTICLES_REJECTED = Counter(
    "accord_articles_rejected", "Pages refused as articles, by reason.", ["service", "reason"]
)
SOURCE_LAST_SUCCESS = Gauge(
    "accord_source_last_success_timestamp_seconds",
    "Unix time when a poll of the source last succeeded.",
    ["service", "source"],
)
