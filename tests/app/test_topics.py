"""`accord topics`: creates the pipeline's topics, then finds them there."""

from __future__ import annotations

import uuid

import pytest

from app.cli import main

pytestmark = pytest.mark.integration


def test_topics_are_created_once(
    kafka_bootstrap: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    suffix = uuid.uuid4().hex[:8]
    monkeypatch.setenv("ACCORD_TOPIC_ARTICLES_RAW", f"articles.raw.{suffix}")
    assert main(["topics", "--bootstrap-servers", kafka_bootstrap]) == 0
    assert f"articles.raw.{suffix}\t6 partitions\tcreated" in capsys.readouterr().out
    assert main(["topics", "--bootstrap-servers", kafka_bootstrap]) == 0
    assert f"articles.raw.{suffix}\t6 partitions\texists" in capsys.readouterr().out
