"""Hostile values for the consuming doors (raw topic -> extractor, events/extractions -> store).

Each family is one `Hostile`: the bytes to produce and what must happen to them: dead-lettered
with a given `dlq_error_class`, or processed safely (`expect=None`, then `entity_id` is the id
whose output must appear). Pure data; the tests produce the families interleaved with valid
records on one topic and check every outcome.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEEP = 10_000
LONG_ID = "a" * 10_000


@dataclass(frozen=True)
class Hostile:
    family: str
    key: bytes
    value: bytes | None
    expect: str | None  # dlq_error_class, or None: processed safely
    entity_id: str | None = None  # for a safely processed record: the id its output carries


def nested(depth: int) -> bytes:
    """A JSON value nested `depth` levels deep."""
    return b'{"a":' * depth + b"1" + b"}" * depth


def _dump(data: dict[str, Any]) -> bytes:
    return json.dumps(data).encode()


def families(
    make: Callable[[str], dict[str, Any]], *, text_field: str | None, id_field: str
) -> list[Hostile]:
    """The hostile families for a model; `make(name)` gives a valid JSON object with its own id.

    `text_field` names the free-text field to abuse (None: the model has none); `id_field` its id.
    Keys are `hostile-<family>` so each outcome can be found by key.
    """

    def bad(name: str, value: bytes | None, expect: str) -> Hostile:
        return Hostile(name, f"hostile-{name}".encode(), value, expect)

    def safe(name: str, **changes: Any) -> Hostile:
        data = make(name)
        return Hostile(name, f"hostile-{name}".encode(), _dump({**data, **changes}), None, data[id_field])

    base = make("base")
    out = [
        bad("non-utf8", b"\xff\xfe\x00\x9c garbage \xc3\x28", "InvalidJSON"),
        bad("not-json", b"<html><script>alert(1)</script></html>", "InvalidJSON"),
        bad("json-array", b"[1, 2, 3]", "ValidationError"),
        bad("json-string", b'"just a string"', "ValidationError"),
        bad("json-number", b"42", "ValidationError"),
        bad("json-null", b"null", "ValidationError"),
        bad("tombstone", None, "EmptyValue"),
        bad("empty-object", b"{}", "ValidationError"),
        bad("missing-field", _dump({f: v for f, v in base.items() if f != id_field}), "ValidationError"),
        bad("wrong-type-id", _dump({**base, id_field: 12345}), "ValidationError"),
        bad("wrong-type-list", _dump({**base, id_field: [base[id_field]]}), "ValidationError"),
        bad("nested-10000", _dump(base)[:-1] + b', "deep": ' + nested(DEEP) + b"}", "InvalidJSON"),
        bad("lone-surrogate", _dump({**base, "x": "y"}).replace(b'"y"', b'"\\ud800"'), "InvalidJSON"),
        bad("id-10000-chars", _dump({**base, id_field: LONG_ID}), "ValidationError"),
    ]
    dup = make("duplicate-key")
    out.append(
        Hostile(
            "duplicate-key",
            b"hostile-duplicate-key",
            _dump({**dup, id_field: "first-value"})[:-1] + f', "{id_field}": "{dup[id_field]}"}}'.encode(),
            None,
            dup[id_field],
        )
    )
    if text_field is not None:
        out += [
            bad("wrong-type-text", _dump({**base, text_field: 3.14}), "ValidationError"),
            safe(
                "nul-control",
                **{text_field: "Iran\x00 and \x01\x1f\x7f Iraq \u202e\u200f e\u0301 \U0001f600"},
            ),
            safe("html-script", **{text_field: "<script>alert('x')</script><b>Iran</b> &amp; Iraq"}),
            safe("whitespace-only", **{text_field: " \n\t\u00a0\u2003 "}),
        ]
    return out
