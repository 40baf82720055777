"""Fetcher configuration: `FetcherSettings` (env `ACCORD_FETCHER_*`) and the source definitions.

Sources come from a sources file (YAML, TOML or JSON) and/or command-line specs:

```yaml
# sources.yaml
sources:
  - name: tehran-times            # unique; labels metrics, ledger rows and RawArticle.source
    kind: jsonl                   # jsonl | folder | feed | sitemap | page | site (web kinds take `url:`)
    path: ../shared/corpus/tehran-times.jsonl.gz   # relative to this file
    publisher: Tehran Times
    language: en                  # declared: skips detection
    options:
      fields: {id: id, text: text, title: title, url: url, published_at: published_at}
  - name: press-releases
    kind: folder
    path: ./press
    options: {extensions: [.txt, .html]}
```

(TOML: the same keys under `[[sources]]`.) On the command line, `KIND:PATH` or `NAME=KIND:PATH`
(e.g. `jsonl:../shared/corpus/tehran-times.jsonl.gz`; the name defaults to the file or folder
name without extensions).
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from libs.runtime.settings import CommonSettings
from services.fetcher.errors import ConfigError
from services.fetcher.web.settings import WebSettings

__all__ = ["ConfigError", "FetcherSettings", "SourceConfig", "collect_sources", "parse_source_spec"]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_STRIP_SUFFIXES = (".gz", ".jsonl", ".ndjson", ".json", ".txt")
_URL_SPEC = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class FetcherSettings(CommonSettings, WebSettings):
    """Settings of `accord fetcher` (env prefix `ACCORD_`); the web path's are in `WebSettings`."""

    fetcher_sources_file: Path | None = Field(default=None, description="sources file (YAML/TOML/JSON)")
    fetcher_sources: list[str] = Field(
        default_factory=list, description="source specs KIND:PATH (JSON list in the environment)"
    )
    fetcher_batch_size: int = Field(default=500, ge=1, le=20_000, description="articles per produced batch")
    fetcher_max_in_flight_batches: int = Field(
        default=4, ge=1, le=64, description="batches produced concurrently (acks awaited per batch)"
    )
    fetcher_build_workers: int = Field(
        default=1,
        ge=0,
        le=64,
        description="worker processes that clean texts and build records; 0 = in a thread of the service",
    )
    fetcher_detect_language: bool = Field(default=True, description="detect the language when not declared")
    fetcher_language_sample_chars: int = Field(default=400, ge=50, description="text sample for detection")
    fetcher_poll_interval_s: float = Field(
        default=300.0, gt=0, description="follow mode: seconds between scans of a source"
    )
    fetcher_progress_log_s: float = Field(default=5.0, gt=0, description="seconds between progress log lines")


class SourceConfig(BaseModel):
    """One configured source. `options` are kind-specific (validated by the source kind)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: str
    path: Path | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = Field(default=None, description="declared language (ISO 639-1); skips detection")
    enabled: bool = True
    optional: bool = Field(
        default=False, description="a local source whose file is missing is left out instead of failing"
    )
    options: dict[str, Any] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _valid_name(cls, v: str) -> str:
        if not _NAME.match(v):
            raise ValueError(
                "a source name is 1-100 letters, digits, '_', '.', '-' (starting with a letter/digit)"
            )
        return v

    @field_validator("kind")
    @classmethod
    def _lower_kind(cls, v: str) -> str:
        return v.strip().lower()


def default_name(path: str | Path) -> str:
    """A source name from a path: the file or folder name without data extensions."""
    base = Path(str(path).rstrip("/\\")).name or "source"
    lowered = base.lower()
    changed = True
    while changed:
        changed = False
        for suffix in _STRIP_SUFFIXES:
            if lowered.endswith(suffix) and len(lowered) > len(suffix):
                base, lowered = base[: -len(suffix)], lowered[: -len(suffix)]
                changed = True
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", base).strip("-._") or "source"
    return name if name[0].isalnum() else "s" + name


def url_name(url: str) -> str:
    """A source name from a URL: host and path, e.g. `127.0.0.1-8080-feed.xml`."""
    rest = _URL_SPEC.sub("", url).split("?", 1)[0].split("#", 1)[0]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", rest).strip("-._")[:100] or "web"
    return name if name[0].isalnum() else "s" + name


def parse_source_spec(spec: str) -> SourceConfig:
    """`KIND:PATH`, `KIND:URL` or `NAME=KIND:...` → a `SourceConfig` (kind checked later)."""
    name: str | None = None
    body = spec.strip()
    head, sep, _rest = body.partition(":")
    if "=" in head:
        name, _, body = body.partition("=")
        name = name.strip()
    kind, sep, path = body.partition(":")
    if not sep or not kind.strip() or not path.strip():
        raise ConfigError(
            f"bad --source {spec!r}: expected KIND:PATH or NAME=KIND:PATH (e.g. jsonl:data.jsonl.gz)"
        )
    target = path.strip()
    try:
        if _URL_SPEC.match(target):  # feed:URL, sitemap:URL, page:URL, site:URL
            return SourceConfig(name=name or url_name(target), kind=kind, url=target)
        return SourceConfig(name=name or default_name(target), kind=kind, path=Path(target))
    except ValidationError as exc:
        raise ConfigError(f"bad --source {spec!r}: {_first_error(exc)}") from exc


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    return f"{where}: {err.get('msg')}" if where else str(err.get("msg"))


def load_sources_file(path: Path) -> list[SourceConfig]:
    """The sources defined in `path` (.yaml/.yml, .toml or .json); relative paths resolve against its folder.

    The file holds `sources: [...]` (or, for YAML/JSON, a bare list). Raises `ConfigError`.
    """
    path = Path(path)
    try:
        raw_text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read sources file {path}: {exc.strerror or exc}") from exc
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(raw_text)
        elif suffix == ".json":
            data = json.loads(raw_text)
        else:
            import yaml

            data = yaml.safe_load(raw_text)
    except Exception as exc:  # yaml/toml/json syntax errors have no common base class
        raise ConfigError(f"sources file {path} is not valid {suffix.lstrip('.') or 'YAML'}: {exc}") from exc
    entries = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ConfigError(f"sources file {path}: expected a list under 'sources'")
    out: list[SourceConfig] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ConfigError(f"sources file {path}: entry {i} is not a mapping")
        try:
            cfg = SourceConfig(**entry)
        except (ValidationError, TypeError) as exc:
            detail = _first_error(exc) if isinstance(exc, ValidationError) else str(exc)
            raise ConfigError(f"sources file {path}: entry {i} ({entry.get('name', '?')}): {detail}") from exc
        if cfg.path is not None and not cfg.path.is_absolute():
            cfg = cfg.model_copy(update={"path": (path.parent / cfg.path)})
        out.append(cfg)
    return out


def collect_sources(specs: list[str], sources_file: Path | None) -> list[SourceConfig]:
    """Sources from the file (if any) then the specs; enabled ones only. Names must be unique."""
    configs = load_sources_file(sources_file) if sources_file else []
    configs += [parse_source_spec(s) for s in specs]
    seen: set[str] = set()
    for cfg in configs:
        if cfg.name in seen:
            raise ConfigError(f"two sources are named {cfg.name!r}: give one another name (NAME=KIND:PATH)")
        seen.add(cfg.name)
    return [c for c in configs if c.enabled]
