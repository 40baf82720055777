"""Issue 13, round 6 (extractor 1.7.0): the classes of misses read on blind_5 and sentences_5,
each on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties

SIX = ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS")
#: Four sentences about other things: the group is named far from the round.
FILLER = (
    "He spoke about oil prices at length. "
    "Gas exports to Asia have doubled, he noted. "
    "The farmers of the north need rain this year. "
    "The budget bill is before the parliament. "
)


def test_a_group_written_with_a_loose_plus_is_the_group(extractor: Extractor) -> None:
    text = "The explosion hit Vienna midway through fresh talks between Iran and the P4 +1 powers."
    assert SIX in parties(events_of(extractor, text))


def test_a_round_takes_the_group_named_earlier_in_the_article(extractor: Extractor) -> None:
    text = (
        "The envoy said that the P4+1 know Tehran wants a durable agreement. "
        + FILLER
        + "We would regard success in the Vienna talks as a win for diplomacy."
    )
    assert SIX in parties(events_of(extractor, text))


def test_talks_that_are_the_topic_of_a_call_take_no_group_from_afar(extractor: Extractor) -> None:
    text = (
        "The E3 issued a statement on the reactor last month. "
        + FILLER
        + "In the call, the two sides discussed the drought and the Vienna talks on the nuclear deal."
    )
    assert not any({"DEU", "FRA", "GBR"} <= set(p) for p in parties(events_of(extractor, text)))
