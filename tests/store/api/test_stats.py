"""Aggregates over data the sink wrote, against the reference, on both sources (rollup and events table).

Cases with filters the rollups count (whole months, one party or sector, types)
are answered from them, the others from `events`: every answer must equal the
oracle's either way.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import pytest

from libs.contracts.events import EventType, Sector
from services.store import rollup
from services.store.api.deps import event_filters
from services.store.crud.filters import EventFilter
from services.store.crud.stats import bucket_starts
from services.store.vocabularies import label
from tests.store.api import dataset
from tests.store.api.conftest import SeededApi
from tests.store.factories import T0

pytestmark = pytest.mark.integration

#: (params, predicate, counted by rollup_months?, by rollup_parties?)
CASES: list[tuple[dict[str, Any], Any, bool, bool]] = [
    ({}, lambda e: True, True, True),
    ({"country": "IRN"}, lambda e: "IRN" in e.countries, True, True),
    ({"type": "agreement"}, lambda e: e.type.value == "agreement", True, True),
    (
        {"igo": "UNESCO", "date_from": "2024-01-01"},
        lambda e: "UNESCO" in e.igos and dataset.overlaps(e, date(2024, 1, 1), None),
        True,
        False,
    ),
    ({"sector": "energy"}, lambda e: "energy" in {s.value for s in e.sectors}, True, False),
    ({"pair": "IRN,UNESCO"}, lambda e: "IRN" in e.countries and "UNESCO" in e.igos, False, False),
    (
        {"type": ["aid", "meeting"], "sector": "energy"},
        lambda e: e.type.value in ("aid", "meeting") and "energy" in {s.value for s in e.sectors},
        True,
        False,
    ),
    (
        {"date_from": "2024-03-01", "date_to": "2024-10-31"},
        lambda e: dataset.overlaps(e, date(2024, 3, 1), date(2024, 10, 31)),
        True,
        False,
    ),
    (
        {"date_from": "2024-03-10", "date_to": "2024-10-20"},
        lambda e: dataset.overlaps(e, date(2024, 3, 10), date(2024, 10, 20)),
        False,
        False,
    ),
    (  # not on whole months: the whole months inside from the rollups, the edge months from events
        {"country": "IRN", "date_from": "2024-03-10", "date_to": "2024-10-20"},
        lambda e: "IRN" in e.countries and dataset.overlaps(e, date(2024, 3, 10), date(2024, 10, 20)),
        False,
        False,
    ),
    (
        {"date_from": "2024-02-15"},
        lambda e: dataset.overlaps(e, date(2024, 2, 15), None),
        False,
        False,
    ),
    (
        {"sector": "energy", "date_to": "2024-06-20"},
        lambda e: "energy" in {s.value for s in e.sectors} and dataset.overlaps(e, None, date(2024, 6, 20)),
        False,
        False,
    ),
    (
        {"min_confidence": 0.6, "country": "CHN"},
        lambda e: e.confidence >= 0.6 and "CHN" in e.countries,
        False,
        False,
    ),
    ({"q": "vaccine"}, lambda e: "vaccine" in dataset.searchable(e), False, False),
]
IDS = [str(c[0]) for c in CASES]
CASES3 = [(p, pred, m) for p, pred, m, _ in CASES]


def _matching(seeded: SeededApi, pred: Any) -> list[Any]:
    found = [e for e in seeded.seed.current() if pred(e)]
    assert found
    return found


def test_the_rollup_equals_a_recount_after_the_sink_wrote_everything(seeded: SeededApi) -> None:
    with seeded.engine.connect() as conn:
        assert rollup.drift(conn) == {}


@pytest.mark.parametrize(("params", "pred", "rollup"), CASES3, ids=IDS)
def test_types_and_sectors(seeded: SeededApi, params: dict[str, Any], pred: Any, rollup: bool) -> None:
    evs = _matching(seeded, pred)
    types = seeded.get("/v1/stats/types", params).json()["items"]
    assert {i["type"]: i["count"] for i in types} == dataset.type_counts(evs)
    assert [i["count"] for i in types] == sorted((i["count"] for i in types), reverse=True)
    sectors = seeded.get("/v1/stats/sectors", params).json()["items"]
    assert {i["sector"]: i["count"] for i in sectors} == dataset.sector_counts(evs)


@pytest.mark.parametrize(("params", "pred", "rollup"), CASES3, ids=IDS)
def test_timeline_by_month(seeded: SeededApi, params: dict[str, Any], pred: Any, rollup: bool) -> None:
    evs = _matching(seeded, pred)
    for by in ("type", "sector"):
        body = seeded.get("/v1/stats/timeline", {**params, "by": by}).json()
        assert body["interval"] == "month" and body["by"] == by
        want = dataset.timeline(evs, dataset.month_of, by)
        got = {date.fromisoformat(b["start"]): (b["total"], b["counts"]) for b in body["buckets"]}
        assert {k: v for k, v in got.items() if v[0]} == want
        starts = [date.fromisoformat(b["start"]) for b in body["buckets"]]
        assert starts == bucket_starts(min(want), max(want), "month")  # ascending, gaps filled


def test_timeline_by_week_and_day(seeded: SeededApi) -> None:
    params = {"date_from": "2024-01-01", "date_to": "2024-12-31"}
    evs = _matching(seeded, lambda e: dataset.overlaps(e, date(2024, 1, 1), date(2024, 12, 31)))
    monday = lambda d: d - timedelta(days=d.weekday())  # noqa: E731
    for interval, bucket in (("week", monday), ("day", lambda d: d)):
        body = seeded.get("/v1/stats/timeline", {**params, "interval": interval}).json()
        got = {
            date.fromisoformat(b["start"]): (b["total"], b["counts"]) for b in body["buckets"] if b["total"]
        }
        assert got == dataset.timeline(evs, bucket, "type"), interval


@pytest.mark.parametrize(("params", "pred", "rollup"), CASES3, ids=IDS)
def test_pairs(seeded: SeededApi, params: dict[str, Any], pred: Any, rollup: bool) -> None:
    evs = _matching(seeded, pred)
    want = dataset.pair_counts(evs, lambda e: list(e.countries))
    items = seeded.get("/v1/stats/pairs", {**params, "limit": 500}).json()["items"]
    assert {tuple(i["countries"]): (i["count"], i["types"]) for i in items} == want
    assert [i["count"] for i in items] == sorted((i["count"] for i in items), reverse=True)
    top = seeded.get("/v1/stats/pairs", {**params, "limit": 2}).json()["items"]
    assert top == items[:2]


@pytest.mark.parametrize(("params", "pred", "rollup"), CASES3, ids=IDS)
def test_graph(seeded: SeededApi, params: dict[str, Any], pred: Any, rollup: bool) -> None:
    evs = _matching(seeded, pred)
    body = seeded.get("/v1/graph", params).json()
    nodes = {n["id"]: n for n in body["nodes"]}
    assert {k: n["count"] for k, n in nodes.items()} == dataset.party_counts(evs)
    assert all(n["kind"] == ("country" if k in dataset.COUNTRIES else "igo") for k, n in nodes.items())
    assert all(n["label"] == label(k) for k, n in nodes.items())
    want = dataset.pair_counts(evs, dataset.parties)
    assert {(e["source"], e["target"]): (e["count"], e["types"]) for e in body["edges"]} == want
    strong = seeded.get("/v1/graph", {**params, "min_count": 3, "limit_nodes": 4}).json()
    kept = {n["id"] for n in strong["nodes"]}
    assert len(kept) <= 4
    assert kept == {
        k for k, _ in sorted(dataset.party_counts(evs).items(), key=lambda kv: (-kv[1], kv[0]))[:4]
    }
    assert {(e["source"], e["target"]) for e in strong["edges"]} == {
        pair for pair, (n, _) in want.items() if n >= 3 and set(pair) <= kept
    }


@pytest.mark.parametrize(("params", "pred", "rollup"), CASES3, ids=IDS)
def test_country_profile(seeded: SeededApi, params: dict[str, Any], pred: Any, rollup: bool) -> None:
    evs = [e for e in seeded.seed.current() if pred(e) and "IRN" in e.countries]
    body = seeded.get("/v1/countries/irn", params).json()
    assert body["iso3"] == "IRN" and body["name"] == "Iran"
    assert body["event_count"] == len(evs)
    starts = [d for e in evs if (d := dataset.date_start(e))]
    assert body["first_event_date"] == (min(starts).isoformat() if starts else None)
    assert body["last_event_date"] == (max(starts).isoformat() if starts else None)
    partners = dataset.party_counts(evs)
    partners.pop("IRN", None)
    assert {p["id"]: p["count"] for p in body["partners"]} == partners
    assert {s["sector"]: s["count"] for s in body["sectors"]} == dataset.sector_counts(evs)
    assert {t["type"]: t["count"] for t in body["types"]} == dataset.type_counts(evs)
    want_recent = [e.event_id for e in dataset.newest_first(evs)][:10]
    assert [e["event_id"] for e in body["recent_events"]] == want_recent


def _filter(params: dict[str, Any]) -> EventFilter:
    """What the API's filter dependency makes of `params`."""
    as_list = lambda v: v if isinstance(v, list) else [v]  # noqa: E731
    dates = {k: date.fromisoformat(params[k]) for k in ("date_from", "date_to") if k in params}
    return asyncio.run(
        event_filters(
            types=[EventType(t) for t in as_list(params.get("type", []))] or None,
            country=as_list(params["country"]) if "country" in params else None,
            igo=as_list(params["igo"]) if "igo" in params else None,
            pair=as_list(params["pair"]) if "pair" in params else None,
            sector=[Sector(s) for s in as_list(params.get("sector", []))] or None,
            q=params.get("q"),
            min_confidence=params.get("min_confidence"),
            status="current",
            **dates,
        )
    )


