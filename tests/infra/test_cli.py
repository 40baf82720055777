"""`accord topics --check`: what the extractor's init container waits on (the migration job creates the topics)."""

from __future__ import annotations

import uuid

import pytest

from libs.cli import build_parser
from libs.infra.broker import free_port

pytestmark = pytest.mark.integration


def _topics(monkeypatch: pytest.MonkeyPatch, bootstrap: str, suffix: str, *argv: str) -> int:
    monkeypatch.setenv("ACCORD_KAFKA_BOOTSTRAP_SERVERS", bootstrap)
    for var, name in {
        "ACCORD_TOPIC_ARTICLES_RAW": "articles.raw",
        "ACCORD_TOPIC_ARTICLES_RAW_DLQ": "articles.raw.dlq",
        "ACCORD_TOPIC_EVENTS": "events.cooperation",
        "ACCORD_TOPIC_EVENTS_DLQ": "events.cooperation.dlq",
        "ACCORD_TOPIC_ARTICLES_EXTRACTED": "articles.extracted",
        "ACCORD_TOPIC_ARTICLES_EXTRACTED_DLQ": "articles.extracted.dlq",
    }.items():
        monkeypatch.setenv(var, f"{name}.{suffix}")
    args = build_parser().parse_args(["topics", *argv])
    return args.func(args)


def test_check_fails_until_the_topics_exist(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kafka_bootstrap: str
) -> None:
    suffix = uuid.uuid4().hex[:8]
    assert _topics(monkeypatch, kafka_bootstrap, suffix, "--check") == 1
    assert f"articles.raw.{suffix}" in capsys.readouterr().out
    assert _topics(monkeypatch, kafka_bootstrap, suffix) == 0
    assert _topics(monkeypatch, kafka_bootstrap, suffix, "--check") == 0
    assert "all present" in capsys.readouterr().out


def test_check_fails_when_the_broker_is_unreachable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _topics(monkeypatch, f"127.0.0.1:{free_port()}", "x", "--check") == 1
    assert "broker unreachable" in capsys.readouterr().out
