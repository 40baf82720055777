"""Committed JSON Schemas match the models (`make schemas`); current models stay compatible with their releases."""

import json
from pathlib import Path

import pytest

from libs.contracts.errors import ContractError
from libs.contracts.schemas import (
    CONTRACTS,
    SCHEMA_DIR,
    SCHEMA_FILES,
    check_compatible,
    last_release,
    release,
    released_versions,
    render,
)


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
    assert set(defs["EventType"]["enum"]) == {
        "meeting",
        "conference",
        "agreement",
        "intent",
        "cooperation",
        "aid",
    }
    assert len(defs["Sector"]["enum"]) == 17


@pytest.mark.parametrize("contract", sorted(CONTRACTS))
def test_current_model_is_backward_compatible_with_its_last_release(contract: str) -> None:
    assert released_versions(contract), f"{contract} was never released: run `accord schemas --release`"
    problems = check_compatible(contract)
    assert problems == [], f"{contract} breaks its last release (see libs/contracts/evolution.py): {problems}"


def test_release_adds_new_versions_and_refuses_to_rewrite_one(tmp_path: Path) -> None:
    written = release(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(
        f"released/{c}/1.0.json" for c in CONTRACTS
    )
    assert release(tmp_path) == []  # idempotent
    assert last_release("cooperation-event", tmp_path)[0] == "1.0"

    changed = tmp_path / "released" / "raw-article" / "1.0.json"
    changed.write_text(changed.read_text().replace('"title": "RawArticle"', '"title": "Other"'))
    with pytest.raises(ContractError, match="bump schema_version"):
        release(tmp_path)


def test_release_refuses_an_incompatible_model(tmp_path: Path) -> None:
    release(tmp_path)
    older = tmp_path / "released" / "event-retraction" / "0.9.json"
    schema = json.loads((tmp_path / "released" / "event-retraction" / "1.0.json").read_text())
    schema["properties"]["reason_text"] = {"type": "string"}  # a field the current model lacks
    older.write_text(json.dumps(schema))
    (tmp_path / "released" / "event-retraction" / "1.0.json").rename(
        tmp_path / "released" / "event-retraction" / "0.1.json"
    )
    assert released_versions("event-retraction", tmp_path) == ["0.1", "0.9"]
    assert check_compatible("event-retraction", tmp_path) == ["$.reason_text: field removed (or renamed)"]
    with pytest.raises(ContractError, match="not backward compatible"):
        release(tmp_path)
