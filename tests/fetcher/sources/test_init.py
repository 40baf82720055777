"""`open_source`: known kinds, options validated, the example sources file."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.fetcher.config import (
    ConfigError,
    SourceConfig,
    load_sources_file,
)
from services.fetcher.sources import known_kinds, open_source


def test_open_source_checks_kind_and_options() -> None:
    assert {"jsonl", "folder", "feed", "sitemap", "page", "site"} <= set(known_kinds())
    with pytest.raises(ConfigError, match="unknown kind 'rss'"):
        open_source(SourceConfig(name="a", kind="rss", path=Path("x")))
    with pytest.raises(ConfigError, match=r"options\.fields\.txt"):
        open_source(SourceConfig(name="a", kind="jsonl", path=Path("x"), options={"fields": {"txt": "t"}}))
    with pytest.raises(ConfigError, match="'path' is required"):
        open_source(SourceConfig(name="a", kind="folder"))


def test_example_sources_file_is_valid() -> None:
    example = Path(__file__).resolve().parents[3] / "services" / "fetcher" / "sources.example.yaml"
    configs = load_sources_file(example)
    assert [c.kind for c in configs] == ["jsonl", "folder", "feed", "sitemap", "site"]
    for cfg in configs:
        open_source(cfg)


def test_web_kinds_need_an_http_url() -> None:
    assert (
        open_source(SourceConfig(name="tt", kind="site", url="https://www.tehrantimes.com/")).kind == "site"
    )
    with pytest.raises(ConfigError):
        open_source(SourceConfig(name="x", kind="feed"))  # no url
    with pytest.raises(ConfigError):
        open_source(SourceConfig(name="x", kind="feed", url="ftp://example.org/feed"))
