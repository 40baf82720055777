"""`in_name`: sector cues inside the name of an office or a body (made-up sentences)."""

import pytest

from libs.extraction.sectors import SectorMatcher, in_name
from tests.extraction.helpers import sectors_in


def _at(text: str, word: str) -> bool:
    start = text.index(word)
    return in_name(text, start, start + len(word))


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("He met Kenyan Transport Minister Jane Doe on Monday.", "Transport", True),
        ("She met the minister for science, research and technology.", "research", True),
        ("The health ministers of both states met.", "health", True),
        (
            "It was held at the Nairobi Chamber of Commerce, Industries, Mines and Agriculture.",
            "Agriculture",
            True,
        ),
        ("Energy, mining and food are areas of cooperation.", "Energy", False),
        ("They talked about cooperation in energy and trade.", "energy", False),
        ("They signed a Free Trade Agreement.", "Trade", False),
        ("The minister of energy and mines signed a trade deal.", "trade", False),
        ("The Civil Aviation Organization hosted the air show.", "Aviation", False),
        ("The OPEC meeting ended.", "OPEC", False),
        ("The chief of the Northland Atomic Energy Agency visited the plant.", "Energy", True),
        ("The Northland Space Agency launched the probe.", "Space", True),
    ],
)
def test_in_name(text: str, word: str, expected: bool) -> None:
    assert _at(text, word) is expected


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Northland's oil exports to Southland rose last month.", "trade_economy"),
        ("Religious leaders of the two states met.", "culture_language"),
        ("Engineering firms of the two states met.", "science_research"),
        ("The visit took place amid the coronavirus outbreak.", "health_medicine"),
        ("Militants and insurgents were named in the report.", "defense_security"),
        ("The ministers talked on the maritime border.", "transport"),
    ],
)
def test_dropped_cues_make_no_sector(sector_matcher: SectorMatcher, text: str, sector: str) -> None:
    assert sector not in sectors_in(sector_matcher, text)
