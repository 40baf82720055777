"""`accord topics`: creates the pipeline's topics, then finds them there; `--check` waits for them."""

from __future__ import annotations

import uuid

import pytest

from app.cli import main
from libs.infra.broker import free_port

pytestmark = pytest.mark.integration

TOPIC_VARS = {
    "ACCORD_TOPIC_ARTICLES_RAW": "articles.raw",
    "ACCORD_TOPIC_ARTICLES_RAW_DLQ": "articles.raw.dlq",
    "ACCORD_TOPIC_EVENTS": "events.cooperation",
    "ACCORD_TOPIC_EVENTS_DLQ": "events.cooperation.dlq",
    "ACCORD_TOPIC_ARTICLES_EXTRACTED": "articles.extracted",
    "ACCORD_TOPIC_ARTICLES_EXTRACTED_DLQ": "articles.extracted.dlq",
}


def _unique_topics(monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    for var, name in TOPIC_VARS.items():
        monkeypatch.setenv(var, f"{name}.{suffix}")


def test_topics_are_created_once(
    kafka_bootstrap: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    suffix = uuid.uuid4().hex[:8]
    monkeypatch.setenv("ACCORD_TOPIC_ARTICLES_RAW", f"articles.raw.{suffix}")
    assert main(["topics", "--bootstrap-servers", kafka_bootstrap]) == 0
    assert f"articles.raw.{suffix}\t6 partitions\tcreated" in capsys.readouterr().out
    assert main(["topics", "--bootstrap-servers", kafka_bootstrap]) == 0
    assert f"articles.raw.{suffix}\t6 partitions\texists" in capsys.readouterr().out


def test_check_fails_until_the_topics_exist(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kafka_bootstrap: str
) -> None:
    suffix = uuid.uuid4().hex[:8]
    _unique_topics(monkeypatch, suffix)
    monkeypatch.setenv("ACCORD_KAFKA_BOOTSTRAP_SERVERS", kafka_bootstrap)
    assert main(["topics", "--check"]) == 1
    assert f"articles.raw.{suffix}" in capsys.readouterr().out
    assert main(["topics"]) == 0
    assert main(["topics", "--check"]) == 0
    assert "all present" in capsys.readouterr().out


def test_check_fails_when_the_broker_is_unreachable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _unique_topics(monkeypatch, "x")
    assert main(["topics", "--check", "--bootstrap-servers", f"127.0.0.1:{free_port()}"]) == 1
    assert "broker unreachable" in capsys.readouterr().out
