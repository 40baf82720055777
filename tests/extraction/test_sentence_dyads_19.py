"""Issue 13, sentence dyads after sentences_19/20: a sentence without events of its own that names the parties of
an occasion told elsewhere in the article, with a word of cooperation, is evidence of it (`recalled`: evidence
only, the article's events do not change), on short texts written for these tests."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import FILLER, events_of, parties, told_by

_MET = "The Peruvian foreign minister met his Chilean counterpart in Lima on Monday. "


def test_ties_named_long_after_the_occasion_are_its_evidence(extractor: Extractor) -> None:
    text = "LIMA – " + _MET + FILLER + "He said Peru-Chile cooperation in mining is a successful model."
    events = events_of(extractor, text)
    assert parties(events) == {("CHL", "PER")}
    assert told_by(events, text, "Peru-Chile cooperation") == [("CHL", "PER")]


def test_ties_named_before_the_occasion_are_its_evidence(extractor: Extractor) -> None:
    text = "LIMA – Peru-Chile relations are rooted in a shared history, the paper wrote. " + FILLER + _MET
    events = events_of(extractor, text)
    assert parties(events) == {("CHL", "PER")}
    assert told_by(events, text, "Peru-Chile relations") == [("CHL", "PER")]


def test_no_word_of_cooperation_or_a_negation_keeps_the_sentence_out(extractor: Extractor) -> None:
    for late in (
        "Peru and Chile share a long border in the desert.",
        "He said Peru will never accept Chile's support in the dispute.",
        "Peru-Chile relations went through a period of tension last year.",
    ):
        text = "LIMA – " + _MET + FILLER + late
        events = events_of(extractor, text)
        assert parties(events) == {("CHL", "PER")}
        assert told_by(events, text, late[:12]) == []


def test_a_sentence_naming_fewer_states_than_the_occasion_is_not_its_evidence(extractor: Extractor) -> None:
    text = (
        "LIMA – The foreign ministers of Peru, Chile and Bolivia met in Lima on Monday. "
        + FILLER
        + "He said Peru-Chile cooperation in mining is a successful model."
    )
    events = events_of(extractor, text)
    assert ("BOL", "CHL", "PER") in parties(events)
    assert told_by(events, text, "Peru-Chile cooperation") == []


def test_a_condition_or_an_office_title_keeps_the_sentence_out(extractor: Extractor) -> None:
    for late in (
        "If Chile wishes to mend ties with Peru, it should send a new envoy.",
        "Peru hosted the International Relations Director of Chile's health ministry.",
    ):
        text = "LIMA – " + _MET + FILLER + late
        events = events_of(extractor, text)
        assert ("CHL", "PER") in parties(events)
        assert ("CHL", "PER") not in told_by(events, text, late[:12])
