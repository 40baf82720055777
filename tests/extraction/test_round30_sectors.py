"""Round 30, sector cues read in context (`data/sectors.yaml`): figurative and named uses of a field's
word are no sector ("the Silk Road", "a road map", "heavy water", "the climate of the talks", "living
space", "the art of diplomacy", "water treatment plants"); exhibitors at a fair (trade) and sports events
(culture) are sectors. Made-up sentences."""

import pytest

from libs.extraction.sectors import SectorMatcher
from tests.extraction.helpers import sectors_in


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Caravans on the old Silk Road once crossed the valley of Zorn.", "transport"),
        ("The envoys drafted a road map for warmer ties.", "transport"),
        ("The plant at Velm was redesigned as a heavy water facility.", "environment"),
        ("He praised the friendly climate of the talks in Orvia.", "environment"),
        ("The old fort offered little living space to its guards.", "space_aerospace"),
        ("There is no space for further concessions, the envoy said.", "space_aerospace"),
        ("Quiet patience is the art of good mediation.", "culture_language"),
        ("Both firms will build wastewater treatment plants in Dorsk.", "health_medicine"),
    ],
)
def test_no_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Forty exhibitors from Ruritania showed their goods at the fair.", "trade_economy"),
        ("The two capitals signed a deal on hosting the World Cup together.", "culture_language"),
        ("Their clubs will hold friendly football matches next spring.", "culture_language"),
        ("The two states agreed to cooperate ahead of the Olympics.", "culture_language"),
    ],
)
def test_sector_kept(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)
