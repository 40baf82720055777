"""Sentence dyads, issue 13 round 30: which sentences are the evidence of an event
(`discourse.evidence_positions`). A sentence continuing an occasion ("During the talks, ...") that names two
states or more but not all of the occasion's tells of other states, not of the occasion; a sentence naming the
occasion's states again with a word of negation tells of no cooperation. On short texts written for these
tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import evidence_of

_TALKS = "NAIROBI – Kenyan and Ghanaian ministers held talks on cocoa processing in Nairobi on Monday. "


def test_continuation_is_evidence_when_it_names_the_occasions_states(extractor: Extractor) -> None:
    for told in (
        "During the talks, the minister recalled the long rivalry of Peru and Chile over fishing grounds.",
        "During the talks, the minister spoke of the fishing quarrel between Ghana and Togo.",
    ):
        assert not evidence_of(extractor, _TALKS + told, {"GHA", "KEN"}, told[:25])
    for told in (
        "During the talks, the minister praised the cocoa trade of Kenya and Ghana.",
        "During the talks, the minister said Kenya and Ghana would learn from Peru and Chile.",
        "During the talks, the minister praised the cocoa farmers of Ghana.",
    ):
        assert evidence_of(extractor, _TALKS + told, {"GHA", "KEN"}, told[:25])


def test_states_named_again_with_negation_are_not_evidence(extractor: Extractor) -> None:
    told = "Kenya and Ghana do not depend on cocoa alone, the officials added."
    assert not evidence_of(extractor, _TALKS + told, {"GHA", "KEN"}, told[:20])
    told = "Kenya and Ghana depend on cocoa for a large share of their exports, the officials added."
    assert evidence_of(extractor, _TALKS + told, {"GHA", "KEN"}, told[:20])


_DEAL = "LIMA – Peru and Chile signed an accord on fishing quotas in Lima on Monday, officials said. "
_MORE = (
    "The accord sets quotas for anchovy and hake for three years. "
    "Inspectors of both navies will patrol the shared waters. "
    "Fishing unions in both countries welcomed the quotas. "
)


def test_sentence_with_its_own_event_is_evidence_of_another_pairs_occasion(extractor: Extractor) -> None:
    told = "Ecuador and Bolivia signed a trade memorandum on Friday, and their ministers"
    text = _DEAL + _MORE + told + " praised the cooperation of Peru and Chile."
    assert evidence_of(extractor, text, {"CHL", "PER"}, told[:25])
    text = _DEAL + _MORE + told + " said the cooperation of Peru and Chile was not a model."
    assert not evidence_of(extractor, text, {"CHL", "PER"}, told[:25])
