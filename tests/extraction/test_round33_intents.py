"""Intents voiced at a meeting (made-up sentences): a stance stated after a continuation opener, the
importance or the furthering of ties stressed, a hope of growing cooperation; each is an `intent` beside the
meeting it was voiced at."""

from __future__ import annotations

from libs.extraction import Extractor

_MET = "LIMA, March 4 - The Peruvian trade minister met the Chilean ambassador in Lima on Tuesday. "


def _typed(extractor: Extractor, text: str) -> set[tuple[str, tuple[str, ...]]]:
    return {(e.type.value, tuple(e.countries)) for e in extractor.extract(text, article_id="t").events}


def test_a_stance_said_after_a_continuation_opener_is_an_intent(extractor: Extractor) -> None:
    text = _MET + "He also stressed the need to boost economic cooperation between the two countries."
    assert _typed(extractor, text) == {("meeting", ("CHL", "PER")), ("intent", ("CHL", "PER"))}


def test_the_importance_of_ties_highlighted_after_he_is_an_intent(extractor: Extractor) -> None:
    text = _MET + "He highlighted the importance of expanding relations with Chile in all fields."
    assert ("intent", ("CHL", "PER")) in _typed(extractor, text)


def test_a_meeting_told_again_after_its_opener_stays_one_meeting(extractor: Extractor) -> None:
    text = _MET + "During the meeting, the two officials discussed the fishing industry."
    assert _typed(extractor, text) == {("meeting", ("CHL", "PER"))}


def test_the_importance_of_hyphenated_ties_is_an_intent(extractor: Extractor) -> None:
    text = (
        _MET + "The minister highlighted the importance of Lima-Santiago relations and regional cooperation."
    )
    assert ("intent", ("CHL", "PER")) in _typed(extractor, text)


def test_furthering_ties_stressed_by_a_gerund_is_an_intent(extractor: Extractor) -> None:
    text = _MET + "Both sides stressed maintaining and fostering the mutual relations between Peru and Chile."
    assert ("intent", ("CHL", "PER")) in _typed(extractor, text)


def test_a_hope_of_growing_cooperation_is_an_intent(extractor: Extractor) -> None:
    text = _MET + "The ambassador hoped that bilateral mining cooperation would grow in the coming years."
    assert ("intent", ("CHL", "PER")) in _typed(extractor, text)


def test_a_hope_about_something_else_is_no_intent(extractor: Extractor) -> None:
    text = _MET + "The ambassador hoped that the weather would improve before the harvest."
    assert _typed(extractor, text) == {("meeting", ("CHL", "PER"))}


def test_an_interaction_that_should_be_expanded_is_an_intent(extractor: Extractor) -> None:
    text = _MET + "The minister noted that economic interaction between Peru and Chile should be expanded."
    assert ("intent", ("CHL", "PER")) in _typed(extractor, text)
