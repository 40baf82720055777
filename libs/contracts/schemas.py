"""JSON Schema files generated from the contract models (`accord schemas` writes them).

The files under `libs/contracts/schemas/` are what non-Python consumers read;
`tests/contracts/test_schemas.py` fails when they drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from libs.contracts.articles import RawArticle
from libs.contracts.events import CooperationEvent
from libs.contracts.extractions import ArticleExtraction

SCHEMA_DIR = Path(__file__).parent / "schemas"

#: file name -> model
SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "raw-article.v1.json": RawArticle,
    "cooperation-event.v1.json": CooperationEvent,
    "article-extraction.v1.json": ArticleExtraction,
}


def render(model: type[BaseModel]) -> str:
    """The schema text for `model`, as committed (stable key order, trailing newline)."""
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write_all(directory: Path = SCHEMA_DIR) -> list[Path]:
    """(Re)write every schema file; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, model in SCHEMA_FILES.items():
        path = directory / name
        path.write_text(render(model), encoding="utf-8")
        paths.append(path)
    return paths
