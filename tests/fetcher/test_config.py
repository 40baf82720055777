"""Source configuration: `--source` specs, sources files, settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.fetcher.config import (
    ConfigError,
    FetcherSettings,
    collect_sources,
    default_name,
    load_sources_file,
    parse_source_spec,
)


@pytest.mark.parametrize(
    ("spec", "name", "kind", "path"),
    [
        (
            "jsonl:../shared/corpus/tehran-times.jsonl.gz",
            "tehran-times",
            "jsonl",
            "../shared/corpus/tehran-times.jsonl.gz",
        ),
        ("folder:/data/press/", "press", "folder", "/data/press"),
        ("tt=JSONL:/x/a=b.jsonl", "tt", "jsonl", "/x/a=b.jsonl"),
        ("jsonl:C:/odd:path.ndjson", "odd-path", "jsonl", "C:/odd:path.ndjson"),
    ],
)
def test_parse_source_spec(spec: str, name: str, kind: str, path: str) -> None:
    cfg = parse_source_spec(spec)
    assert (cfg.name, cfg.kind, cfg.path) == (name, kind, Path(path))


@pytest.mark.parametrize("spec", ["jsonl", "jsonl:", ":path", "bad name=jsonl:x"])
def test_parse_source_spec_errors(spec: str) -> None:
    with pytest.raises(ConfigError, match="--source"):
        parse_source_spec(spec)


def test_default_name() -> None:
    assert default_name("a/b/news.2024.JSONL.gz") == "news.2024"
    assert default_name("/srv/data/") == "data"
    assert default_name("_x.txt") == "x"


SOURCES_YAML = """
sources:
  - name: tehran-times
    kind: jsonl
    path: corpus/tt.jsonl.gz
    publisher: Tehran Times
    language: en
    options:
      fields: {id: id, text: body, published_at: meta.date}
  - name: press
    kind: folder
    path: /abs/press
    enabled: false
"""

SOURCES_TOML = """
[[sources]]
name = "tehran-times"
kind = "jsonl"
path = "corpus/tt.jsonl.gz"
publisher = "Tehran Times"
[sources.options.fields]
text = "body"
"""


def test_load_sources_yaml_resolves_relative_paths(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    f.write_text(SOURCES_YAML)
    cfgs = load_sources_file(f)
    assert [c.name for c in cfgs] == ["tehran-times", "press"]
    assert cfgs[0].path == tmp_path / "corpus/tt.jsonl.gz"
    assert cfgs[0].options["fields"]["text"] == "body"
    assert cfgs[1].path == Path("/abs/press")
    assert [c.name for c in collect_sources([], f)] == ["tehran-times"]  # disabled one dropped


def test_load_sources_toml_and_json(tmp_path: Path) -> None:
    t = tmp_path / "s.toml"
    t.write_text(SOURCES_TOML)
    (cfg,) = load_sources_file(t)
    assert cfg.publisher == "Tehran Times" and cfg.path == tmp_path / "corpus/tt.jsonl.gz"
    j = tmp_path / "s.json"
    j.write_text(json.dumps([{"name": "a", "kind": "folder", "path": "x"}]))
    (cfg,) = load_sources_file(j)
    assert cfg.kind == "folder" and cfg.path == tmp_path / "x"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("sources: [{name: a, kind: jsonl, colour: red}]", "entry 0 .*colour"),
        ("sources: [{kind: jsonl}]", "entry 0 .*name"),
        ("sources: {a: 1}", "expected a list"),
        ("sources: [a]", "not a mapping"),
        ("sources: [{name: 'bad name', kind: jsonl}]", "source name"),
        ("sources: [", "not valid"),
    ],
)
def test_bad_sources_file(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_sources_file(f)


def test_missing_sources_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_sources_file(tmp_path / "nope.yaml")


def test_duplicate_names_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="two sources"):
        collect_sources(["jsonl:a/x.jsonl", "jsonl:b/x.jsonl.gz"], None)


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORD_FETCHER_SOURCES", '["jsonl:a.jsonl"]')
    monkeypatch.setenv("ACCORD_FETCHER_BATCH_SIZE", "123")
    s = FetcherSettings()
    assert s.fetcher_sources == ["jsonl:a.jsonl"] and s.fetcher_batch_size == 123


def test_web_specs_carry_a_url() -> None:
    cfg = parse_source_spec("feed:http://127.0.0.1:8080/feed.xml")
    assert (cfg.kind, cfg.url, cfg.path, cfg.name) == (
        "feed",
        "http://127.0.0.1:8080/feed.xml",
        None,
        "127.0.0.1-8080-feed.xml",
    )
    named = parse_source_spec("tt=site:https://www.tehrantimes.com/")
    assert (named.name, named.kind, named.url) == ("tt", "site", "https://www.tehrantimes.com/")
