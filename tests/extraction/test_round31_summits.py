"""Round 31 (summits told by their guests): short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed


def test_leaders_issuing_a_statement_at_a_bloc_summit_meet_with_the_bloc(extractor: Extractor) -> None:
    named = (
        "QUITO - The leaders of Ecuador, Colombia and Peru issued a statement at the fifth Mercosur summit held "
        "in the Colombian city of Cali."
    )
    assert typed(events_of(extractor, named)) == {("meeting", ("COL", "ECU", "PER", "Mercosur"))}
    # a statement issued with no gathering named is no summit of the listed states
    alone = "QUITO - The leaders of Ecuador, Colombia and Peru issued a statement on river pollution."
    assert ("meeting", ("COL", "ECU", "PER")) not in typed(events_of(extractor, alone))


def test_the_state_a_summit_is_held_in_is_a_party_beside_its_named_guests(extractor: Extractor) -> None:
    held = (
        "QUITO - In Colombia, the Mexican president will take part in a regional summit that will also be "
        "attended by Ecuadorian President Ana Torres and Peruvian Prime Minister Luis Vega."
    )
    assert ("intent", ("COL", "ECU", "MEX", "PER")) in typed(events_of(extractor, held))
    # talks held in a state do not make it a party
    talks = (
        "QUITO - In Switzerland, the Mexican envoy will take part in talks that will also be attended by "
        "Ecuadorian minister Ana Torres and Peruvian minister Luis Vega."
    )
    assert all("CHE" not in parties for _, parties in typed(events_of(extractor, talks)))
