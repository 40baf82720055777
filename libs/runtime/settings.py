"""Settings shared by every process, read from `ACCORD_*` environment variables.

Each service extends `CommonSettings` with its own fields under the same prefix.
When `ACCORD_KAFKA_BOOTSTRAP_SERVERS` / `ACCORD_DATABASE_URL` are unset,
`accord up` (`make run`) starts the embedded broker / Postgres and passes their
addresses to the services it spawns; a service started on its own needs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
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
    db_connect_timeout_s: int = Field(
        default=5,
        ge=1,
        description="Postgres connect timeout of each connection (seconds; libpq counts 1 as 2)",
    )
    db_statement_timeout_ms: int = Field(
        default=30_000,
        ge=0,
        description="server-side timeout of each statement of the store's writer and the fetcher's ledger: "
        "a query stuck on a lock or a frozen server fails and is retried (0 = none)",
    )
    db_keepalives_idle_s: int = Field(
        default=30,
        ge=0,
        description="TCP keepalives on Postgres connections: first probe after this many idle seconds, "
        "then every third of it, 3 probes, so a dead peer is noticed (0 = OS default; unix sockets: unused)",
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
    kafka_request_timeout_ms: int = Field(
        default=30_000, ge=1000, description="produce/commit request timeout"
    )
    kafka_auto_offset_reset: Literal["earliest", "latest"] = Field(
        default="earliest", description="where a consumer group without committed offsets starts"
    )
    kafka_session_timeout_ms: int = Field(
        default=10_000,
        ge=500,
        description="consumer group session timeout (a dead consumer is evicted after it)",
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
    dead_letter_max_records: int = Field(
        default=1000,
        ge=0,
        description="a consumer stops (exit 1) rather than dead-letter more records than this "
        "within ACCORD_DEAD_LETTER_WINDOW_S (a bad deploy); 0 = no limit",
    )
    dead_letter_window_s: float = Field(
        default=60.0, gt=0, description="window of ACCORD_DEAD_LETTER_MAX_RECORDS (seconds)"
    )
    liveness_window_s: float = Field(
        default=300.0,
        gt=0,
        description="GET /healthz on the metrics port answers 503 once the main loop has not ticked for this long",
    )

    # --- Transport security: Kafka SASL/TLS (libs.runtime.kafka_security), Postgres TLS ---
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT", description="Kafka security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL"
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        default="SCRAM-SHA-512", description="SASL mechanism when the protocol is SASL_*"
    )
    kafka_sasl_username: str | None = Field(default=None, description="SASL user name (required with SASL_*)")
    kafka_sasl_password: SecretStr | None = Field(
        default=None, description="SASL password (required with SASL_*; never logged)"
    )
    kafka_ssl_cafile: Path | None = Field(
        default=None, description="CA bundle (PEM) that signed the brokers' certificates; unset = system CAs"
    )
    kafka_ssl_certfile: Path | None = Field(
        default=None, description="client certificate (PEM) for mutual TLS with the brokers"
    )
    kafka_ssl_keyfile: Path | None = Field(
        default=None, description="private key (PEM) of the client certificate"
    )
    kafka_ssl_key_password: SecretStr | None = Field(
        default=None, description="password of the client private key, if it is encrypted"
    )
    kafka_ssl_check_hostname: bool = Field(
        default=True, description="verify that the broker certificate matches its host name"
    )
    database_sslmode: Literal["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] | None = (
        Field(
            default=None,
            description="Postgres sslmode added to ACCORD_DATABASE_URL (unless the URL sets it); unset = libpq default",
        )
    )
    database_sslrootcert: Path | None = Field(
        default=None, description="CA (PEM) to verify the Postgres server with (verify-ca / verify-full)"
    )

    @model_validator(mode="after")
    def _transport_security(self) -> Self:
        """SASL needs credentials; a client key needs its certificate. Postgres TLS settings join the URL."""
        if self.kafka_security_protocol.startswith("SASL_") and not (
            self.kafka_sasl_username and self.kafka_sasl_password
        ):
            raise ValueError(
                f"ACCORD_KAFKA_SECURITY_PROTOCOL={self.kafka_security_protocol} needs "
                "ACCORD_KAFKA_SASL_USERNAME and ACCORD_KAFKA_SASL_PASSWORD"
            )
        if bool(self.kafka_ssl_certfile) != bool(self.kafka_ssl_keyfile):
            raise ValueError("ACCORD_KAFKA_SSL_CERTFILE and ACCORD_KAFKA_SSL_KEYFILE go together")
        if self.database_url and (self.database_sslmode or self.database_sslrootcert):
            from libs.runtime.db import with_query_defaults

            extra = {"sslmode": self.database_sslmode, "sslrootcert": self.database_sslrootcert}
            self.database_url = with_query_defaults(
                self.database_url, {k: str(v) for k, v in extra.items() if v is not None}
            )
        return self
