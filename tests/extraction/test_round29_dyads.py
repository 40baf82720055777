"""Sentence dyads, issue 13 round 29: a sentence without an event of its own that names the states of an
occasion told elsewhere becomes its evidence (`discourse.recall_named`) also when its only conflict words are
sanctions or an embargo that none of the named states imposes ("A and B kept up their ties despite the
sanctions"), not terrorism, and when it names an IGO beside exactly those states; on short texts written for
these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import evidence_of

_OCCASION = (
    "NAIROBI – Kenya and Ghana signed a memorandum on cocoa processing in Nairobi on Monday, officials said. "
)
_FILLER = (
    "The memorandum covers training for farmers and shared laboratories. "
    "Officials expect the first joint projects to start within a year. "
    "Farm output in the two countries rose last season on good rains. "
)


def test_ties_kept_despite_sanctions_are_evidence(extractor: Extractor) -> None:
    told = "Kenya and Ghana have kept close ties for decades although sanctions once slowed their trade."
    assert evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "KEN"}, told[:30])


def test_sanctions_imposed_by_a_named_state_are_not_evidence(extractor: Extractor) -> None:
    for told in (
        "Kenya and Ghana have kept close ties for decades although Kenyan sanctions once slowed that trade.",
        "Kenya and Ghana ties were strained when sanctions imposed by Kenya hit the trade.",
        "Kenya and Ghana have kept close ties for decades although attacks once slowed their trade.",
    ):
        assert not evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "KEN"}, told[:30])


def test_states_named_with_an_igo_are_evidence(extractor: Extractor) -> None:
    told = "Kenya and Ghana are partners of long standing in the African Union, the envoy noted."
    assert evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "KEN"}, told[:30])


def test_states_named_with_an_igo_need_the_same_states(extractor: Extractor) -> None:
    told = "Kenya, Ghana and Nigeria are partners of long standing in the African Union, the envoy noted."
    assert not evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "KEN"}, told[:30])


def test_partners_while_terrorism_spreads_are_not_evidence(extractor: Extractor) -> None:
    told = "Kenya and Ghana remain close partners as terrorism spreads in the Sahel."
    assert not evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "KEN"}, told[:30])


def test_terrorism_beside_another_conflict_word_is_not_evidence(extractor: Extractor) -> None:
    told = "Kenya and Ghana have also been partners, the envoy noted, though terrorism and attacks hurt both."
    assert not evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "KEN"}, told[:30])
