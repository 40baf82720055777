"""Opaque page cursors: the sort key of a page's last row, bound to the query's sort and filters.

A cursor is URL-safe base64 of a small JSON document. It is not secret (a
client that edits one only moves its own position) but it is checked: a cursor
from another sort or other filters is refused, so a page never continues a
different query.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import date, datetime
from typing import Any

import orjson

from services.store.errors import StoreError

#: The orders a cursor can continue, and the type of their first key part (None allowed when nullable).
#: `-date` and `updated` list events; `published` lists articles.
ORDERS: dict[str, tuple[type, bool]] = {
    "-date": (date, True),
    "updated": (datetime, False),
    "published": (datetime, True),
}
_MALFORMED = "cursor is malformed; pass next_cursor exactly as returned"

#: (first sort key part, id)
Key = tuple[Any, str]

_VERSION = 1


class InvalidCursor(StoreError, ValueError):
    """The cursor is malformed or belongs to another query."""


def fingerprint(params: dict[str, Any]) -> str:
    """A short digest of the query's filters (order of keys and of repeated values ignored)."""
    canon = {k: sorted(map(str, v)) if isinstance(v, list | tuple) else str(v) for k, v in params.items()}
    return hashlib.sha256(orjson.dumps(canon, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]


def encode_cursor(order: str, key: Key, query_fingerprint: str) -> str:
    """The cursor continuing after `key` in `order`."""
    value, row_id = key
    if isinstance(value, datetime | date):
        value = value.isoformat()
    doc = {"v": _VERSION, "s": order, "k": [value, row_id], "f": query_fingerprint}
    return base64.urlsafe_b64encode(orjson.dumps(doc)).decode().rstrip("=")


def decode_cursor(token: str, order: str, query_fingerprint: str) -> Key:
    """The sort key inside `token`; raises `InvalidCursor` when it is malformed or from another query."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        doc = orjson.loads(raw)
        version, doc_order, (value, row_id), fp = doc["v"], doc["s"], doc["k"], doc["f"]
    except (binascii.Error, ValueError, orjson.JSONDecodeError, KeyError, TypeError) as exc:
        raise InvalidCursor(_MALFORMED) from exc
    if version != _VERSION or doc_order not in ORDERS or not isinstance(row_id, str):
        raise InvalidCursor(_MALFORMED)
    if doc_order != order or fp != query_fingerprint:
        raise InvalidCursor(
            "cursor belongs to a query with other filters or sort; start again without cursor"
        )
    kind, nullable = ORDERS[order]
    if value is None and nullable:
        return (None, row_id)
    try:
        if not isinstance(value, str):
            raise TypeError("sort key missing")
        return (kind.fromisoformat(value), row_id)  # type: ignore[attr-defined]
    except (TypeError, ValueError) as exc:
        raise InvalidCursor(_MALFORMED) from exc
