"""Round 42, false pairs outside the nuclear deal: blood (or organ) donors and the donation of blood are private
people at a health campaign, no state's aid ("blood donors from A, B and C attended the ceremony"), while a state's
donation stays aid; the states that asked an IGO's body to meet ("A and B requested the Security Council meeting",
"met at the request of its members - A and B") are no meeting of their own; an organisation's dialogue partners
listed ("A, B and C are also its dialogue partners") are no act. Short texts invented for these tests (not the
sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def _pairs(found: set[tuple[str, frozenset[str]]]) -> set[frozenset[str]]:
    return {frozenset(p) for _, states in found for p in _two(states)}


def _two(states: frozenset[str]) -> list[tuple[str, str]]:
    ordered = sorted(states)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


def test_blood_donors_from_listed_states_are_no_aid(extractor: Extractor) -> None:
    text = "LIMA - Several blood donors from Chile, Spain, Italy and Brazil also attended the ceremony on Sunday."
    assert not _pairs(typed_states(extractor, text))


def test_volunteers_donating_blood_are_no_aid(extractor: Extractor) -> None:
    text = (
        "MADRID - Dozens of volunteers donated blood on Sunday at a ceremony hosted by the Spanish Red Cross, "
        "with guests from Chile and Peru."
    )
    assert not _pairs(typed_states(extractor, text))


def test_a_state_donating_goods_beside_blood_donors_is_still_aid(extractor: Extractor) -> None:
    text = (
        "The Brazilian government donated two ambulances to Peru on Monday. Blood donors from Chile and Spain "
        "attended a ceremony in Lima on the same day."
    )
    found = typed_states(extractor, text)
    assert ("aid", frozenset({"BRA", "PER"})) in found
    assert frozenset({"CHL", "ESP"}) not in _pairs(found)


def test_the_members_who_asked_a_council_to_meet_are_no_meeting(extractor: Extractor) -> None:
    text = "The UN Security Council met on Friday at the request of five of its 15 members - Chile, Peru, Spain and Italy."
    assert not _pairs(typed_states(extractor, text))


def test_states_that_requested_a_council_session_are_no_meeting(extractor: Extractor) -> None:
    text = "Chile, Peru, Spain and the United Arab Emirates requested the Security Council meeting, a UN official said."
    assert not _pairs(typed_states(extractor, text))


def test_an_organisations_dialogue_partners_listed_are_no_meeting(extractor: Extractor) -> None:
    text = (
        "The forum has eight full members. Six countries of Chile, Peru, the Kingdom of Cambodia, Nepal, Spain and "
        "Italy are also its negotiating partners."
    )
    assert not _pairs(typed_states(extractor, text))


def test_a_visit_at_the_request_of_a_counterpart_stays_a_meeting(extractor: Extractor) -> None:
    text = (
        "The council met at the request of its members - Spain and Italy. The Chilean president visited Lima at the "
        "request of his Peruvian counterpart on Monday."
    )
    found = _pairs(typed_states(extractor, text))
    assert frozenset({"CHL", "PER"}) in found
    assert frozenset({"ESP", "ITA"}) not in found
