"""Issue 13, precision after blind_13/14: classes of false pairs, on short texts written for these tests."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of


def test_the_2015_deal_signed_between_iran_and_the_members_of_the_p5_plus_1_is_background(
    extractor: Extractor,
) -> None:
    text = (
        "The professor said European leaders had backed the accord, since in 2015 the accord was signed "
        "between Tehran and the members of the P5+1 after long talks."
    )
    assert events_of(extractor, text) == []


def test_a_new_deal_signed_between_two_states_stays_an_agreement(extractor: Extractor) -> None:
    text = "A gas swap deal was signed between Peru and Chile in Lima on Monday."
    assert [e.countries for e in events_of(extractor, text)] == [["CHL", "PER"]]
