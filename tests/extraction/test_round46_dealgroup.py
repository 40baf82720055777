"""Round 46: the nuclear deal's group (made-up sentences).

D2/D5 with round 41's clarification: the latest round of the Vienna talks told as held ("the latest round of talks in
Vienna came to an end on Monday") is a round of the whole table of its time; "the latest" is a reference only with a
word of its own before the talks ("reviewed the latest news on the Vienna talks"). D4: a state named beside the
remaining parties as the subject of the rounds ("the remaining parties to the JCPOA and the U.S. have held six rounds
of talks") takes part in them.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import deal_tables

_LATER = "In 2021 the U.S. left the accord and the remaining parties stayed in it."


@pytest.mark.parametrize(
    "sentence",
    [
        "The latest round of talks in Vienna came to an end on Monday.",
        "The latest round of the Vienna talks ended on Monday.",
        "The latest session of negotiations in Vienna over reviving the nuclear deal wrapped up on Friday.",
    ],
)
def test_the_latest_round_told_as_held_is_the_table_of_the_time(extractor: Extractor, sentence: str) -> None:
    text = (
        f"The spokesman met the Iraqi ambassador on Sunday. {_LATER} {sentence} He gave no further details."
    )
    tables = deal_tables(extractor, text)
    assert tables and all(t == "meeting" and "USA" not in c for t, c in tables)


def test_the_latest_news_on_the_talks_is_still_a_reference(extractor: Extractor) -> None:
    text = (
        "The spokesman met the Iraqi ambassador on Sunday. "
        f"{_LATER} The ministers reviewed the latest news on the Vienna talks on Monday. He gave no further details."
    )
    assert not deal_tables(extractor, text)


def test_a_state_holding_the_rounds_beside_the_remaining_parties_is_seated(extractor: Extractor) -> None:
    text = (
        "The spokesman met the Iraqi ambassador on Sunday. Since April, diplomats from the remaining parties to the "
        "JCPOA and the U.S. have held six rounds of talks in a bid to revive the deal. He gave no further details."
    )
    tables = deal_tables(extractor, text)
    assert tables and all(t == "meeting" and "USA" in c for t, c in tables)
    # ... not the state named only as the one that left
    left = text.replace("Since April, diplomats from", "Despite the U.S. exit,").replace(" and the U.S.", "")
    tables = deal_tables(extractor, left)
    assert tables and all("USA" not in c for _, c in tables)
