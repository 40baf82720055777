"""The local news site of `make bench-load`: feeds whose entries appear at a constant rate.

Article `n` appears at `start + n / rate` (monotonic clock): from then on it is listed in feed
`n % feeds` (RSS 2.0, the newest `window` entries of that feed, ETag = how many are listed, so an
unchanged feed answers 304) and its page is served at `/news/<n>/<slug>`, with
`article:published_time` = the instant it appeared (UTC, microseconds). Before it appears the
page is a 404 and no feed names it. After `total` articles the feeds stop growing.

Pages carry real news text (the shared corpus: distinct texts of 400 to 60,000 characters, in
corpus order) or synthetic stories (`tests/integration/synthetic.py`) when the corpus is absent.
The server listens on 127.0.0.1 only (an ephemeral port), serves from threads of this process,
and counts requests by kind and status.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.fetcher.web.site import Page, article_html, respond, rss

ARTICLE_PATH = re.compile(r"^/news/(\d+)/")
FEED_PATH = re.compile(r"^/feed-(\d+)\.xml$")


def corpus_pages(corpus: Path, n: int) -> list[tuple[str, list[str]]]:
    """The first `n` usable corpus records as (slug, paragraphs): distinct texts, 400-60,000 chars."""
    out: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = (rec.get("text") or "").strip()
            if not 400 <= len(text) <= 60_000 or text in seen:
                continue
            seen.add(text)
            paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
            out.append((rec.get("slug") or f"story-{len(out)}", paragraphs))
            if len(out) == n:
                break
    return out


def synthetic_pages(n: int, seed: int = 11) -> list[tuple[str, list[str]]]:
    """`n` synthetic stories (written for the tests, no corpus text) as (slug, paragraphs)."""
    from tests.integration.synthetic import make_articles

    return [(f"story-{i}", a["text"].split("\n\n")) for i, a in enumerate(make_articles(n, seed=seed))]


class LoadSite:
    """The site (see the module docstring); `start()` begins the clock, `stop()` shuts the server."""

    def __init__(self, pages: list[tuple[str, list[str]]], *, rate: float, feeds: int, window: int) -> None:
        self.pages, self.rate, self.feeds, self.window = pages, rate, feeds, window
        self.total = len(pages)
        self.t0: float | None = None
        self.t0_wall: datetime | None = None
        self.requests: Counter[str] = Counter()
        self._lock = threading.Lock()
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site.serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def feed_urls(self) -> list[str]:
        return [f"{self.base}/feed-{k}.xml" for k in range(self.feeds)]

    def start(self) -> None:
        self.t0_wall = datetime.now(UTC)
        self.t0 = time.monotonic()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def visible(self) -> int:
        """How many articles have appeared so far."""
        if self.t0 is None:
            return 0
        return min(self.total, int((time.monotonic() - self.t0) * self.rate) + 1)

    def appeared_at(self, n: int) -> float:
        """Monotonic instant article `n` appeared."""
        assert self.t0 is not None
        return self.t0 + n / self.rate

    def published(self, n: int) -> datetime:
        assert self.t0_wall is not None
        return self.t0_wall + timedelta(seconds=n / self.rate)

    def url(self, n: int) -> str:
        return f"{self.base}/news/{n}/{self.pages[n][0]}"

    def serve(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?", 1)[0]
        kind, page = "other", Page("<html><body>not found</body></html>", status=404)
        if m := FEED_PATH.match(path):
            kind, page = "feed", self.feed(int(m.group(1)))
        elif (m := ARTICLE_PATH.match(path)) and int(m.group(1)) < self.visible():
            kind, page = "article", self.article(int(m.group(1)))
        elif path == "/robots.txt":
            kind, page = "robots", Page("User-agent: *\nAllow: /\n", content_type="text/plain")
        with self._lock:
            self.requests[f"{kind} {page.status}"] += 1
        try:
            respond(h, page)
        except OSError:
            with self._lock:
                self.requests[f"{kind} write_failed"] += 1

    def feed(self, k: int) -> Page:
        if k >= self.feeds:
            return Page("not found", status=404)
        mine = range(k, self.visible(), self.feeds)
        newest = list(reversed(mine))[: self.window]
        items = [(self.url(n), escape(self.title(n)), format_datetime(self.published(n))) for n in newest]
        return Page(rss(items, title=f"Bench Daily {k}"), content_type="application/rss+xml",
                    etag=f'"{k}-{len(mine)}"')  # fmt: skip

    def title(self, n: int) -> str:
        return self.pages[n][0].replace("-", " ")[:150] + f" ({n})"

    def article(self, n: int) -> Page:
        paragraphs = [escape(p) for p in self.pages[n][1]]
        html = article_html(escape(self.title(n)), paragraphs=paragraphs,
                            published=self.published(n).isoformat(timespec="microseconds"))  # fmt: skip
        return Page(html, etag=f'"a{n}"')
