"""`StoreSettings`: everything the store reads from `ACCORD_*` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, model_validator

from libs.contracts.topics import TopicSettings
from libs.runtime.settings import CommonSettings

SERVICE_NAME = "store"


class StoreSettings(CommonSettings, TopicSettings):
    """Store settings (env prefix `ACCORD_`), on top of the common and topic settings."""

    # --- sink ---
    store_group_id: str = Field(default="accord-store", description="consumer group of the sink")
    store_batch_size: int = Field(
        default=500, ge=1, le=5000, description="max records per sink batch (= per database transaction)"
    )

    # --- API ---
    api_host: str = Field(default="127.0.0.1", description="address the HTTP API binds to")
    api_port: int = Field(default=8000, ge=0, le=65535, description="port of the HTTP API")
    api_workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="processes serving the API (`accord store api`) on one port; each has its own database "
        "pool and `api_max_in_flight`; the all-in-one `accord store` serves with one",
    )
    api_page_size_default: int = Field(default=50, ge=1, description="page size when `limit` is not given")
    api_page_size_max: int = Field(default=500, ge=1, le=5000, description="largest accepted `limit`")
    api_statement_timeout_ms: int = Field(
        default=5_000, ge=0, description="server-side timeout of one API query (0 = none); 503 when exceeded"
    )
    api_work_mem_mb: int = Field(
        default=32,
        ge=1,
        le=1024,
        description="Postgres work_mem of API sessions (exact bitmaps, in-memory sorts)",
    )
    api_key: SecretStr | None = Field(
        default=None,
        description="API key (X-API-Key or Authorization: Bearer) that lifts the export cap; unset = no key",
    )
    api_cors_origins: list[str] = Field(
        default_factory=list,
        description="origins allowed to call the API from a browser (JSON list); empty = no CORS headers",
    )
    api_total_exact_max: int = Field(
        default=200, ge=0, description="`total` is exact up to this many matches, estimated beyond"
    )
    api_export_max_rows_anonymous: int = Field(
        default=10_000, ge=0, description="most rows an export without the API key returns (0 = key required)"
    )
    api_export_batch_rows: int = Field(
        default=2_000,
        ge=1,
        le=100_000,
        description="rows fetched per round trip of an export's server cursor",
    )
    api_max_in_flight: int = Field(
        default=64,
        ge=0,
        description="API requests in flight (/healthz, /readyz, /metrics excepted) from which new ones are "
        "answered 503 `overloaded` at once instead of queueing (0 = no limit)",
    )
    api_max_url_bytes: int = Field(
        default=8_192, ge=256, description="longest accepted request target (path + query); 414 beyond"
    )
    api_max_body_bytes: int = Field(
        default=16_384, ge=0, description="largest accepted request body; 413 beyond"
    )
    api_stats_limit_max: int = Field(
        default=500, ge=1, description="largest `limit` of /v1/stats/pairs and `limit_nodes` of /v1/graph"
    )
    api_timeline_max_buckets: int = Field(
        default=1_000, ge=1, description="most buckets a day or week timeline may span (422 beyond)"
    )
    dashboard_dir: Path | None = Field(
        default=None,
        description="built dashboard served at / (unset = services/store/dashboard/static in the package)",
    )
    readyz_timeout_s: float = Field(
        default=2.0, gt=0, description="time budget of each /readyz check (database, broker)"
    )
    readyz_check_broker: bool = Field(
        default=True,
        description="whether /readyz requires the Kafka broker (the sink needs it; the API alone does not)",
    )

    # --- database ---
    db_pool_size: int = Field(default=5, ge=1, description="connections kept in the pool")
    db_max_overflow: int = Field(default=5, ge=0, description="extra connections allowed at peak")
    db_wait_s: float = Field(
        default=60.0, ge=0, description="how long start-up waits for the database before giving up"
    )

    @model_validator(mode="after")
    def _check_pages(self) -> StoreSettings:
        if self.api_page_size_default > self.api_page_size_max:
            raise ValueError("api_page_size_default must not exceed api_page_size_max")
        return self
