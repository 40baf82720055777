"""robots.txt per host (RFC 9309 with `protego`): what may be fetched, Crawl-delay, Sitemap lines.

A robots.txt is fetched once per `ttl_s` per scheme+host and cached in memory. Outcomes:
2xx → parsed (bodies past 500 KiB are cut, as the RFC allows); 4xx → everything allowed (no
rules); 5xx or unreachable → nothing allowed for now (RFC 9309 §2.3.1.4), retried after a short
while. The `fetch` callable sends the request through the client (politeness applies to it too).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from services.fetcher.web.errors import FetchRefused, HttpStatusError, NetworkError, WebError
from services.fetcher.web.urls import AddressPolicy

MAX_ROBOTS_BYTES = 500 * 1024
#: how long an unreachable robots.txt keeps its host closed before it is asked again
UNAVAILABLE_TTL_S = 60.0


@dataclass
class RobotsRules:
    """The rules of one host: `parser` None = everything allowed; `unavailable` = nothing allowed."""

    parser: Protego | None
    fetched_at: float
    unavailable: WebError | None = None

    def allows(self, url: str, agent: str) -> bool:
        return self.unavailable is None and (self.parser is None or bool(self.parser.can_fetch(url, agent)))

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser is not None else []


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/robots.txt"


class RobotsCache:
    """robots.txt rules per origin, fetched through `fetch(url, policy) -> (status, body)`."""

    def __init__(
        self,
        fetch: Callable[[str, AddressPolicy], Awaitable[tuple[int, bytes]]],
        agent: str,
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self.agent = agent
        self.ttl_s = ttl_s
        self._clock = clock
        self._rules: dict[str, RobotsRules] = {}

    async def rules(self, url: str, policy: AddressPolicy) -> RobotsRules:
        """The rules that apply to `url` (fetched when missing or stale)."""
        key = robots_url(url)
        cached = self._rules.get(key)
        now = self._clock()
        if cached is not None:
            ttl = UNAVAILABLE_TTL_S if cached.unavailable is not None else self.ttl_s
            if now - cached.fetched_at < ttl:
                return cached
        rules = await self._load(key, now, policy)
        self._rules[key] = rules
        return rules

    async def _load(self, key: str, now: float, policy: AddressPolicy) -> RobotsRules:
        try:
            status, body = await self._fetch(key, policy)
        except HttpStatusError as exc:
            status, body = exc.status, b""
        except WebError as exc:
            if not exc.transient:  # refused by policy, too large, ...: treat as no usable rules
                return RobotsRules(None, now)
            return RobotsRules(None, now, unavailable=exc)
        if 200 <= status < 300:
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            return RobotsRules(Protego.parse(text), now)
        if 400 <= status < 500:
            return RobotsRules(None, now)
        return RobotsRules(None, now, unavailable=HttpStatusError(status, f"robots.txt answered {status}"))

    async def check(self, url: str, policy: AddressPolicy) -> RobotsRules:
        """The rules of `url`'s host; raises `FetchRefused` when `url` may not be fetched."""
        rules = await self.rules(url, policy)
        if rules.unavailable is not None:
            exc = rules.unavailable
            if isinstance(exc, HttpStatusError):
                raise FetchRefused("robots_unavailable", f"robots.txt {exc}", transient=True)
            raise NetworkError(exc.reason, f"robots.txt unreachable: {exc}")
        if not rules.allows(url, self.agent):
            raise FetchRefused("robots_disallowed", f"robots.txt disallows {url}")
        return rules
