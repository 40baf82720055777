"""`confidence`: a logistic score of an event's evidence (made-up candidates, no text)."""

from __future__ import annotations

from libs.extraction.candidates import CONTEXT, EXPLICIT, PRONOUN, Candidate, SentenceInfo
from libs.extraction.occasions import confidence
from libs.extraction.triggers import Cue
from tests.extraction.helpers import sentence_info


def _info(conflict: bool = False) -> SentenceInfo:
    return sentence_info("x" * 10, conflict=conflict)


def _cand(type_: str = "meeting", source: str = EXPLICIT, sentences: int = 1, parties: int = 2) -> Candidate:
    countries = ("AAA", "BBB", "CCC", "DDD")[:parties]
    cue = Cue(0, 3, type_, True, "met")
    return Candidate(type_, countries, (), list(range(sentences)), cue, True, source)


def test_confidence_is_a_probability_that_evidence_moves() -> None:
    infos = [_info(), _info(), _info()]
    base = confidence(_cand(), infos)
    assert 0.05 <= base <= 0.99
    assert confidence(_cand(sentences=3), infos) > base  # more sentences support the occasion
    assert confidence(_cand(type_="agreement"), infos) > base  # literal cues
    assert confidence(_cand(source=PRONOUN), infos) < base  # a party found through "he"
    assert confidence(_cand(parties=4), infos) < base  # cliques are riskier
    assert confidence(_cand(), [_info(conflict=True)]) < base
    assert confidence(_cand(source=CONTEXT), infos) == base


def test_one_sentence_is_under_the_user_threshold_two_are_above() -> None:
    infos = [_info(), _info()]
    assert confidence(_cand(), infos) < 0.8 <= confidence(_cand(sentences=2), infos)
