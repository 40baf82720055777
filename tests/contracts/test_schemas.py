"""The committed JSON Schema files must match the contract models (run `make schemas` to refresh)."""

import json

import pytest

from libs.contracts.schemas import SCHEMA_DIR, SCHEMA_FILES, render


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_matches_model(name: str) -> None:
    path = SCHEMA_DIR / name
    assert path.exists(), f"{path} missing: run `make schemas`"
    assert path.read_text(encoding="utf-8") == render(SCHEMA_FILES[name]), (
        f"{name} drifted from {SCHEMA_FILES[name].__name__}: run `make schemas` and commit the result"
    )


def test_event_schema_lists_the_vocabularies() -> None:
    schema = json.loads((SCHEMA_DIR / "cooperation-event.v1.json").read_text())
    defs = schema["$defs"]
    assert set(defs["EventType"]["enum"]) == {"meeting", "conference", "agreement", "intent", "cooperation", "aid"}
    assert len(defs["Sector"]["enum"]) == 17
