"""Every `ACCORD_*` setting of every process, for `accord config` and the README's configuration table."""

from __future__ import annotations

import importlib
from typing import Any

from pydantic_settings import BaseSettings

from libs.runtime.settings import ENV_PREFIX

#: (scope, "module:Class") in the order the table lists them; a field appears under the first scope that has it
SETTINGS_CLASSES: tuple[tuple[str, str], ...] = (
    ("all", "libs.runtime.settings:CommonSettings"),
    ("all", "libs.contracts.topics:TopicSettings"),
    ("fetcher", "services.fetcher.config:FetcherSettings"),
    ("extractor", "services.extractor.config:ExtractorSettings"),
    ("store", "services.store.core.config:StoreSettings"),
)


def _load(path: str) -> type[BaseSettings]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _default(field: Any) -> str:
    if field.default_factory is not None:
        value = field.default_factory()
    else:
        value = field.default
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value)) or "(empty)"
    return str(value)


def settings_rows() -> list[tuple[str, str, str, str]]:
    """(variable, scope, default, description) for every setting, each variable once."""
    seen: set[str] = set()
    rows = []
    for scope, path in SETTINGS_CLASSES:
        for name, field in _load(path).model_fields.items():
            var = f"{ENV_PREFIX}{name.upper()}"
            if var in seen:
                continue
            seen.add(var)
            rows.append((var, scope, _default(field), (field.description or "").replace("|", "/")))
    return rows


def markdown_table() -> str:
    lines = ["| variable | used by | default | meaning |", "|---|---|---|---|"]
    lines += [f"| `{v}` | {s} | `{d}` | {m} |" for v, s, d, m in settings_rows()]
    return "\n".join(lines) + "\n"
