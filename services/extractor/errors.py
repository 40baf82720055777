"""The extractor's exceptions, all under `ExtractorError` (an `AccordError`)."""

from __future__ import annotations

from libs.contracts.errors import AccordError
from libs.runtime.errors import PoisonError


class ExtractorError(AccordError):
    """Root of the extractor's exceptions."""


class ExtractionFailed(PoisonError, ExtractorError):
    """The extraction engine raised on this article (message: original class and message)."""


class RecordOverBudget(PoisonError, ExtractorError):
    """The article's extraction ran past `ACCORD_EXTRACTOR_RECORD_BUDGET_S`: dead-lettered, the partition goes on."""
