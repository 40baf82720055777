"""Round 44: parties told in another part of the text (made-up sentences).

A gathering named in the sentence before and, in the next, the gathering as the subject of welcoming its
participants ("The summit will welcome presidents from A, B, C and D"): they meet each other, as when they
"attend" it, and a summit to come is an intent. Attendees described as a definite group, then listed
after "including" or "namely" ("ministers of the five littoral states, including A, B, C and D"): they meet each
other and the host, as after a dash (round 43); a group told by examples ("speakers from over 40 countries,
including A") stays as it was. Officials named before representatives ("foreign ministers or representatives from
A, B and C attended the conference") are officials, who meet each other, not delegations each with the host.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor

_SUMMIT = (
    "LIMA - The Bolivian president will travel to Lima to take part in the third summit of the Andes Forum, "
    "which will be held in Lima next week. "
)


def _pairs_in(extractor: Extractor, text: str, sentence: str) -> set[frozenset[str]]:
    """The state pairs of the events whose evidence lies in `sentence`."""
    lo = text.index(sentence)
    hi = lo + len(sentence)
    return {
        frozenset((a, b))
        for ev in extractor.extract(text, article_id="t").events
        if any(e.start < hi and lo < e.end for e in ev.evidence)
        for a in ev.countries
        for b in ev.countries
        if a < b
    }


@pytest.mark.parametrize(
    "welcomed",
    [
        "The summit will welcome presidents from Chile, Bolivia, Ecuador and Colombia, according to local media.",
        "The summit welcomed 11 leaders from Chile, Bolivia, Ecuador and Colombia.",
    ],
)
def test_a_gathering_welcoming_its_participants_is_their_meeting(extractor: Extractor, welcomed: str) -> None:
    pairs = _pairs_in(extractor, _SUMMIT + welcomed, welcomed)
    assert {frozenset(p) for p in (("CHL", "BOL"), ("CHL", "ECU"), ("ECU", "COL"), ("BOL", "COL"))} <= pairs


def test_a_summit_to_come_welcoming_leaders_is_an_intent(extractor: Extractor) -> None:
    welcomed = "The summit will welcome presidents from Chile, Bolivia, Ecuador and Colombia."
    events = extractor.extract(_SUMMIT + welcomed, article_id="t").events
    types = {ev.type for ev in events if {"CHL", "COL"} <= set(ev.countries)}
    assert types == {"intent"}


@pytest.mark.parametrize(
    "attended",
    [
        "The two-day meeting, hosted by Peru, was attended by deputy foreign ministers of the four Andean "
        "states, including Chile, Bolivia and Ecuador.",
        "The meeting was attended by the delegations from the member nations namely Peru, Chile, Bolivia and "
        "Ecuador.",
    ],
)
def test_a_definite_group_listed_after_including_meets_each_other(
    extractor: Extractor, attended: str
) -> None:
    text = (
        "LIMA - A working group on the legal status of the Andean rivers met in Lima on Sunday. " + attended
    )
    pairs = _pairs_in(extractor, text, attended)
    assert {frozenset(p) for p in (("CHL", "BOL"), ("CHL", "ECU"), ("BOL", "ECU"), ("PER", "CHL"))} <= pairs


def test_examples_of_a_group_after_including_stay_a_star(extractor: Extractor) -> None:
    told = "During the summit, the president also met heads of state of certain countries, including Chile, Bolivia and Ecuador."
    text = "LIMA - Peru hosted a regional summit on Monday. " + told
    pairs = _pairs_in(extractor, text, told)
    assert frozenset({"CHL", "BOL"}) not in pairs


def test_ministers_or_representatives_from_listed_states_meet_each_other(extractor: Extractor) -> None:
    attended = (
        "Foreign ministers or representatives from Chile, Bolivia, Ecuador and Colombia attended the conference "
        "hosted by the Peruvian foreign minister in Cusco."
    )
    text = "LIMA - Peru held a conference on the Amazon basin last week. " + attended
    pairs = _pairs_in(extractor, text, attended)
    assert {frozenset(p) for p in (("CHL", "BOL"), ("ECU", "COL"), ("PER", "CHL"))} <= pairs
