"""The exceptions of the extraction engine, under one root (`ExtractionError`)."""

from __future__ import annotations

from libs.contracts.errors import AccordError


class ExtractionError(AccordError):
    """Root of every exception `libs.extraction` raises on purpose."""


class InvalidArticleError(ExtractionError, ValueError):
    """The input cannot be extracted as given (an `article_id` the contract rejects)."""


class DeadlineExceeded(ExtractionError):
    """Extraction ran past the caller's deadline (`Extractor.extract(..., deadline=...)`).

    The engine checks the deadline between stages and every few sentences, so it
    stops shortly after the deadline, never in the middle of a rule; the caller
    (the extractor service's runtime) dead-letters the record with this reason.
    """


class ResourceError(ExtractionError, ValueError):
    """A data file of `libs/extraction/data/` is inconsistent."""
