"""The HTTP API on a real uvicorn server over a real Postgres: paging, filters, errors, health, metrics."""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import Engine, select, update

from libs.contracts.events import CooperationEvent
from libs.infra.broker import free_port
from services.store.api.main import create_app
from services.store.db.models import events
from services.store.persist import apply_batch, date_range
from tests.store.factories import make_event, make_extraction
from tests.store.helpers import serving, settings_for

pytestmark = pytest.mark.integration

COUNTRIES = ["IRN", "IRQ", "CHN", "RUS", "IND", "TUR"]
IGOS = ["UNESCO", "BRICS", "SCO"]
SECTORS = ["higher_education", "health_medicine", "energy", "science_research"]
TYPES = ["meeting", "agreement", "aid", "cooperation"]


@dataclass
class Api:
    url: str
    engine: Engine
    events: list[CooperationEvent]  # every stored event
    retired: set[str]

    def get(self, path: str, params: Any = None) -> httpx.Response:
        return httpx.get(self.url + path, params=params, timeout=10)

    def current(self) -> list[CooperationEvent]:
        return [e for e in self.events if e.event_id not in self.retired]


def _dataset(seed: int = 11) -> tuple[list[CooperationEvent], list[Any], set[str]]:
    """~70 varied events over 25 articles; the first 3 articles re-extracted with fewer events."""
    rng = random.Random(seed)
    evs: list[CooperationEvent] = []
    summaries = []
    retired: set[str] = set()
    for a in range(25):
        article_id = f"u{a:03d}"
        mine = []
        for n in range(rng.randint(1, 5)):
            parties = rng.sample(COUNTRIES, rng.randint(1, 3))
            igos = rng.sample(IGOS, rng.randint(0 if len(parties) > 1 else 1, 1))
            precision = rng.choice(["day", "month", "year", None])
            d = date(2024, 1, 1) + timedelta(days=rng.randint(0, 500))
            start = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": d.isoformat()[:4]}.get(
                precision or ""
            )
            mine.append(
                make_event(
                    article_id,
                    n,
                    type=rng.choice(TYPES),
                    countries=parties,
                    igos=igos,
                    sectors=rng.sample(SECTORS, rng.randint(0, 2)),
                    date={"start": start, "precision": precision, "text": "x"} if precision else None,
                    location={"name": "Somewhere", "country": rng.choice(parties)}
                    if rng.random() < 0.7
                    else None,
                    confidence=round(rng.uniform(0.3, 1.0), 2),
                )
            )
        keep = mine[:-1] if a < 3 and len(mine) > 1 else mine
        retired |= {e.event_id for e in mine if e not in keep}
        summaries.append(make_extraction(article_id, [e.event_id for e in keep]))
        evs.extend(mine)
    return evs, summaries, retired


@pytest.fixture
def api(migrated_engine: Engine) -> Iterator[Api]:
    """A real server over the migrated database holding `_dataset()`; pages of 10 by default, 25 at most."""
    evs, summaries, retired = _dataset()
    with migrated_engine.begin() as conn:
        apply_batch(conn, [*evs, *summaries])
    settings = settings_for(
        migrated_engine.url.render_as_string(hide_password=False),
        api_page_size_default=10,
        api_page_size_max=25,
    )
    with serving(create_app(settings, engine=migrated_engine)) as url:
        yield Api(url, migrated_engine, evs, retired)


