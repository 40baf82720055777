"""Round 47: the nuclear deal's group (made-up sentences).

D1/D5 with round 41's clarification: the talks told as held with the deal's group ("we held negotiations with the
P4+1", "the negotiations our negotiator had with Mr. Mora and the 4+1 countries in Vienna") are a round of the table,
Iran (the process's fixed party) included whoever tells them; a call to each member ("phone talks with all his
counterparts on the P4+1") is no round of the table. D2: a Joint Commission session to come on a day of the calendar
("will convene in Vienna on July 21") is scheduled, so it takes the table of its time like one set for a weekday; a
hope without a day does not. A state that "will discuss with" the others names them as the partners of an intent
("Germany will discuss with Iran, Britain, France, China and Russia how to proceed").
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import deal_tables, pair_sets

_LATER = "In 2021 the U.S. left the accord and the remaining parties stayed in it."


@pytest.mark.parametrize(
    "sentence",
    [
        '"In the past four months, we held negotiations with the P4+1, including the European Union," the president said.',
        '"We made progress in the negotiations that our negotiator had with Mr. Enrique Mora and the 4+1 countries in '
        'Vienna," the minister said.',
    ],
)
def test_talks_held_with_the_group_seat_iran(extractor: Extractor, sentence: str) -> None:
    text = (
        f"The spokesman met the Iraqi ambassador on Sunday. {_LATER} {sentence} He gave no further details."
    )
    tables = deal_tables(extractor, text)
    assert tables and all(t == "meeting" for t, _ in tables)


def test_calls_to_each_member_of_the_group_are_no_round_of_the_table(extractor: Extractor) -> None:
    text = (
        f"The spokesman met the Iraqi ambassador on Sunday. {_LATER} The foreign minister held phone talks with all "
        "his counterparts on the P4+1 countries last week. He gave no further details."
    )
    assert not [t for t, _ in deal_tables(extractor, text) if t == "meeting"]


_BEFORE_EXIT = (
    "The Russian deputy foreign minister said the deal is balanced. He met the Iranian deputy foreign minister in "
    "Tehran on Tuesday."
)


def test_a_session_on_a_calendar_day_takes_the_table_of_its_time(extractor: Extractor) -> None:
    text = f"{_BEFORE_EXIT} The deputy minister also said the JCPOA Joint Commission will convene in Vienna on July 21."
    tables = deal_tables(extractor, text)
    assert ("intent", {"CHN", "DEU", "FRA", "GBR", "IRN", "RUS", "USA"}) in tables


def test_a_session_hoped_for_without_a_day_stays_out(extractor: Extractor) -> None:
    text = f"{_BEFORE_EXIT} The deputy minister also said the JCPOA Joint Commission will convene again soon."
    assert not deal_tables(extractor, text)


def test_a_state_that_will_discuss_with_the_others_names_its_partners(extractor: Extractor) -> None:
    text = (
        "The spokesman told reporters in Berlin that Germany will examine the report and discuss with the others in "
        "the nuclear pact - Iran, Britain, France, China and Russia - how to proceed."
    )
    tables = deal_tables(extractor, text)
    assert tables and all(t == "intent" for t, _ in tables)


def test_what_they_will_discuss_names_no_partner(extractor: Extractor) -> None:
    text = (
        "The Iraqi prime minister would discuss with Iranian officials the tension between Iran and the United "
        "States, the channel said."
    )
    assert frozenset({"IRN", "USA"}) not in pair_sets(extractor, text)
