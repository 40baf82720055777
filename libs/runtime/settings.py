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
    kafka_client_id: str = "accord"
    database_url: str | None = Field(
        default=None, description="PostgreSQL URL (postgresql://...); unset = embedded Postgres"
    )
    state_dir: Path = Field(default=Path(".accord"), description="local state: embedded Postgres data, logs")
    metrics_port: int | None = Field(default=None, description="Prometheus /metrics port; unset = off")
    metrics_host: str = "127.0.0.1"
    log_level: str = "INFO"
    log_format: Literal["json", "console"] = "json"
