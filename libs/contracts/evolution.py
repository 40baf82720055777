"""Schema evolution check: is a new JSON Schema backward compatible with the released one?

`incompatibilities(old, new)` is pure: two JSON Schema documents in, a list of
human-readable problems out (empty = compatible). Compatible means every value
the old schema accepts is still accepted by the new one and keeps its fields, so
records already on a topic (compacted topics keep them forever) are read by new
consumers and new records by old ones. Reported:

* a field removed (a rename is a removal plus an addition);
* a field made required, or a new field added as required;
* a type narrowed: a JSON type (`null` included) no longer accepted, `number`
  becoming `integer`, enum/const values removed or a closed set introduced,
  a string `format`/`pattern` added or changed, `maxLength`/`minLength`,
  `maximum`/`minimum` (exclusive too), `maxItems`/`minItems` tightened,
  `uniqueItems` added, additional properties forbidden.

Accepted: new optional fields, new enum values, widened types and bounds,
descriptions, defaults and titles. Local `$ref`s (`#/$defs/...`) are followed;
`anyOf`/`oneOf` alternatives and type lists are compared alternative by alternative.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Schema = Mapping[str, Any]

_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")
_EXACT = ("format", "pattern")


def incompatibilities(old: Schema, new: Schema) -> list[str]:
    """Why `new` is not backward compatible with `old`; `[]` when it is."""
    return _Checker(old, new).compare(old, new, "$")


@dataclass
class _Checker:
    old_root: Schema
    new_root: Schema
    _active: set[tuple[str, str]] = field(default_factory=set)

    def compare(self, old: Schema, new: Schema, path: str) -> list[str]:
        """Problems of `new` against `old` at `path` (refs followed, alternatives paired)."""
        key = (str(old.get("$ref")), str(new.get("$ref")))
        if "$ref" in old and "$ref" in new:
            if key in self._active:
                return []  # a recursive definition already being compared
            self._active.add(key)
        try:
            old_alts = _alternatives(_resolve(self.old_root, old), self.old_root)
            new_alts = _alternatives(_resolve(self.new_root, new), self.new_root)
            problems: list[str] = []
            for alt in old_alts:
                problems += self._best_match(alt, new_alts, path)
            return problems
        finally:
            self._active.discard(key)

    def _best_match(self, old: Schema, new_alts: list[Schema], path: str) -> list[str]:
        candidates = [alt for alt in new_alts if _accepts_type(alt, old)]
        if not candidates:
            return [f"{path}: type narrowed: {_describe(old)} is no longer accepted"]
        results = [self._compare_single(old, alt, path) for alt in candidates]
        return min(results, key=len)

    def _compare_single(self, old: Schema, new: Schema, path: str) -> list[str]:
        problems = _value_set_problems(old, new, path) + _keyword_problems(old, new, path)
        if "items" in old or "items" in new:
            problems += self.compare(old.get("items", {}), new.get("items", {}), f"{path}[]")
        if _type_of(old) == "object" or "properties" in old:
            problems += self._object_problems(old, new, path)
        return problems

    def _object_problems(self, old: Schema, new: Schema, path: str) -> list[str]:
        problems: list[str] = []
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        for name in old_props:
            if name not in new_props:
                problems.append(f"{path}.{name}: field removed (or renamed)")
            else:
                problems += self.compare(old_props[name], new_props[name], f"{path}.{name}")
        old_required = set(old.get("required", ()))
        for name in sorted(set(new.get("required", ())) - old_required):
            what = "field made required" if name in old_props else "new field is required"
            problems.append(f"{path}.{name}: {what}")
        if new.get("additionalProperties") is False and old.get("additionalProperties") is not False:
            problems.append(f"{path}: additional properties are no longer allowed")
        return problems


def _resolve(root: Schema, node: Schema) -> Schema:
    """`node` with its local `$ref` (and single-element `allOf`) merged in; siblings win."""
    seen: set[str] = set()
    while True:
        if "$ref" in node:
            ref = node["$ref"]
            if ref in seen or not str(ref).startswith("#"):
                return node  # a cycle or an external ref: compared as written
            seen.add(ref)
            target = _pointer(root, ref)
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        elif isinstance(node.get("allOf"), list) and len(node["allOf"]) == 1:
            node = {**node["allOf"][0], **{k: v for k, v in node.items() if k != "allOf"}}
        else:
            return node


def _pointer(root: Schema, ref: str) -> Schema:
    node: Any = root
    for part in ref.lstrip("#").split("/")[1:]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _alternatives(node: Schema, root: Schema) -> list[Schema]:
    """`node` split into single-type alternatives (`anyOf`/`oneOf` flattened, type lists split)."""
    for keyword in ("anyOf", "oneOf"):
        if keyword in node:
            rest = {k: v for k, v in node.items() if k != keyword}
            out: list[Schema] = []
            for alt in node[keyword]:
                out += _alternatives(_resolve(root, {**rest, **alt}), root)
            return out
    if isinstance(node.get("type"), list):
        return [{**node, "type": t} for t in node["type"]]
    return [node]


def _type_of(node: Schema) -> str | None:
    """The JSON type an alternative stands for (None: any)."""
    if "type" in node:
        return str(node["type"])
    values = _values(node)
    if values is not None:
        kinds = {_json_type(v) for v in values}
        return kinds.pop() if len(kinds) == 1 else None
    if "properties" in node or "required" in node:
        return "object"
    return None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _accepts_type(new: Schema, old: Schema) -> bool:
    new_type, old_type = _type_of(new), _type_of(old)
    if new_type is None:
        return True
    return new_type == old_type or (new_type == "number" and old_type == "integer")


def _values(node: Schema) -> list[Any] | None:
    if "const" in node:
        return [node["const"]]
    if "enum" in node:
        return list(node["enum"])
    return None


def _value_set_problems(old: Schema, new: Schema, path: str) -> list[str]:
    old_values, new_values = _values(old), _values(new)
    if new_values is None:
        return []
    if old_values is None:
        return [f"{path}: type narrowed: now limited to {new_values!r}"]
    removed = [v for v in old_values if v not in new_values]
    return [f"{path}: enum values removed: {removed!r}"] if removed else []


def _keyword_problems(old: Schema, new: Schema, path: str) -> list[str]:
    problems = []
    for key in _EXACT:
        if key in new and new[key] != old.get(key):
            problems.append(f"{path}: {key} tightened: {old.get(key)!r} -> {new[key]!r}")
    for key in _LOWER_BOUNDS:
        if key in new and (key not in old or new[key] > old[key]):
            problems.append(f"{path}: {key} tightened: {old.get(key)!r} -> {new[key]!r}")
    for key in _UPPER_BOUNDS:
        if key in new and (key not in old or new[key] < old[key]):
            problems.append(f"{path}: {key} tightened: {old.get(key)!r} -> {new[key]!r}")
    if new.get("uniqueItems") and not old.get("uniqueItems"):
        problems.append(f"{path}: uniqueItems added")
    return problems


def _describe(node: Schema) -> str:
    values = _values(node)
    if values is not None:
        return f"value(s) {values!r}"
    return f"type {_type_of(node) or 'any'}"
