"""Round 30, precision: officials whose state the text gives are not the dateline's; short texts invented
for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.mention_roles import has_unmarked_official
from tests.extraction.helpers import pair_sets


def test_a_title_after_an_abbreviated_state_is_marked(extractor: Extractor) -> None:
    text = "The U.S. Vice President toured a naval base near the border last spring."
    matches = extractor.gazetteer.find(text)
    assert not has_unmarked_official(text, 0, len(text), matches)
    bare = "The Vice President toured a naval base near the border last spring."
    assert has_unmarked_official(bare, 0, len(bare), extractor.gazetteer.find(bare))


def test_a_foreign_official_named_with_his_state_is_not_the_dateline_state(extractor: Extractor) -> None:
    for text in (
        "LIMA - The U.S. Vice President visited the air base in the desert in November, officials said.",
        "LIMA - Aides said they would meet with U.S. President Barack Obama at a banquet next week.",
        "LIMA - U.S. President Barack Obama urged every faction in Ghana to support the new leaders.",
    ):
        assert frozenset(("PER", "USA")) not in pair_sets(extractor, text), text


def test_the_doer_of_a_hostile_act_is_no_party(extractor: Extractor) -> None:
    text = (
        "LIMA - During the Chilean minister's visit to Lima, the Peruvian president described the Bolivian "
        "assassination of a border guard as a crime."
    )
    assert pair_sets(extractor, text) == {frozenset(("PER", "CHL"))}
    text = (
        "LIMA - Garcia claimed his opponents, now trying hard to form a new cabinet with Chile, will not "
        "withstand Bolivian pressures."
    )
    assert not any("BOL" in p for p in pair_sets(extractor, text))


def test_a_state_owning_or_operating_a_thing_is_no_party(extractor: Extractor) -> None:
    for text in (
        "LIMA - The Peruvian minister said he spoke with his Chilean counterpart about an attack on a "
        "Bolivian-operated cargo ship.",
        "LIMA - The Peruvian minister told the Bolivian-owned daily La Voz that talks with Chile would resume.",
    ):
        assert not any("BOL" in p for p in pair_sets(extractor, text)), text


def test_states_named_as_the_issues_discussed_are_topics(extractor: Extractor) -> None:
    for text in (
        "LIMA - The ministers also traded opinions on the issues of Bolivia and Ecuador, Peruvian Foreign "
        "Minister Garcia and his Chilean counterpart said.",
        "LIMA - Peruvian Foreign Minister Garcia and his Chilean counterpart discussed the questions of Bolivia "
        "and Ecuador on Monday.",
    ):
        assert pair_sets(extractor, text) == {frozenset(("PER", "CHL"))}, text
    text = (
        "LIMA - The Peruvian president said he is ready to negotiate with Chile if that would help resolve "
        "Bolivia's problems."
    )
    assert pair_sets(extractor, text) == {frozenset(("PER", "CHL"))}
