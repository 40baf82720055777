"""Cited news agencies."""

from __future__ import annotations

from libs.extraction import Extractor


def test_cited_agencies(extractor: Extractor) -> None:
    text = "IRNA reported on Monday. The minister told ISNA that ... according to Tasnim. Reuters is a word."
    assert extractor.agency_matcher.find(text) == ["IRNA", "ISNA", "Tasnim"]
    assert extractor.agency_matcher.find("TEHRAN (FNA)- x", ["FNA"]) == ["FNA"]
