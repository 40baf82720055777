"""Why a web request or a web source failed: one exception class per reason family.

Every error carries `reason` (a short label used in metrics, logs and the URL state) and
`transient` (True: the same request may succeed later, so it is retried with backoff and the
URL stays pending; False: the answer is final for this URL until its feed says it changed).
"""

from __future__ import annotations

from services.fetcher.errors import FetcherError, SourceError


class WebError(FetcherError):
    """A request could not produce a usable response."""

    transient: bool = False

    def __init__(self, reason: str, detail: str, *, transient: bool | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        if transient is not None:
            self.transient = transient


class FetchRefused(WebError):
    """The fetcher refused to send the request (robots.txt, address, scheme, credentials, own port)."""


class ResponseRefused(WebError):
    """The response broke a limit (size, decompressed size, encoding, redirects, header size)."""


class HttpStatusError(WebError):
    """The server answered with an error status (`status`); 429 and 5xx are transient."""

    def __init__(self, status: int, detail: str, *, retry_after_s: float | None = None) -> None:
        transient = status == 429 or status >= 500
        super().__init__(f"http_{status}", detail, transient=transient)
        self.status = status
        self.retry_after_s = retry_after_s


class NetworkError(WebError):
    """DNS, connection, TLS or protocol failure, or a timeout (transient)."""

    transient = True


class HostPaused(WebError):
    """The host failed too often in a row and is paused; no request was sent."""


class NotAFeed(WebError):
    """A feed or sitemap URL answered with something that is not a feed or a sitemap."""


class SourceUnavailable(SourceError):
    """A web source's poll failed as a whole (its feed, sitemap or home page could not be read).

    `reason` labels `accord_source_errors_total`; the message is the one log line of the poll.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
