"""Issue 13, precision after blind_19/20 (extractor 1.16.0): officials at a fair each visit the host's
show, a birthplace and a championed cause are no parties, club football, an arrest on arrival, talks
judged fruitless; short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties


def test_officials_at_a_fair_each_deal_with_the_host(extractor: Extractor) -> None:
    text = (
        "LIMA - The tenth Lima mining exhibition opened on Monday. Traders, ministers and officials from "
        "Chile, Bolivia and Ecuador, Mexico, Brazil and Argentina are among the attendees of the exhibition, "
        "the organisers said."
    )
    found = {tuple(sorted(p)) for p in parties(events_of(extractor, text))}
    assert found == {tuple(sorted(("PER", c))) for c in ("CHL", "BOL", "ECU", "MEX", "BRA", "ARG")}


def test_officials_at_a_meeting_still_meet_each_other(extractor: Extractor) -> None:
    text = (
        "LIMA - Top officials from Chile, Bolivia and Ecuador will participate in the meeting on regional "
        "trade in Lima next week."
    )
    found = parties(events_of(extractor, text))
    assert any({"CHL", "BOL", "ECU"} <= set(p) for p in found)


def test_a_birthplace_is_no_party(extractor: Extractor) -> None:
    text = "LIMA - The Chilean-born leader of the Bolivian miners' union was invited by the Peruvian president to visit Lima."
    found = parties(events_of(extractor, text))
    assert not any("CHL" in p for p in found)


def test_a_championed_cause_is_no_party(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian president thanked his Chilean counterpart for his firm support of the Bolivian cause."
    found = parties(events_of(extractor, text))
    assert not any("BOL" in p for p in found)


def test_club_football_is_no_diplomacy(extractor: Extractor) -> None:
    text = (
        "LIMA - The Chilean soccer federation president met with the Peruvian coach to discuss his contract."
    )
    assert events_of(extractor, text) == []


def test_an_arrest_on_arrival_is_no_visit(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian businessman was arrested upon his arrival in Chile in May."
    assert events_of(extractor, text) == []
    assert parties(
        events_of(extractor, "LIMA - The Peruvian foreign minister arrived in Chile on Monday.")
    ) == {("CHL", "PER")}


def test_talks_judged_fruitless_are_no_event(extractor: Extractor) -> None:
    text = 'LIMA - The Peruvian president said: "Talks with Chile are simply fruitless."'
    assert events_of(extractor, text) == []


def test_a_news_outlet_is_no_party(extractor: Extractor) -> None:
    text = "LIMA - Peru seeks to restore the 2015 border deal, according to the Chilean newspaper El Diario."
    assert events_of(extractor, text) == []
    text = (
        "LIMA - Peru will hold talks with Bolivia next month, according to the Chilean newspaper El Diario."
    )
    assert parties(events_of(extractor, text)) == {("BOL", "PER")}
    # the outlet's state is the one the report is about: it stays
    text = (
        "LIMA - Chilean news agency Orbe reported that the Andean country is negotiating with Bolivia on gas."
    )
    assert parties(events_of(extractor, text)) == {("BOL", "CHL")}


def test_what_an_incident_befell_is_no_party(extractor: Extractor) -> None:
    text = (
        "LIMA - The presidents of Peru and Chile held a phone conversation on Sunday about the downing of a "
        "Bolivian passenger plane near Lima."
    )
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_the_country_peace_is_brought_to_is_no_party(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian foreign minister said Peru welcomes all talks that help bring peace and stability "
        "to Bolivia."
    )
    assert events_of(extractor, text) == []


def test_ties_with_examples_are_bilateral(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian president wants to deepen ties with its neighbors, particularly with Chile and Bolivia."
    assert parties(events_of(extractor, text)) == {("BOL", "PER"), ("CHL", "PER")}
    text = (
        "LIMA - The Peruvian president said he would like to strengthen ties with the region's allies, "
        "including Chile and Ecuador."
    )
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("ECU", "PER")}


def test_a_state_yet_to_be_founded_is_no_party(extractor: Extractor) -> None:
    text = (
        "LIMA - The Chilean president has proposed to establish a Bolivian state on the coast as part of his "
        "plan for the region."
    )
    assert events_of(extractor, text) == []


def test_a_press_conference_is_with_its_cohost_only(extractor: Extractor) -> None:
    text = (
        "LIMA - In a joint press conference with Chilean President Gabriel Boric on July 30, Peruvian President "
        "Ana Torres said she is ready to meet with Bolivian President Luis Arce in the autumn."
    )
    found = parties(events_of(extractor, text))
    assert ("CHL", "PER") in found and ("BOL", "PER") in found
    assert ("BOL", "CHL", "PER") not in found
    text = "LIMA - The presidents of Peru, Chile and Bolivia held a joint press conference in Lima."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL", "PER")}
