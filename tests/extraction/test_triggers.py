"""Cue rules that read the whole sentence: statistics, background deals, conditions, clause ends."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.triggers import filter_cues


def _types(extractor: Extractor, sentence: str) -> list[str]:
    scan = extractor.scanner.scan(sentence)
    raw = extractor.cue_matcher.find(scan, 0, len(sentence))
    cues = filter_cues(
        sentence,
        0,
        len(sentence),
        raw,
        extractor.resources,
        conflict=False,
        sports=False,
        continuation_end=None,
    )
    return [c.type for c in cues]


def test_statistics_drop_cooperation_cues(extractor: Extractor) -> None:
    assert "cooperation" in _types(extractor, "Chile exports copper to Peru.")
    assert "cooperation" not in _types(extractor, "Chile's exports to Peru rose 12 percent year on year.")


def test_undated_background_deal_drops_agreement_cues(extractor: Extractor) -> None:
    assert "agreement" not in _types(extractor, "The JCPOA was signed between Iran and six powers.")
    assert "agreement" in _types(extractor, "The JCPOA was signed between Iran and six powers in July 2015.")


def test_a_condition_drops_the_cue(extractor: Extractor) -> None:
    assert _types(extractor, "If Peru agrees, Chile will sign a deal with it.") == []
