"""A real HTTP server on 127.0.0.1 for the web fetcher's tests (a thread in the test process).

Routes map a path (query included when it has one) to a `Page` (static body, optional ETag /
Last-Modified answered with 304 on a matching conditional request) or to a handler that writes
the raw response itself (slow trickles, huge headers, bombs). Every request is logged with its
headers and time, so tests assert what the server saw (and what it never saw).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Page:
    body: bytes | str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def data(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    at: float


Handler = Callable[[BaseHTTPRequestHandler], None]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up (timeouts, refused bodies) is what these tests provoke


class Site:
    """The server: `add(path, page_or_handler)`, `url(path)`, `requests` / `paths()` / `count(path)`."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Page | Handler] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site._serve(self)

        self.server = _QuietServer((host, 0), _Handler)
        self.server.daemon_threads = True
        self.host = host
        self.port = int(self.server.server_address[1])
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Page | Handler | str) -> Site:
        self.routes[path] = Page(route) if isinstance(route, str) else route
        return self

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def count(self, path: str) -> int:
        return self.paths().count(path)

    def seen(self, path: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> Site:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- serving ---

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(Seen(h.path, {k.lower(): v for k, v in h.headers.items()}, time.monotonic()))
        route = self.routes.get(h.path) or self.routes.get(h.path.split("?", 1)[0])
        if route is None:
            route = Page("<html><body>not found</body></html>", status=404)
        if callable(route):
            route(h)
            return
        respond(h, route)


def respond(h: BaseHTTPRequestHandler, page: Page) -> None:
    """Write `page` (304 when the request's validators match)."""
    inm, ims = h.headers.get("If-None-Match"), h.headers.get("If-Modified-Since")
    if (page.etag and inm == page.etag) or (
        page.last_modified and not page.etag and ims == page.last_modified
    ):
        h.send_response(304)
        if page.etag:
            h.send_header("ETag", page.etag)
        h.send_header("Content-Length", "0")
        h.end_headers()
        return
    data = page.data()
    h.send_response(page.status)
    h.send_header("Content-Type", page.content_type)
    h.send_header("Content-Length", str(len(data)))
    if page.etag:
        h.send_header("ETag", page.etag)
    if page.last_modified:
        h.send_header("Last-Modified", page.last_modified)
    for k, v in page.headers.items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(data)


def raw(
    status_line: str,
    headers: list[tuple[str, str]],
    body: bytes = b"",
    *,
    trickle_s: float = 0.0,
    hold_s: float = 0.0,
) -> Handler:
    """A handler writing exactly this response; `trickle_s` sends the body one byte at a time,
    `hold_s` keeps the connection open (silent) after the response so far."""

    def handler(h: BaseHTTPRequestHandler) -> None:
        try:
            h.wfile.write(f"HTTP/1.1 {status_line}\r\n".encode())
            for k, v in headers:
                h.wfile.write(f"{k}: {v}\r\n".encode())
            h.wfile.write(b"\r\n")
            h.wfile.flush()
            if trickle_s:
                for i in range(len(body)):
                    h.wfile.write(body[i : i + 1])
                    h.wfile.flush()
                    time.sleep(trickle_s)
            else:
                h.wfile.write(body)
                h.wfile.flush()
            time.sleep(hold_s)
            h.close_connection = True
        except OSError:
            pass  # the client gave up (that is what the test wants)

    return handler


def sequence(*routes: Page | Handler) -> Handler:
    """A handler answering with each route in turn, the last one repeated."""
    state = {"i": 0}
    lock = threading.Lock()

    def handler(h: BaseHTTPRequestHandler) -> None:
        with lock:
            route = routes[min(state["i"], len(routes) - 1)]
            state["i"] += 1
        if callable(route):
            route(h)
        else:
            respond(h, route)

    return handler


# --- fixture documents (written for these tests) -----------------------------------------------

PARAGRAPHS = [
    "The ministers of science of {a} and {b} signed a memorandum of understanding on joint research "
    "in medicine, engineering and renewable energy at a ceremony held in the capital on {day}.",
    "Under the agreement, universities of both countries will exchange professors and doctoral students "
    "for the next three years, and a joint committee will meet twice a year to review the projects.",
    "Officials said the first call for joint proposals would open next month, with a shared fund for "
    "laboratory equipment and for the training of young researchers in both countries.",
]


def article_html(
    title: str,
    *,
    a: str = "Iran",
    b: str = "Iraq",
    day: str = "Sunday",
    published: str | None = "2025-02-09T08:30:00+00:00",
    canonical: str | None = None,
    lang: str = "en",
    paragraphs: list[str] | None = None,
    extra_head: str = "",
    charset: str = "utf-8",
) -> str:
    """An article page in the shape of a news site (navigation, article body, footer)."""
    paras = paragraphs or [p.format(a=a, b=b, day=day) for p in PARAGRAPHS]
    head = [f'<meta charset="{charset}">', f"<title>{title} - Example Daily</title>"]
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    head.append('<meta property="og:type" content="article">')
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(head)}{extra_head}</head><body>'
        '<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/science">Science</a></nav>'
        f"<article><h1>{title}</h1>\n{body}</article>"
        "<footer>Copyright Example Daily. All rights reserved.</footer></body></html>"
    )


def rss(items: list[tuple[str, str, str]], *, title: str = "Example Daily") -> str:
    """An RSS 2.0 feed of (link, title, pubDate) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate><guid>{link}</guid></item>"
        for link, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.test/</link><description>news</description>"
        f"{entries}</channel></rss>"
    )


def atom(items: list[tuple[str, str, str]]) -> str:
    """An Atom feed of (link, title, updated ISO) items."""
    entries = "".join(
        f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id><updated>{d}</updated></entry>'
        for link, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Example</title><id>urn:example</id><updated>2025-02-09T10:00:00Z</updated>{entries}</feed>"
    )


def urlset(urls: list[tuple[str, str]], *, news: bool = False) -> str:
    """A sitemap of (loc, lastmod) URLs; `news` adds Google News tags."""
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    rows = []
    for loc, lastmod in urls:
        extra = (
            f"<news:news><news:publication><news:name>Example</news:name><news:language>en</news:language>"
            f"</news:publication><news:publication_date>{lastmod}</news:publication_date>"
            f"<news:title>t</news:title></news:news>"
            if news
            else f"<lastmod>{lastmod}</lastmod>"
        )
        rows.append(f"<url><loc>{loc}</loc>{extra}</url>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
        + "".join(rows)
        + "</urlset>"
    )


def sitemap_index(children: list[tuple[str, str]]) -> str:
    rows = "".join(f"<sitemap><loc>{loc}</loc><lastmod>{m}</lastmod></sitemap>" for loc, m in children)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'
    )
