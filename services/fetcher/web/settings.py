"""Settings of the web path (`ACCORD_FETCHER_WEB_*`), mixed into `FetcherSettings`.

Defaults are polite for real news sites; tests shorten the timeouts and delays.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from libs.runtime.settings import ENV_PREFIX

#: product token of the User-Agent and the robots.txt group it obeys
PRODUCT = "AccordFetcher"
DEFAULT_CONTACT_URL = "https://example.org/accord-fetcher"


class WebSettings(BaseSettings):
    """HTTP client, politeness, limits and polling of the web source kinds."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    fetcher_web_contact_url: str = Field(
        default=DEFAULT_CONTACT_URL,
        description="contact URL (or mailto:) put in the User-Agent; operators must set their own",
    )
    fetcher_web_user_agent: str | None = Field(
        default=None,
        description="full User-Agent override; unset = 'AccordFetcher/VERSION (+CONTACT_URL)'",
    )
    fetcher_web_http2: bool = Field(default=True, description="offer HTTP/2 to servers that support it")
    fetcher_web_connect_timeout_s: float = Field(default=10.0, gt=0, description="TCP/TLS connect timeout")
    fetcher_web_read_timeout_s: float = Field(
        default=20.0, gt=0, description="longest silence while reading a response"
    )
    fetcher_web_total_timeout_s: float = Field(
        default=60.0, gt=0, description="longest time for one request, body included (slow trickles are cut)"
    )
    fetcher_web_max_body_bytes: int = Field(
        default=5_000_000, ge=1024, description="largest response body on the wire; streamed, aborted past it"
    )
    fetcher_web_max_decompressed_bytes: int = Field(
        default=20_000_000,
        ge=1024,
        description="largest body after gzip/deflate/brotli decoding (bombs refused)",
    )
    fetcher_web_max_redirects: int = Field(
        default=5, ge=0, le=20, description="redirects followed per request"
    )
    fetcher_web_host_concurrency: int = Field(
        default=1, ge=1, le=16, description="requests in flight per host"
    )
    fetcher_web_min_host_delay_s: float = Field(
        default=1.0, ge=0, description="minimum pause between two requests to one host"
    )
    fetcher_web_max_crawl_delay_s: float = Field(
        default=60.0, ge=0, description="cap on a robots.txt Crawl-delay (larger ones are clamped)"
    )
    fetcher_web_robots_ttl_s: float = Field(
        default=86_400.0, gt=0, description="how long a robots.txt is cached"
    )
    fetcher_web_max_attempts: int = Field(
        default=3, ge=1, le=10, description="tries of one request on 429/5xx/timeouts (backoff with jitter)"
    )
    fetcher_web_retry_initial_s: float = Field(
        default=1.0, gt=0, description="first retry delay of a request"
    )
    fetcher_web_retry_max_s: float = Field(default=60.0, gt=0, description="cap of a request's retry delay")
    fetcher_web_max_retry_after_s: float = Field(
        default=600.0,
        gt=0,
        description="longest Retry-After honoured within a poll; longer ones end the poll",
    )
    fetcher_web_host_failures_before_pause: int = Field(
        default=5, ge=1, description="consecutive failed requests after which a host is paused"
    )
    fetcher_web_host_pause_initial_s: float = Field(
        default=60.0, gt=0, description="first pause of a failing host"
    )
    fetcher_web_host_pause_max_s: float = Field(
        default=3600.0, gt=0, description="longest pause of a failing host"
    )
    fetcher_web_poll_interval_s: float = Field(
        default=900.0,
        gt=0,
        description="seconds between polls of a web source (per-source option poll_interval_s)",
    )
    fetcher_web_poll_jitter: float = Field(
        default=0.1, ge=0, le=0.5, description="random spread of the poll interval (0.1 = ±10%)"
    )
    fetcher_web_error_retry_initial_s: float = Field(
        default=30.0, gt=0, description="first re-poll delay after a failed poll (doubles up to the interval)"
    )
    fetcher_web_max_urls_per_poll: int = Field(
        default=200,
        ge=1,
        description="article pages fetched per poll of a source (the rest wait for the next)",
    )
    fetcher_web_max_url_failures: int = Field(
        default=5,
        ge=1,
        description="transient failures after which a page is given up (until its entry changes)",
    )
    fetcher_web_min_text_chars: int = Field(
        default=300, ge=1, description="pages with less main text are rejected (too_short)"
    )
    fetcher_web_sitemap_max_depth: int = Field(
        default=3, ge=1, le=10, description="sitemap index levels followed"
    )
    fetcher_web_sitemap_max_urls: int = Field(
        default=50_000, ge=1, description="URLs taken from one sitemap document"
    )
    fetcher_web_allow_private_addresses: bool = Field(
        default=False,
        description="let feed/sitemap entries point at loopback/private/link-local hosts other than the source's (intranets)",
    )
    fetcher_web_parse_workers: int = Field(
        default=0,
        ge=0,
        le=16,
        description="processes that parse pages (trafilatura); 0 = a thread of the service",
    )

    def user_agent(self, version: str) -> str:
        """The User-Agent header: the override, or the product, its version and the contact URL."""
        return self.fetcher_web_user_agent or f"{PRODUCT}/{version} (+{self.fetcher_web_contact_url})"
