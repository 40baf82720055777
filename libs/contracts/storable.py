"""Storable text: what the contracts do to every string so that whatever passes validation can be stored.

Postgres `text` and `jsonb` cannot hold U+0000 (`UntranslatableCharacter`), and a
surrogate code point (U+D800 to U+DFFF, a "lone surrogate": Python strings may hold
one, UTF-8 cannot) cannot even be encoded for the driver. `storable(text)` removes
both; every other character, control characters included, is kept (Postgres
stores them, JSON escapes them).

`StorableModel` applies it to every string field of a model (strings inside lists
too; nested models apply it themselves) before the field's own validation, so a
constrained field (a length, a pattern) judges the cleaned string: pydantic would
refuse a surrogate there with a confusing `string_unicode` error. The
contract models derive from it, so an event the extractor emits from any article
can always be stored, whatever a producer put in the article. Removal happens
before extraction (the article is validated on the way in), so evidence offsets
index into the cleaned text. `content_hash` and `article_id` stay as the producer
computed them: they identify the article as published.

JSON values on a topic rarely reach this: pydantic's JSON parser already refuses a
lone surrogate escape (`"\\ud800"`) as invalid JSON (dead-lettered as `InvalidJSON`),
but accepts `"\\u0000"`.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, field_validator

#: NUL and every surrogate code point: the characters Postgres text/JSONB cannot hold.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` without NUL and surrogate code points; the same object when it has none."""
    if "\x00" in text or (not text.isascii() and UNSTORABLE.search(text)):
        return UNSTORABLE.sub("", text)
    return text


def storable_value(value: Any) -> Any:
    """`storable` applied to a string, or to the strings of a list/tuple; anything else unchanged."""
    if isinstance(value, str):
        cleaned = storable(value)
        return value if cleaned is value else cleaned
    if isinstance(value, list | tuple) and any(isinstance(v, str) for v in value):
        items = [storable_value(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    return value


class StorableModel(BaseModel):
    """Base of the contract models: every string field is made `storable` before its validation."""

    @field_validator("*", mode="before")
    @classmethod
    def _storable_strings(cls, value: Any) -> Any:
        return storable_value(value)
