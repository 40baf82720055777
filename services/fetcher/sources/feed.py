"""`feed`: an RSS 2.0 / Atom feed (`feedparser`); each entry's link is fetched as an article page.

```yaml
- name: tehran-times
  kind: feed
  url: https://www.tehrantimes.com/rss
  language: en                # pages in another language are rejected (wrong_language)
  options: {poll_interval_s: 900, url_pattern: "/news/", max_urls_per_poll: 200}
```

An entry whose date (`updated`, else `published`) is newer than when its page was fetched is
fetched again (conditional GET). Common options: `services.fetcher.web.source.WebOptions`.
"""

from __future__ import annotations

from services.fetcher.web.context import WebContext
from services.fetcher.web.listings import read_feed
from services.fetcher.web.source import Discovery, WebSource


class FeedSource(WebSource):
    kind = "feed"

    async def discover(self, web: WebContext) -> Discovery:
        out = Discovery()
        await read_feed(web, self, self.url, out)
        return out
