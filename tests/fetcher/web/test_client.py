"""The web client against a real local HTTP server: politeness, limits, refusals, conditional GET."""

from __future__ import annotations

import gzip
import itertools
import time
from typing import Any

import brotli
import pytest

from services.fetcher.web.client import Validators, WebClient, retry_after_seconds
from services.fetcher.web.errors import (
    FetchRefused,
    HostPaused,
    HttpStatusError,
    NetworkError,
    ResponseRefused,
)
from services.fetcher.web.settings import WebSettings
from services.fetcher.web.urls import AddressPolicy
from tests.fetcher.web.conftest import fast_settings
from tests.fetcher.web.site import Page, Site, raw, sequence


def client(**overrides: Any) -> WebClient:
    return WebClient(
        WebSettings(**fast_settings(**overrides)), version="test", metrics_port=overrides.get("port")
    )


def trusted(site: Site) -> AddressPolicy:
    return AddressPolicy(trusted_host=site.host)


async def test_a_page_is_fetched_with_an_honest_user_agent_and_robots_is_asked_first(site: Site) -> None:
    site.add("/a", Page("<p>hello</p>"))
    async with client() as c:
        res = await c.fetch(site.url("/a"), policy=trusted(site))
    assert res.status == 200 and res.body == b"<p>hello</p>"
    assert site.paths() == ["/robots.txt", "/a"]
    ua = site.seen("/a")[0].headers["user-agent"]
    assert ua.startswith("AccordFetcher/test (+") and "http" in ua


