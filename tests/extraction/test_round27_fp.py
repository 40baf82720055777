"""Round 27, precision of country pairs: a trade cue's "to" that names no partner (made-up sentences)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_apart


def test_exports_driven_to_zero_name_no_partner(extractor: Extractor) -> None:
    text = "A Mexican official said Canada cannot drive Mexican steel exports to zero."
    assert typed_apart(extractor, text) == set()


def test_exports_reduced_to_zero_are_no_plan_between_the_states(extractor: Extractor) -> None:
    text = "Chile imposed tariffs on Peru in an attempt to reduce Peruvian copper exports to zero."
    assert typed_apart(extractor, text) == set()


def test_the_verb_of_a_clause_after_exports_is_no_destination(extractor: Extractor) -> None:
    text = "Chilean tariffs on Peru's copper exports were meant to hurt Peru."
    assert typed_apart(extractor, text) == set()


def test_exports_to_a_state_stay_cooperation(extractor: Extractor) -> None:
    text = "Mexico's exports of steel to Canada began in May."
    assert typed_apart(extractor, text) == {("cooperation", ("CAN", "MEX"), ())}
