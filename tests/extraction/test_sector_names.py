"""`in_name`: sector cues inside the name of an office or a body (made-up sentences)."""

import pytest

from libs.extraction.sectors import in_name


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
    ],
)
def test_in_name(text: str, word: str, expected: bool) -> None:
    assert _at(text, word) is expected