@pytest.mark.parametrize(("params", "months", "parties"), [(c[0], c[2], c[3]) for c in CASES], ids=IDS)
def test_which_cases_the_rollups_answer(params: dict[str, Any], months: bool, parties: bool) -> None:
    flt = _filter(params)
    assert (flt.months_rows() is not None) is months
    assert flt.focus()[0] is parties


@pytest.mark.parametrize(
    ("bounds", "whole", "edges"),
    [
        (("2024-03-10", "2024-10-20"), ("2024-04-01", "2024-09-30"), ("2024-04-01", "2024-09-30")),
        (("2024-02-15", None), ("2024-03-01", None), ("2024-03-01", None)),
        ((None, "2024-06-20"), (None, "2024-05-31"), (None, "2024-05-31")),
        (("2024-12-02", "2025-02-27"), ("2025-01-01", "2025-01-31"), ("2025-01-01", "2025-01-31")),
        (("2024-03-01", "2024-10-20"), ("2024-03-01", "2024-09-30"), (None, "2024-09-30")),
    ],
)
def test_month_split_cuts_a_range_into_whole_months_and_edges(
    bounds: tuple[str | None, str | None],
    whole: tuple[str | None, str | None],
    edges: tuple[str | None, str | None],
) -> None:
    as_date = lambda v: date.fromisoformat(v) if v else None  # noqa: E731
    flt = EventFilter(countries=["IRN"], date_from=as_date(bounds[0]), date_to=as_date(bounds[1]))
    split = flt.month_split()
    assert split is not None
    inner, edge = split
    assert (inner.date_from, inner.date_to) == (as_date(whole[0]), as_date(whole[1]))
    assert inner.edge_months is None and inner.pair_months_rows(partner_of="IRN") is not None
    assert (edge.date_from, edge.date_to) == (flt.date_from, flt.date_to)
    assert edge.edge_months == (as_date(edges[0]), as_date(edges[1]))
    assert edge.months_rows() is None and edge.month_split() is None  # the edges come from events


