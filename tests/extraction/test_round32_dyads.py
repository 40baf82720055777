"""Round 32, sentence dyads: the stops of a tour and the states of firms dealt with are each one act with
the actor (a star, not a clique); three states or more committed to a deal state a stance, no act among
them; short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import pair_sets


def _pairs(*pairs: tuple[str, str]) -> set[frozenset[str]]:
    return {frozenset(p) for p in pairs}


def test_the_stops_of_a_tour_are_each_met_by_the_traveller(extractor: Extractor) -> None:
    text = (
        "LIMA - The Chilean president’s tour to Argentina, Uruguay and finally Paraguay showed the close ties "
        "of the region, Peruvian officials said."
    )
    assert pair_sets(extractor, text) >= _pairs(("CHL", "ARG"), ("CHL", "URY"), ("CHL", "PRY"))
    assert not pair_sets(extractor, text) & _pairs(("ARG", "URY"), ("ARG", "PRY"), ("URY", "PRY"))


def test_firms_of_listed_states_deal_with_the_actor_one_by_one(extractor: Extractor) -> None:
    text = "LIMA - Peru is negotiating with companies from Spain, Norway and Canada to expand its mines."
    assert pair_sets(extractor, text) == _pairs(("PER", "ESP"), ("PER", "NOR"), ("PER", "CAN"))


def test_talks_with_listed_states_stay_one_meeting_of_all(extractor: Extractor) -> None:
    text = "LIMA - Peru held talks with Spain, Norway and Canada on Monday on mining."
    assert frozenset(("ESP", "NOR")) in pair_sets(extractor, text)


def test_three_states_committed_to_a_deal_are_no_event_among_them(extractor: Extractor) -> None:
    text = (
        "LIMA - The other parties to the accord - Chile, Bolivia, Ecuador and Colombia - have all reaffirmed "
        "their commitment to it and urged Peru not to leave."
    )
    assert pair_sets(extractor, text) == set()
    text = "LIMA - Chile, Bolivia and Ecuador remain committed to preserving the fishing agreement."
    assert pair_sets(extractor, text) == set()


def test_two_states_committed_to_their_deal_keep_their_pair(extractor: Extractor) -> None:
    text = "LIMA - Chile and Bolivia reaffirmed their commitment to the border agreement on Monday."
    assert pair_sets(extractor, text) == _pairs(("BOL", "CHL"))


def test_one_joint_venture_with_firms_of_two_states_stays_one_deal_of_all(extractor: Extractor) -> None:
    text = (
        "LIMA - Peru's state oil company has signed a joint venture agreement with state firms from Spain and "
        "Norway to build a refinery."
    )
    assert frozenset(("ESP", "NOR")) in pair_sets(extractor, text)


def test_meetings_held_in_listed_states_are_the_delegations_stops(extractor: Extractor) -> None:
    text = (
        "LIMA - A delegation of Peruvian companies left Lima on Sunday for a six-day visit to the region. The "
        "delegation is scheduled to hold talks with businessmen, investors, and officials in Chile, Bolivia, "
        "and Ecuador to discuss ways of improving relations."
    )
    pairs = pair_sets(extractor, text)
    assert pairs >= _pairs(("PER", "CHL"), ("PER", "BOL"), ("PER", "ECU"))
    assert not pairs & _pairs(("CHL", "BOL"), ("CHL", "ECU"), ("BOL", "ECU"))
