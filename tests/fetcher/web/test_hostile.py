"""Hostile input at the web fetcher's door, beyond what `test_client.py`/`test_source.py` cover.

Deflate bombs (zlib-wrapped and raw), a one-byte-a-second trickle that only the total timeout
can cut, XML entity-expansion bombs in feeds and sitemaps, hostile markup, and sitemap entries
on private hosts: refused by default, fetched when `ACCORD_FETCHER_WEB_ALLOW_PRIVATE_ADDRESSES`
is set. Real local HTTP servers throughout.
"""

from __future__ import annotations

import time
import zlib
from typing import Any

import pytest

from libs.contracts.topics import TopicSettings
from services.fetcher.config import SourceConfig
from services.fetcher.web.client import WebClient
from services.fetcher.web.discovery import parse_feed, parse_sitemap
from services.fetcher.web.errors import NetworkError, ResponseRefused
from services.fetcher.web.extract import parse_page
from services.fetcher.web.settings import WebSettings
from services.fetcher.web.urls import AddressPolicy
from tests.fetcher.web.conftest import fast_settings
from tests.fetcher.web.harness import poll, settings_for
from tests.fetcher.web.site import Page, Site, article_html, raw, urlset


def client(**overrides: Any) -> WebClient:
    return WebClient(WebSettings(**fast_settings(**overrides)), version="test")


def _raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


@pytest.mark.parametrize("wrap", [zlib.compress, _raw_deflate], ids=["zlib", "raw"])
async def test_deflate_bombs_are_refused(site: Site, wrap: Any) -> None:
    site.add("/bomb", Page(wrap(b"\0" * 5_000_000), headers={"Content-Encoding": "deflate"}))
    site.add("/ok", Page(wrap(b"<p>fine</p>"), headers={"Content-Encoding": "deflate"}))
    policy = AddressPolicy(trusted_host=site.host)
    async with client() as c:
        with pytest.raises(ResponseRefused) as err:
            await c.fetch(site.url("/bomb"), policy=policy)
        assert err.value.reason == "decompression_bomb"
        assert (await c.fetch(site.url("/ok"), policy=policy)).body == b"<p>fine</p>"


async def test_a_one_byte_a_second_trickle_is_cut_by_the_total_timeout(site: Site) -> None:
    """Each byte arrives well within the read timeout: only the total timeout can end it."""
    site.add("/trickle", raw("200 OK", [("Content-Length", "60")], b"x" * 60, trickle_s=1.0))
    async with client(
        fetcher_web_read_timeout_s=5.0, fetcher_web_total_timeout_s=2.0, fetcher_web_max_attempts=1
    ) as c:
        t0 = time.monotonic()
        with pytest.raises(NetworkError) as err:
            await c.fetch(site.url("/trickle"), policy=AddressPolicy(trusted_host=site.host))
    assert err.value.reason == "timeout"
    assert time.monotonic() - t0 < 4.5, "the total timeout (2 s) did not fire"


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">'
    + b"".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">'.encode() for i in range(1, 10))
    + b"]>"
)


def test_entity_expansion_bombs_in_feeds_and_sitemaps_are_not_expanded() -> None:
    feed = LAUGHS + (
        b'<rss version="2.0"><channel><title>&l9;</title>'
        b"<item><title>&l9;</title><link>http://x.test/a</link></item></channel></rss>"
    )
    entries = parse_feed(feed, "http://x.test/")
    assert all(len(e.title or "") < 1000 for e in entries)
    sitemap = LAUGHS + (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://x.test/&l9;</loc></url></urlset>"
    )
    assert all(len(u.url) < 1000 for u in parse_sitemap(sitemap, "http://x.test/", 10).urls)


def test_hostile_markup_is_parsed_without_scripts_and_without_raising() -> None:
    paragraph = b"<p>" + b"Iran and Iraq signed an agreement on joint research in medicine. " * 10 + b"</p>"
    bodies = [
        b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>",
        b"<html><body><img alt='" + b"A" * 2_000_000 + b"' onerror=alert(1)>" + paragraph + b"</body></html>",
        b"<html><body><script>document.write('SCRIPTTEXT')</script><style>p{x:'STYLETEXT'}</style>"
        + paragraph
        + b"<iframe src='javascript:alert(1)'>IFRAMETEXT</iframe><svg onload=alert(1)></svg></body></html>",
        b"<html><head><meta charset='x-no-such-charset'></head><body>"
        + paragraph
        + b"\xff\xfe</body></html>",
        b"<html><body><p>unclosed <b><i><a href='" + b"&#0;" * 1000 + b"'>" + paragraph,
    ]
    for body in bodies:
        page = parse_page(body, "text/html", "http://x.test/a")
        assert isinstance(page.text, str)
        assert not any(s in page.text for s in ("SCRIPTTEXT", "STYLETEXT", "IFRAMETEXT", "alert(", "\x00"))


@pytest.mark.integration
@pytest.mark.parametrize("allow", [False, True], ids=["default", "intranet-allowed"])
def test_sitemap_entries_on_private_hosts_are_refused_unless_the_setting_allows_them(
    kafka_bootstrap: str, unique_topics: TopicSettings, embedded_database_url: str, site: Site, allow: bool
) -> None:
    site.add("/news/1", Page(article_html("Story 1: cooperation pact", b="Iraq")))
    site.add("/news/2", Page(article_html("Story 2: another cooperation pact", b="Oman")))
    entries = [
        (site.url("/news/1"), "2025-02-09"),  # the configured host: trusted
        (f"http://localhost:{site.port}/news/2", "2025-02-09"),  # loopback under another name
        ("http://169.254.169.254/latest/meta-data/", "2025-02-09"),  # link-local (cloud metadata)
    ]
    site.add("/map.xml", Page(urlset(entries), content_type="application/xml"))
    source = SourceConfig(name="map", kind="sitemap", url=site.url("/map.xml"), language="en")
    settings = settings_for(kafka_bootstrap, embedded_database_url, fetcher_web_allow_private_addresses=allow)
    report = poll(settings, [source], unique_topics)["map"]
    if allow:
        assert report.published == 2 and site.count("/news/2") == 1, report
    else:
        assert report.published == 1 and report.skipped == {"private_address": 2}, report.skipped
        assert site.count("/news/2") == 0
    assert not any(p.startswith("/latest") for p in site.paths())
