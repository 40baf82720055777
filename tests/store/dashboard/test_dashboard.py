"""The dashboard in headless Chromium against a real store (API + Postgres seeded through the sink).

Console errors, failed requests and HTTP errors are collected for every page; a screenshot of the
full page is written to `tests/output/dashboard.png`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.store.dashboard.conftest import Store
from tests.store.dashboard.seed import COUNTRIES, IGOS

pytestmark = pytest.mark.integration

TIMEOUT_MS = 20_000


@dataclass
class Watched:
    """A page and what went wrong on it."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.console_errors + self.failed + self.http_errors


@pytest.fixture
def watched(chromium: Any, store: Store) -> Iterator[Watched]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    w = Watched(page)
    page.on("console", lambda m: m.type == "error" and w.console_errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: w.console_errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: w.failed.append(f"failed: {r.url} {r.failure}"))
    page.on("request", lambda r: w.requested.append(r.url))
    page.on("response", lambda r: r.status >= 400 and w.http_errors.append(f"HTTP {r.status}: {r.url}"))
    try:
        yield w
    finally:
        context.close()


def _open(w: Watched, store: Store, query: str = "") -> Any:
    """Open the dashboard and wait until every panel has drawn."""
    page = w.page
    page.goto(f"{store.url}/{query}")
    page.wait_for_selector("#network [data-node-id]")
    page.wait_for_selector("#map .map-svg")
    page.wait_for_selector("#timeline .timeline-svg")
    page.wait_for_selector("#sectors .bar-row")
    page.wait_for_selector("#events .list-count")
    page.wait_for_function("document.querySelectorAll('[aria-busy=true]').length === 0")
    return page


def _shown_count(page: Any) -> tuple[int, int]:
    """(events listed, total) from the list's 'N of M events' line."""
    text = page.inner_text("#events .list-count")
    m = re.match(r"([\d,]+) of ≈? ?([\d,]+) events", text)
    assert m, text
    return int(m[1].replace(",", "")), int(m[2].replace(",", ""))


def _listed_ids(page: Any) -> set[str]:
    return set(page.eval_on_selector_all("#events li.event", "els => els.map(e => e.dataset.eventId)"))


def _query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_page_loads_offline_without_console_errors_or_failed_requests(
    watched: Watched, store: Store, output_dir: Path
) -> None:
    page = _open(watched, store)
    shown, total = _shown_count(page)
    assert total == len(store.events) and shown == min(50, total)
    assert page.locator("#summary").inner_text() == f"{len(store.events)} events"
    # every request went to the store: no CDN, no font service, nothing from outside
    assert all(u.startswith(store.url) for u in watched.requested), watched.requested
    shot = output_dir / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 1200})
    page.screenshot(path=str(output_dir / "dashboard-top.png"))  # the charts (README: docs/dashboard.png)
    print(f"screenshots: {shot}, {output_dir / 'dashboard-top.png'}")
    assert shot.stat().st_size > 20_000
    assert watched.problems() == []


def test_network_and_map_show_the_seeded_parties(watched: Watched, store: Store) -> None:
    page = _open(watched, store)
    nodes = page.eval_on_selector_all(
        "#network [data-node-id]",
        "els => els.map(e => [e.dataset.nodeId, e.dataset.kind, e.getAttribute('aria-label')])",
    )
    seeded_countries = {c for e in store.events for c in e.countries}
    seeded_igos = {i for e in store.events for i in e.igos}
    assert seeded_countries == set(COUNTRIES) and seeded_igos <= set(IGOS)
    assert {n for n, kind, _ in nodes if kind == "country"} == seeded_countries
    assert {n for n, kind, _ in nodes if kind == "igo"} == seeded_igos
    iran = sum("IRN" in e.countries for e in store.events)
    assert ["IRN", "country", f"Iran: {iran} events"] in nodes
    assert page.locator("#network .edge").count() > 0
    shaded = set(
        page.eval_on_selector_all("#map path.country.has-events", "els => els.map(e => e.dataset.iso3)")
    )
    assert shaded == seeded_countries
    assert watched.problems() == []


