"""`kafka_security_kwargs`: what each security protocol adds to the aiokafka clients' arguments."""

from __future__ import annotations

import ast
import asyncio
import shutil
import ssl
import subprocess
from pathlib import Path

import certifi
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from pydantic import ValidationError

from libs.runtime.kafka import KafkaBroker, consumer_config
from libs.runtime.kafka_security import kafka_security_kwargs, kafka_ssl_context
from libs.runtime.producer import producer_config
from libs.runtime.settings import CommonSettings
from libs.runtime.topics import admin_client

REPO = Path(__file__).resolve().parents[2]

BOOT = {"kafka_bootstrap_servers": "kafka:9093"}


def _settings(**kw: object) -> CommonSettings:
    return CommonSettings(**BOOT, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA and a certificate it signed for `localhost` (client and server use the same pair)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    d = tmp_path_factory.mktemp("pki")

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=d)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=accord-test-ca")  # fmt: skip
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-out",
        "leaf.csr",
        "-subj",
        "/CN=localhost",
    )
    (d / "san.ext").write_text("subjectAltName=DNS:localhost\n")
    run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "leaf.pem", "-days", "2", "-extfile", "san.ext")  # fmt: skip
    return {"ca": d / "ca.pem", "cert": d / "leaf.pem", "key": d / "leaf.key"}


def test_plaintext_adds_nothing() -> None:
    settings = _settings()
    assert kafka_security_kwargs(settings) == {}
    assert "security_protocol" not in producer_config(settings)
    assert "security_protocol" not in consumer_config(settings, group_id="g", client_id="c")


def test_sasl_ssl_adds_protocol_mechanism_credentials_and_context() -> None:
    settings = _settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_mechanism="SCRAM-SHA-256",
        kafka_sasl_username="accord",
        kafka_sasl_password="s3cret",
        kafka_ssl_cafile=certifi.where(),
    )
    kw = kafka_security_kwargs(settings)
    assert kw["security_protocol"] == "SASL_SSL"
    assert kw["sasl_mechanism"] == "SCRAM-SHA-256"
    assert (kw["sasl_plain_username"], kw["sasl_plain_password"]) == ("accord", "s3cret")
    assert isinstance(kw["ssl_context"], ssl.SSLContext)
    assert kw["ssl_context"].verify_mode == ssl.CERT_REQUIRED and kw["ssl_context"].check_hostname
    assert "s3cret" not in repr(settings), "the password must not show in logs of the settings"


def test_sasl_plaintext_has_no_tls_context() -> None:
    kw = kafka_security_kwargs(
        _settings(kafka_security_protocol="SASL_PLAINTEXT", kafka_sasl_username="u", kafka_sasl_password="p")
    )
    assert kw["security_protocol"] == "SASL_PLAINTEXT" and "ssl_context" not in kw
    assert kw["sasl_mechanism"] == "SCRAM-SHA-512"  # the default


def test_ssl_only_has_no_sasl_and_can_skip_hostname_checks() -> None:
    kw = kafka_security_kwargs(_settings(kafka_security_protocol="SSL", kafka_ssl_check_hostname=False))
    assert set(kw) == {"security_protocol", "ssl_context"}
    assert kw["ssl_context"].check_hostname is False


async def test_every_runtime_client_gets_the_kwargs() -> None:
    settings = _settings(kafka_security_protocol="SASL_SSL", kafka_sasl_username="u", kafka_sasl_password="p")
    broker = KafkaBroker(settings)  # what run_consumer connects with
    consumer = broker.consumer(group_id="g", client_id="c", topics=["t"], listener=None)  # type: ignore[arg-type]
    producer = AIOKafkaProducer(**broker.producer(service="s").config)
    admin = admin_client("kafka:9093", kafka_security_kwargs(settings))  # libs.runtime.topics
    for client in (producer.client, AIOKafkaConsumer(**consumer.config)._client, admin._client):
        assert client._security_protocol == "SASL_SSL"
        assert client._sasl_mechanism == "SCRAM-SHA-512"


