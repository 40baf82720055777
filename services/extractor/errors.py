"""The extractor's exceptions, all under `ExtractorError` (an `AccordError`)."""

from __future__ import annotations

from libs.contracts.errors import AccordError
from libs.runtime.errors import PoisonError


class ExtractorError(AccordError):
    """Root of the extractor's exceptions."""


class ExtractionFailed(PoisonError, ExtractorError):
    """The extraction engine raised on this article (message: original class and message)."""
