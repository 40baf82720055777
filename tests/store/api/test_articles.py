"""`GET /v1/articles` and `/v1/articles/{id}` over summaries the sink wrote."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.store.api import dataset
from tests.store.api.conftest import SeededApi

pytestmark = pytest.mark.integration


def _status(s: Any) -> str:
    if s.status.value == "skipped":
        return "skipped"
    return "extracted" if s.event_ids else "no_events"


def _pages(api: SeededApi, params: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        body = api.get(
            "/v1/articles", {**params, "limit": 7, **({"cursor": cursor} if cursor else {})}
        ).json()
        assert set(body) == {"items", "next_cursor", "total", "total_is_estimate"}
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_listing_pages_through_every_article_newest_first(seeded: SeededApi) -> None:
    items = _pages(seeded, {})
    summaries = sorted(seeded.seed.summaries, key=lambda s: s.article_id, reverse=True)
    summaries.sort(key=lambda s: s.published_at, reverse=True)
    assert [i["article_id"] for i in items] == [s.article_id for s in summaries]
    by_id = {s.article_id: s for s in seeded.seed.summaries}
    for item in items:
        s = by_id[item["article_id"]]
        assert item["status"] == _status(s)
        assert item["event_count"] == len(s.event_ids)
        assert item["title"] == s.title and item["publisher"] == s.publisher and item["url"] == s.url
        assert datetime.fromisoformat(item["published_at"]) == s.published_at
        assert item["extractor"] == {"name": s.extractor.name, "version": s.extractor.version}
        assert (item["skip_reason"] is not None) == (s.status.value == "skipped")


@pytest.mark.parametrize(
    ("params", "pred"),
    [
        ({"publisher": "Baghdad Post"}, lambda s: s.publisher == "Baghdad Post"),
        ({"status": "skipped"}, lambda s: _status(s) == "skipped"),
        ({"status": ["no_events", "skipped"]}, lambda s: _status(s) != "extracted"),
        (
            {"published_since": "2024-06-01", "published_until": "2024-12-31"},
            lambda s: datetime(2024, 6, 1, tzinfo=UTC) <= s.published_at < datetime(2025, 1, 1, tzinfo=UTC),
        ),
    ],
)
def test_filters(seeded: SeededApi, params: dict[str, Any], pred: Any) -> None:
    want = {s.article_id for s in seeded.seed.summaries if pred(s)}
    assert want
    assert {i["article_id"] for i in _pages(seeded, params)} == want
    first = seeded.get("/v1/articles", params).json()
    assert first["total"] == len(want) and first["total_is_estimate"] is False


def test_one_article_with_its_current_events(seeded: SeededApi) -> None:
    summary = seeded.seed.summaries[0]  # re-extracted: one of its events is retracted
    r = seeded.get(f"/v1/articles/{summary.article_id}")
    assert r.status_code == 200
    body = r.json()
    assert body["article_id"] == summary.article_id and body["status"] == "extracted"
    mine = [e for e in seeded.seed.current() if e.article_id == summary.article_id]
    assert [e["event_id"] for e in body["events"]] == [e.event_id for e in dataset.newest_first(mine)]
    assert all(e["status"] == "current" for e in body["events"])
    assert set(summary.event_ids) == {e["event_id"] for e in body["events"]}
    skipped = seeded.get("/v1/articles/ux0").json()
    assert skipped["status"] == "skipped" and skipped["events"] == []


def test_a_cursor_from_other_filters_is_refused(seeded: SeededApi) -> None:
    page = seeded.get("/v1/articles", {"limit": 2}).json()
    r = seeded.get("/v1/articles", {"publisher": "Tehran Times", "cursor": page["next_cursor"]})
    assert r.status_code == 400 and r.json()["type"].endswith("/invalid-cursor")
