"""`page`: one article URL (tests, one-off imports). Each poll asks again with a conditional GET:
a 304 costs nothing, a changed page is published as a new version."""

from __future__ import annotations

from services.fetcher.web.context import WebContext
from services.fetcher.web.discovery import Entry
from services.fetcher.web.source import Discovery, WebSource
from services.fetcher.web.urls import normalize_url


class PageSource(WebSource):
    kind = "page"

    async def discover(self, web: WebContext) -> Discovery:
        return Discovery(entries=[Entry(normalize_url(self.url) or self.url)], recheck=True)
