"""Structured logs: JSON lines with the service name, stdlib loggers routed through the same pipeline."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import orjson
import pytest
import structlog

from libs.runtime.logging import configure_logging
from libs.runtime.settings import CommonSettings


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.reset_defaults()


def test_json_lines_carry_service_level_and_fields() -> None:
    stream = io.StringIO()
    configure_logging("extractor", CommonSettings(log_format="json"), stream=stream)
    structlog.get_logger("accord.test").info("article.extracted", article_id="u1", events=3)
    logging.getLogger("aiokafka.consumer").warning("Heartbeat failed for group %s", "g1")
    try:
        raise ValueError("boom")
    except ValueError:
        structlog.get_logger("accord.test").exception("step.crashed")
    lines = [orjson.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 3
    first, second, third = lines
    assert first["event"] == "article.extracted"
    assert (first["article_id"], first["events"], first["level"]) == ("u1", 3, "info")
    assert first["logger"] == "accord.test"
    assert first["timestamp"].endswith("Z")
    assert second["event"] == "Heartbeat failed for group g1"
    assert second["logger"] == "aiokafka.consumer"
    assert second["level"] == "warning"
    assert "ValueError: boom" in third["exception"]
    assert all(line["service"] == "extractor" for line in lines)


def test_level_filters_debug() -> None:
    stream = io.StringIO()
    configure_logging("store", CommonSettings(log_level="WARNING"), stream=stream)
    structlog.get_logger("x").info("hidden")
    logging.getLogger("alembic").info("hidden too")
    structlog.get_logger("x").warning("shown")
    assert [orjson.loads(line)["event"] for line in stream.getvalue().splitlines()] == ["shown"]


def test_console_format_is_human_readable() -> None:
    stream = io.StringIO()
    configure_logging("fetcher", CommonSettings(log_format="console"), stream=stream)
    structlog.get_logger("x").info("hello", n=1)
    text = stream.getvalue()
    assert "hello" in text and "n=1" in text and "fetcher" in text
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(text.splitlines()[0])
