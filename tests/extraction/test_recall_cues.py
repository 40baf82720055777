"""Issue 13, recall round: cooperation that news words without a known cue (military drills named by
their kind, co- verbs, the anniversary of ties, ties described as they stand), each on short texts
written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed

# -- military drills named by their kind -------------------------------------------------------------


def test_a_naval_drill_started_by_two_states_is_cooperation(extractor: Extractor) -> None:
    events = events_of(
        extractor, "LIMA – Peru and Chile started a naval drill off the coast of Arica on Monday."
    )
    assert typed(events) == {("cooperation", ("CHL", "PER"))}


def test_a_drill_involving_flotillas_from_listed_states(extractor: Extractor) -> None:
    text = "The drill involves units of the Peruvian Navy and flotillas from Chile and Ecuador."
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("ECU", "PER")}  # each with the host


def test_a_hyphenated_wargame_is_cooperation(extractor: Extractor) -> None:
    text = "Kenya is now a naval power of the region, and the Kenya-Tanzania wargame proves it, the admiral said."
    assert ("KEN", "TZA") in parties(events_of(extractor, text))


def test_one_state_drilling_alone_is_no_event(extractor: Extractor) -> None:
    assert events_of(extractor, "The Peruvian navy held a military drill near Callao on Monday.") == []


# -- co- verbs and the anniversary of ties -------------------------------------------------------------


def test_research_co_conducted_by_two_states(extractor: Extractor) -> None:
    text = "Several research projects in marine biology have been co-conducted by Peru and Chile, he added."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_celebrating_the_anniversary_of_diplomatic_relations(extractor: Extractor) -> None:
    text = "Kenya and Ghana celebrated the 60th anniversary of their diplomatic relations in March."
    assert typed(events_of(extractor, text)) == {("cooperation", ("GHA", "KEN"))}


def test_the_anniversary_of_the_establishment_of_relations_between(extractor: Extractor) -> None:
    text = "It coincides with the 35th anniversary of the establishment of relations between Peru and Chile."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


# -- ties described as they stand (coded with the praise of ties) ---------------------------------------


def test_close_ties_between_two_states(extractor: Extractor) -> None:
    text = (
        "The Peruvian president also said close ties between Peru and Chile will benefit the two countries."
    )
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_relations_with_a_state_are_strategic(extractor: Extractor) -> None:
    text = "Kenya's foreign minister said upon arrival in Accra that Kenya's relations with Ghana are “strategic”."
    assert parties(events_of(extractor, text)) == {("GHA", "KEN")}


def test_there_exists_good_cooperation_between(extractor: Extractor) -> None:
    text = "He said there exists good cooperation between Peru's Ministry of Justice and that of Chile."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_a_third_party_stance_with_one_state_is_no_event(extractor: Extractor) -> None:
    # "good relations with X" is not a cue: the holder is often not a party of the sentence
    text = "Regardless of the prince's close relations with Chile, Peru kept its distance from Bolivia."
    assert events_of(extractor, text) == []


# -- delegations led or sent abroad, drills with a partner (issue 13, cue round) ------------------------


def test_headed_a_delegation_to_a_state_is_a_meeting(extractor: Extractor) -> None:
    text = (
        "In May, Peru's trade minister headed a delegation of officials and mining firms' directors "
        "to Ghana in order to open markets."
    )
    assert typed(events_of(extractor, text)) == {("meeting", ("GHA", "PER"))}


def test_rescue_exercises_held_with_a_partner(extractor: Extractor) -> None:
    text = "“We conduct relief and rescue exercises with Chile every two years,” the Peruvian admiral said."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


def test_a_delegation_headed_to_two_states_meets_each_not_both_together(extractor: Extractor) -> None:
    text = "Peru's deputy minister headed a delegation of officials and company directors to Kenya and Uganda in May."
    assert parties(events_of(extractor, text)) == {("KEN", "PER"), ("PER", "UGA")}


def test_a_state_is_to_receive_a_trade_delegation(extractor: Extractor) -> None:
    text = (
        "LIMA - Ghana is to receive a trade delegation from Peru's export promotion agency in mid-February."
    )
    assert parties(events_of(extractor, text)) == {("GHA", "PER")}
