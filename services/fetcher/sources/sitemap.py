"""`sitemap`: an XML sitemap or sitemap index (followed recursively, depth-limited), Google News
sitemaps, `.xml.gz`; `since` and URL patterns limit what is taken (backfill of a date range).

```yaml
- name: irna-sitemap
  kind: sitemap
  url: https://example.org/sitemap.xml
  options:
    since: 2025-01-01          # entries (and child sitemaps) last modified before are skipped
    url_pattern: "/news/"      # regular expression a page URL must contain
    max_depth: 3               # index levels followed (default ACCORD_FETCHER_WEB_SITEMAP_MAX_DEPTH)
```
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from pydantic import Field

from services.fetcher.web.context import WebContext
from services.fetcher.web.listings import read_sitemaps
from services.fetcher.web.source import Discovery, WebOptions, WebSource


class SitemapOptions(WebOptions):
    since: date | datetime | None = None
    max_depth: int | None = Field(default=None, ge=1, le=10)


def since_datetime(value: date | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


class SitemapSource(WebSource):
    kind = "sitemap"
    Options = SitemapOptions

    async def discover(self, web: WebContext) -> Discovery:
        out = Discovery()
        depth = self.options.max_depth or web.settings.fetcher_web_sitemap_max_depth
        await read_sitemaps(
            web, self, [self.url], out, since=since_datetime(self.options.since), max_depth=depth
        )
        return out
