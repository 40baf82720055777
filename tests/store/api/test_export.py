"""CSV and NDJSON exports of `GET /v1/events`: negotiation, columns, streaming over many batches, caps, API key."""

from __future__ import annotations

import csv
import io

import orjson
import pytest

from services.store.api.export import negotiate
from services.store.crud.events import CSV_HEADER
from tests.store.api import dataset
from tests.store.api.conftest import ANONYMOUS_EXPORT_CAP, API_KEY, SeededApi

pytestmark = pytest.mark.integration

KEY = {"X-API-Key": API_KEY}


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_by_accept_header_holds_every_match_in_list_order(seeded: SeededApi) -> None:
    r = seeded.get("/v1/events", {"min_confidence": 0.3}, headers={"Accept": "text/csv", **KEY})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith('attachment; filename="accord-events-')
    assert r.headers["content-disposition"].endswith('.csv"')
    assert "Accord-Export-Truncated" not in r.headers  # the key lifts the cap
    rows = _csv(r.text)
    assert list(rows[0]) == CSV_HEADER
    want = dataset.newest_first(e for e in seeded.seed.current() if e.confidence >= 0.3)
    assert [row["event_id"] for row in rows] == [e.event_id for e in want]
    assert len(rows) > seeded.settings.api_page_size_max  # more than a page, over many cursor batches


def test_csv_columns_carry_the_event(seeded: SeededApi) -> None:
    r = seeded.get("/v1/events", {"format": "csv", "status": "all"}, headers=KEY)
    by_id = {e.event_id: e for e in seeded.seed.events}
    rows = _csv(r.text)
    assert len(rows) == len(seeded.seed.events)
    for row in rows:
        e = by_id[row["event_id"]]
        assert row["status"] == ("retracted" if e.event_id in seeded.seed.retracted else "current")
        assert row["type"] == e.type.value
        assert row["countries"] == ";".join(e.countries)
        assert row["igos"] == ";".join(e.igos)
        assert row["sectors"] == ";".join(s.value for s in e.sectors)
        assert row["participants"] == ";".join(p.name for p in e.participants)
        assert row["evidence"] == ";".join(x.text for x in e.evidence)
        assert row["date_start"] == (e.date.start if e.date else "")
        assert row["date_precision"] == (e.date.precision.value if e.date else "")
        assert float(row["confidence"]) == e.confidence
        assert row["article_title"] == e.article.title and row["publisher"] == e.article.publisher
        assert row["published_at"].startswith(e.article.published_at.strftime("%Y-%m-%dT%H:%M:%S"))
        assert row["published_at"].endswith("Z")


def test_ndjson_by_format_and_by_accept(seeded: SeededApi) -> None:
    want = dataset.newest_first(e for e in seeded.seed.current() if e.type.value == "agreement")
    for extra, headers in (({"format": "ndjson"}, KEY), ({}, {"Accept": "application/x-ndjson", **KEY})):
        r = seeded.get("/v1/events", {"type": "agreement", **extra}, headers=headers)
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
        assert r.headers["content-disposition"].endswith('.ndjson"')
        lines = [orjson.loads(line) for line in r.content.splitlines()]
        assert [x["event_id"] for x in lines] == [e.event_id for e in want]
        assert all(x.pop("status") == "current" for x in lines)
        assert lines == [e.model_dump(mode="json") for e in want]


def test_without_the_key_an_export_is_capped_and_says_so(seeded: SeededApi) -> None:
    current = seeded.seed.current()
    assert len(current) > ANONYMOUS_EXPORT_CAP
    r = seeded.get("/v1/events", {"format": "csv"})
    assert r.status_code == 200
    assert r.headers["Accord-Export-Truncated"] == "true"
    assert r.headers["Accord-Export-Row-Cap"] == str(ANONYMOUS_EXPORT_CAP)
    rows = _csv(r.text)
    assert [row["event_id"] for row in rows] == [e.event_id for e in dataset.newest_first(current)][
        :ANONYMOUS_EXPORT_CAP
    ]
    small = seeded.get("/v1/events", {"format": "ndjson", "country": "RUS", "type": "aid"})
    assert small.headers["Accord-Export-Truncated"] == "false"


def test_bearer_token_lifts_the_cap_and_a_wrong_key_is_refused(seeded: SeededApi) -> None:
    r = seeded.get("/v1/events", {"format": "csv"}, headers={"Authorization": f"Bearer {API_KEY}"})
    assert r.status_code == 200 and len(_csv(r.text)) == len(seeded.seed.current())
    for headers in ({"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"X-API-Key": API_KEY + "x"}):
        r = seeded.get("/v1/events", {"format": "csv"}, headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["type"].endswith("/unauthorized") and r.headers["WWW-Authenticate"].startswith(
            "Bearer"
        )


def test_an_export_continues_after_a_cursor(seeded: SeededApi) -> None:
    page = seeded.get("/v1/events", {"limit": 5}).json()
    r = seeded.get("/v1/events", {"format": "ndjson", "cursor": page["next_cursor"]}, headers=KEY)
    got = [orjson.loads(line)["event_id"] for line in r.content.splitlines()]
    want = [e.event_id for e in dataset.newest_first(seeded.seed.current())]
    assert got == want[5:]


@pytest.mark.parametrize(
    ("fmt", "accept", "want"),
    [
        (None, "", "json"),
        (None, "text/html,application/xhtml+xml,*/*;q=0.8", "json"),
        (None, "text/csv", "csv"),
        (None, "application/x-ndjson, text/csv", "ndjson"),
        ("json", "text/csv", "json"),
        ("csv", "application/json", "csv"),
    ],
)
def test_negotiation(fmt: str | None, accept: str, want: str) -> None:
    from types import SimpleNamespace

    assert negotiate(SimpleNamespace(headers={"accept": accept}), fmt) == want  # type: ignore[arg-type]
