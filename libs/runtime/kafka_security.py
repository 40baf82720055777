"""Kafka transport security: the SASL and TLS keyword arguments of every aiokafka client.

`kafka_security_kwargs(settings)` is merged into the arguments of `AIOKafkaProducer`,
`AIOKafkaConsumer`, `AIOKafkaAdminClient` and `AIOKafkaClient` (readiness checks), so
one set of `ACCORD_KAFKA_*` variables secures every connection:

| protocol | what is added |
|---|---|
| `PLAINTEXT` (default) | nothing (the clients' defaults) |
| `SSL` | `security_protocol`, `ssl_context` (CA, optional client certificate) |
| `SASL_PLAINTEXT` | `security_protocol`, `sasl_mechanism`, user name and password |
| `SASL_SSL` | all of the above |

The settings validate the combinations (SASL needs credentials; a client key needs its
certificate) when they are loaded, so a misconfigured process stops at start-up.
"""

from __future__ import annotations

import ssl
from typing import Any

from aiokafka.helpers import create_ssl_context

from libs.runtime.settings import CommonSettings


def kafka_ssl_context(settings: CommonSettings) -> ssl.SSLContext:
    """A client TLS context: the configured CA (system CAs when unset) and optional client certificate."""
    password = settings.kafka_ssl_key_password
    context = create_ssl_context(
        cafile=settings.kafka_ssl_cafile,
        certfile=settings.kafka_ssl_certfile,
        keyfile=settings.kafka_ssl_keyfile,
        password=password.get_secret_value() if password else None,
    )
    if not settings.kafka_ssl_check_hostname:
        context.check_hostname = False
    return context


def kafka_security_kwargs(settings: CommonSettings) -> dict[str, Any]:
    """Keyword arguments for any aiokafka client; empty for PLAINTEXT (nothing changes)."""
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return {}
    kwargs: dict[str, Any] = {"security_protocol": protocol}
    if protocol in ("SSL", "SASL_SSL"):
        kwargs["ssl_context"] = kafka_ssl_context(settings)
    if protocol.startswith("SASL_"):
        password = settings.kafka_sasl_password
        kwargs["sasl_mechanism"] = settings.kafka_sasl_mechanism
        kwargs["sasl_plain_username"] = settings.kafka_sasl_username
        kwargs["sasl_plain_password"] = password.get_secret_value() if password else None
    return kwargs
