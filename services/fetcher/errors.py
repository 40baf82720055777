"""The fetcher's exception root: every exception the fetcher defines derives from `FetcherError`."""

from __future__ import annotations

from libs.contracts.errors import AccordError


class FetcherError(AccordError):
    """Base class of the fetcher's own exceptions."""
