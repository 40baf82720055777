"""Sector cues of extractor 1.17.0: defence hardware and forces, fuel and reactors, aircraft and
ships (made-up sentences)."""

import pytest

from libs.extraction.sectors import SectorMatcher
from tests.extraction.helpers import sectors_in


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Ruritania sold a batch of drones to Freedonia.", "defense_security"),
        ("About 900 troops will stay to train the local guards.", "defense_security"),
        ("The two navies sent warships to the joint drill.", "defense_security"),
        ("Both intelligence services agreed to share their files.", "defense_security"),
        ("A convoy of tankers brought fuel to the island.", "energy"),
        ("The firm will modernise the research reactor near the capital.", "energy"),
    ],
)
def test_new_cues(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Such remarks only fuel tensions between the neighbours.", "energy"),
        ("The speech may fuel speculation about a visit.", "energy"),
    ],
)
def test_figurative_fuel_is_no_cue(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


def test_credit_lines_are_trade(sector_matcher: SectorMatcher) -> None:
    assert "trade_economy" in sectors_in(
        sector_matcher, "Ruritania opened a credit line for Freedonian buyers."
    )


def test_security_policy_title_is_no_cue(sector_matcher: SectorMatcher) -> None:
    text = "She met the union's high representative for foreign affairs and security policy on Monday."
    assert "defense_security" not in sectors_in(sector_matcher, text)
