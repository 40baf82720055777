"""Settings shared by every process, read from `ACCORD_*` environment variables.

Each service extends `CommonSettings` with its own fields under the same prefix.
When `ACCORD_KAFKA_BOOTSTRAP_SERVERS` / `ACCORD_DATABASE_URL` are unset,
`accord up` (`make run`) starts the embedded broker / Postgres and passes their
addresses to the services it spawns; a service started on its own needs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "ACCORD_"


class CommonSettings(BaseSettings):
    """Connection and operational settings common to all services."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    kafka_bootstrap_servers: str | None = Field(
        default=None, description="Kafka bootstrap servers (host:port,...); unset = embedded broker"
    )
    kafka_idempotence: bool = Field(
        default=True,
        description="idempotent producer; must stay on for Apache Kafka, off for the embedded broker",
    )
    kafka_client_id: str = Field(default="accord", description="Kafka client id prefix (<id>-<service>)")
    database_url: str | None = Field(
        default=None, description="PostgreSQL URL (postgresql://...); unset = embedded Postgres"
    )
    state_dir: Path = Field(default=Path(".accord"), description="local state: embedded Postgres data, logs")
    metrics_port: int | None = Field(default=None, description="Prometheus /metrics port; unset = off")
    metrics_host: str = Field(default="127.0.0.1", description="address the /metrics server binds to")
    log_level: str = Field(default="INFO", description="DEBUG, INFO, WARNING, ERROR")
    log_format: Literal["json", "console"] = Field(
        default="json", description="json (one object per line, for collectors) or console (for people)"
    )

    # --- Kafka client tuning (libs.runtime.producer / libs.runtime.consumer) ---
    kafka_compression: Literal["none", "gzip", "snappy", "lz4", "zstd"] = Field(
        default="lz4", description="producer compression codec"
    )
    kafka_linger_ms: int = Field(default=5, ge=0, description="producer batching delay")
    kafka_max_request_size: int = Field(
        default=4 * 1024 * 1024,
        ge=1024,
        description="largest produce request / record (bytes); the broker's message.max.bytes must allow it",
    )
    kafka_request_timeout_ms: int = Field(default=30_000, ge=1000, description="produce/commit request timeout")
    kafka_auto_offset_reset: Literal["earliest", "latest"] = Field(
        default="earliest", description="where a consumer group without committed offsets starts"
    )
    kafka_session_timeout_ms: int = Field(
        default=10_000, ge=500, description="consumer group session timeout (a dead consumer is evicted after it)"
    )
    kafka_heartbeat_interval_ms: int = Field(default=3_000, ge=100, description="consumer heartbeat interval")
    kafka_max_poll_interval_ms: int = Field(
        default=300_000, ge=1000, description="longest a consumer may spend on one fetched batch"
    )
    kafka_max_partition_fetch_bytes: int = Field(
        default=4 * 1024 * 1024, ge=1024, description="largest fetch per partition (bytes)"
    )
    retry_initial_backoff_s: float = Field(
        default=0.2, gt=0, description="first delay before retrying a transient failure"
    )
    retry_max_backoff_s: float = Field(
        default=30.0, gt=0, description="cap of the exponential retry delay (jitter applied below it)"
    )
