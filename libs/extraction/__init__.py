"""Extraction engine: news text in, `CooperationEvent`s out. A pure library (no Kafka, no database).

    from libs.extraction import Extractor
    ex = Extractor()                       # loads gazetteers and lexicons once
    res = ex.extract(text, article_id="a1", published_at=date(2025, 2, 10))
    res.events, res.skipped

Importing this package is cheap: the engine modules load on first attribute
access, and spaCy only when an article first needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from libs.extraction.version import EXTRACTOR_NAME, EXTRACTOR_VERSION

if TYPE_CHECKING:
    from libs.extraction.extractor import ExtractionResult, Extractor

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "ExtractionResult", "Extractor"]


def __getattr__(name: str) -> Any:
    if name in ("Extractor", "ExtractionResult"):
        from libs.extraction import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
