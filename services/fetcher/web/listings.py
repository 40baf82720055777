"""Reading a source's listings: feeds, sitemap trees and a site's home page (with conditional GET).

Each returns a `Discovery` (listings fetched + entries). A 304 costs no parsing: the feed's
entries were noted in the state when it last changed, and its pending pages are still there.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import structlog

from services.fetcher.web.charset import decode_body
from services.fetcher.web.discovery import Entry, discover_feeds, parse_feed, parse_sitemap
from services.fetcher.web.errors import WebError
from services.fetcher.web.limits import gunzip_bounded

if TYPE_CHECKING:
    from services.fetcher.web.context import WebContext
    from services.fetcher.web.source import Discovery, WebSource

log = structlog.get_logger(__name__)

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
XML_ACCEPT = "application/xml, text/xml;q=0.9, application/x-gzip;q=0.8, */*;q=0.5"


async def read_feed(web: WebContext, source: WebSource, url: str, out: Discovery) -> None:
    """Fetch feed `url` (conditional GET) and add it and its entries to `out`."""
    validators = await web.state.listing_validators(url)
    res = await web.client.fetch(
        url, policy=web.policy_for(source), validators=validators, accept=FEED_ACCEPT
    )
    if res.not_modified:
        out.listings.append((url, "feed", validators))
        return
    out.entries += parse_feed(res.body, res.final_url)
    out.listings.append((url, "feed", res.validators))


async def read_sitemaps(
    web: WebContext,
    source: WebSource,
    roots: list[str],
    out: Discovery,
    *,
    since: datetime | None,
    max_depth: int,
) -> None:
    """Walk the sitemap trees under `roots` (depth-limited) and add what they list to `out`.

    A root that fails fails the poll; a child that fails is logged and retried next poll. When a
    document answers 304 the sitemaps this source fetched before are walked (their own
    conditional GETs make unchanged ones cheap), so the children of an unchanged index are still
    read.
    """
    s = web.settings
    max_urls = s.fetcher_web_sitemap_max_urls
    queue: list[tuple[str, int]] = [(r, 1) for r in roots]
    seen: set[str] = set()
    known_added = False
    while queue:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        validators = await web.state.listing_validators(url)
        try:
            res = await web.client.fetch(
                url, policy=web.policy_for(source), validators=validators, accept=XML_ACCEPT
            )
        except WebError as exc:
            if url in roots:
                raise
            log.info(
                "fetcher.web.sitemap_failed",
                source=source.name,
                url=url,
                reason=exc.reason,
                error=str(exc)[:300],
            )
            continue
        if res.not_modified:
            out.listings.append((url, "sitemap", validators))
            if not known_added:
                known_added = True
                queue += [(u, 2) for u in await web.state.listings(source.name, "sitemap") if u not in seen]
            continue
        doc = parse_sitemap(
            gunzip_bounded(res.body, s.fetcher_web_max_decompressed_bytes), res.final_url, max_urls
        )
        out.listings.append((url, "sitemap", res.validators))
        out.entries += [e for e in doc.urls if _recent(e, since)]
        if depth < max_depth:
            queue += [(c.url, depth + 1) for c in doc.children if _recent(c, since)]
        elif doc.children:
            log.info("fetcher.web.sitemap_depth", source=source.name, url=url, skipped=len(doc.children))


def _recent(entry: Entry, since: datetime | None) -> bool:
    return since is None or entry.updated is None or entry.updated >= since


async def discover_site(web: WebContext, source: WebSource) -> dict[str, list[str]]:
    """Feeds a home page announces (`<link rel=alternate>`) and sitemaps its robots.txt lists."""
    res = await web.client.fetch(source.url, policy=web.policy_for(source))
    text, _enc = decode_body(res.body, res.content_type)
    feeds = discover_feeds(text, res.final_url)
    rules = await web.client.robots.rules(res.final_url, web.policy_for(source))
    return {"feeds": feeds, "sitemaps": rules.sitemaps()}
