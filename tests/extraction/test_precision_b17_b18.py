"""Issue 13, precision after blind_17/18 (outside the negotiation rules): talks talked about, separate
meetings after an appositive, a negation with an adverb of degree, blame ("hold X responsible"), a
body's own session, an unnamed group of states as the actor; short texts written for these tests (not
the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties


def test_talks_talked_about_are_apart_from_the_call() -> None:
    # the parse (spaCy) drops the talked-about talks' parties from the call once the two cues are apart
    extractor = Extractor()
    text = (
        "LIMA - The foreign ministers of Peru and Chile held telephone conversations on Thursday about the "
        "latest developments surrounding the talks between Peru and Bolivia."
    )
    found = parties(events_of(extractor, text))
    assert ("CHL", "PER") in found
    assert ("BOL", "PER") in found
    assert ("BOL", "CHL", "PER") not in found


def test_first_talks_between_the_two_stay_one_meeting(extractor: Extractor) -> None:
    text = "LIMA - The foreign ministers of Peru and Chile held talks in Lima on Thursday, the first talks between the two."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_separate_meetings_after_an_appositive(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian vice president, Ana Torres, in separate meetings with Bolivian and Mexican officials "
        "discussed women's affairs."
    )
    found = parties(events_of(extractor, text))
    assert ("BOL", "PER") in found and ("MEX", "PER") in found
    assert not any({"BOL", "MEX"} <= set(p) for p in found)


def test_not_actually_eager_to_meet_is_no_intent(extractor: Extractor) -> None:
    text = 'LIMA - The Peruvian foreign minister said: "We are not actually eager to meet with the Chilean president."'
    assert events_of(extractor, text) == []


def test_hold_responsible_is_blame_not_talks(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian president accused Chile of the attack, saying Peru will hold Chile fully responsible."
    assert events_of(extractor, text) == []
    assert parties(events_of(extractor, "LIMA - Peru will hold talks with Chile next week.")) == {
        ("CHL", "PER")
    }


def test_a_cabinet_meeting_is_no_meeting_with_a_state_named(extractor: Extractor) -> None:
    text = (
        "LIMA - At a cabinet meeting on Wednesday, the Peruvian president said that a crisis has hit Bolivia."
    )
    assert events_of(extractor, text) == []


def test_an_unnamed_group_of_states_is_the_actor(extractor: Extractor) -> None:
    text = "LIMA - Peru's ambassador in Vienna stresses the West is sending military aid to Bolivia."
    assert events_of(extractor, text) == []
    assert ("BOL", "PER") in parties(
        events_of(extractor, "LIMA - The Peruvian minister said he met with the Bolivian president.")
    )


def test_separate_meetings_split_what_was_said_at_them(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian vice president, Ana Torres, in separate meetings with Bolivian and Mexican officials "
        "expressed Peru's interest to boost mutual ties."
    )
    assert not any({"BOL", "MEX"} <= set(p) for p in parties(events_of(extractor, text)))


def test_avoid_negates_the_cue(extractor: Extractor) -> None:
    assert (
        events_of(extractor, "LIMA - Peru asked its citizens to avoid taking unnecessary trips to Chile.")
        == []
    )


def test_a_restriction_of_sales_is_no_cooperation(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian minister said that a resolution restricting weapons sales to Bolivia ends in October."
    assert events_of(extractor, text) == []


def test_a_tanker_headed_to_a_port_is_no_visit(extractor: Extractor) -> None:
    text = (
        "LIMA - “The tanker is underway and headed to Callao, Peru,” the Chilean minister claimed on Friday."
    )
    assert events_of(extractor, text) == []


def test_those_that_forged_relations_are_unnamed(extractor: Extractor) -> None:
    text = (
        "LIMA - Peru has improved ties with many states, including those that signed agreements with Chile."
    )
    assert "agreement" not in {e.type.value for e in events_of(extractor, text)}


def test_a_killing_on_a_visit_is_no_meeting(extractor: Extractor) -> None:
    text = "LIMA - General Soto was assassinated by a Chilean airstrike on Friday during a visit to neighboring Bolivia."
    assert events_of(extractor, text) == []


def test_oppression_is_no_intent(extractor: Extractor) -> None:
    text = "LIMA - “Chile and the US are interested in oppressing what the Bolivian people want,” the analyst said."
    assert events_of(extractor, text) == []


def test_a_cut_of_exports_is_no_cooperation(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian minister said the US dream to cut Peruvian copper exports to zero would not come true."
    assert events_of(extractor, text) == []


def test_the_withdrawn_state_is_no_party_of_the_meeting(extractor: Extractor) -> None:
    text = (
        "LIMA - Chilean trade officials studied Peruvian market capacities after withdrawal of the U.S. from a "
        "trade deal in a meeting with their Peruvian counterparts in Santiago on Saturday."
    )
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}