#: The Kafka clients and the topic helpers that open one: each call must carry the security kwargs.
KAFKA_CALLS = {
    "AIOKafkaProducer",
    "AIOKafkaConsumer",
    "AIOKafkaAdminClient",
    "AIOKafkaClient",
    "admin_client",
    "ensure_topics",
    "ensure_topics_best_effort",
    "missing_topics",
}


def _calls_without_security(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in KAFKA_CALLS:
            continue
        secured = any(k.arg in (None, "security") for k in node.keywords)  # security= or **config
        positional_security = name == "admin_client" and len(node.args) == 2
        if not (secured or positional_security):
            found.append(f"{path.relative_to(REPO)}:{node.lineno} {name}(...)")
    return found


def test_every_kafka_client_in_the_code_is_given_the_security_settings() -> None:
    """A new Kafka client (or topic call) without `security=` / `**config` would connect in PLAINTEXT."""
    files = [p for folder in ("app", "libs", "services") for p in sorted((REPO / folder).rglob("*.py"))]
    assert not [c for f in files for c in _calls_without_security(f)]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kafka_security_protocol": "SASL_SSL"}, "ACCORD_KAFKA_SASL_USERNAME"),
        ({"kafka_security_protocol": "SASL_PLAINTEXT", "kafka_sasl_username": "u"}, "SASL_PASSWORD"),
        ({"kafka_security_protocol": "SSL", "kafka_ssl_certfile": "/c.pem"}, "KEYFILE"),
        ({"kafka_security_protocol": "SASL_SSL", "kafka_sasl_mechanism": "GSSAPI"}, "kafka_sasl_mechanism"),
    ],
)
def test_incomplete_settings_are_refused_at_load(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _settings(**overrides)


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORD_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("ACCORD_KAFKA_SASL_MECHANISM", "PLAIN")
    monkeypatch.setenv("ACCORD_KAFKA_SASL_USERNAME", "svc")
    monkeypatch.setenv("ACCORD_KAFKA_SASL_PASSWORD", "pw")
    kw = kafka_security_kwargs(CommonSettings())
    assert (kw["sasl_mechanism"], kw["sasl_plain_username"], kw["sasl_plain_password"]) == (
        "PLAIN",
        "svc",
        "pw",
    )


def test_missing_ca_file_fails_at_start(tmp_path: Path) -> None:
    settings = _settings(kafka_security_protocol="SSL", kafka_ssl_cafile=tmp_path / "absent.pem")
    with pytest.raises(FileNotFoundError):
        kafka_security_kwargs(settings)


async def _handshake(server_ctx: ssl.SSLContext, client_ctx: ssl.SSLContext) -> None:
    """Open a TLS connection from `client_ctx` to a local server using `server_ctx` (as a broker would)."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    try:
        _r, w = await asyncio.open_connection("127.0.0.1", port, ssl=client_ctx, server_hostname="localhost")
        w.close()
    finally:
        server.close()
        await server.wait_closed()


async def test_the_context_trusts_the_configured_ca_and_presents_the_client_certificate(
    pki: dict[str, Path],
) -> None:
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=pki["ca"])
    server_ctx.load_cert_chain(pki["cert"], pki["key"])
    server_ctx.verify_mode = ssl.CERT_REQUIRED  # mutual TLS: the broker demands a client certificate
    settings = _settings(
        kafka_security_protocol="SSL",
        kafka_ssl_cafile=pki["ca"],
        kafka_ssl_certfile=pki["cert"],
        kafka_ssl_keyfile=pki["key"],
    )
    await _handshake(server_ctx, kafka_ssl_context(settings))
    untrusting = kafka_ssl_context(_settings(kafka_security_protocol="SSL", kafka_ssl_cafile=certifi.where()))
    with pytest.raises(ssl.SSLCertVerificationError):
        await _handshake(server_ctx, untrusting)
