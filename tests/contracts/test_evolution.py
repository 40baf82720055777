"""The schema evolution checker on hand-made schema pairs: each incompatibility caught, compatible changes accepted."""

import copy
from typing import Any

import pytest

from libs.contracts.evolution import incompatibilities

BASE: dict[str, Any] = {
    "type": "object",
    "required": ["id", "kind"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 64},
        "kind": {"$ref": "#/$defs/Kind"},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "count": {"type": "integer"},
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "when": {"type": "string", "format": "date-time"},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
        "place": {"anyOf": [{"$ref": "#/$defs/Place"}, {"type": "null"}]},
        "version": {"const": "1.0", "type": "string"},
    },
    "$defs": {
        "Kind": {"type": "string", "enum": ["a", "b"]},
        "Place": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}, "country": {"type": "string"}},
        },
    },
}


def changed(edit) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    new = copy.deepcopy(BASE)
    edit(new)
    return new


def test_identical_schemas_are_compatible() -> None:
    assert incompatibilities(BASE, copy.deepcopy(BASE)) == []


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda s: s["properties"].update(extra={"type": "string"}), None),  # optional field added
        (lambda s: s["$defs"]["Kind"]["enum"].append("c"), None),  # enum value added
        (lambda s: s["properties"]["count"].update(type="number"), None),  # integer widened to number
        (lambda s: s["properties"]["score"].pop("maximum"), None),  # bound relaxed
        (lambda s: s["properties"]["score"].update(minimum=-1), None),  # bound relaxed
        (lambda s: s["properties"]["id"].update(maxLength=128), None),  # longer allowed
        (lambda s: s["properties"]["id"].pop("pattern"), None),  # pattern dropped
        (lambda s: s["required"].remove("kind"), None),  # made optional
        (lambda s: s["properties"]["count"].update(type=["integer", "null"]), None),  # null allowed
        (lambda s: s["properties"]["when"].update(description="an instant"), None),  # docs only
        (
            lambda s: s["properties"].update(version={"type": "string", "enum": ["1.0", "1.1"]}),
            None,
        ),  # 1.0 still read
    ],
)
def test_compatible_changes_are_accepted(edit, expected) -> None:  # type: ignore[no-untyped-def]
    assert incompatibilities(BASE, changed(edit)) == []


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda s: s["properties"].pop("score"), "$.score: field removed"),
        (lambda s: s["properties"].update(points=s["properties"].pop("score")), "$.score: field removed"),
        (lambda s: s["required"].append("score"), "$.score: field made required"),
        (
            lambda s: s["properties"].update(extra={"type": "string"}) or s["required"].append("extra"),
            "$.extra: new field is required",
        ),
        (lambda s: s["properties"]["count"].update(type="string"), "$.count: type narrowed"),
        (lambda s: s["properties"]["score"].update(type="integer"), "$.score: type narrowed"),
        (lambda s: s["properties"].update(note={"type": "string"}), "$.note: type narrowed: type null"),
        (lambda s: s["$defs"]["Kind"]["enum"].remove("b"), "$.kind: enum values removed: ['b']"),
        (lambda s: s["properties"]["when"].update(format="date"), "$.when: format tightened"),
        (lambda s: s["properties"]["count"].update(format="int32"), "$.count: format tightened"),
        (lambda s: s["properties"]["id"].update(pattern="^[a-z]{3}$"), "$.id: pattern tightened"),
        (lambda s: s["properties"]["id"].update(maxLength=32), "$.id: maxLength tightened"),
        (lambda s: s["properties"]["id"].update(minLength=2), "$.id: minLength tightened"),
        (lambda s: s["properties"]["score"].update(maximum=0.5), "$.score: maximum tightened"),
        (lambda s: s["properties"]["score"].update(minimum=0.1), "$.score: minimum tightened"),
        (
            lambda s: s["properties"]["count"].update(exclusiveMinimum=0),
            "$.count: exclusiveMinimum tightened",
        ),
        (lambda s: s["properties"]["tags"].update(maxItems=5), "$.tags: maxItems tightened"),
        (lambda s: s["properties"]["tags"].update(uniqueItems=True), "$.tags: uniqueItems added"),
        (lambda s: s["properties"]["tags"]["items"].update(type="integer"), "$.tags[]: type narrowed"),
        (
            lambda s: s["properties"]["note"].update(
                anyOf=[{"type": "string", "enum": ["x"]}, {"type": "null"}]
            ),
            "$.note: type narrowed: now limited to ['x']",
        ),
        (lambda s: s["$defs"]["Place"]["properties"].pop("country"), "$.place.country: field removed"),
        (lambda s: s["$defs"]["Place"]["required"].append("country"), "$.place.country: field made required"),
        (
            lambda s: s["properties"]["place"].update(anyOf=[{"$ref": "#/$defs/Place"}]),
            "$.place: type narrowed",
        ),
        (lambda s: s.update(additionalProperties=False), "$: additional properties are no longer allowed"),
        (lambda s: s["properties"]["version"].update(const="2.0"), "$.version: enum values removed: ['1.0']"),
    ],
)
def test_each_incompatibility_is_caught(edit, fragment: str) -> None:  # type: ignore[no-untyped-def]
    problems = incompatibilities(BASE, changed(edit))
    assert any(fragment in p for p in problems), problems


def test_an_untyped_field_given_a_type_is_narrowed() -> None:
    old = {"type": "object", "properties": {"x": {}}}
    new = {"type": "object", "properties": {"x": {"type": "string"}}}
    assert incompatibilities(old, new) == ["$.x: type narrowed: type any is no longer accepted"]
    assert incompatibilities(new, old) == []


def test_recursive_definitions_terminate() -> None:
    tree = {
        "$ref": "#/$defs/Node",
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}},
            }
        },
    }
    assert incompatibilities(tree, copy.deepcopy(tree)) == []
    narrowed = copy.deepcopy(tree)
    narrowed["$defs"]["Node"]["properties"]["children"]["maxItems"] = 2
    assert incompatibilities(tree, narrowed) == ["$.children: maxItems tightened: None -> 2"]
