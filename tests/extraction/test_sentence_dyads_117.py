"""Issue 13, sentence dyads (1.17.0 round): diplomacy named without a cue of its own ("Peru-Chile meetings", "a
shipping route between", "trade between") makes a sentence evidence of an occasion of the same parties told
elsewhere in the article (`recalled`: evidence only, the article's events do not change); trade volumes
("exports to", "the largest buyer of") do not, on short texts written for these tests."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import FILLER, events_of, parties, told_by

_MET = "The Peruvian foreign minister met his Chilean counterpart in Lima on Monday. "


@pytest.mark.parametrize(
    "late",
    [
        "Earlier Peru-Chile meetings in Arica had produced little, the paper wrote.",
        "A weekly shipping route between Peru and Chile opens in March.",
        "The trade between Peru and Chile has a long history in the region.",
        "Peru and Chile agreed on the route of the new coastal highway last year.",
    ],
)
def test_diplomacy_and_trade_words_make_a_sentence_evidence_of_the_occasion(
    extractor: Extractor, late: str
) -> None:
    text = "LIMA – " + _MET + FILLER + late
    events = events_of(extractor, text)
    assert parties(events) == {("CHL", "PER")}
    assert told_by(events, text, late[:12]) == [("CHL", "PER")]


def test_trade_volumes_a_negated_or_a_conditional_deal_stay_out(extractor: Extractor) -> None:
    for late in (
        "Chile remains the largest buyer of Peru's copper concentrate.",
        "Peru will never sign a deal with Chile on the border, he said.",
        "If Chile wants talks with Peru, it should send a new envoy.",
    ):
        text = "LIMA – " + _MET + FILLER + late
        events = events_of(extractor, text)
        assert ("CHL", "PER") in parties(events)
        assert ("CHL", "PER") not in told_by(events, text, late[:12])
