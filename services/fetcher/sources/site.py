"""`site`: a news site named by its home page only. Each poll reads the feeds the home page
announces (`<link rel="alternate" type="application/rss+xml">`), or, when it announces none (or
`use: both`), the sitemaps its robots.txt lists. What was discovered is kept in the state, so a
poll whose home page cannot be read still follows the known feeds.

```yaml
- name: mehr-news
  kind: site
  url: https://en.mehrnews.com/
  options: {use: feeds}        # feeds (sitemaps only when no feed is announced) | sitemaps | both
```
"""

from __future__ import annotations

from typing import Literal

import structlog

from services.fetcher.sources.sitemap import SitemapOptions, since_datetime
from services.fetcher.web.context import WebContext
from services.fetcher.web.errors import NotAFeed, WebError
from services.fetcher.web.listings import discover_site, read_feed, read_sitemaps
from services.fetcher.web.source import Discovery, WebSource

log = structlog.get_logger(__name__)


class SiteOptions(SitemapOptions):
    use: Literal["feeds", "sitemaps", "both"] = "feeds"


class SiteSource(WebSource):
    kind = "site"
    Options = SiteOptions

    async def _discovered(self, web: WebContext) -> dict[str, list[str]]:
        try:
            found = await discover_site(web, self)
        except WebError as exc:
            known = await web.state.poll_started(self.name, self.kind, self.url)
            if known.get("discovered"):
                log.info("fetcher.web.home_failed", source=self.name, reason=exc.reason, using="known feeds")
                return dict(known["discovered"])
            raise
        await web.state.set_discovered(self.name, found)
        return found

    async def discover(self, web: WebContext) -> Discovery:
        found = await self._discovered(web)
        feeds, sitemaps = found.get("feeds", []), found.get("sitemaps", [])
        use = self.options.use
        out = Discovery()
        if use in ("feeds", "both"):
            for url in feeds:
                await read_feed(web, self, url, out)
        if use in ("sitemaps", "both") or (use == "feeds" and not feeds):
            depth = self.options.max_depth or web.settings.fetcher_web_sitemap_max_depth
            since = since_datetime(self.options.since)
            await read_sitemaps(web, self, sitemaps, out, since=since, max_depth=depth)
        if not feeds and not sitemaps:
            raise NotAFeed(
                "nothing_discovered", f"{self.url} announces no feed and its robots.txt no sitemap"
            )
        return out
