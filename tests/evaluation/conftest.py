"""Fixtures of the evaluation tests: one rules-only `Extractor` per session (about a second to build)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(use_spacy=False)
