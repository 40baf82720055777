"""Round 37, the nuclear deal's parties read as one event: the deal's makers named in a clause of its history
("the nuclear deal, reached last year with the 5+1 group") take no part in the sentence's act; a demonym naming
the seat of the talks ("in the Austrian capital") is a place, not a party; a standstill named as a noun ("a
hiatus in the talks") is no round held. Rounds held and visits to another capital so named still make their
events. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import DEAL_GROUP, meetings_of_many, typed_states


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


def test_a_hiatus_in_the_talks_is_no_round(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The meeting comes as a long hiatus in the marathon negotiations to save the JCPOA with China, "
        "Russia, France, Britain and Germany enters its fourth month."
    )
    assert not meetings_of_many(extractor, text)