def test_clicking_a_node_filters_the_list_and_the_url(watched: Watched, store: Store) -> None:
    page = _open(watched, store)
    page.click("#network [data-node-id='CHN']")
    page.wait_for_url(re.compile(r"[?&]country=CHN"))
    want = {e.event_id for e in store.events if "CHN" in e.countries}
    page.wait_for_function(
        f"document.querySelector('#events .list-count')?.textContent.startsWith('{len(want)} of {len(want)}')"
    )
    assert _listed_ids(page) == want
    assert _query(page) == {"country": ["CHN"]}
    # the network and the map redraw from their own requests, which may land after the list's
    page.wait_for_function("document.querySelectorAll('[aria-busy=true]').length === 0")
    page.wait_for_selector("#network [data-node-id='CHN'][aria-pressed='true']")
    assert page.get_attribute("#network [data-node-id='CHN']", "aria-pressed") == "true"
    page.wait_for_selector("#map path.country.selected")
    assert page.locator("#map path.country.selected").get_attribute("data-iso3") == "CHN"
    assert "China" in page.inner_text("#active-filters")
    # the URL is the view: opening it again shows the same list; Back returns to everything
    page.go_back()
    page.wait_for_function(
        f"document.querySelector('#events .list-count')?.textContent.endsWith('of {len(store.events)} events')"
    )
    page.wait_for_function("document.querySelectorAll('[aria-busy=true]').length === 0")
    shared = _open(watched, store, "?country=CHN")
    assert _listed_ids(shared) == want
    assert watched.problems() == []


def test_clicking_an_edge_filters_by_the_pair(watched: Watched, store: Store) -> None:
    page = _open(watched, store)
    page.locator("#network [data-edge='IRN-RUS'] .edge-hit").dispatch_event("click")
    page.wait_for_url(re.compile(r"country=IRN&country=RUS"))
    want = {e.event_id for e in store.events if {"IRN", "RUS"} <= set(e.countries)}
    page.wait_for_function(
        f"document.querySelector('#events .list-count')?.textContent.startsWith('{len(want)} of {len(want)}')"
    )
    assert _listed_ids(page) == want
    assert watched.problems() == []


def test_the_network_works_from_the_keyboard(watched: Watched, store: Store) -> None:
    page = _open(watched, store)
    node = page.locator("#network [data-node-id='IRQ']")
    assert node.get_attribute("role") == "button" and node.get_attribute("tabindex") == "0"
    node.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]country=IRQ"))
    page.wait_for_function("document.querySelectorAll('[aria-busy=true]').length === 0")
    assert _shown_count(page)[1] == sum("IRQ" in e.countries for e in store.events)
    # the active filter chip removes it again
    page.click("#active-filters button[aria-label='Remove filter Iraq']")
    page.wait_for_function("!location.search.includes('country=IRQ')")
    assert watched.problems() == []


def test_filters_combine_and_load_more_pages_through_the_rest(watched: Watched, store: Store) -> None:
    page = _open(watched, store)
    assert _shown_count(page) == (50, len(store.events))
    page.click("#events button.more")
    page.wait_for_function(f"document.querySelectorAll('#events li.event').length === {len(store.events)}")
    assert _listed_ids(page) == {e.event_id for e in store.events}
    assert page.locator("#events button.more").count() == 0
    # a type toggle and a sector bar narrow everything; both land in the URL
    page.click("#type-toggles [data-type='meeting']")
    page.wait_for_url(re.compile(r"type=meeting"))
    sector = "energy"
    page.click(f"#sectors [data-sector='{sector}']")
    page.wait_for_url(re.compile(rf"sector={sector}"))
    want = {e.event_id for e in store.events if e.type == "meeting" and sector in e.sectors}
    page.wait_for_function("document.querySelectorAll('[aria-busy=true]').length === 0")
    assert _listed_ids(page) == want
    assert _query(page) == {"type": ["meeting"], "sector": [sector]}
    assert watched.problems() == []


