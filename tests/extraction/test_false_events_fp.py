"""Issue 13, false events after 1.17.0: states without relations (`relations.py`), nationals counted or
advised as travellers, "gone to the extent of"; short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.candidates import MEETING, Candidate
from libs.extraction.relations import load_no_relations, without_relations
from libs.extraction.triggers import Cue
from tests.extraction.helpers import events_of, parties

PAIRS = load_no_relations({"no_relations": [["IRN", "ISR"], ["XXX"]]})


def _cand(*countries: str, igos: tuple[str, ...] = ()) -> Candidate:
    cue = Cue(0, 3, MEETING, True, "met")
    return Candidate(MEETING, tuple(sorted(countries)), igos, [0], cue, True, "explicit")


def test_no_relations_pairs_are_read_from_the_data() -> None:
    assert PAIRS == frozenset({frozenset({"IRN", "ISR"})})
    assert load_no_relations({}) == frozenset()


def test_a_candidate_of_two_states_without_relations_is_dropped() -> None:
    kept = _cand("IRN", "OMN")
    assert without_relations([_cand("IRN", "ISR"), kept], PAIRS, "IRN") == [kept]


def test_the_home_state_leaves_a_larger_candidate_with_a_pair_without_relations() -> None:
    (out,) = without_relations([_cand("IRN", "ISR", "USA")], PAIRS, "IRN")
    assert out.countries == ("ISR", "USA")
    # the home state outside the pair: kept as it is
    (same,) = without_relations([_cand("IRN", "ISR", "USA")], PAIRS, "OMN")
    assert same.countries == ("IRN", "ISR", "USA")
    # an IGO beside the pair makes it larger than the pair
    (with_igo,) = without_relations([_cand("IRN", "ISR", igos=("UN",))], PAIRS, "ISR")
    assert with_igo.countries == ("IRN",)


def test_iran_and_israel_make_no_event(extractor: Extractor) -> None:
    text = "MUSCAT - The Iranian foreign minister held talks with the Israeli minister in Muscat on Monday."
    assert not [p for p in parties(events_of(extractor, text)) if {"IRN", "ISR"} <= set(p)]
    other = text.replace("Israeli", "Omani")
    assert [p for p in parties(events_of(extractor, other)) if {"IRN", "OMN"} <= set(p)]


def test_the_dateline_state_commenting_on_a_visit_is_no_party(extractor: Extractor) -> None:
    text = (
        "TEHRAN - Iran's foreign ministry spokesman criticised the visit of the U.S. president to Israel "
        "on Tuesday."
    )
    found = parties(events_of(extractor, text))
    assert not [p for p in found if {"IRN", "ISR"} <= set(p)]


def test_nationals_counted_as_travellers_are_no_meeting(extractor: Extractor) -> None:
    for text in (
        "QUITO - Some 40,000 Peruvian nationals visited Ecuador during the first half of the year.",
        "QUITO - Ecuador has asked its citizens to avoid unnecessary trips to Peru during the holidays.",
    ):
        assert not [e for e in events_of(extractor, text) if e.type == "meeting"], text
    official = "QUITO - The Peruvian foreign minister visited Ecuador on Monday."
    assert [e for e in events_of(extractor, official) if e.type == "meeting"]


def test_gone_to_the_extent_of_is_no_travel(extractor: Extractor) -> None:
    text = "LIMA - Chile has gone to the extent of closing its border with Peru, the minister said."
    assert not [e for e in events_of(extractor, text) if e.type == "meeting"]
    travel = "LIMA - The Chilean foreign minister has gone to Peru for talks, the ministry said."
    assert [e for e in events_of(extractor, travel) if e.type == "meeting"]


def test_a_denied_plan_for_talks_is_no_event(extractor: Extractor) -> None:
    for text in (
        "QUITO - There are no firm plans for a meeting between the Ecuadorian and Peruvian presidents in Lima.",
        "QUITO - We have no real intention to hold bilateral talks with Peru, the Ecuadorian president said.",
    ):
        assert not events_of(extractor, text), text
    planned = "QUITO - The Ecuadorian president plans to hold bilateral talks with Peru, the ministry said."
    assert events_of(extractor, planned)


def test_a_meeting_taken_off_the_agenda_is_no_event(extractor: Extractor) -> None:
    text = (
        "QUITO - The spokesman said a meeting between the Ecuadorian president and the Peruvian president at "
        "the margins of the UN General Assembly in Manhattan is not on the agenda."
    )
    assert not events_of(extractor, text)
    assert events_of(extractor, text.replace(" is not on the agenda", " is on the agenda"))


def test_the_venue_of_talks_with_a_governments_own_opponents_is_no_party(extractor: Extractor) -> None:
    for text in (
        "LIMA - The Bolivian government held talks with the opposition in Quito on Monday.",
        "LIMA - The Bolivian delegation met the rebels in Quito on Monday.",
    ):
        assert not events_of(extractor, text), text
    abroad = "LIMA - The Bolivian delegation held talks in Quito on Monday."
    assert [p for p in parties(events_of(extractor, abroad)) if {"BOL", "ECU"} <= set(p)]


def test_xi_alone_stands_for_china(extractor: Extractor) -> None:
    text = (
        "TEHRAN - Chinese President Xi Jinping called for restraint on Tuesday. Xi, in a video call "
        "with France's Emmanuel Macron and Germany's Olaf Scholz, said the three countries "
        "should work together."
    )
    found = parties(events_of(extractor, text))
    assert ("CHN", "DEU", "FRA") in found
    assert not [p for p in found if "IRN" in p]
