"""Round 44: the nuclear deal's group (made-up sentences).

D2/D5/D4: Iran's table named as the deal's remaining parties ("Iran resumed talks with the remaining parties to the
deal", "Iran and the remaining signatories of the JCPOA have been negotiating in Vienna") is a round of the whole
table of its time, the remaining parties, whichever of its members the sentences around name; the state that left
is no party unless the text says it takes part ("with the indirect involvement of the U.S.").
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import deal_tables

_P41 = {"CHN", "DEU", "FRA", "GBR", "RUS"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Tehran resumed talks with the remaining parties to the 2015 accord in Vienna in March.",
        "Since March, Tehran has been negotiating with the remaining signatories of the nuclear deal.",
        "Tehran and the remaining parties to the JCPOA have been negotiating in Vienna over the sanctions.",
    ],
)
def test_the_remaining_parties_named_as_the_table_are_the_whole_round(
    extractor: Extractor, sentence: str
) -> None:
    text = f"The spokesman met the Iraqi ambassador on Sunday. {sentence} He gave no further details."
    tables = deal_tables(extractor, text)
    assert tables and all("USA" not in c for _, c in tables)


def test_the_state_that_left_sits_only_when_said_to_take_part(extractor: Extractor) -> None:
    named_as_topic = (
        "The minister met the Iraqi ambassador on Sunday. Despite the U.S. exit from the accord, Tehran has been holding "
        "talks with the remaining parties to the accord since March on oil sales."
    )
    tables = deal_tables(extractor, named_as_topic)
    assert tables and all("USA" not in c for _, c in tables)
    taking_part = (
        "The minister met the Iraqi ambassador on Sunday. Since March Tehran has been negotiating with the remaining parties "
        "to the nuclear deal with the indirect involvement of the U.S. to revive the accord."
    )
    assert any("USA" in c for _, c in deal_tables(extractor, taking_part))


def test_the_remaining_parties_as_the_subject_before_the_talks_exclude_the_state_brought_back(
    extractor: Extractor,
) -> None:
    text = (
        "The envoy met the Iraqi ambassador on Friday. Tehran and the remaining participants to the JCPOA have been holding talks in "
        "Vienna since March with the aim of bringing the United States back into compliance."
    )
    tables = deal_tables(extractor, text)
    assert tables and all("USA" not in c for _, c in tables)


def test_a_round_to_come_of_the_remaining_parties_is_their_intent(extractor: Extractor) -> None:
    text = (
        "The envoy met the Iraqi ambassador on Friday. The EU foreign policy chief, who chaired the session, said "
        "Tehran and the remaining parties had agreed to continue negotiations over how to save the deal."
    )
    assert ("intent", _P41) in [(t, c - {"IRN"}) for t, c in deal_tables(extractor, text)]


def test_the_state_brought_back_to_the_deal_is_no_party_of_the_round(extractor: Extractor) -> None:
    text = (
        "The envoy met the Iraqi ambassador on Friday. The Vienna talks, under way since March, are aimed at "
        "bringing the United States back into full compliance with the accord."
    )
    tables = deal_tables(extractor, text)
    assert tables and all("USA" not in c for _, c in tables)


def test_the_meeting_of_the_countries_party_to_the_deal_is_a_session(extractor: Extractor) -> None:
    text = (
        "The envoy met the Iraqi ambassador on Friday. Just before the meeting of the countries party to the 2015 "
        "nuclear agreement in Vienna on Friday, the Iranian foreign minister met Sergei Lavrov. The meeting was "
        "meant to save the accord now that the U.S. has left the agreement."
    )
    assert ("meeting", _P41) in [(t, c - {"IRN"}) for t, c in deal_tables(extractor, text)]


def test_a_list_of_the_deals_making_does_not_seat_the_state_that_left(extractor: Extractor) -> None:
    text = (
        "In 2018 the U.S. president pulled out of the JCPOA, achieved in 2015 after years of negotiations among Iran "
        "and the P5+1 (Russia, China, the U.S., Britain, France plus Germany). Following the U.S. exit, Iran and the "
        "remaining parties launched talks to save the accord."
    )
    tables = deal_tables(extractor, text)
    assert tables and all("USA" not in c for _, c in tables)
