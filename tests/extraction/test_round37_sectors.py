"""Round 37, sector cues (`data/sectors.yaml`): civil aviation is transport (airliners, their makers and
carriers, scheduled flights), terrorists and extremism are security, goods are trade; `scholars`,
`educational`, `training courses` and `books` alone are no sector any more (their phrases of cooperation
stay). A warplane or the plane a delegation flew in is no transport. Made-up sentences."""

import pytest

from libs.extraction import Extractor
from libs.extraction.sectors import SectorMatcher
from tests.extraction.helpers import events_of, sectors_in


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The carrier of Ruritania agreed to buy twelve Airbus jets.", "transport"),
        ("Iran Air will lease three more airliners from the Dorsk firm.", "transport"),
        ("The two capitals will open direct flights next spring.", "transport"),
        ("A plane maker from Orvia will build passenger aircraft in Velm.", "transport"),
        ("The ministers discussed fighting terrorist groups in the border region.", "defense_security"),
        ("They vowed to confront extremism together.", "defense_security"),
        ("The two sides discussed the transit of goods through Velm.", "trade_economy"),
    ],
)
def test_new_cue(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The envoy met a group of scholars in Zorn.", "science_research"),
        ("He praised the educational role of mothers.", "higher_education"),
        ("The customs officers attended training courses in Velm.", "higher_education"),
        ("He quoted a book on the history of the strait.", "culture_language"),
        # guards: a warplane and the plane a delegation flew in are no transport
        ("The air force received new fighter jets.", "transport"),
        ("The delegation's plane landed in Zorn on Monday.", "transport"),
    ],
)
def test_no_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # guards: the phrases of cooperation in education stay
        ("Both universities agreed on educational cooperation.", "higher_education"),
        ("The two states will hold university courses in Velm.", "higher_education"),
        ("They will fight terrorism together.", "defense_security"),
    ],
)
def test_kept(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector in sectors_in(sector_matcher, text)


def test_airliner_deal_is_transport(extractor: Extractor) -> None:
    text = (
        "Iranian and French officials signed a contract in Paris on Monday for the sale of 20 Airbus "
        "passenger planes to Iran Air."
    )
    events = events_of(extractor, text)
    assert events
    assert any("transport" in {s.value for s in e.sectors} for e in events)