@pytest.mark.parametrize(
    "bounds",
    [("2024-05-03", "2024-05-28"), ("2024-05-03", "2024-06-27"), ("2024-01-01", "2024-12-31"), (None, None)],
)
def test_no_split_on_whole_months_or_without_a_whole_month_inside(
    bounds: tuple[str | None, str | None],
) -> None:
    as_date = lambda v: date.fromisoformat(v) if v else None  # noqa: E731
    assert EventFilter(date_from=as_date(bounds[0]), date_to=as_date(bounds[1])).month_split() is None


def test_aggregates_follow_new_and_re_extracted_articles(seeded: SeededApi) -> None:
    """After more articles and a re-extraction land through the sink, the rollup and the answers follow."""
    extra = dataset.build(seed=5, n_articles=4, prefix="s", at=T0 + timedelta(days=2))
    seeded.sink.store(extra.events, extra.summaries)
    seeded.seed.add(extra)
    first = next(s for s in seeded.seed.summaries if s.article_id == "u010")
    again = first.model_copy(update={"event_ids": [], "extracted_at": T0 + timedelta(days=5)})
    seeded.sink.store([], [again])
    seeded.seed.retracted |= set(first.event_ids)
    with seeded.engine.connect() as conn:
        assert rollup.drift(conn) == {}
    types = seeded.get("/v1/stats/types").json()["items"]
    assert {i["type"]: i["count"] for i in types} == dataset.type_counts(seeded.seed.current())
    graph = seeded.get("/v1/graph").json()
    assert {n["id"]: n["count"] for n in graph["nodes"]} == dataset.party_counts(seeded.seed.current())


def test_vocabularies(seeded: SeededApi) -> None:
    r = seeded.get("/v1/meta/vocabularies")
    assert r.status_code == 200 and "max-age" in r.headers["cache-control"]
    body = r.json()
    assert "agreement" in body["types"] and "higher_education" in body["sectors"]
    iran = next(c for c in body["countries"] if c["iso3"] == "IRN")
    assert iran == {"iso3": "IRN", "name": "Iran", "numeric": "364"}
    assert {
        "id": "UNESCO",
        "name": "United Nations Educational, Scientific and Cultural Organization",
    } in body["igos"]
