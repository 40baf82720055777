"""Sentence dyads, issue 13 round 27: a go-between acts with each side ("Peru mediated between Chile and
Bolivia", "ready to help settle the conflict between", "an arbitrator to mend ties between"): the sides do not
cooperate with each other, and a mediation with no go-between named is no event; talks or deals mediated or
brokered between two sides stay theirs; on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties


@pytest.mark.parametrize(
    "text",
    [
        "LIMA – Peru has recently embarked on a mediation between Chile and Bolivia.",
        "LIMA – The Peruvian foreign minister said Peru stands ready to help settle the conflict between Chile and Bolivia.",
        "LIMA – The Peruvian foreign minister was tasked to mediate between Chile and Bolivia.",
        "LIMA – Peru tried to play a mediation role between Chile and Bolivia.",
        "LIMA – Peru proposed that it could act as an arbitrator to help mend ties between Chile and Bolivia.",
    ],
)
def test_a_go_between_acts_with_each_side(extractor: Extractor, text: str) -> None:
    got = parties(events_of(extractor, text))
    assert ("BOL", "PER") in got and ("CHL", "PER") in got
    assert not any({"BOL", "CHL"} <= set(p) for p in got)


def test_two_go_betweens_each_with_each_side_not_with_each_other(extractor: Extractor) -> None:
    text = "LIMA – Ecuador and Peru have been mediating between Chile and Bolivia."
    assert parties(events_of(extractor, text)) == {
        ("BOL", "ECU"),
        ("BOL", "PER"),
        ("CHL", "ECU"),
        ("CHL", "PER"),
    }


def test_mediated_talks_between_two_sides_stay_theirs(extractor: Extractor) -> None:
    text = "LIMA – The Ecuador-mediated talks between Chile and Bolivia ended on Monday."
    assert any({"BOL", "CHL"} <= set(p) for p in parties(events_of(extractor, text)))


def test_a_brokered_deal_between_two_sides_stays_theirs(extractor: Extractor) -> None:
    text = "LIMA – A Peru-brokered deal between Chile and Bolivia restored their relations."
    assert any({"BOL", "CHL"} <= set(p) for p in parties(events_of(extractor, text)))
