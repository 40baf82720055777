"""Settings documentation: every `ACCORD_*` variable of a list of settings classes, as rows or Markdown.

Which classes (the services' settings) is the composition's business: `app.config`
lists them for `accord config` and the README's configuration table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic_settings import BaseSettings

from libs.runtime.settings import ENV_PREFIX

#: (scope, settings class): a field appears under the first scope that has it
Scoped = Sequence[tuple[str, type[BaseSettings]]]


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


def settings_rows(classes: Scoped) -> list[tuple[str, str, str, str]]:
    """(variable, scope, default, description) for every setting, each variable once."""
    seen: set[str] = set()
    rows = []
    for scope, cls in classes:
        for name, field in cls.model_fields.items():
            var = f"{ENV_PREFIX}{name.upper()}"
            if var in seen:
                continue
            seen.add(var)
            rows.append((var, scope, _default(field), (field.description or "").replace("|", "/")))
    return rows


def markdown_table(classes: Scoped) -> str:
    lines = ["| variable | used by | default | meaning |", "|---|---|---|---|"]
    lines += [f"| `{v}` | {s} | `{d}` | {m} |" for v, s, d, m in settings_rows(classes)]
    return "\n".join(lines) + "\n"
