"""Keyset cursors: round trips, and refusals of tokens from other queries or garbage."""

from __future__ import annotations

from datetime import date

import pytest

from services.store.api.cursor import InvalidCursor, decode_cursor, encode_cursor, fingerprint


def test_cursor_round_trip_and_refusals() -> None:
    fp = fingerprint({"country": ["IRQ", "IRN"], "sort": "-date"})
    assert fp == fingerprint({"sort": "-date", "country": ["IRN", "IRQ"]})
    for key in [(date(2024, 3, 1), "e1"), (None, "e2")]:
        assert decode_cursor(encode_cursor("-date", key, fp), "-date", fp) == key
    from datetime import UTC, datetime

    at = datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    assert decode_cursor(encode_cursor("updated", (at, "e3"), fp), "updated", fp) == (at, "e3")
    token = encode_cursor("-date", (None, "e2"), fp)
    with pytest.raises(InvalidCursor, match="other filters"):
        decode_cursor(token, "-date", fingerprint({"country": ["IRN"]}))
    with pytest.raises(InvalidCursor, match="other filters"):
        decode_cursor(token, "updated", fp)
    for junk in ["", "%%%", "e30", token[:-3]]:
        with pytest.raises(InvalidCursor):
            decode_cursor(junk, "-date", fp)
