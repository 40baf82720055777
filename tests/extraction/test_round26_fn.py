"""Issue 13, round 26 (recall of country pairs): gatherings whose foreign participants speak or are
invited, agreements reached without an article, sums invested; short texts written for these tests
(not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed

# -- speakers at a gathering attend it --------------------------------------------------------------


def test_representatives_who_deliver_speeches_at_a_meeting_are_one_conference(extractor: Extractor) -> None:
    text = (
        "LIMA – The yearly meeting of fisheries regulators opened in Lima on Tuesday. "
        "Representatives of other countries including Chile, Ecuador and Norway also delivered speeches "
        "during the meeting."
    )
    assert ("conference", ("CHL", "ECU", "NOR", "PER")) in typed(events_of(extractor, text))


def test_ministers_who_address_a_session_attend_it(extractor: Extractor) -> None:
    text = "OSLO – Ministers of Chile, Ecuador and Peru addressed the opening session of the conference on Monday."
    assert ("CHL", "ECU", "NOR", "PER") in parties(events_of(extractor, text))


def test_officials_who_only_attend_a_meeting_still_meet_each_other(extractor: Extractor) -> None:
    text = "OSLO – Ministers of Chile, Ecuador and Peru attended the meeting on Monday."
    assert ("meeting", ("CHL", "ECU", "NOR", "PER")) in typed(events_of(extractor, text))


def test_a_lone_speech_is_no_gathering_of_states(extractor: Extractor) -> None:
    text = "OSLO – The Chilean ambassador delivered a speech about the history of the port on Monday."
    assert not events_of(extractor, text)


# -- states invited to a summit --------------------------------------------------------------------


def test_states_invited_to_participate_in_a_summit_are_one_intent_with_the_host(extractor: Extractor) -> None:
    text = (
        "SANTIAGO – Peru, Ecuador and Bolivia have been invited to participate in a Santiago summit in May."
    )
    assert ("intent", ("BOL", "CHL", "ECU", "PER")) in typed(events_of(extractor, text))


def test_states_that_took_part_in_a_summit_meet_each_other(extractor: Extractor) -> None:
    text = "SANTIAGO – Peru, Ecuador and Bolivia took part in the Santiago summit on Monday."
    assert ("meeting", ("BOL", "CHL", "ECU", "PER")) in typed(events_of(extractor, text))


# -- an agreement reached without an article -------------------------------------------------------


def test_reached_agreement_with_is_an_agreement(extractor: Extractor) -> None:
    text = (
        "A Norwegian shipping firm said it had reached agreement with Chile's transport ministry on Monday."
    )
    assert ("agreement", ("CHL", "NOR")) in typed(events_of(extractor, text))


def test_failing_to_reach_agreement_is_none(extractor: Extractor) -> None:
    text = "Peru and Chile failed to reach agreement on the fishing quotas on Monday."
    assert not events_of(extractor, text)


# -- a sum invested --------------------------------------------------------------------------------


def test_a_sum_invested_in_a_state_is_cooperation(extractor: Extractor) -> None:
    text = "Norway's state fund invested $40 million in Chile's largest wind farm last year."
    assert ("cooperation", ("CHL", "NOR")) in typed(events_of(extractor, text))


def test_a_sum_invested_named_in_words_is_cooperation(extractor: Extractor) -> None:
    text = "Norway invested 3 billion euros in Peru in 2019."
    assert ("NOR", "PER") in parties(events_of(extractor, text))


# -- a refusal of others after a contrast ----------------------------------------------------------


def test_a_refusal_after_but_is_not_the_listed_states(extractor: Extractor) -> None:
    text = (
        "LIMA – Peru, Ecuador and Bolivia took part in the Lima summit on Monday, but Chile did not attend."
    )
    assert ("meeting", ("BOL", "ECU", "PER")) in typed(events_of(extractor, text))


def test_listed_states_that_will_not_attend_make_no_gathering(extractor: Extractor) -> None:
    text = "LIMA – Ecuador and Bolivia will not attend the Lima summit in May."
    assert not events_of(extractor, text)
