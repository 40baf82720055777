"""docs/asyncapi.yaml: generated from the models (no drift), valid AsyncAPI 3.0, examples valid against their payloads."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from app.cli import main
from libs.contracts import records
from libs.contracts.asyncapi import (
    EXTRACTOR_GROUP,
    EXTRACTOR_SOURCE,
    FETCHER_SOURCE,
    STORE_GROUP,
    build_document,
    render_yaml,
)
from libs.contracts.topics import TopicSettings, all_topics

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "asyncapi.yaml"
VENDORED = Path(__file__).parent / "vendor" / "asyncapi" / "asyncapi-3.0.0.schema.json"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return yaml.safe_load(DOC.read_text(encoding="utf-8"))


def test_committed_document_matches_the_models() -> None:
    assert DOC.read_text(encoding="utf-8") == render_yaml(), (
        "docs/asyncapi.yaml is stale: run `accord asyncapi`"
    )


def test_document_validates_against_the_asyncapi_3_schema(document: dict[str, Any]) -> None:
    schema = json.loads(VENDORED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message[:300]}" for e in errors[:5])


def test_the_validation_can_fail() -> None:
    broken = build_document()
    broken["channels"]["cooperationEvents"]["bindings"]["kafka"]["topicConfiguration"]["cleanup.policy"] = (
        "compact"
    )
    schema = json.loads(VENDORED.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


def test_every_topic_is_described_with_its_settings(document: dict[str, Any]) -> None:
    channels = {c["address"]: c for c in document["channels"].values()}
    specs = all_topics(TopicSettings.model_construct())
    assert set(channels) == {s.name for s in specs}
    for spec in specs:
        binding = channels[spec.name]["bindings"]["kafka"]
        assert binding["partitions"] == spec.partitions
        config = binding["topicConfiguration"]
        assert config["cleanup.policy"] == [spec.configs["cleanup.policy"]]
        assert config["max.message.bytes"] == int(spec.configs["max.message.bytes"])
    events = channels["events.cooperation"]["messages"]
    assert sorted(events) == ["cooperationEvent", "eventRetraction"]


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_examples_validate_against_their_payload_and_header_schemas(document: dict[str, Any]) -> None:
    """The payload schemas under components/schemas are usable as JSON Schema (refs into the document)."""
    checked = 0
    for name, message in document["components"]["messages"].items():
        payload = {**message["payload"], "components": document["components"]}
        headers = {**message["headers"], "components": document["components"]}
        for example in message["examples"]:
            jsonschema.Draft7Validator(payload).validate(example["payload"])
            jsonschema.Draft7Validator(headers).validate(example["headers"])
            checked += 1
        if name != "DeadLetter":
            ce_type = message["headers"]["allOf"][1]["properties"]["ce_type"]["const"]
            assert ce_type in records.CE_TYPES.values()
            assert message["examples"][0]["headers"]["ce_type"] == ce_type
    assert checked == 5
    bad = document["components"]["messages"]["EventRetraction"]["examples"][0]["payload"] | {"reason": "whim"}
    with pytest.raises(jsonschema.ValidationError):
        schema = {
            **document["components"]["messages"]["EventRetraction"]["payload"],
            "components": document["components"],
        }
        jsonschema.Draft7Validator(schema).validate(bad)


def test_producers_and_groups_match_the_services() -> None:
    from services.extractor.config import CE_SOURCE as extractor_source
    from services.extractor.config import ExtractorSettings
    from services.fetcher.articles import CE_SOURCE as fetcher_source
    from services.store.core.config import StoreSettings

    assert (FETCHER_SOURCE, EXTRACTOR_SOURCE) == (fetcher_source, extractor_source)
    assert EXTRACTOR_GROUP == ExtractorSettings.model_fields["extractor_group_id"].default
    assert STORE_GROUP == StoreSettings.model_fields["store_group_id"].default


def test_dead_letter_headers_are_the_runtime_ones() -> None:
    from libs.runtime.records import DLQ_VALUE_OMITTED

    assert records.DLQ_VALUE_OMITTED == DLQ_VALUE_OMITTED


def test_cli_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "asyncapi.yaml"
    assert main(["asyncapi", "--output", str(out), "--check"]) == 1
    assert main(["asyncapi", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render_yaml()
    assert main(["asyncapi", "--output", str(out), "--check"]) == 0
    out.write_text(out.read_text().replace("compact", "delete"))
    assert main(["asyncapi", "--output", str(out), "--check"]) == 1
    assert "stale" in capsys.readouterr().err