def test_text_search_marks_the_words_and_an_empty_result_says_so(watched: Watched, store: Store) -> None:
    page = _open(watched, store, "?q=agriculture")
    want = {e.event_id for e in store.events if "agriculture" in e.evidence[0].text}
    assert want and _listed_ids(page) == want
    assert page.locator("#events mark.search").first.inner_text().lower() == "agriculture"
    page.goto(f"{store.url}/?q=zzqxjv")
    page.wait_for_selector("#events .state-empty")
    assert "No events match these filters" in page.inner_text("#events")
    page.wait_for_selector("#network .state-empty")
    page.wait_for_selector("#timeline .state-empty")
    assert watched.problems() == []


def test_the_csv_button_downloads_the_filtered_events(
    watched: Watched, store: Store, output_dir: Path
) -> None:
    page = _open(watched, store, "?country=IRQ&type=meeting")
    href = page.get_attribute("#csv", "href")
    assert href is not None and "format=csv" in href and "country=IRQ" in href and "type=meeting" in href
    with page.expect_download() as info:
        page.click("#csv")
    download = info.value
    assert download.suggested_filename.startswith("accord-events-") and download.suggested_filename.endswith(
        ".csv"
    )
    path = output_dir / download.suggested_filename
    download.save_as(str(path))
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    want = {e.event_id for e in store.events if "IRQ" in e.countries and e.type == "meeting"}
    assert want and {r["event_id"] for r in rows} == want
    assert watched.problems() == []


def test_api_errors_show_the_problem_detail(watched: Watched, store: Store) -> None:
    """A failing endpoint (here made to fail by the browser) shows its problem `detail` in its panel."""
    page = watched.page
    detail = "the query took too long and was cancelled; narrow the filters"
    problem = {
        "type": "https://accord.dev/problems/unavailable",
        "title": "Service Unavailable",
        "status": 503,
        "detail": detail,
    }
    page.route(
        re.compile(r".*/v1/stats/sectors.*"),
        lambda route: route.fulfill(status=503, content_type="application/problem+json", json=problem),
    )
    page.goto(store.url + "/")
    page.wait_for_selector("#sectors .state-error")
    assert page.inner_text("#sectors .state-error") == detail
    page.wait_for_selector("#events .list-count")  # the other panels still draw


def test_narrow_screens_get_one_column_without_horizontal_scrolling(
    chromium: Any, store: Store, output_dir: Path
) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(store.url + "/")
        page.wait_for_selector("#network [data-node-id]")
        page.wait_for_selector("#events .list-count")
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(output_dir / "dashboard-narrow.png"))
    finally:
        context.close()


def test_the_store_still_serves_its_api_next_to_the_page(store: Store) -> None:
    index = store.get("/")
    assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
    assert store.get("/healthz").status_code == 200
    assert store.get("/v1/events", {"limit": 1}).headers["content-type"].startswith("application/json")
    assert store.get("/openapi.json").json()["info"]["title"]
    # other methods still get the API's answer, not the static files' (the mount only takes reads)
    post = httpx.post(store.url + "/v1/events", timeout=10)
    assert post.status_code == 405 and post.headers["allow"] == "GET"
    assert post.headers["content-type"] == "application/problem+json"
    # and paths the build does not contain are the API's 404 problem, not the static files'
    missing = store.get("/nothing-here")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert store.get("/favicon.svg").headers["content-type"].startswith("image/svg")
    assets = re.findall(r'(?:src|href)="\./(assets/[^"]+)"', index.text)
    assert assets and all(store.get("/" + a).status_code == 200 for a in assets)
