"""URL rules of the web path: normalisation (dedup key), what may be requested, and from where.

- `normalize_url`: the key of a URL in the state and the article's canonical URL: tracking
  parameters stripped by `courlan`, then `articles.canonical_url` (lower-cased host, default port,
  fragment dropped, sorted query, dot segments resolved).
- `check_url`: only http/https, no user info (credentials), a host; raises `FetchRefused`.
- `AddressPolicy`: a URL found in a feed or sitemap (not configured by the operator) may not
  reach a loopback, private, link-local or otherwise non-public address unless it is on the
  configured source's own host or `allow_private` is set; nothing may reach the fetcher's own
  metrics port. Checked before a request and again when the connection is opened
  (`services.fetcher.web.transport`), so DNS rebinding gains nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from services.fetcher.articles import canonical_url
from services.fetcher.web.errors import FetchRefused

ALLOWED_SCHEMES = frozenset({"http", "https"})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def normalize_url(url: str) -> str | None:
    """The normalised form of an http(s) URL (tracking parameters removed), None when it is not one."""
    import courlan

    try:
        cleaned = courlan.normalize_url(url.strip(), strict=False)
    except Exception:  # courlan raises assorted errors on malformed URLs
        cleaned = url
    return canonical_url(cleaned) or canonical_url(url)


def host_of(url: str) -> str:
    """Lower-cased host name of `url` ('' when there is none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def port_of(url: str) -> int:
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme.lower() == "https" else 80)


def check_url(url: str) -> None:
    """Raise `FetchRefused` unless `url` is an http(s) URL with a host and without credentials."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise FetchRefused("bad_url", f"malformed URL {url[:200]!r}: {exc}") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchRefused("bad_scheme", f"only http/https are fetched, not {parts.scheme or 'no scheme'!r}")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("credentials_in_url", "URLs with credentials are never fetched")
    if not parts.hostname:
        raise FetchRefused("bad_url", f"no host in {url[:200]!r}")


def same_site(a: str, b: str) -> bool:
    """True when hosts `a` and `b` are the same site (equal, or equal after dropping `www.`)."""
    a, b = a.lower().removeprefix("www."), b.lower().removeprefix("www.")
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def is_public(ip: IPAddress) -> bool:
    """False for loopback, private, link-local, shared (CGNAT), reserved, multicast, unspecified addresses."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which addresses a request may connect to.

    `trusted_host`: the configured source's own host (its addresses are allowed whatever they are:
    the operator chose it); `allow_private`: any address allowed (intranets); `metrics_port`: the
    fetcher's own /metrics port, never allowed on a local address.
    """

    trusted_host: str | None = None
    allow_private: bool = False
    metrics_port: int | None = None
    local_addresses: frozenset[str] = field(default_factory=frozenset)

    def check(self, host: str, port: int, addresses: Iterable[IPAddress]) -> None:
        """Raise `FetchRefused` when connecting to `host`:`port` at `addresses` is not allowed."""
        addrs = list(addresses)
        if self.metrics_port is not None and port == self.metrics_port:
            for ip in addrs:
                if ip.is_loopback or ip.is_unspecified or str(ip) in self.local_addresses:
                    raise FetchRefused("own_metrics_port", f"{host}:{port} is the fetcher's own metrics port")
        if self.allow_private or (self.trusted_host and host.lower() == self.trusted_host.lower()):
            return
        for ip in addrs:
            if not is_public(ip):
                raise FetchRefused(
                    "private_address",
                    f"{host} resolves to the non-public address {ip}; only the source's own host "
                    "may be private (ACCORD_FETCHER_WEB_ALLOW_PRIVATE_ADDRESSES allows it)",
                )


def literal_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def local_addresses() -> frozenset[str]:
    """Addresses of this machine's own host name (best effort), for the metrics-port rule."""
    found: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            found.add(str(info[4][0]))
    except OSError:
        pass
    return frozenset(found)
