"""`accord up --source feed:URL`: a local news site goes through fetcher, extractor and store into the API.

Run with `--until-idle`: the fetcher polls the feed once and `accord up` exits by itself once
everything it published is stored (it never would while following the feed).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from libs.infra.broker import free_port
from tests.fetcher.web.site import Page, Site, article_html, rss

pytestmark = pytest.mark.integration

STORIES = [
    ("/news/101/Iran-Iraq-science-memorandum", "Iran and Iraq sign science memorandum", "Iran", "Iraq",
     "2025-02-12T09:00:00+00:00"),
    ("/news/102/Iran-Oman-health-agreement", "Iran and Oman sign health cooperation agreement", "Iran", "Oman",
     "2025-03-05T07:15:00+00:00"),
]  # fmt: skip


def story(title: str, a: str, b: str, published: str) -> str:
    paragraphs = [
        f"TEHRAN – {a} and {b} signed a memorandum of understanding on scientific cooperation on Sunday, "
        f"the science ministry of {a} said.",
        f"The memorandum between {a} and {b} covers joint research in medicine and engineering, and the "
        "exchange of professors and students between universities of the two countries.",
        "Both ministers said the first joint projects would start next month, with a shared fund for "
        "laboratories and for the training of young researchers.",
    ]
    return article_html(title, published=published, paragraphs=paragraphs)


def test_a_local_feed_reaches_the_api_with_url_title_and_date_from_the_pages(pg_tmp_path: Path) -> None:
    state = pg_tmp_path / "state"
    port = free_port()
    with Site() as site:
        for path, title, a, b, published in STORIES:
            site.add(path, Page(story(title, a, b, published)))
        items = [
            (site.url(p) + "?utm_medium=rss", t, "Wed, 12 Feb 2025 09:00:00 GMT") for p, t, *_ in STORIES
        ]
        site.add("/feed.xml", Page(rss(items), content_type="application/rss+xml"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
        env |= {"ACCORD_FETCHER_WEB_MIN_HOST_DELAY_S": "0", "ACCORD_FETCHER_WEB_MIN_TEXT_CHARS": "100",
                "ACCORD_FETCHER_WEB_CONTACT_URL": "https://example.org/tests"}  # fmt: skip
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "up", "--source", f"feed:{site.url('/feed.xml')}",
             "--state-dir", str(state), "--api-port", str(port), "--extractors", "1", "--until-idle"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            events = _wait_for_events(port, proc, want=2)  # served while the stack waits to be idle
            out, _ = proc.communicate(timeout=120)  # exits by itself: the feed was polled once
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate(timeout=30)
        feed_polls = site.count("/feed.xml")
    assert proc.returncode == 0, out[-3000:]
    assert "[accord] idle: 2 articles" in out, out[-3000:]
    codes = re.search(r"services stopped \(exit codes\): (.*)", out)
    assert codes and "fetcher 0" in codes.group(1), out[-3000:]
    assert feed_polls == 1, "one poll of the feed, no restarts"
    by_url = {e["article"]["url"]: e for e in events}
    first = by_url[site.url(STORIES[0][0])]  # the tracking parameter is gone
    assert first["article"]["title"] == "Iran and Iraq sign science memorandum"
    assert first["article"]["published_at"].startswith("2025-02-12T09:00:00")
    assert first["date"]["start"] == "2025-02-09", "'on Sunday' resolves against the page's date"
    second = by_url[site.url(STORIES[1][0])]
    assert second["article"]["published_at"].startswith("2025-03-05T07:15:00")
    assert second["date"]["start"] == "2025-03-02"


def _wait_for_events(port: int, proc: subprocess.Popen[str], want: int, within: float = 150) -> list[dict]:
    """The API's events once `want` articles have some (polled often: the stack exits soon after)."""
    deadline = time.monotonic() + within
    events: list[dict] = []
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"accord up exited {proc.returncode}: {proc.stdout.read()[-3000:] if proc.stdout else ''}"
            )
        try:
            r = httpx.get(f"http://127.0.0.1:{port}/v1/events", params={"limit": 50}, timeout=2)
            if r.status_code == 200:
                events = r.json()["items"]
                if len({e["article"]["url"] for e in events}) >= want:
                    return events
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"only {len(events)} events after {within}s")
