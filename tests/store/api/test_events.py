"""`GET /v1/events` and `/v1/events/{id}` over data the sink wrote: every filter, paging, inserts while paging."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
import pytest
from sqlalchemy import select, update

from libs.contracts.events import CooperationEvent
from services.store.db.models import events
from tests.store.api import dataset
from tests.store.api.conftest import SeededApi
from tests.store.factories import T0

pytestmark = pytest.mark.integration


def all_pages(api: SeededApi, params: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Follow next_cursor to the end; returns the items and every page body."""
    items: list[dict[str, Any]] = []
    pages = []
    cursor = None
    for _ in range(200):
        r = api.get("/v1/events", {**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"items", "next_cursor", "total", "total_is_estimate"}
        items += body["items"]
        pages.append(body)
        cursor = body["next_cursor"]
        if cursor is None:
            return items, pages
    raise AssertionError("paging did not end")


def ids(api: SeededApi, params: dict[str, Any]) -> set[str]:
    items, pages = all_pages(api, {**params, "limit": 25})
    found = {i["event_id"] for i in items}
    assert len(found) == len(items)
    cap = api.settings.api_total_exact_max
    for body in pages:
        if body["total_is_estimate"]:
            assert len(found) > cap and body["total"] > cap
        else:
            assert body["total"] == len(found)
    return found


def test_paging_by_date_returns_every_current_event_once_in_order(seeded: SeededApi) -> None:
    items, pages = all_pages(seeded, {"limit": 7})
    want = dataset.newest_first(seeded.seed.current())
    assert [i["event_id"] for i in items] == [e.event_id for e in want]
    assert len(pages) > 3
    # no filter: the rollup counts it, so the total is exact even beyond the cap
    assert all(p["total"] == len(want) and not p["total_is_estimate"] for p in pages)


@pytest.mark.parametrize(
    ("params", "pred"),
    [
        ({"country": "IRN", "sector": "energy"}, lambda e: "IRN" in e.countries and _in_sector(e, "energy")),
        ({"pair": "IRN,CHN"}, lambda e: {"IRN", "CHN"} <= set(e.countries)),
        (
            {"pair": "CHN,IRN", "type": "agreement"},
            lambda e: {"IRN", "CHN"} <= set(e.countries) and _typed(e),
        ),
        ({"pair": "IRN,UNESCO"}, lambda e: "IRN" in e.countries and "UNESCO" in e.igos),
    ],
    ids=lambda v: (
        str(v) if isinstance(v, dict) else None
    ),  # stable ids: the workers of `pytest -n` compare them
)
def test_totals_the_rollups_count_are_exact(seeded: SeededApi, params: dict[str, Any], pred: Any) -> None:
    """One party and a sector, or a pair: the total comes from a rollup."""
    from tests.store.api.test_stats import _filter

    assert _filter(params).count_rows() is not None
    want = {e.event_id for e in seeded.seed.current() if pred(e)}
    assert want and ids(seeded, params) == want  # `ids` checks every page's total


def _in_sector(e: CooperationEvent, sector: str) -> bool:
    return sector in {s.value for s in e.sectors}


def _typed(e: CooperationEvent) -> bool:
    return e.type.value == "agreement"


def test_totals_beyond_the_cap_are_flagged_estimates(seeded: SeededApi) -> None:
    """A filter the rollups do not count, matching more than the cap: estimated, and said so."""
    cap = seeded.settings.api_total_exact_max
    want = [e for e in seeded.seed.current() if e.confidence >= 0.3]
    assert len(want) > cap
    items, pages = all_pages(seeded, {"min_confidence": 0.3, "limit": 7})
    assert len(items) == len(want)
    assert all(p["total_is_estimate"] and p["total"] > cap for p in pages)
    few = all_pages(seeded, {"min_confidence": 0.95})[1]
    assert all(not p["total_is_estimate"] for p in few)


def test_items_are_the_contract_json_with_a_status(seeded: SeededApi) -> None:
    by_id = {e.event_id: e for e in seeded.seed.events}
    items, _ = all_pages(seeded, {"limit": 25, "status": "all"})
    assert len(items) == len(seeded.seed.events)
    for item in items:
        event = by_id[item["event_id"]]
        want = "retracted" if event.event_id in seeded.seed.retracted else "current"
        assert item.pop("status") == want
        assert item == event.model_dump(mode="json")
        assert CooperationEvent.model_validate(item) == event


def _published(e: CooperationEvent, lo: datetime | None, hi: datetime | None) -> bool:
    at = e.article.published_at
    return at is not None and (lo is None or at >= lo) and (hi is None or at <= hi)


def _words(e: CooperationEvent) -> str:
    return " ".join(
        [e.article.title or "", *(p.name for p in e.participants), *(x.text for x in e.evidence)]
    ).lower()


FILTER_CASES: list[tuple[dict[str, Any], Any]] = [
    ({"country": "IRN"}, lambda e: "IRN" in e.countries),
    ({"country": ["irn", "IRQ"]}, lambda e: {"IRN", "IRQ"} <= set(e.countries)),
    ({"type": ["aid", "meeting"]}, lambda e: e.type.value in ("aid", "meeting")),
    ({"igo": "UNESCO"}, lambda e: "UNESCO" in e.igos),
    ({"pair": "IRN,CHN"}, lambda e: {"IRN", "CHN"} <= set(e.countries)),
    ({"pair": "chn,UNESCO"}, lambda e: "CHN" in e.countries and "UNESCO" in e.igos),
    ({"pair": ["CHN,IND", "IND,IRN"]}, lambda e: {"CHN", "IND", "IRN"} <= set(e.countries)),
    (
        {"sector": ["energy", "higher_education"]},
        lambda e: {"energy", "higher_education"} <= {s.value for s in e.sectors},
    ),
    ({"location_country": "CHN"}, lambda e: e.location is not None and e.location.country == "CHN"),
    ({"date_from": "2024-06-01"}, lambda e: dataset.overlaps(e, date(2024, 6, 1), None)),
    (
        {"date_from": "2024-03-10", "date_to": "2024-09-30"},
        lambda e: dataset.overlaps(e, date(2024, 3, 10), date(2024, 9, 30)),
    ),
    (
        {"published_since": "2024-06-01", "published_until": "2024-12-31"},
        lambda e: _published(e, datetime(2024, 6, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)),
    ),
    (
        {"published_until": "2024-03-01T08:30:00Z"},
        lambda e: _published(e, None, datetime(2024, 3, 1, 8, 30, tzinfo=UTC)),
    ),
    ({"q": "vaccine"}, lambda e: "vaccine" in _words(e)),
    ({"q": '"solar power"'}, lambda e: "solar power" in _words(e)),
    ({"q": "tehran OR tsinghua"}, lambda e: "tehran" in _words(e) or "tsinghua" in _words(e)),
    (
        {"q": "memorandum -nanotechnology"},
        lambda e: "memorandum" in _words(e) and "nanotechnology" not in _words(e),
    ),
    ({"publisher": "Baghdad Post"}, lambda e: e.article.publisher == "Baghdad Post"),
    ({"article_id": "u005"}, lambda e: e.article_id == "u005"),
    ({"min_confidence": 0.75}, lambda e: e.confidence >= 0.75),
    (
        {"country": "RUS", "type": "agreement", "date_to": "2024-12-31"},
        lambda e: (
            "RUS" in e.countries
            and e.type.value == "agreement"
            and dataset.overlaps(e, None, date(2024, 12, 31))
        ),
    ),
]


@pytest.mark.parametrize(("params", "pred"), FILTER_CASES, ids=[str(p) for p, _ in FILTER_CASES])
def test_each_filter_matches_the_reference(seeded: SeededApi, params: dict[str, Any], pred: Any) -> None:
    want = {e.event_id for e in seeded.seed.current() if pred(e)}
    assert want, "the seed must exercise this filter"
    assert ids(seeded, params) == want


def test_status_retracted_all_and_the_retired_alias(seeded: SeededApi) -> None:
    retracted = seeded.seed.retracted
    assert retracted
    assert ids(seeded, {"status": "retracted"}) == retracted
    assert ids(seeded, {"status": "retired"}) == retracted
    assert ids(seeded, {"status": "all"}) == {e.event_id for e in seeded.seed.events}
    some = sorted(retracted)[0]
    r = seeded.get(f"/v1/events/{some}")
    assert r.status_code == 200 and r.headers["Accord-Retired-At"]
    assert r.json()["event_id"] == some and r.json()["status"] == "retracted"


def test_get_one_event(seeded: SeededApi) -> None:
    ev = seeded.seed.current()[0]
    r = seeded.get(f"/v1/events/{ev.event_id}")
    assert r.status_code == 200 and "Accord-Retired-At" not in r.headers
    body = r.json()
    assert body.pop("status") == "current"
    assert CooperationEvent.model_validate(body) == ev


def test_a_cursor_only_continues_its_own_query(seeded: SeededApi) -> None:
    page = seeded.get("/v1/events", {"country": "IRN", "limit": 2}).json()
    assert page["next_cursor"]
    r = seeded.get("/v1/events", {"country": "IRQ", "limit": 2, "cursor": page["next_cursor"]})
    assert r.status_code == 400 and r.json()["type"].endswith("/invalid-cursor")
    assert r.json()["errors"][0]["parameter"] == "cursor"
    r = seeded.get("/v1/events", {"country": "IRN", "sort": "updated", "cursor": page["next_cursor"]})
    assert r.status_code == 400
    r = seeded.get("/v1/events", {"country": "irn", "limit": 5, "cursor": page["next_cursor"]})
    assert r.status_code == 200  # another page size continues the same query
    forged = base64.urlsafe_b64encode(orjson.dumps({"v": 1, "s": "-date", "k": [5, []], "f": "x"})).decode()
    assert seeded.get("/v1/events", {"cursor": forged.rstrip("=")}).status_code == 400


def test_paging_stays_exact_while_the_sink_inserts(seeded: SeededApi) -> None:
    """Pages read while new articles land: nothing repeats, nothing of the snapshot is skipped."""
    before = {e.event_id for e in seeded.seed.current()}
    extra = dataset.build(seed=99, n_articles=6, prefix="p", at=T0 + timedelta(days=3))
    seen: list[str] = []
    cursor = None
    for page_number in range(100):
        params: dict[str, Any] = {"limit": 6, **({"cursor": cursor} if cursor else {})}
        body = seeded.get("/v1/events", params).json()
        seen += [i["event_id"] for i in body["items"]]
        if page_number in (1, 4):  # more events land between pages, dated everywhere in the order
            half = extra.summaries[:3] if page_number == 1 else extra.summaries[3:6]
            mine = [e for e in extra.events if e.article_id in {s.article_id for s in half}]
            seeded.sink.store(mine, half)
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)), "an event came twice"
    assert before <= set(seen), "an event stored before paging began was skipped"
    assert set(seen) <= before | {e.event_id for e in extra.current()}
    seeded.seed.add(extra)


def test_sync_by_updated_sees_changes_made_while_paging(seeded: SeededApi) -> None:
    first = seeded.get("/v1/events", {"sort": "updated", "limit": 25}).json()
    seen = [i["event_id"] for i in first["items"]]
    touched = seen[0]
    with seeded.engine.begin() as conn:
        conn.execute(update(events).where(events.c.event_id == touched).values(updated_at=datetime.now(UTC)))
    cursor = first["next_cursor"]
    while cursor:
        body = seeded.get("/v1/events", {"sort": "updated", "limit": 25, "cursor": cursor}).json()
        seen += [i["event_id"] for i in body["items"]]
        cursor = body["next_cursor"]
    assert set(seen) == {e.event_id for e in seeded.seed.current()}
    assert seen.count(touched) == 2 and seen[-1] == touched
    with seeded.engine.connect() as conn:
        mark = conn.scalar(select(events.c.updated_at).where(events.c.event_id == touched))
    assert ids(seeded, {"since": (mark - timedelta(microseconds=1)).isoformat()}) == {touched}
    assert ids(seeded, {"since": mark.isoformat()}) == set()
