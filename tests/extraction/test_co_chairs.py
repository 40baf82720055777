"""Issue 13, round 2: a gathering two sides chair or host together is a meeting of its attendees; its
co-chairs must not make a cooperation apart that hides the attendees' meeting; a list of hyphenated pairs
is one tie per pair (short texts written for these tests, not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed


def test_co_chairing_a_session_of_a_joint_committee_is_a_meeting(extractor: Extractor) -> None:
    text = "Hakimi made a trip to Lima to co-chair the 5th session of the Peru-Chile joint committee."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


def test_a_meeting_co_chaired_by_two_states_is_a_meeting(extractor: Extractor) -> None:
    text = "The talks in Lima were co-chaired by Peru and Chile."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


def test_delegations_present_at_a_co_chaired_meeting_meet_the_co_chairs(extractor: Extractor) -> None:
    text = (
        "The meeting in Lima was co-chaired by the Peruvian foreign minister and the Chilean foreign "
        "minister, with the presence of delegations of Bolivia, Ecuador and Colombia."
    )
    assert typed(events_of(extractor, text)) == {("meeting", ("BOL", "CHL", "COL", "ECU", "PER"))}


def test_a_co_hosted_conference_is_one_event_of_its_attendees(extractor: Extractor) -> None:
    text = "The conference, co-hosted by Peru and Chile, was attended by Bolivia, Ecuador and Colombia."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL", "COL", "ECU", "PER")}


def test_research_co_conducted_stays_cooperation(extractor: Extractor) -> None:
    text = "Several research projects have been co-conducted by Peru and Chile, he added."
    assert typed(events_of(extractor, text)) == {("cooperation", ("CHL", "PER"))}


# -- a list of hyphenated pairs is one tie per pair ------------------------------------------------------


def test_a_list_of_hyphenated_pairs_is_one_tie_per_pair(extractor: Extractor) -> None:
    text = (
        "The Peru-Chile, Peru-Ecuador and Peru-Bolivia chambers of commerce signed a trade memorandum of "
        "understanding."
    )
    assert parties(events_of(extractor, text)) == {("BOL", "PER"), ("CHL", "PER"), ("ECU", "PER")}


def test_a_hyphenated_chain_is_one_tie_of_all(extractor: Extractor) -> None:
    text = "The Peru-Chile-Bolivia chamber of commerce signed a memorandum of understanding on trade."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL", "PER")}
