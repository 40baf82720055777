"""Finding article URLs: RSS/Atom feeds, XML sitemaps (indexes, Google News, gzip) and home pages.

Pure parsing of fetched documents; the sources do the fetching. Every function returns `Entry`
values (absolute URL, the date the listing gives for it) and never raises for one bad entry.
XML is parsed without entity expansion, network access or huge trees (XXE and billion-laughs
documents are inert).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from services.fetcher.articles import parse_published_at
from services.fetcher.web.errors import NotAFeed

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")


@dataclass(frozen=True, slots=True)
class Entry:
    """A URL a listing names, with the date it gives (`updated`: last change, else publication)."""

    url: str
    updated: datetime | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap document: article URLs (`urlset`) and/or child sitemaps (`sitemapindex`)."""

    urls: list[Entry]
    children: list[Entry]


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, TypeError, ValueError):
        return None


def parse_feed(body: bytes, base_url: str) -> list[Entry]:
    """Entries of an RSS 0.9x/1.0/2.0 or Atom feed; raises `NotAFeed` when `body` is not a feed."""
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise NotAFeed(
            "not_a_feed",
            f"{base_url} is not an RSS/Atom feed ({type(reason).__name__ if reason else 'no entries'})",
        )
    out: list[Entry] = []
    for e in parsed.entries:
        link = e.get("link") or next(
            (ln.get("href") for ln in e.get("links", []) if ln.get("rel", "alternate") == "alternate"), None
        )
        if not link or not isinstance(link, str):
            continue
        updated = _struct_time(dict.get(e, "updated_parsed")) or _struct_time(dict.get(e, "published_parsed"))
        out.append(Entry(urljoin(base_url, link.strip()), updated, e.get("title")))
    return out


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el: Any, name: str) -> str | None:
    for child in el.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


_XML_PARSER_ARGS = {"resolve_entities": False, "no_network": True, "huge_tree": False, "recover": True}


def parse_sitemap(body: bytes, base_url: str, max_urls: int) -> Sitemap:
    """A sitemap or sitemap index (Google News tags understood); at most `max_urls` entries of each."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(**_XML_PARSER_ARGS))
    except etree.XMLSyntaxError as exc:
        raise NotAFeed("not_a_sitemap", f"{base_url} is not XML: {exc}") from exc
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        raise NotAFeed(
            "not_a_sitemap", f"{base_url} is not a sitemap (root {_local(getattr(root, 'tag', ''))!r})"
        )
    urls: list[Entry] = []
    children: list[Entry] = []
    for el in root:
        kind = _local(el.tag)
        if kind not in ("url", "sitemap"):
            continue
        loc = _child_text(el, "loc")
        if not loc:
            continue
        date = _child_text(el, "publication_date") or _child_text(el, "lastmod")
        entry = Entry(
            urljoin(base_url, loc), parse_published_at(date) if date else None, _child_text(el, "title")
        )
        target = urls if kind == "url" else children
        if len(target) < max_urls:
            target.append(entry)
    return Sitemap(urls, children)


def discover_feeds(body: str, base_url: str) -> list[str]:
    """Feed URLs a home page announces with `<link rel="alternate" type="application/rss+xml" ...>`."""
    try:
        tree = lxml.html.document_fromstring(body) if body.strip() else None
    except (etree.ParserError, ValueError):
        return []
    if tree is None:
        return []
    out: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            url = urljoin(base_url, href)
            if url not in out:
                out.append(url)
    return out


def matches(url: str, include: re.Pattern[str] | None, exclude: re.Pattern[str] | None) -> bool:
    """True when `url` passes the source's URL pattern options."""
    if include is not None and not include.search(url):
        return False
    return exclude is None or not exclude.search(url)