def _all_pages(api: Api, params: dict[str, Any]) -> tuple[list[dict[str, Any]], set[int]]:
    """Follow next_cursor to the end; returns the items and the totals seen."""
    items: list[dict[str, Any]] = []
    totals = set()
    cursor = None
    for _ in range(100):
        r = api.get("/v1/events", {**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"items", "next_cursor", "total"}
        items += body["items"]
        totals.add(body["total"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items, totals
    raise AssertionError("paging did not end")


def test_paging_by_date_returns_every_current_event_once_in_order(api: Api) -> None:
    items, totals = _all_pages(api, {"limit": 7})
    assert totals == {len(api.current())}
    # newest event date first, undated last, ties by event id descending
    want = sorted(api.current(), key=lambda e: e.event_id, reverse=True)
    want.sort(key=lambda e: (0, -date_range(e.date)[0].toordinal()) if e.date else (1, 0))
    assert [i["event_id"] for i in items] == [e.event_id for e in want]
    assert len(items) > 3 * 7  # several pages


def test_items_are_the_contract_json(api: Api) -> None:
    by_id = {e.event_id: e for e in api.events}
    items, _ = _all_pages(api, {"limit": 25})
    for item in items:
        assert CooperationEvent.model_validate(item) == by_id[item["event_id"]]
        assert item == by_id[item["event_id"]].model_dump(mode="json")


def _ids(api: Api, params: dict[str, Any]) -> set[str]:
    items, totals = _all_pages(api, {**params, "limit": 25})
    ids = {i["event_id"] for i in items}
    assert totals == {len(ids)}
    return ids


def _overlaps(e: CooperationEvent, lo: date | None, hi: date | None) -> bool:
    if e.date is None:
        return False
    start, end = date_range(e.date)
    return (lo is None or end >= lo) and (hi is None or start <= hi)


def test_filters_match_a_reference_over_the_models(api: Api) -> None:
    cur = api.current()
    cases: list[tuple[dict[str, Any], Any]] = [
        ({"country": "IRN"}, lambda e: "IRN" in e.countries),
        ({"country": ["irn", "IRQ"]}, lambda e: {"IRN", "IRQ"} <= set(e.countries)),
        ({"type": ["aid", "meeting"]}, lambda e: e.type.value in ("aid", "meeting")),
        ({"igo": "UNESCO"}, lambda e: "UNESCO" in e.igos),
        (
            {"sector": ["energy", "higher_education"]},
            lambda e: {"energy", "higher_education"} <= {s.value for s in e.sectors},
        ),
        ({"location_country": "CHN"}, lambda e: e.location is not None and e.location.country == "CHN"),
        ({"date_from": "2024-06-01"}, lambda e: _overlaps(e, date(2024, 6, 1), None)),
        (
            {"date_from": "2024-03-10", "date_to": "2024-09-30"},
            lambda e: _overlaps(e, date(2024, 3, 10), date(2024, 9, 30)),
        ),
        ({"article_id": "u005"}, lambda e: e.article_id == "u005"),
        ({"min_confidence": 0.75}, lambda e: e.confidence >= 0.75),
        (
            {"country": "RUS", "type": "agreement", "date_to": "2024-12-31"},
            lambda e: (
                "RUS" in e.countries
                and e.type.value == "agreement"
                and _overlaps(e, None, date(2024, 12, 31))
            ),
        ),
    ]
    for params, pred in cases:
        want = {e.event_id for e in cur if pred(e)}
        assert _ids(api, params) == want, params
    assert any(_ids(api, p) for p, _ in cases)  # the dataset exercises the filters


def test_status_shows_retired_events_on_request(api: Api) -> None:
    assert api.retired
    assert _ids(api, {"status": "retired"}) == api.retired
    assert _ids(api, {"status": "all"}) == {e.event_id for e in api.events}
    retired_id = sorted(api.retired)[0]
    r = api.get(f"/v1/events/{retired_id}")
    assert r.status_code == 200 and r.headers["Accord-Retired-At"]
    assert r.json()["event_id"] == retired_id


def test_sync_by_updated_sees_changes_made_while_paging(api: Api) -> None:
    first = api.get("/v1/events", {"sort": "updated", "limit": 25}).json()
    seen = [i["event_id"] for i in first["items"]]
    touched = seen[0]  # changes after it was read: must come again, later
    with api.engine.begin() as conn:
        conn.execute(update(events).where(events.c.event_id == touched).values(updated_at=datetime.now(UTC)))
    cursor = first["next_cursor"]
    while cursor:
        body = api.get("/v1/events", {"sort": "updated", "limit": 25, "cursor": cursor}).json()
        seen += [i["event_id"] for i in body["items"]]
        cursor = body["next_cursor"]
    assert set(seen) == {e.event_id for e in api.current()}
    assert seen.count(touched) == 2 and seen[-1] == touched

    with api.engine.connect() as conn:
        mark = conn.scalar(select(events.c.updated_at).where(events.c.event_id == touched))
    assert _ids(api, {"since": (mark - timedelta(microseconds=1)).isoformat()}) == {touched}
    assert _ids(api, {"since": mark.isoformat()}) == set()


def test_get_one_event_and_404(api: Api) -> None:
    ev = api.current()[0]
    r = api.get(f"/v1/events/{ev.event_id}")
    assert r.status_code == 200 and "Accord-Retired-At" not in r.headers
    assert CooperationEvent.model_validate(r.json()) == ev
    r = api.get("/v1/events/nope-0000")
    assert r.status_code == 404
    assert r.json() == {"detail": "event 'nope-0000' not found"}


INVALID: list[tuple[dict[str, Any], int, str]] = [
    ({"country": "Iran"}, 422, "country"),
    ({"type": "summit"}, 422, "type"),
    ({"sector": "sports"}, 422, "sector"),
    ({"limit": 0}, 422, "limit must be between 1 and 25"),
    ({"limit": 26}, 422, "limit must be between 1 and 25"),
    ({"limit": "ten"}, 422, "limit"),
    ({"date_from": "2024-13-01"}, 422, "date_from"),
    ({"date_from": "2024-05-01", "date_to": "2024-04-01"}, 422, "is after date_to"),
    ({"since": "yesterday"}, 422, "since"),
    ({"min_confidence": 2}, 422, "min_confidence"),
    ({"status": "old"}, 422, "status"),
    ({"sort": "title"}, 422, "sort"),
    ({"contry": "IRN"}, 400, "unknown query parameter(s) 'contry'"),
    ({"cursor": "not-a-cursor"}, 400, "cursor is malformed"),
]


def test_invalid_parameters_get_a_clear_4xx(api: Api) -> None:
    for params, status, needle in INVALID:
        r = api.get("/v1/events", params)
        assert r.status_code == status, (params, r.text)
        assert needle in r.json()["detail"], (params, r.text)


def test_a_cursor_only_continues_its_own_query(api: Api) -> None:
    page = api.get("/v1/events", {"country": "IRN", "limit": 2}).json()
    assert page["next_cursor"]
    r = api.get("/v1/events", {"country": "IRQ", "limit": 2, "cursor": page["next_cursor"]})
    assert r.status_code == 400 and "other filters" in r.json()["detail"]
    r = api.get("/v1/events", {"country": "IRN", "sort": "updated", "cursor": page["next_cursor"]})
    assert r.status_code == 400
    # the same query with another page size continues fine
    r = api.get("/v1/events", {"country": "irn", "limit": 5, "cursor": page["next_cursor"]})
    assert r.status_code == 200
    # a forged cursor is only refused, never an error 500
    forged = base64.urlsafe_b64encode(orjson.dumps({"v": 1, "s": "-date", "k": [5, []], "f": "x"})).decode()
    assert api.get("/v1/events", {"cursor": forged}).status_code == 400


def test_health_metrics_and_docs(api: Api) -> None:
    assert api.get("/healthz").json() == {"status": "ok"}
    api.get("/v1/events/nope-0000")
    metrics = api.get("/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    assert (
        'accord_http_requests_total{method="GET",route="/v1/events/{event_id}",service="store",status="404"}'
        in metrics.text
    )
    assert api.get("/docs").status_code == 200
    spec = api.get("/openapi.json").json()
    assert {"/v1/events", "/v1/events/{event_id}", "/healthz", "/readyz", "/metrics"} <= set(spec["paths"])


def test_readyz_is_ready_when_database_and_broker_answer(
    migrated_engine: Engine, kafka_bootstrap: str
) -> None:
    settings = settings_for(
        migrated_engine.url.render_as_string(hide_password=False), kafka_bootstrap_servers=kafka_bootstrap
    )
    with serving(create_app(settings, engine=migrated_engine)) as url:
        r = httpx.get(url + "/readyz", timeout=10)
    assert r.status_code == 200, r.text
    assert r.json()["checks"]["broker"]["ok"] and r.json()["checks"]["database"]["ok"]


def test_readyz_reports_503_when_the_broker_is_down(migrated_engine: Engine) -> None:
    settings = settings_for(
        migrated_engine.url.render_as_string(hide_password=False),
        kafka_bootstrap_servers=f"127.0.0.1:{free_port()}",  # nothing listens there
        readyz_timeout_s=1.5,
    )
    with serving(create_app(settings, engine=migrated_engine)) as url:
        r = httpx.get(url + "/readyz", timeout=10)
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is False and body["checks"]["broker"]["error"]


def test_readyz_and_queries_when_the_database_is_down(kafka_bootstrap: str) -> None:
    settings = settings_for(
        f"postgresql://postgres@127.0.0.1:{free_port()}/none",
        kafka_bootstrap_servers=kafka_bootstrap,
        db_connect_timeout_s=1,
    )
    with serving(create_app(settings)) as url:
        r = httpx.get(url + "/readyz", timeout=10)
        assert r.status_code == 503
        assert r.json()["checks"]["database"]["ok"] is False
        assert r.json()["checks"]["broker"]["ok"] is True
        r = httpx.get(url + "/v1/events", timeout=10)
        assert r.status_code == 503 and "database unavailable" in r.json()["detail"]


def test_an_unmigrated_database_is_not_ready(embedded_database_url: str, kafka_bootstrap: str) -> None:
    settings = settings_for(embedded_database_url, kafka_bootstrap_servers=kafka_bootstrap)
    with serving(create_app(settings)) as url:
        r = httpx.get(url + "/readyz", timeout=10)
        assert r.status_code == 503
        assert "accord store migrate" in r.json()["checks"]["database"]["error"]
        r = httpx.get(url + "/v1/events", timeout=10)
        assert r.status_code == 503 and "accord store migrate" in r.json()["detail"]