async def test_robots_disallow_means_the_request_is_never_sent(site: Site) -> None:
    site.add("/robots.txt", Page("User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    site.add("/private/x", Page("secret"))
    async with client() as c:
        with pytest.raises(FetchRefused) as err:
            await c.fetch(site.url("/private/x"), policy=trusted(site))
    assert err.value.reason == "robots_disallowed" and not err.value.transient
    assert site.count("/private/x") == 0 and site.count("/robots.txt") == 1


async def test_crawl_delay_spaces_requests_to_a_host(site: Site) -> None:
    site.add("/robots.txt", Page("User-agent: AccordFetcher\nCrawl-delay: 1\n", content_type="text/plain"))
    for p in ("/1", "/2", "/3"):
        site.add(p, Page("x"))
    async with client() as c:
        for p in ("/1", "/2", "/3"):
            await c.fetch(site.url(p), policy=trusted(site))
    times = [s.at for s in site.requests if s.path != "/robots.txt"]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(g >= 0.95 for g in gaps), gaps


async def test_429_with_retry_after_is_honoured_then_retried(site: Site) -> None:
    site.add("/busy", sequence(Page("slow down", status=429, headers={"Retry-After": "1"}), Page("ok")))
    async with client() as c:
        res = await c.fetch(site.url("/busy"), policy=trusted(site))
    assert res.status == 200
    first, second = site.seen("/busy")
    assert second.at - first.at >= 0.95


async def test_5xx_retried_with_backoff_then_the_host_is_paused(site: Site) -> None:
    site.add("/down", Page("oops", status=503))
    async with client(fetcher_web_max_attempts=2, fetcher_web_host_failures_before_pause=4) as c:
        for _ in range(2):
            with pytest.raises(HttpStatusError) as err:
                await c.fetch(site.url("/down"), policy=trusted(site))
            assert err.value.status == 503 and err.value.transient
        assert site.count("/down") == 4
        with pytest.raises(HostPaused):
            await c.fetch(site.url("/down"), policy=trusted(site))
    assert site.count("/down") == 4, "a paused host is not asked"


async def test_conditional_get_sends_validators_and_a_304_has_no_body(site: Site) -> None:
    site.add("/feed", Page("<rss/>", etag='"v1"', last_modified="Sun, 09 Feb 2025 08:00:00 GMT"))
    async with client() as c:
        first = await c.fetch(site.url("/feed"), policy=trusted(site))
        assert first.validators == Validators('"v1"', "Sun, 09 Feb 2025 08:00:00 GMT")
        second = await c.fetch(site.url("/feed"), policy=trusted(site), validators=first.validators)
    assert second.not_modified and second.body == b""
    assert site.seen("/feed")[1].headers["if-none-match"] == '"v1"'


async def test_oversized_bodies_are_refused_with_and_without_content_length(site: Site) -> None:
    big = b"<p>" + b"x" * 300_000 + b"</p>"
    site.add("/big", Page(big))
    site.add("/big-chunked", raw("200 OK", [("Content-Type", "text/html"), ("Connection", "close")], big))
    async with client() as c:
        for path in ("/big", "/big-chunked"):
            with pytest.raises(ResponseRefused) as err:
                await c.fetch(site.url(path), policy=trusted(site))
            assert err.value.reason == "too_large" and not err.value.transient


@pytest.mark.parametrize("encoding", ["gzip", "br"])
async def test_compression_bombs_are_refused(site: Site, encoding: str) -> None:
    payload = b"\0" * 5_000_000
    data = gzip.compress(payload) if encoding == "gzip" else brotli.compress(payload, quality=4)
    site.add("/bomb", Page(data, headers={"Content-Encoding": encoding}))
    site.add("/ok", Page(gzip.compress(b"<p>fine</p>"), headers={"Content-Encoding": "gzip"}))
    async with client() as c:
        with pytest.raises(ResponseRefused) as err:
            await c.fetch(site.url("/bomb"), policy=trusted(site))
        assert err.value.reason == "decompression_bomb"
        assert (await c.fetch(site.url("/ok"), policy=trusted(site))).body == b"<p>fine</p>"


async def test_redirects_followed_loops_and_long_chains_refused(site: Site) -> None:
    site.add("/old", Page("", status=301, headers={"Location": "/new"}))
    site.add("/new", Page("<p>here</p>"))
    site.add("/loop-a", Page("", status=302, headers={"Location": "/loop-b"}))
    site.add("/loop-b", Page("", status=302, headers={"Location": "/loop-a"}))
    for i in range(8):
        site.add(f"/hop{i}", Page("", status=302, headers={"Location": f"/hop{i + 1}"}))
    site.add("/to-file", Page("", status=302, headers={"Location": "file:///etc/passwd"}))
    async with client() as c:
        res = await c.fetch(site.url("/old"), policy=trusted(site))
        assert res.final_url == site.url("/new") and res.body == b"<p>here</p>"
        for path, reason in [
            ("/loop-a", "redirect_loop"),
            ("/hop0", "too_many_redirects"),
            ("/to-file", "bad_scheme"),
        ]:
            with pytest.raises(WebError_) as err:
                await c.fetch(site.url(path), policy=trusted(site))
            assert err.value.reason == reason
    assert site.count("/hop6") == 0, "at most 5 redirects are followed"


async def test_slow_responses_are_cut_by_the_timeouts(site: Site) -> None:
    site.add("/silent", raw("200 OK", [("Content-Length", "10")], b"", hold_s=3))
    site.add("/trickle", raw("200 OK", [("Content-Length", "100")], b"x" * 100, trickle_s=0.2))
    async with client(fetcher_web_max_attempts=1) as c:
        t0 = time.monotonic()
        for path in ("/silent", "/trickle"):
            with pytest.raises(NetworkError) as err:
                await c.fetch(site.url(path), policy=trusted(site))
            assert err.value.reason == "timeout" and err.value.transient
    assert time.monotonic() - t0 < 6


async def test_a_huge_header_is_cut_off(site: Site) -> None:
    site.add("/header", raw("200 OK", [("X-Big", "a" * 1_000_000), ("Content-Length", "2")], b"ok"))
    async with client(fetcher_web_max_attempts=1) as c:
        with pytest.raises(NetworkError) as err:
            await c.fetch(site.url("/header"), policy=trusted(site))
    assert err.value.reason == "protocol_error"


async def test_private_loopback_and_link_local_hosts_are_refused_off_the_source_host(site: Site) -> None:
    site.add("/x", Page("x"))
    foreign = AddressPolicy(trusted_host="news.example.org")
    async with client() as c:
        for url in (
            f"http://localhost:{site.port}/x",  # loopback under another name than the source's
            site.url("/x"),  # loopback, not the source's host
            "http://10.11.12.13/x",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:1/x",
            "http://192.168.0.1/x",
        ):
            with pytest.raises(FetchRefused) as err:
                await c.fetch(url, policy=foreign)
            assert err.value.reason == "private_address", url
        # allowed: the source's own host, or every host when the operator says so
        assert (await c.fetch(site.url("/x"), policy=trusted(site))).status == 200
        assert (await c.fetch(site.url("/x"), policy=AddressPolicy(allow_private=True))).status == 200
    assert site.count("/x") == 2


async def test_credentials_other_schemes_and_the_own_metrics_port_are_refused(site: Site) -> None:
    site.add("/metrics", Page("secret metrics"))
    policy = trusted(site)
    async with client(port=site.port) as c:
        for url, reason in [
            (f"http://user:pw@127.0.0.1:{site.port}/x", "credentials_in_url"),
            ("ftp://127.0.0.1/x", "bad_scheme"),
            ("javascript:alert(1)", "bad_scheme"),
            (site.url("/metrics"), "own_metrics_port"),
        ]:
            with pytest.raises(FetchRefused) as err:
                await c.fetch(url, policy=AddressPolicy(policy.trusted_host, metrics_port=site.port))
            assert err.value.reason == reason, url
    assert site.requests == []


def test_retry_after_parses_seconds_and_dates() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


from services.fetcher.web.errors import WebError as WebError_  # noqa: E402
