"""The fetcher's exceptions, all under `FetcherError` (an `AccordError`)."""

from __future__ import annotations

from libs.contracts.errors import AccordError


class FetcherError(AccordError):
    """Root of the fetcher's exceptions."""


class ConfigError(FetcherError, ValueError):
    """A sources file or `--source` spec is invalid; the message says where and why."""


class SourceError(FetcherError, RuntimeError):
    """The source as a whole cannot be read right now (missing file, unreachable host)."""


class ArticleSkipped(FetcherError, ValueError):
    """The document cannot become an article; `reason` is the label of `accord_articles_skipped_total`."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
