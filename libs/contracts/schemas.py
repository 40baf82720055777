"""JSON Schema files generated from the contract models, and the released ones kept for the evolution check.

* `schemas/<contract>.v<major>.json`: the current schema of each model (`accord schemas`
  writes them; `tests/contracts/test_schemas.py` fails when they drift from the models).
* `schemas/released/<contract>/<schema_version>.json`: the schema as it was released
  (`accord schemas --release` adds the current one). A test fails when a current model is not
  backward compatible with its last release (`libs.contracts.evolution`). A released file is
  never rewritten: changing a released contract means bumping the model's `schema_version`
  (a new minor version for compatible additions; its `Literal` keeps accepting the old ones).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from libs.contracts.articles import RawArticle
from libs.contracts.errors import ContractError
from libs.contracts.events import CooperationEvent
from libs.contracts.evolution import incompatibilities
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.retractions import EventRetraction

SCHEMA_DIR = Path(__file__).parent / "schemas"
RELEASED = "released"

#: contract name -> model
CONTRACTS: dict[str, type[BaseModel]] = {
    "raw-article": RawArticle,
    "cooperation-event": CooperationEvent,
    "article-extraction": ArticleExtraction,
    "event-retraction": EventRetraction,
}


def schema_version(model: type[BaseModel]) -> str:
    """The version a model writes (the default of its `schema_version` field), e.g. `1.0`."""
    return str(model.model_fields["schema_version"].default)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


#: file name -> model
SCHEMA_FILES: dict[str, type[BaseModel]] = {
    f"{name}.v{schema_version(model).split('.')[0]}.json": model for name, model in CONTRACTS.items()
}


def render(model: type[BaseModel]) -> str:
    """The schema text for `model`, as committed (stable key order, trailing newline)."""
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write_all(directory: Path = SCHEMA_DIR) -> list[Path]:
    """(Re)write every current schema file; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, model in SCHEMA_FILES.items():
        path = directory / name
        path.write_text(render(model), encoding="utf-8")
        paths.append(path)
    return paths


def released_versions(contract: str, directory: Path = SCHEMA_DIR) -> list[str]:
    """Released versions of `contract`, oldest first."""
    folder = directory / RELEASED / contract
    return sorted((p.stem for p in folder.glob("*.json")), key=_version_key)


def last_release(contract: str, directory: Path = SCHEMA_DIR) -> tuple[str, dict[str, Any]] | None:
    """(version, schema) of the newest release of `contract`, or None before its first."""
    versions = released_versions(contract, directory)
    if not versions:
        return None
    path = directory / RELEASED / contract / f"{versions[-1]}.json"
    return versions[-1], json.loads(path.read_text(encoding="utf-8"))


def check_compatible(contract: str, directory: Path = SCHEMA_DIR) -> list[str]:
    """Problems of the current model of `contract` against its last release (`[]`: compatible or unreleased)."""
    release = last_release(contract, directory)
    if release is None:
        return []
    current = json.loads(render(CONTRACTS[contract]))
    return incompatibilities(release[1], current)


def release(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Record every contract's current schema as released under its `schema_version`; returns new files.

    Raises `ContractError` when a model is incompatible with its last release, or when its
    version is already released with a different schema (bump `schema_version`).
    """
    written = []
    for contract, model in CONTRACTS.items():
        problems = check_compatible(contract, directory)
        if problems:
            raise ContractError(f"{contract} is not backward compatible: " + "; ".join(problems))
        path = directory / RELEASED / contract / f"{schema_version(model)}.json"
        text = render(model)
        if path.exists():
            if path.read_text(encoding="utf-8") != text:
                raise ContractError(
                    f"{contract} {schema_version(model)} is already released with a different schema: "
                    "bump schema_version"
                )
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
