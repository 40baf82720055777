"""Sentence dyads, round 29 part 2: a sentence without an event of its own that names more states than any
occasion the article tells is recalled (`discourse.recall_named`) to the largest occasion whose states it
names each within reach of a word of cooperation, and never when it names them with hostile wording
("against", "oppose", "critical of"); on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import evidence_of

_OCCASION = (
    "ACCRA – Ghana and Togo signed an accord on a joint customs post in Accra on Friday, officials said. "
)
_FILLER = (
    "The post will process lorries carrying grain and timber. "
    "Traders had waited for hours at the old crossing in the dry season. "
    "The works were paid for by a regional fund for roads and bridges. "
)


def test_a_wider_group_of_partners_is_evidence_of_the_pair(extractor: Extractor) -> None:
    told = "Ghana, Togo and Benin have long been partners in transit trade along the coast road."
    assert evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "TGO"}, told[:30])


def test_a_wider_group_named_with_hostile_wording_is_not_evidence(extractor: Extractor) -> None:
    for told in (
        "Ghana, Togo and Benin have long been partners, yet Benin has turned against the coast road.",
        "Ghana, Togo and Benin have long been partners, though Benin is critical of the coast road.",
    ):
        assert not evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "TGO"}, told[:30])


def test_a_state_far_from_the_word_of_cooperation_is_not_taken(extractor: Extractor) -> None:
    told = (
        "Ghana and Benin have long been partners in transit trade, the minister said in a long speech "
        "delivered at a gathering of lorry drivers and market women from the border towns of Togo."
    )
    assert not evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "TGO"}, told[:30])


def test_against_the_backdrop_is_no_hostile_wording(extractor: Extractor) -> None:
    told = (
        "Against the backdrop of falling prices, Ghana, Togo and Benin have stayed partners in transit trade."
    )
    assert evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "TGO"}, told[:30])


def test_a_wider_group_named_with_an_igo_keeps_the_same_states_rule(extractor: Extractor) -> None:
    told = "Ghana, Togo and Benin have long been partners in transit trade within ECOWAS."
    assert not evidence_of(extractor, _OCCASION + _FILLER + told, {"GHA", "TGO"}, told[:30])
