"""Round 42, sectors: words that name no field of the event. Culture shared as the ground of ties
("cultural and historical bonds"), an analyst's title ("researcher"), a research reactor (nuclear fuel),
a leader's good health, a state's economic hardship or growth ("economic challenges", "economic
growth"); a university named alone gives no higher education; a question about cooperation is no
cooperation talk. Made-up sentences."""

import pytest

from libs.extraction.sectors import SectorMatcher, event_sectors
from tests.extraction.helpers import sectors_in


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The two nations share cultural and historical bonds, the envoy said in Velm.", "culture_language"),
        ("He pointed to the religious and cultural similarities of Orvia and Dorsk.", "culture_language"),
        ("Their ties rest on cultural and religious affinities.", "culture_language"),
        ("A senior political analyst and researcher in Zorn praised the visit.", "science_research"),
        ("The fuel will only be used in the Velm research reactor.", "science_research"),
        ("The minister wished good health for his counterpart in a phone call.", "health_medicine"),
        ("The country needs support because of the economic challenges it faces.", "trade_economy"),
        ("He said the railway will lead to economic growth in the region.", "trade_economy"),
        ("They discussed the recent economic disputes between the two capitals.", "trade_economy"),
    ],
)
def test_no_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # guards: culture as a field of ties, research as work, health as a field, economic exchange
        ("The two sides agreed to expand cultural relations and hold a film week.", "culture_language"),
        ("They signed an MoU on cultural exchanges.", "culture_language"),
        ("The institutes will carry out joint research on dust storms.", "science_research"),
        ("The ministers discussed cooperation in health and medicine.", "health_medicine"),
        ("Mikati has been trying to improve the economic situation with the loan.", "trade_economy"),
        ("The joint economic commission of the two states met in Velm.", "trade_economy"),
    ],
)
def test_kept(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)


def _sectors(matcher: SectorMatcher, sentences: list[str], own: list[int]) -> list[str]:
    """The sectors of one event whose evidence is the sentences at `own` (no wider span)."""
    text, spans = "", []
    for s in sentences:
        spans.append((len(text), len(text) + len(s)))
        text += s + " "
    return event_sectors(matcher, text, spans, [own], [[spans[p] for p in own]])[0]


def test_university_named_alone_gives_no_higher_education(sector_matcher: SectorMatcher) -> None:
    sentences = ["The foreign minister of Orvia met his Dorsk counterpart at the University of Velm."]
    assert "higher_education" not in _sectors(sector_matcher, sentences, [0])


def test_ministry_named_alone_still_gives_its_sector(sector_matcher: SectorMatcher) -> None:
    sentences = ["The Agriculture Ministry of Orvia signed a deal with Dorsk."]
    assert "agriculture" in _sectors(sector_matcher, sentences, [0])


def test_university_cued_outside_names_stays(sector_matcher: SectorMatcher) -> None:
    sentences = ["Orvia and Dorsk agreed to exchange students between their universities."]
    assert "higher_education" in _sectors(sector_matcher, sentences, [0])


def test_question_is_no_cooperation_talk(sector_matcher: SectorMatcher) -> None:
    text = "Can this affect the two states' energy cooperation?"
    assert sector_matcher.cooperation_talk(text, [(0, len(text))]) == []
    told = "The two states will expand their energy cooperation."
    assert sector_matcher.cooperation_talk(told, [(0, len(told))]) == [(0, ["energy"])]
