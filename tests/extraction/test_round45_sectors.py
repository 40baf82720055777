"""Round 45, sectors: words that name no field of the event, fourth pass. A food oil ("sunflower oil"); a place
or an economy described by its oil ("the oil-rich kingdom", "oil-based trade"); a state's economic needs or
wealth; cultural similarities, affinities, commonalities or background as the ground of ties and "cultural
pressures"; a power's "military might"; a place described by its war ("war-torn", "conflict-ridden"); an office's title
("Foreign and Security Policy") and travel security; the traffic in drugs or arms, the oil trade and "trade
sources"; "economic officials"; an oil spill; a person's health; tourism told by its tourists' places and trips
("tourist attractions"); container shipping; a body's name with a serial comma ("Chamber of Commerce, Industries,
Mines, and Agriculture"). Made-up sentences."""

import pytest

from libs.extraction.sectors import SectorMatcher, in_name
from tests.extraction.helpers import sectors_in


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The aid buys flour, sunflower oil and lentils for the families of Velm.", "energy"),
        ("Orvia sent rice and vegetable oil to the flooded province.", "energy"),
        ("Dorsk called for a better climate for investors in the oil-rich country.", "energy"),
        ("They want trade between the two states to move from oil-based to knowledge-based goods.", "energy"),
        ("The political and economic needs of Dorsk force it to court its neighbours.", "trade_economy"),
        (
            "No power can frighten the people, whatever its military might and economic wealth.",
            "trade_economy",
        ),
        ("No power can frighten the people, whatever its military might.", "defense_security"),
        ("He pointed to the cultural similarities between the two nations.", "culture_language"),
        ("Given their cultural affinities, the two states will expand ties.", "culture_language"),
        ("A shared history and cultural background are not enough, he said.", "culture_language"),
        ("Dorsk faces cultural pressures from the West, he said.", "culture_language"),
        ("The envoy flew to the war-torn country on Monday.", "defense_security"),
        ("The premier visited the impoverished, conflict-ridden nation.", "defense_security"),
        ("She met the High Representative for Foreign and Security Policy.", "defense_security"),
        ("Orvia is as safe as most states when it comes to travel security.", "defense_security"),
        ("They vowed to fight the drug trade along the border.", "trade_economy"),
        ("The arms trade limits of the accord end in 2030.", "trade_economy"),
        ("Dorsk tried to stop the oil trade between the two states.", "trade_economy"),
        ("The refinery may take more crude in May, trade sources said.", "trade_economy"),
        ("He led a delegation of political and economic officials to Velm.", "trade_economy"),
        ("They worked to prevent an oil spill from the old vessel.", "energy"),
        ("The minister phoned to ask after the premier's health.", "health_medicine"),
        ("The health status of the jailed cleric is poor, his family said.", "health_medicine"),
    ],
)
def test_no_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # guards: the same words as the field of the event
        ("Dorsk will buy oil and gas from Orvia.", "energy"),
        ("The two oil companies signed a contract.", "energy"),
        ("The two states agreed to expand economic cooperation.", "trade_economy"),
        ("They signed an MoU on cultural exchanges.", "culture_language"),
        ("The two sides discussed military cooperation.", "defense_security"),
        ("They discussed the arms trade in the region.", "defense_security"),
        ("The two states agreed to cooperate in health and medicine.", "health_medicine"),
        ("The two states will promote tourist arrivals and tourist visas.", "culture_language"),
        ("The first container train from Velm arrived in Dorsk.", "transport"),
        ("A container terminal will be built in Velm.", "transport"),
        ("The two states agreed to expand trade.", "trade_economy"),
    ],
)
def test_kept(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "The Velm Chamber of Commerce, Industries, Mines, and Agriculture sent a delegation.",
            "Agriculture",
        ),
        (
            "He met the Minister of Transport, Communications, and Information Technology of Orvia.",
            "Information",
        ),
    ],
)
def test_in_name_serial_comma(text: str, word: str) -> None:
    at = text.index(word)
    assert in_name(text, at, at + len(word))


def test_names_joined_by_and_the_stay_apart() -> None:
    text = "They praised Velm Energy Organization and the Orvian Atomic Agency."
    at = text.index("Energy")
    assert not in_name(text, at, at + len("Energy"))
