"""The fetcher's Prometheus metrics (labelled with `service` like the runtime's).

| metric | type | labels | meaning |
|---|---|---|---|
| `accord_articles_fetched_total` | counter | service, source | items read from a source (documents and rejected records) |
| `accord_articles_published_total` | counter | service, source | articles acknowledged by the broker and written to the ledger |
| `accord_articles_skipped_total` | counter | service, source, reason | items not published: duplicate, empty, bad_record, invalid, too_large, unreadable, rejected |
| `accord_source_errors_total` | counter | service, source, reason | failures of a source as a whole (missing file, unreachable feed: dns_error, timeout, http_503, ...) |
| `accord_fetcher_batch_seconds` | histogram | service, source | build → publish → ledger time of one batch |
| `accord_fetcher_scan_completed_timestamp_seconds` | gauge | service, source | when a scan of the source last completed |

Once a scan is drained: fetched = published + sum(skipped).
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

ARTICLES_FETCHED = Counter(
    "accord_articles_fetched",
    "Items read from a source (documents and rejected records).",
    ["service", "source"],
)
ARTICLES_PUBLISHED = Counter(
    "accord_articles_published",
    "Articles acknowledged by the broker and recorded in the ledger.",
    ["service", "source"],
)
ARTICLES_SKIPPED = Counter(
    "accord_articles_skipped", "Items not published, by reason.", ["service", "source", "reason"]
)
SOURCE_ERRORS = Counter(
    "accord_source_errors",
    "Failures of a source as a whole, by reason (the error's `reason`, else its class).",
    ["service", "source", "reason"],
)
BATCH_SECONDS = Histogram(
    "accord_fetcher_batch_seconds",
    "Time from building a batch to recording it in the ledger.",
    ["service", "source"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
SCAN_COMPLETED = Gauge(
    "accord_fetcher_scan_completed_timestamp_seconds",
    "Unix time when a scan of the source last completed.",
    ["service", "source"],
)
