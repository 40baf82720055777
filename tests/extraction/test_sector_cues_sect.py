"""Sector cues read in context (`data/sectors.yaml`): places, commodity markets, the verb "combat",
figurative language, travellers in passing, a person's health and the pandemic as background are no
sector; fish farming and freight are (made-up sentences)."""

import pytest

from libs.extraction.sectors import SectorMatcher
from tests.extraction.helpers import sectors_in


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("New settlements were announced in the occupied West Bank.", "trade_economy"),
        ("The oil market stayed calm after the meeting.", "trade_economy"),
        ("Exporters fear losing market share to their rivals.", "trade_economy"),
        ("The two ministers agreed to combat the pandemic together.", "defense_security"),
        ("He rejected the language of threats.", "culture_language"),
        ("Tourists crowded the old bazaar on Friday.", "culture_language"),
        ("Trucks queued for hours at the border crossing.", "defense_security"),
        ("The delegation arrived in the port city on Sunday.", "transport"),
        ("The president called his ailing counterpart and wished him health.", "health_medicine"),
        ("The two unions will exchange views on safety and health at work.", "health_medicine"),
        ("The delegation postponed its visit due to the epidemic.", "health_medicine"),
        ("The talks were held online amid the pandemic.", "health_medicine"),
    ],
)
def test_no_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The two central banks signed a currency swap.", "trade_economy"),
        ("Ruritanian firms want access to the Freedonian market.", "trade_economy"),
        ("The drill tested the combat readiness of both fleets.", "defense_security"),
        ("They opened a chair of Persian language at the college.", "culture_language"),
        ("Both sides promoted tourism between the two nations.", "culture_language"),
        ("The two countries' border guards met on Monday.", "defense_security"),
        ("The two sides agreed to expand the port.", "transport"),
        ("The two ministries signed a deal on fish farming.", "agriculture"),
        ("A new freight line will link the two capitals.", "transport"),
        ("They agreed to build two hospitals and improve health services.", "health_medicine"),
        ("Both countries pledged to share vaccines against the pandemic.", "health_medicine"),
    ],
)
def test_sector_kept(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)
