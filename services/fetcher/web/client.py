"""The fetcher's HTTP client: polite, bounded, guarded GETs with conditional requests.

`WebClient.fetch(url, policy=..., validators=...)` does, for each hop of at most
`max_redirects` redirects:

1. `check_url` (http/https, no credentials), the address policy (`AddressPolicy`: no private
   addresses off the source's host, never the own metrics port), robots.txt (`RobotsCache`: a
   disallowed URL is never requested; Crawl-delay spaces the host's requests);
2. the request through the host's gate (concurrency, spacing, Retry-After) and breaker (a host
   that keeps failing is paused), retried on 429/5xx/timeouts/network errors by
   `libs.runtime.retry.retry_async` with exponential backoff and jitter;
3. the body streamed under the size limits (`max_body_bytes` on the wire, checked against
   Content-Length first; `max_decompressed_bytes` after decoding) within `total_timeout_s`.

It returns a `FetchResult` (a 304 has an empty body) or raises a `WebError` with a `reason`.
Redirect loops and more than `max_redirects` hops are refused. Metrics: `accord_fetch_*`.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import httpx
import structlog

from libs.runtime.metrics import RETRIES
from libs.runtime.retry import RetryEvent, RetryPolicy, retry_async
from services.fetcher.web import metrics as wm
from services.fetcher.web.errors import HttpStatusError, NetworkError, ResponseRefused, WebError
from services.fetcher.web.limits import ACCEPT_ENCODING, BoundedDecoder
from services.fetcher.web.politeness import Hosts
from services.fetcher.web.robots import RobotsCache
from services.fetcher.web.settings import PRODUCT, WebSettings
from services.fetcher.web.transport import CURRENT_POLICY, GuardedTransport, resolve
from services.fetcher.web.urls import AddressPolicy, check_url, host_of, port_of

log = structlog.get_logger(__name__)

SERVICE = "fetcher"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True, slots=True)
class Validators:
    """Conditional-GET validators of a URL (from its last 200 response)."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A response: `body` is decoded from its content coding (empty for 304 and redirects)."""

    url: str
    final_url: str
    status: int
    headers: httpx.Headers
    body: bytes
    wire_bytes: int
    seconds: float

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def validators(self) -> Validators:
        return Validators(self.headers.get("etag"), self.headers.get("last-modified"))


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None when absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class WebClient:
    """One per fetcher process: the HTTP connection pool, robots cache, host gates and breakers."""

    def __init__(self, settings: WebSettings, *, version: str, metrics_port: int | None = None) -> None:
        self.settings = settings
        self.user_agent = settings.user_agent(version)
        self.metrics_port = metrics_port
        s = settings
        self.hosts = Hosts(
            concurrency=s.fetcher_web_host_concurrency,
            min_delay_s=s.fetcher_web_min_host_delay_s,
            failures_before_pause=s.fetcher_web_host_failures_before_pause,
            pause=RetryPolicy(
                s.fetcher_web_host_pause_initial_s,
                max(s.fetcher_web_host_pause_max_s, s.fetcher_web_host_pause_initial_s),
            ),
        )
        self.retry = RetryPolicy(
            s.fetcher_web_retry_initial_s,
            max(s.fetcher_web_retry_max_s, s.fetcher_web_retry_initial_s),
            max_attempts=s.fetcher_web_max_attempts,
        )
        self.robots = RobotsCache(self._fetch_robots, PRODUCT, s.fetcher_web_robots_ttl_s)
        self._http = httpx.AsyncClient(
            transport=GuardedTransport(http2=s.fetcher_web_http2),
            timeout=httpx.Timeout(
                connect=s.fetcher_web_connect_timeout_s,
                read=s.fetcher_web_read_timeout_s,
                write=s.fetcher_web_read_timeout_s,
                pool=s.fetcher_web_total_timeout_s,
            ),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> WebClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # --- public -------------------------------------------------------------------------------

    async def fetch(
        self,
        url: str,
        *,
        policy: AddressPolicy,
        validators: Validators | None = None,
        accept: str = ACCEPT_HTML,
        robots: bool = True,
    ) -> FetchResult:
        """GET `url` following redirects under every rule of the module docstring."""
        seen: set[str] = set()
        current = url
        for _hop in range(self.settings.fetcher_web_max_redirects + 1):
            check_url(current)
            await self._precheck(current, policy)
            if robots:
                rules = await self.robots.check(current, policy)
                self.hosts.set_crawl_delay(
                    host_of(current), rules.crawl_delay(PRODUCT), self.settings.fetcher_web_max_crawl_delay_s
                )
            result = await self._request(current, policy, validators, accept)
            if result.status not in REDIRECTS:
                return FetchResult(
                    url,
                    current,
                    result.status,
                    result.headers,
                    result.body,
                    result.wire_bytes,
                    result.seconds,
                )
            location = result.headers.get("location")
            if not location:
                raise HttpStatusError(result.status, f"{current}: redirect without a Location")
            seen.add(current)
            current = urljoin(current, location.strip())
            if current in seen:
                raise ResponseRefused("redirect_loop", f"{url}: redirect loop back to {current}")
        raise ResponseRefused(
            "too_many_redirects", f"{url}: more than {self.settings.fetcher_web_max_redirects} redirects"
        )

    # --- internals ----------------------------------------------------------------------------

    async def _precheck(self, url: str, policy: AddressPolicy) -> None:
        host, port = host_of(url), port_of(url)
        policy.check(host, port, await resolve(host, port))

    async def _fetch_robots(self, url: str, policy: AddressPolicy) -> tuple[int, bytes]:
        result = await self.fetch(url, policy=policy, accept="text/plain,*/*;q=0.5", robots=False)
        return result.status, result.body

    async def _request(
        self, url: str, policy: AddressPolicy, validators: Validators | None, accept: str
    ) -> FetchResult:
        return await retry_async(
            lambda: self._once(url, policy, validators, accept),
            policy=self.retry,
            is_transient=lambda exc: isinstance(exc, WebError) and exc.transient,
            operation="fetch",
            on_retry=self._on_retry,
        )

    def _on_retry(self, event: RetryEvent) -> None:
        RETRIES.labels(service=SERVICE, operation="fetch").inc()
        log.debug(
            "fetch.retry",
            attempt=event.attempt,
            delay_s=round(event.delay_s, 3),
            reason=getattr(event.error, "reason", type(event.error).__name__),
            error=str(event.error)[:300],
        )

    async def _once(
        self, url: str, policy: AddressPolicy, validators: Validators | None, accept: str
    ) -> FetchResult:
        host = host_of(url)
        breaker = self.hosts.breaker(host)
        breaker.check(host)
        gate = self.hosts.gate(host)
        async with gate.slot():
            breaker.check(host)  # paused while this request waited for its turn
            t0 = time.monotonic()
            status_label = "error"
            wire = 0
            try:
                result = await self._send(url, policy, validators, accept)
                status_label, wire = str(result.status), result.wire_bytes
            except WebError as exc:
                status_label = exc.reason
                if exc.transient:
                    self._failed(host, breaker)
                raise
            finally:
                seconds = time.monotonic() - t0
                wm.FETCH_REQUESTS.labels(service=SERVICE, host=host, status=status_label).inc()
                wm.FETCH_SECONDS.labels(service=SERVICE, host=host).observe(seconds)
                if wire:
                    wm.FETCH_BYTES.labels(service=SERVICE, host=host).inc(wire)
            return self._judge_status(result, host, gate, breaker)

    def _judge_status(self, result: FetchResult, host: str, gate: Any, breaker: Any) -> FetchResult:
        status = result.status
        if status == 429 or status >= 500:
            wait = retry_after_seconds(result.headers.get("retry-after"))
            if wait is not None:
                gate.hold_until(time.monotonic() + wait)
            self._failed(host, breaker)
            exc = HttpStatusError(status, f"{result.url} answered {status}", retry_after_s=wait)
            if wait is not None and wait > self.settings.fetcher_web_max_retry_after_s:
                exc.transient = False  # not within this poll: the URL stays pending
            raise exc
        breaker.success()
        if status >= 400:
            raise HttpStatusError(status, f"{result.url} answered {status}")
        return result

    def _failed(self, host: str, breaker: Any) -> None:
        paused = breaker.failure()
        if paused is not None:
            log.warning("fetch.host_paused", host=host, failures=breaker.failures, pause_s=round(paused, 1))

    async def _send(
        self, url: str, policy: AddressPolicy, validators: Validators | None, accept: str
    ) -> FetchResult:
        headers = {"Accept": accept, **(validators.headers() if validators else {})}
        token = CURRENT_POLICY.set(policy)
        t0 = time.monotonic()
        try:
            async with asyncio.timeout(self.settings.fetcher_web_total_timeout_s):
                async with self._http.stream("GET", url, headers=headers) as resp:
                    body, wire = b"", 0
                    if 200 <= resp.status_code < 300:
                        body, wire = await self._read(resp, url)
                    return FetchResult(
                        url, url, resp.status_code, resp.headers, body, wire, time.monotonic() - t0
                    )
        except TimeoutError as exc:
            raise NetworkError(
                "timeout", f"{url}: no complete response within {self.settings.fetcher_web_total_timeout_s}s"
            ) from exc
        except httpx.TimeoutException as exc:
            raise NetworkError("timeout", f"{url}: {type(exc).__name__}") from exc
        except httpx.ConnectError as exc:
            raise NetworkError("connect_error", f"{url}: {exc}") from exc
        except httpx.RemoteProtocolError as exc:
            raise NetworkError("protocol_error", f"{url}: {exc}") from exc
        except httpx.HTTPError as exc:
            raise NetworkError("http_error", f"{url}: {type(exc).__name__}: {exc}") from exc
        finally:
            CURRENT_POLICY.reset(token)

    async def _read(self, resp: httpx.Response, url: str) -> tuple[bytes, int]:
        limit = self.settings.fetcher_web_max_body_bytes
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise ResponseRefused("too_large", f"{url}: Content-Length {declared} > {limit} bytes")
        decoder = BoundedDecoder(
            resp.headers.get("content-encoding"), self.settings.fetcher_web_max_decompressed_bytes
        )
        parts: list[bytes] = []
        wire = 0
        async for chunk in resp.aiter_raw():
            wire += len(chunk)
            if wire > limit:
                raise ResponseRefused("too_large", f"{url}: body larger than {limit} bytes")
            parts.append(decoder.feed(chunk))
        return b"".join(parts), wire
