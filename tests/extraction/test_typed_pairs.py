"""Issue 13, typed pairs: intents told in words the lexicon missed, and cues that typed an occasion wrongly,
each on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed

# -- intents told without a known cue -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chilean President Boric stressed the need for coordination between Chile and Peru on fisheries.",
            ("intent", ("CHL", "PER")),
        ),
        (
            "The Kenyan foreign minister said Kenya attaches great importance to talks and cooperation with Tanzania.",
            ("intent", ("KEN", "TZA")),
        ),
        (
            "Ghanaian officials said Ghana wants better relations with Togo and will reopen the border.",
            ("intent", ("GHA", "TGO")),
        ),
        (
            "Peruvian Foreign Minister Gonzalez hailed Chile's efforts in the border talks with Bolivia.",
            ("intent", ("BOL", "CHL", "PER")),
        ),
        (
            "Nigeria will always stand beside Niger in difficult times, the Nigerian foreign minister said.",
            ("intent", ("NER", "NGA")),
        ),
    ],
)
def test_intent_told_in_new_words(
    extractor: Extractor, text: str, expected: tuple[str, tuple[str, ...]]
) -> None:
    assert expected in typed(events_of(extractor, text))


def test_a_meeting_due_with_a_person_named_is_an_intent(extractor: Extractor) -> None:
    text = "Chile and Peru are due to meet Bolivia in the semi-annual round in La Paz."
    assert ("intent", ("BOL", "CHL", "PER")) in typed(events_of(extractor, text))


def test_a_meeting_one_is_to_hold_is_an_intent(extractor: Extractor) -> None:
    text = "The Kenyan foreign minister is to meet Tanzanian President Hassan in Dodoma on Friday."
    assert typed(events_of(extractor, text)) == {("intent", ("KEN", "TZA"))}


# -- cues that typed an occasion wrongly ----------------------------------------------------------------


def test_talks_aimed_at_reviving_a_deal_are_no_intent(extractor: Extractor) -> None:
    text = "Chile and Peru held talks in Lima aimed at reviving the fisheries accord."
    assert typed(events_of(extractor, text)) == {("meeting", ("CHL", "PER"))}


def test_a_vehicle_aimed_at_facilitating_trade_is_still_an_intent(extractor: Extractor) -> None:
    text = (
        "Kenya and Uganda announced a payment channel aimed at facilitating trade between Kenya and Tanzania."
    )
    assert any(t == "intent" for t, _ in typed(events_of(extractor, text)))


def test_went_to_say_is_no_travel(extractor: Extractor) -> None:
    text = "The Kenyan spokesman went to say that Kenya and Uganda disagree on the border question."
    assert all(t != "meeting" for t, _ in typed(events_of(extractor, text)))


# -- joint statements: what they say is a stance, what they set up an agreement ---------------------------


def test_a_joint_statement_saying_is_an_intent(extractor: Extractor) -> None:
    text = "Chile and Peru issued a joint statement on Friday saying they support the fisheries accord."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_said_in_a_joint_statement_is_an_intent(extractor: Extractor) -> None:
    text = "The foreign ministers of Chile and Peru said in a joint statement that they back the talks."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_a_joint_statement_setting_up_a_body_stays_an_agreement(extractor: Extractor) -> None:
    text = "Chile and Peru issued a joint statement on Friday to set up a fisheries commission."
    assert ("agreement", ("CHL", "PER")) in typed(events_of(extractor, text))


def test_a_call_for_hyphenated_cooperation_is_an_intent(extractor: Extractor) -> None:
    text = "Chilean President Boric congratulated the new Peruvian premier, calling for all-out cooperation between both nations."
    assert ("intent", ("CHL", "PER")) in typed(events_of(extractor, text))


def test_ties_that_will_be_promoted_are_an_intent(extractor: Extractor) -> None:
    text = "“I wish that the relations between Chile and Peru will be further promoted in different fields,” Boric said."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}
