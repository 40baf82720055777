"""Round 47, sectors: words that name no field of the event, fifth pass. Technology as the second of a pair of
fields ("scientific and technological cooperation": no start-ups); the military sites an inspector asks to visit;
companies "doing business with" a sanctioned state; greenhouse gases and the uranium gas fed into centrifuges;
oil facilities struck in a war; the "political, economic and cultural spheres" of ties listed in passing.
Made-up sentences."""

import pytest

from libs.extraction.sectors import SectorMatcher
from tests.extraction.helpers import sectors_in


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        (
            "The two ministers signed a memorandum on scientific and technological cooperation.",
            "innovation_startups",
        ),
        ("Orvia and Dorsk stressed economic and technological collaboration.", "innovation_startups"),
        ("Velm will allow no inspection of its military sites, the official said.", "defense_security"),
        ("The inspectors asked for access to a military site near the capital.", "defense_security"),
        ("Firms that do business with Dorsk will face penalties, Velm warned.", "trade_economy"),
        ("No firm wants to be seen doing business with the new government.", "trade_economy"),
        ("The envoys exchanged views on greenhouse gas emissions and deforestation.", "energy"),
        ("Dorsk began injecting gas into 1,000 centrifuges at the plant on Monday.", "energy"),
        ("The strikes targeted key oil facilities deep inside Orvia.", "energy"),
        ("They discussed ties in the political, economic and cultural spheres.", "culture_language"),
    ],
)
def test_no_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # guards: the same words as the field of the event
        ("The two states signed a deal on technological cooperation.", "innovation_startups"),
        ("The two armies will hold military drills next month.", "defense_security"),
        ("A business delegation from Orvia arrived in Velm on Monday.", "trade_economy"),
        ("The forum helps firms find business partners in Dorsk.", "trade_economy"),
        ("Dorsk will export gas to Orvia under the new contract.", "energy"),
        ("The gas pipeline to Velm will be finished next year.", "energy"),
        ("Orvia will build oil refineries in Dorsk.", "energy"),
        ("The two states signed a memorandum on cultural exchanges.", "culture_language"),
    ],
)
def test_still_a_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)
