"""Fixtures of the extraction tests: one rules-only `Extractor` per session (about a second to build), and
its `SectorMatcher`."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.sectors import SectorMatcher


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(use_spacy=False)


@pytest.fixture(scope="session")
def sector_matcher(extractor: Extractor) -> SectorMatcher:
    return extractor.sector_matcher
