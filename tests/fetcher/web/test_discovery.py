"""Feeds, sitemaps and home pages parsed (pure)."""

from __future__ import annotations

import pytest

from services.fetcher.web.discovery import discover_feeds, parse_feed, parse_sitemap
from services.fetcher.web.errors import NotAFeed
from tests.fetcher.web.site import atom, rss, sitemap_index, urlset


def test_rss_and_atom_entries_with_dates_and_relative_links() -> None:
    entries = parse_feed(
        rss([("/news/1", "One", "Sun, 09 Feb 2025 08:00:00 GMT")]).encode(), "http://x.test/feed"
    )
    assert (
        entries[0].url == "http://x.test/news/1"
        and entries[0].updated.isoformat() == "2025-02-09T08:00:00+00:00"
    )
    assert (
        parse_feed(atom([("http://x.test/b", "B", "2025-02-09T10:00:00Z")]).encode(), "http://x.test/")[
            0
        ].title
        == "B"
    )
    with pytest.raises(NotAFeed):
        parse_feed(b"<html><body><script>app()</script></body></html>", "http://x.test/rss")


def test_sitemaps_news_tags_indexes_and_inert_entities() -> None:
    doc = parse_sitemap(
        urlset([("http://x.test/a", "2025-02-09T08:00:00+00:00")], news=True).encode(), "http://x.test/", 10
    )
    assert [e.url for e in doc.urls] == ["http://x.test/a"] and doc.urls[0].updated.year == 2025
    idx = parse_sitemap(
        sitemap_index([("http://x.test/s1.xml.gz", "2025-01-01")]).encode(), "http://x.test/", 10
    )
    assert [c.url for c in idx.children] == ["http://x.test/s1.xml.gz"]
    xxe = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url></urlset>')  # fmt: skip
    assert parse_sitemap(xxe, "http://x.test/", 10).urls == []
    with pytest.raises(NotAFeed):
        parse_sitemap(b"<html/>", "http://x.test/", 10)


def test_home_page_announces_feeds() -> None:
    home = ('<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
            '<link rel="alternate" type="application/atom+xml" href="https://x.test/atom">'
            '<link rel="stylesheet" href="/s.css"></head></html>')  # fmt: skip
    assert discover_feeds(home, "https://x.test/") == ["https://x.test/rss", "https://x.test/atom"]
