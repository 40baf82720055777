"""Issue 13, sentence dyads after sentences_17/18: a head of state received by title, a departure "leaving X
for Y", goods sent to a named destination, efforts coordinated with a partner, a named state's act welcomed,
ties restored named by a noun or in the passive, on short texts written for these tests."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import cue_types, events_of, parties


def test_a_head_of_state_received_by_title_is_a_meeting(extractor: Extractor) -> None:
    assert "meeting" in cue_types(
        extractor, "The Peruvian president spoke while receiving King Carlos of Chile."
    )
    assert "meeting" in cue_types(
        extractor, "The minister receives the visiting Chilean prime minister today."
    )


def test_an_emirs_letter_received_is_no_meeting(extractor: Extractor) -> None:
    assert "meeting" not in cue_types(extractor, "The minister received the emir's letter on Monday.")


def test_leaving_a_capital_for_a_state_is_a_trip(extractor: Extractor) -> None:
    text = "LIMA – The Peruvian president made the remarks before leaving Lima for Chile on Monday."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_goods_sent_to_a_named_destination_are_cooperation(extractor: Extractor) -> None:
    text = "LIMA – Peru is exporting 900 megawatts (mw) of electricity to Chile, the ministry said on Monday."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}
    text = "LIMA – Peru sent its first shipment of wheat to Bolivia by rail, officials said on Monday."
    assert parties(events_of(extractor, text)) == {("BOL", "PER")}


def test_goods_in_the_base_form_are_not_sent(extractor: Extractor) -> None:
    assert "cooperation" not in cue_types(extractor, "Peru wants to sell more of its oil to Chile next year.")


def test_efforts_coordinated_with_partners_are_cooperation(extractor: Extractor) -> None:
    assert "cooperation" in cue_types(extractor, "Peru is coordinating efforts with Chile to map the coast.")
    assert "cooperation" in cue_types(
        extractor, "The two armies carried out a coordinated operation last week."
    )


def test_a_named_states_decision_welcomed_is_an_intent(extractor: Extractor) -> None:
    assert "intent" in cue_types(extractor, "Peru welcomed Chile's decision to reopen the border crossing.")
    assert "intent" in cue_types(extractor, "Lima welcomes continued cooperation with Bolivia in mining.")


def test_a_decision_of_a_common_noun_welcomed_is_no_cue(extractor: Extractor) -> None:
    assert cue_types(extractor, "Peru welcomed the court's decision on Monday.") == []


def test_ties_restored_named_by_a_noun_or_in_the_passive(extractor: Extractor) -> None:
    text = "LIMA – The minister praised the restoration of diplomatic ties between Peru and Chile on Monday."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}
    text = "LIMA – Diplomatic ties between Peru and Chile were officially restored on Monday, officials said."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


def test_a_with_before_the_cue_makes_no_counterparts_list(extractor: Extractor) -> None:
    # (round 38: "are among Peruvian exports to" is a market's composition, no event; told as exported here)
    text = (
        "LIMA – Handwoven cloths with silver threads were exported by Peru to Chile, Bolivia and Ecuador, "
        "the trade office said on Monday."
    )
    assert parties(events_of(extractor, text)) == {("BOL", "PER"), ("CHL", "PER"), ("ECU", "PER")}
