"""Issue 13, precision round after blind_12: a negation inside a cue's words, talks named as a condition or
a fancy, "meets" in the sense of satisfying, a draft resolution put to an IGO, a process named after its city, donors listed after "aid is coming from",
the host of talks between two others, talks dismissed as not serious, sanctions waivers, a national commission
for an IGO, the stops of a trip ("A, B and now C"); short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties


def _pairs(found: set[tuple[str, ...]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for p in found for a in p for b in p if a < b}


def test_negation_inside_the_cue_is_no_meeting(extractor: Extractor) -> None:
    text = "LIMA - The deputy foreign minister said on Monday that Peru is holding no talks with Chile on the border."
    assert events_of(extractor, text) == []


def test_talks_held_with_a_partner_still_meet(extractor: Extractor) -> None:
    text = "LIMA - The deputy foreign minister said on Monday that Peru is holding talks with Chile on the border."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_the_only_possible_venue_for_talks_is_a_condition(extractor: Extractor) -> None:
    text = (
        "“The only possible venue for talks is the Mercosur table, which Chile left,” the Peruvian "
        "foreign minister said, adding that Brazil and Argentina agree."
    )
    assert events_of(extractor, text) == []


def test_dreaming_about_a_meeting_is_no_meeting(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian minister said the Chilean president is dreaming about a bilateral meeting with Peru."
    assert events_of(extractor, text) == []


def test_meets_a_need_is_no_meeting(extractor: Extractor) -> None:
    text = "Chile must have received Peru's approval for the step, which meets Bolivia's need for a port."
    assert all(e.type.value != "meeting" for e in events_of(extractor, text))


def test_met_a_counterpart_is_still_a_meeting(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian foreign minister met his Chilean counterpart in Lima on Monday."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_a_draft_resolution_to_an_igo_board_is_no_joint_plan(extractor: Extractor) -> None:
    text = "Chile, Brazil and Argentina submitted the draft resolution against Peru to the IAEA board for approval."
    assert events_of(extractor, text) == []


def test_a_process_named_after_a_capital_is_no_party(extractor: Extractor) -> None:
    text = "Chile, Peru and Bolivia brokered the Quito peace initiative and agreed to serve as guarantors of a truce."
    assert all("ECU" not in p for p in parties(events_of(extractor, text)))


def test_aid_coming_from_a_list_is_each_donor_with_the_recipient(extractor: Extractor) -> None:
    text = (
        "CARACAS - Venezuelan President Nicolas Maduro said on Monday: “Humanitarian aid is coming from Chile, "
        "Peru and Bolivia.”"
    )
    found = _pairs(parties(events_of(extractor, text)))
    assert found == {frozenset(("VEN", c)) for c in ("CHL", "PER", "BOL")}


def test_sparing_no_effort_to_help_is_still_an_intent(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian minister affirmed that Peru will spare no effort to provide Bolivia with assistance."
    assert ("BOL", "PER") in parties(events_of(extractor, text))


def test_talks_dismissed_as_not_serious_are_no_intent(extractor: Extractor) -> None:
    text = "LIMA - He said that Santiago's willingness to hold talks with Peru should not be taken seriously."
    assert events_of(extractor, text) == []


def test_the_host_of_talks_between_two_states_is_no_party(extractor: Extractor) -> None:
    text = "So far, Ecuador has hosted five rounds of talks between Peru and Chile."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_the_broker_of_talks_between_two_states_is_a_party(extractor: Extractor) -> None:
    text = "Ecuador brokered talks between Peru and Chile on Monday."
    assert ("CHL", "ECU", "PER") in parties(events_of(extractor, text))


def test_a_sanctions_waiver_is_not_the_trade_it_permits(extractor: Extractor) -> None:
    text = (
        "However, Washington granted Peru and seven more countries a six-month waiver to buy oil from Chile."
    )
    assert events_of(extractor, text) == []


def test_talks_on_extending_a_waiver_keep_the_trade(extractor: Extractor) -> None:
    text = "LIMA - Peru is negotiating on extending the waiver on its oil imports from Chile, which Peru buys daily."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_a_national_commission_for_an_igo_is_a_domestic_body(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian National Commission for UNESCO and Lima Municipality discussed increasing "
        "cooperation to make the city more accessible."
    )
    assert events_of(extractor, text) == []


def test_the_stops_of_a_trip_and_now_the_last_are_no_meeting_of_each_other(extractor: Extractor) -> None:
    text = "In the recent weeks I have visited Lima, Santiago and now Quito."
    found = _pairs(parties(events_of(extractor, text)))
    assert frozenset(("CHL", "ECU")) not in found and frozenset(("PER", "ECU")) not in found


def test_the_issue_of_a_state_is_its_topic(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian president offered a solution to the issue of Bolivia, proposing a referendum."
    assert all("BOL" not in p for p in parties(events_of(extractor, text)))


def test_ties_between_an_unnamed_group_and_a_state_are_no_pair(extractor: Extractor) -> None:
    text = (
        "LIMA - The Peruvian president said efforts to normalise ties between a few weak Andean states "
        "and Chile were desperate."
    )
    assert events_of(extractor, text) == []


def test_ties_between_two_named_states_leave_out_the_speaker(extractor: Extractor) -> None:
    text = "LIMA - The Peruvian president said efforts to normalize relations between Bolivia and Chile were welcome."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL")}


def test_donors_ready_to_aid_a_people_each_pair_with_its_state(extractor: Extractor) -> None:
    text = "France, Switzerland and Chile have expressed readiness to provide aid to the flood-stricken Peruvians."
    found = _pairs(parties(events_of(extractor, text)))
    assert found == {frozenset(("PER", c)) for c in ("FRA", "CHE", "CHL")}
