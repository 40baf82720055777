"""URL normalisation and the address policy (pure)."""

from __future__ import annotations

import ipaddress

import pytest

from services.fetcher.web.errors import FetchRefused
from services.fetcher.web.urls import AddressPolicy, check_url, is_public, normalize_url, same_site


def test_normalize_strips_tracking_and_is_idempotent() -> None:
    url = normalize_url("HTTPS://www.Example.org:443/news/../news/1?utm_source=rss&b=2&a=1&fbclid=x#top")
    assert url == "https://www.example.org/news/1?a=1&b=2"
    assert normalize_url(url) == url
    assert normalize_url("mailto:someone@example.org") is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [("ftp://example.org/a", "bad_scheme"), ("javascript:alert(1)", "bad_scheme"), ("file:///etc/passwd", "bad_scheme"),
     ("https://user:secret@example.org/", "credentials_in_url"), ("http:///nohost", "bad_url"),
     ("http://example.org:99999/", "bad_url")],
)  # fmt: skip
def test_check_url_refuses(url: str, reason: str) -> None:
    with pytest.raises(FetchRefused) as err:
        check_url(url)
    assert err.value.reason == reason


def test_address_policy() -> None:
    ip = ipaddress.ip_address
    policy = AddressPolicy(trusted_host="intranet.local", metrics_port=9100)
    policy.check("news.example.org", 443, [ip("93.184.216.34")])
    policy.check("intranet.local", 80, [ip("10.0.0.5")])  # the source's own host
    for addr in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                 "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "0.0.0.0"):  # fmt: skip
        assert not is_public(ip(addr)), addr
        with pytest.raises(FetchRefused):
            policy.check("evil.example", 80, [ip("93.184.216.34"), ip(addr)])
    with pytest.raises(FetchRefused) as err:
        AddressPolicy(allow_private=True, metrics_port=9100).check("localhost", 9100, [ip("127.0.0.1")])
    assert err.value.reason == "own_metrics_port"


def test_same_site() -> None:
    assert same_site("www.example.org", "example.org") and same_site("en.example.org", "example.org")
    assert not same_site("example.org", "example.com")
