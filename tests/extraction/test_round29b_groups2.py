"""Round 29 part 2 (groups): groups of states acting as one party, one positive and one negative test per rule."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed


def test_before_an_occasion_is_no_clause_break(extractor: Extractor) -> None:
    text = (
        "In talks held before a session of the Nordic Council in Oslo on Friday, the foreign ministers "
        "from Sweden, Finland and Denmark weighed a shared fishing quota."
    )
    assert ("meeting", ("DNK", "FIN", "SWE")) in typed(events_of(extractor, text))


def test_before_a_clause_still_breaks(extractor: Extractor) -> None:
    text = "Chile and Peru signed the fishing accord before the summit began, while Brazil met Bolivia."
    found = typed(events_of(extractor, text))
    assert ("agreement", ("CHL", "PER")) in found
    assert not any(len(parties) > 2 for _, parties in found)


def test_the_deal_signatories_met_with_members_named_after(extractor: Extractor) -> None:
    # round 40 (D2): "the remaining parties" in session are the whole table of the time, not only the members
    # the next sentence names
    text = (
        "On Thursday the remaining parties to the nuclear deal met in Geneva to keep the pact alive. "
        "Britain, France and Germany told participants that their payment channel was at last working."
    )
    assert ("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS")) in typed(events_of(extractor, text))


def test_the_deal_signatories_without_a_meeting_make_no_round(extractor: Extractor) -> None:
    text = (
        "On Thursday the remaining parties to the nuclear deal voiced concern over the pact. "
        "Britain, France and Germany told participants that their payment channel was at last working."
    )
    assert not any(t == "meeting" for t, _ in typed(events_of(extractor, text)))
