"""Round 45: a meeting's topics are not its parties (made-up sentences).

States told as what a meeting discusses stay out of its parties: a list of places after "developments in" /
"the situation in" that opens with a region the gazetteer does not name ("the Andean states, Peru, Chile and
Bolivia"), and the first of two sides joined by a hyphen before their conflict ("the Ecuadorian-Peruvian
conflict"), as the second already was; places given as examples of the issues discussed ("regional issues,
including A and B") or standing alone as what was discussed ("discussed A and B", not "discussed A-B ties").
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor


def _countries(extractor: Extractor, text: str) -> set[str]:
    return {c for ev in extractor.extract(text, article_id="t").events for c in ev.countries}


@pytest.mark.parametrize(
    "sentence",
    [
        "Deputy ministers of the Andean Forum held a meeting in Quito to discuss developments in the Caribbean "
        "states, Haiti, Cuba and Jamaica.",
        "The envoys of the Andean Forum met in Quito on Monday to talk about the situation in the Central American "
        "countries, Honduras, Nicaragua and Guatemala.",
    ],
)
def test_places_listed_after_an_unnamed_region_are_topics(extractor: Extractor, sentence: str) -> None:
    countries = _countries(extractor, sentence)
    assert not countries & {"HTI", "CUB", "JAM", "HND", "NIC", "GTM"}


def test_both_sides_of_a_conflict_told_as_a_topic_are_no_parties(extractor: Extractor) -> None:
    sentence = (
        "Colombian Foreign Minister Lucia Ramos met her Chilean counterpart in Bogota on Monday to discuss the "
        "Ecuadorian-Peruvian conflict."
    )
    countries = _countries(extractor, sentence)
    assert {"COL", "CHL"} <= countries
    assert not countries & {"ECU", "PER"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Colombian Foreign Minister Lucia Ramos met her Chilean counterpart in Bogota to discuss regional issues, "
        "including Haiti, Cuba and Jamaica.",
        "Colombian Foreign Minister Lucia Ramos met her Chilean counterpart in Bogota and they discussed regional "
        "developments such as Haiti and Cuba.",
        "Colombia and Chile discussed Haiti and Cuba.",
    ],
)
def test_places_discussed_are_topics(extractor: Extractor, sentence: str) -> None:
    countries = _countries(extractor, sentence)
    assert {"COL", "CHL"} <= countries
    assert not countries & {"HTI", "CUB", "JAM"}
