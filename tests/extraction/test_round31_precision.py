"""Round 31, precision: the dots of abbreviations ("U.S.") inside the scope of a non-meeting, travel
advisories, a "whose" clause as a clause of its own; short texts invented for these tests (not the sets'
texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, pair_sets


def _typed(extractor: Extractor, text: str) -> set[tuple[str, frozenset[str]]]:
    return {(e.type.value, frozenset(e.countries)) for e in events_of(extractor, text)}


def test_a_killing_during_a_visit_is_no_visit_across_an_abbreviation(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian colonel was killed by a U.S. drone strike last month during a visit to Bolivia, "
        "his family said."
    )
    assert pair_sets(extractor, text) == set()


def test_a_travel_advisory_tells_no_visit(extractor: Extractor) -> None:
    text = (
        "LIMA - Washington updated its travel advisory for Peru on Monday. The advisory urges Americans to "
        "exercise caution while visiting Peru."
    )
    assert pair_sets(extractor, text) == set()
    text = "LIMA - Peru's foreign minister visited Bolivia on Monday and met his counterpart."
    assert pair_sets(extractor, text) == {frozenset(("BOL", "PER"))}


def test_a_whose_clause_is_a_clause_of_its_own(extractor: Extractor) -> None:
    text = (
        "LIMA - Peru will host the Chilean president, whose government signed a trade agreement with Bolivia "
        "in 2019."
    )
    assert _typed(extractor, text) == {("agreement", frozenset(("BOL", "CHL")))}
