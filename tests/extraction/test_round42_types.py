"""Round 42: event types by wording (made-up sentences).

The full stop of an abbreviation ("the U.S.", "Feb.", "Mr.") no longer hides the own predicate of a gathering named
before it, so a gathering announced for later stays an intent ("a meeting between Iranian and U.S. officials will take
place next week", "the talks between the U.S. and B are scheduled for next month"); a full stop that ends a sentence
still ends the predicate's reach.
"""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import types_between


def test_meeting_announced_after_a_country_abbreviation_is_an_intent(extractor: Extractor) -> None:
    text = "A meeting between Chilean and U.S. officials will take place in Lima next week."
    assert types_between(extractor, text, "CHL", "USA") == {"intent"}


def test_talks_planned_after_a_country_abbreviation_are_an_intent(extractor: Extractor) -> None:
    text = "The talks between the U.S. and Chile are scheduled for next month."
    assert types_between(extractor, text, "CHL", "USA") == {"intent"}


def test_talks_put_off_after_a_title_abbreviation_are_no_meeting(extractor: Extractor) -> None:
    text = "The talks between Chile and Peru on Mr. Rojas's plan have been postponed."
    assert "meeting" not in types_between(extractor, text, "CHL", "PER")


def test_talks_held_before_a_full_stop_keep_their_type(extractor: Extractor) -> None:
    text = "The talks between the U.S. and Chile took place in Lima. They will resume in May."
    assert "meeting" in types_between(extractor, text, "CHL", "USA")
