"""Article recall, issue 13 round 27: a country named after an unknown place and a comma ("held in Cusco,
Peru", a name the gazetteer does not hold or blocks) is the venue, so the host of a gathering there; artisans,
craftsmen and businesses of a demonym at a fair are its exhibitors, each dealing with the host; on short texts
written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed


@pytest.mark.parametrize(
    "text",
    [
        "SANTIAGO – Chilean companies are taking part in the Andean Wine Fair, which opened in Valle Alto, Peru, on May 2.",
        "SANTIAGO – Chilean firms showcased their wines at the regional trade fair held in Puerto Nuevo, Peru.",
    ],
)
def test_country_after_an_unknown_place_is_the_host(extractor: Extractor, text: str) -> None:
    assert ("CHL", "PER") in parties(events_of(extractor, text))


@pytest.mark.parametrize("noun", ["artisans", "craftsmen", "craftspeople", "businesses"])
def test_makers_of_a_demonym_at_a_fair_deal_with_the_host(extractor: Extractor, noun: str) -> None:
    text = f"SANTIAGO – A delegation of Chilean {noun} is participating in the Andean Wine Fair in Lima."
    assert ("conference", ("CHL", "PER")) in typed(events_of(extractor, text))


def test_a_possessive_country_after_a_place_is_no_venue(extractor: Extractor) -> None:
    text = "SANTIAGO – At Valle Alto, Peru's president met the Chilean foreign minister on Monday."
    assert ("meeting", ("CHL", "PER")) in typed(events_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "LIMA – Chilean Interior Minister Ana Rojas said on Sunday that she is visiting Lima for consultations with Peru.",
        "LIMA – The Chilean trade minister said on Tuesday that he is visiting Lima for consultations with Peru.",
    ],
)
def test_he_after_the_speech_verb_is_the_speaker_of_the_sentence(extractor: Extractor, text: str) -> None:
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_the_speakers_own_state_as_topic_makes_no_pair(extractor: Extractor) -> None:
    text = "LIMA – The Peruvian foreign minister said that he will discuss Peru's border policy."
    assert not events_of(extractor, text)
