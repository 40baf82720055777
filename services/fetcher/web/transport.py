"""The httpx transport of the web client: connections only to addresses the policy allows.

`GuardedBackend` wraps httpcore's network backend: it resolves the host itself, checks every
address against the `AddressPolicy` of the request in progress (a context variable set by the
client) and connects to the checked address, so a host name cannot be re-resolved to another
address between the check and the connection (DNS rebinding). TLS still verifies the host name.
"""

from __future__ import annotations

import asyncio
import contextvars
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from services.fetcher.web.errors import NetworkError
from services.fetcher.web.urls import AddressPolicy, IPAddress, literal_ip

#: the policy of the request being sent (set by `WebClient` around each request)
CURRENT_POLICY: contextvars.ContextVar[AddressPolicy | None] = contextvars.ContextVar(
    "accord_fetch_policy", default=None
)


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Addresses of `host` (a literal address resolves to itself); raises `NetworkError` (dns_error)."""
    ip = literal_ip(host)
    if ip is not None:
        return [ip]
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise NetworkError("dns_error", f"cannot resolve {host}: {exc}") from exc
    out: list[IPAddress] = []
    for info in infos:
        addr = literal_ip(str(info[4][0]).split("%", 1)[0])
        if addr is not None and addr not in out:
            out.append(addr)
    if not out:
        raise NetworkError("dns_error", f"{host} has no address")
    return out


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve, check against `CURRENT_POLICY`, then connect to the checked address."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await resolve(host, port)
        policy = CURRENT_POLICY.get()
        if policy is not None:
            policy.check(host, port, addresses)
        last: Exception | None = None
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(ip), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by the fetcher")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """`httpx.AsyncHTTPTransport` whose connection pool uses `GuardedBackend` (no proxies)."""

    def __init__(self, *, http2: bool, max_connections: int = 100) -> None:
        super().__init__(http2=http2, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=20,
            keepalive_expiry=30.0,
            http1=True,
            http2=http2,
            network_backend=GuardedBackend(),
        )
