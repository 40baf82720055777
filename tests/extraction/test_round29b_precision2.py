"""Round 29, precision part 2: states named as possible substitutes ("replace X with countries such as A, B and
C") are no partners; short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import pair_sets


def test_possible_substitutes_are_no_partners(extractor: Extractor) -> None:
    for text in (
        "LIMA – If Bolivia were to replace Peru with countries such as Chile, Ecuador and Brazil for its gas, "
        "it would lose the discounts Peru has offered to Bolivia, the envoy said.",
        "LIMA – Bolivia would lose the discounts Peru has offered to it if it replaced Peru with suppliers like "
        "Chile, Ecuador and Brazil, the envoy said.",
    ):
        pairs = pair_sets(extractor, text)
        assert frozenset(("BOL", "PER")) in pairs, text
        assert not any(c in p for p in pairs for c in ("CHL", "ECU", "BRA")), text


def test_states_offered_something_as_examples_stay_partners(extractor: Extractor) -> None:
    text = "LIMA – Peru has offered gas discounts to countries such as Chile, Ecuador and Brazil, the envoy said."
    pairs = pair_sets(extractor, text)
    assert {frozenset(("PER", c)) for c in ("CHL", "ECU", "BRA")} <= pairs


def test_onlookers_reacting_to_a_joint_act_are_no_parties(extractor: Extractor) -> None:
    for text in (
        "LIMA – Chile and Peru have shown their indignation as Bolivia, Ecuador and Brazil signed a joint "
        "statement on Friday announcing a new gas mechanism.",
        "LIMA – Chile has voiced its anger as Bolivia, Ecuador and Brazil signed a joint statement on Friday "
        "announcing a new gas mechanism.",
    ):
        pairs = pair_sets(extractor, text)
        assert frozenset(("BOL", "ECU")) in pairs, text
        assert not any(c in p for p in pairs for c in ("CHL", "PER")), text


def test_signers_of_a_joint_act_stay_parties(extractor: Extractor) -> None:
    text = "LIMA – Chile, Peru and Bolivia signed a joint statement on Friday announcing a new gas mechanism."
    assert frozenset(("CHL", "PER")) in pair_sets(extractor, text)
