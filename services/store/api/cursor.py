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

from services.store.db.queries import SORTS, Sort, SortKey

_VERSION = 1


class InvalidCursor(ValueError):
    """The cursor is malformed or belongs to another query."""


def fingerprint(params: dict[str, Any]) -> str:
    """A short digest of the query's filters (order of keys and of repeated values ignored)."""
    canon = {k: sorted(map(str, v)) if isinstance(v, list | tuple) else str(v) for k, v in params.items()}
    return hashlib.sha256(orjson.dumps(canon, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]


def encode_cursor(sort: Sort, key: SortKey, query_fingerprint: str) -> str:
    """The cursor continuing after `key`."""
    value, event_id = key
    if isinstance(value, datetime | date):
        value = value.isoformat()
    doc = {"v": _VERSION, "s": sort, "k": [value, event_id], "f": query_fingerprint}
    return base64.urlsafe_b64encode(orjson.dumps(doc)).decode().rstrip("=")


def decode_cursor(token: str, sort: Sort, query_fingerprint: str) -> SortKey:
    """The sort key inside `token`; raises `InvalidCursor` when it is malformed or from another query."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        doc = orjson.loads(raw)
        version, doc_sort, (value, event_id), fp = doc["v"], doc["s"], doc["k"], doc["f"]
    except (binascii.Error, ValueError, orjson.JSONDecodeError, KeyError, TypeError) as exc:
        raise InvalidCursor("cursor is malformed; pass next_cursor exactly as returned") from exc
    if version != _VERSION or doc_sort not in SORTS or not isinstance(event_id, str):
        raise InvalidCursor("cursor is malformed; pass next_cursor exactly as returned")
    if doc_sort != sort or fp != query_fingerprint:
        raise InvalidCursor(
            "cursor belongs to a query with other filters or sort; start again without cursor"
        )
    try:
        if sort == "-date":
            return (date.fromisoformat(value) if value is not None else None, event_id)
        if not isinstance(value, str):
            raise TypeError("updated_at missing")
        return (datetime.fromisoformat(value), event_id)
    except (TypeError, ValueError) as exc:
        raise InvalidCursor("cursor is malformed; pass next_cursor exactly as returned") from exc
