"""Round 45: the nuclear deal's group (made-up sentences).

D2/D5: talks named by their aim, the deal's survival ("the ongoing discussions to save the JCPOA"), and the powers
said to be negotiating in Vienna ("Iran and the West, along with other world powers, have been negotiating in Vienna
since March") are a round of the whole table of its time when stated as a fact. D3: the deal's parties restating their
own support for the deal ("the deal's parties have reiterated their support for the agreement") is no event, and the
deal's conclusion told with the day before the month ("finalized the text in Vienna on 14 July, 2015") is history
whose group seats no later round of the article.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.negotiations import load_processes
from tests.extraction.helpers import deal_tables, typed_apart

_P41 = {"CHN", "DEU", "FRA", "GBR", "RUS"}
_LATER = "In 2021 the U.S. left the accord and the remaining parties stayed in it."


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister stressed the value of the current discussions to save the JCPOA.",
        "He said these ongoing discussions to revive the JCPOA are vital for the region.",
    ],
)
def test_discussions_to_save_the_deal_stated_as_going_on_are_a_round(
    extractor: Extractor, sentence: str
) -> None:
    text = (
        f"The spokesman met the Iraqi ambassador on Sunday. {_LATER} {sentence} He gave no further details."
    )
    tables = deal_tables(extractor, text)
    assert tables and all(t == "meeting" and "USA" not in c for t, c in tables)
    # ... not a hope of such talks
    hope = text.replace(sentence, "He hoped for discussions to revive the JCPOA.")
    assert not deal_tables(extractor, hope)


def test_the_powers_negotiating_in_vienna_are_the_table_of_the_time(extractor: Extractor) -> None:
    text = (
        "The spokesman met the Iraqi ambassador on Sunday. "
        f"{_LATER} Tehran and the West, along with other world powers, have been negotiating in Vienna since "
        "March to settle their differences. He gave no further details."
    )
    tables = deal_tables(extractor, text)
    assert tables and all(t == "meeting" and "USA" not in c for t, c in tables)


def test_the_deals_parties_restating_their_support_for_it_is_no_event(extractor: Extractor) -> None:
    text = (
        "The spokesman met the Iraqi ambassador on Sunday. The parties to the accord including the European Union, "
        "Germany, Britain, Russia, and China have reiterated their support for the international nuclear agreement. "
        "He gave no further details."
    )
    cliques = [c for _, c, _ in typed_apart(extractor, text) if {"DEU", "GBR", "RUS"} <= set(c)]
    assert not cliques
    # ... one state's support for the deal, told to Iran, is still read
    one = (
        "The spokesman met the Iraqi ambassador on Sunday. Paris has reiterated its support for the Iran deal, "
        "the French envoy told Tehran. He gave no further details."
    )
    assert any("FRA" in c for _, c, _ in typed_apart(extractor, one))


@pytest.mark.parametrize(
    "sentence",
    [
        "Tehran and the 5+1 group finalized the text of the JCPOA in Vienna on 14 July, 2015.",
        "Tehran and six powers struck a deal, dubbed the JCPOA, in July, 2015.",
    ],
)
def test_the_deals_conclusion_dated_day_first_is_history(sentence: str) -> None:
    history = load_processes().history
    assert history is not None and history.search(sentence)
