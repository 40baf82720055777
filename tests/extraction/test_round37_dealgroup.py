"""Round 37, the nuclear deal's parties read as one event: the deal's makers named in a clause of its history
("the nuclear deal, reached last year with the 5+1 group") take no part in the sentence's act; a demonym naming
the seat of the talks ("in the Austrian capital") is a place, not a party; the talks named as put off, closed,
dropped, bad for, a period ("during the course of negotiations") or at a standstill ("a hiatus in the talks", "the
talks have been at a standstill"), and the deal's commission named as a channel ("through the JCPOA Joint
Commission") are no round held. Rounds held, sessions of the commission and visits to another capital so named
still make their events. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import DEAL_GROUP, meetings_of_many, talks_read_as_topic, typed_states


@pytest.mark.parametrize(
    "text",
    [
        "TEHRAN - The foreign minister said on Sunday that the nuclear deal, reached last year with the 5+1 group, "
        "cannot be renegotiated despite Trump's pledge to do so.",
        "TEHRAN - The minister said on Sunday that the nuclear deal signed between Iran and the P5+1 cannot be "
        "renegotiated despite Trump's pledge to do so.",
    ],
)
def test_the_deal_makers_in_its_history_take_no_part(extractor: Extractor, text: str) -> None:
    assert not any(len(states) >= 4 for _, states in typed_states(extractor, text))


def test_a_group_met_now_is_still_a_party(extractor: Extractor) -> None:
    text = "VIENNA - Iran held talks with the P4+1 group in Vienna on Monday to revive the nuclear deal."
    assert any(states >= DEAL_GROUP for states in meetings_of_many(extractor, text))


def test_a_demonym_naming_the_talks_city_is_no_party(extractor: Extractor) -> None:
    text = (
        "VIENNA - Iran and Germany, France, Britain, Russia and China held talks in the Austrian capital on Monday "
        "to revive the nuclear deal."
    )
    assert not any("AUT" in states for _, states in typed_states(extractor, text))


def test_a_visit_to_a_capital_so_named_still_has_its_host(extractor: Extractor) -> None:
    text = "BAGHDAD - The Iranian foreign minister arrived in the Iraqi capital on Monday for talks with officials."
    assert ("meeting", frozenset({"IRN", "IRQ"})) in typed_states(extractor, text)


@pytest.mark.parametrize(
    ("before", "topic"),
    [
        ("the more the two sides postpone the nuclear ", True),
        ("closing the Vienna ", True),
        ("the two sides may abandon the ", True),
        ("the timing could not be worse for the ", True),
        ("the move was a blow to the ", True),
        ("the resolution drafted during the course of ", True),
        ("the seventh round of the Vienna ", False),
        ("the close of the ", False),  # not a verb of closing before the talks
    ],
)
def test_the_new_frames_end_right_before_the_talks_noun(before: str, topic: bool) -> None:
    assert talks_read_as_topic(before) is topic


@pytest.mark.parametrize(
    "text",
    [
        "TEHRAN - China, Russia, France, Britain and Germany remain parties to the nuclear deal with Iran. The "
        "envoy said on Sunday that Iran follows up on the U.S. breaches through the JCPOA Joint Commission.",
        "TEHRAN - The meeting comes as a long hiatus in the marathon negotiations to save the JCPOA with China, "
        "Russia, France, Britain and Germany enters its fourth month.",
        "TEHRAN - China, Russia, France, Britain and Germany remain parties to the nuclear deal with Iran. For "
        "months, the Vienna talks have been at a standstill.",
    ],
)
def test_no_round_of_the_deal_group_is_held(extractor: Extractor, text: str) -> None:
    assert not meetings_of_many(extractor, text)


def test_a_session_of_the_commission_is_still_a_meeting(extractor: Extractor) -> None:
    text = (
        "TEHRAN - China, Russia, France, Britain and Germany remain parties to the nuclear deal with Iran. The "
        "envoy said on Sunday that Iran met them at the JCPOA Joint Commission."
    )
    assert any(states >= DEAL_GROUP for states in meetings_of_many(extractor, text))
