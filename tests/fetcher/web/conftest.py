"""Fixtures of the web fetcher tests: a local site and fast settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from services.fetcher.web.settings import WebSettings
from tests.fetcher.web.site import Site


def fast_settings(**overrides: Any) -> dict[str, Any]:
    """Web settings with timeouts and delays shortened for tests."""
    values: dict[str, Any] = {
        "fetcher_web_connect_timeout_s": 1.0,
        "fetcher_web_read_timeout_s": 1.0,
        "fetcher_web_total_timeout_s": 2.0,
        "fetcher_web_min_host_delay_s": 0.0,
        "fetcher_web_retry_initial_s": 0.05,
        "fetcher_web_retry_max_s": 0.2,
        "fetcher_web_max_body_bytes": 200_000,
        "fetcher_web_max_decompressed_bytes": 1_000_000,
        "fetcher_web_min_text_chars": 200,
        "fetcher_web_http2": False,
    }
    values.update(overrides)
    return values


@pytest.fixture
def web_settings() -> WebSettings:
    return WebSettings(**fast_settings())


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        yield s
