"""Round 47: talks told by their mediators alone take their sides from the sentences before (made-up texts).

"The agreement followed several rounds of talks mediated by A and B", "Both sides held five rounds of talks
mediated by C": a talks or deal cue whose clause names only its mediators (`clauses.brokers`) is the talks of the
sides the sentences just before told (the last event's parties or the last pair named, within
`CONTINUATION_REACH`), with the mediators; the brokers of that earlier sentence ("a Brazilian-brokered
agreement") are no sides. Without such sides, or far from them, the mediators are no meeting of their own.
"""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import FILLER, events_of


def _meetings(extractor: Extractor, text: str) -> set[frozenset[str]]:
    return {frozenset(e.countries) for e in events_of(extractor, text) if e.type.value == "meeting"}


def test_talks_mediated_after_the_deal_are_the_deals_sides_with_the_mediators(extractor: Extractor) -> None:
    text = (
        "Chile and Peru reached an agreement on March 10 to restore diplomatic ties. "
        "The agreement followed several rounds of talks mediated by Quito and La Paz."
    )
    assert frozenset({"CHL", "PER", "ECU", "BOL"}) in _meetings(extractor, text)


def test_the_earlier_deals_broker_is_no_side_of_the_talks(extractor: Extractor) -> None:
    text = (
        "Chile and Peru reached a Brazilian-brokered agreement on March 10 to restore ties. "
        "The agreement followed several rounds of talks mediated by Quito."
    )
    meetings = _meetings(extractor, text)
    assert frozenset({"CHL", "PER", "ECU"}) in meetings
    assert not any("BRA" in m for m in meetings)


def test_the_two_sides_holding_mediated_talks(extractor: Extractor) -> None:
    text = "Chile and Peru have agreed to restore ties. Both sides held five rounds of talks mediated by Ecuador."
    assert frozenset({"CHL", "PER", "ECU"}) in _meetings(extractor, text)


def test_mediators_without_sides_before_make_no_meeting(extractor: Extractor) -> None:
    text = "The weather was mild in the capital. Several rounds of talks were mediated by Ecuador and Brazil."
    assert not _meetings(extractor, text)


def test_sides_told_long_before_are_not_the_mediated_talks(extractor: Extractor) -> None:
    text = "Chile and Peru signed a trade deal on Monday. " + FILLER + "The talks were mediated by Ecuador."
    assert not any("ECU" in m for m in _meetings(extractor, text))


def test_talks_naming_their_sides_keep_them(extractor: Extractor) -> None:
    text = (
        "Argentina and Uruguay signed a fisheries accord on Monday. "
        "Chile and Peru have held five rounds of talks mediated by Ecuador."
    )
    meetings = _meetings(extractor, text)
    assert frozenset({"CHL", "PER", "ECU"}) in meetings
    assert not any("ARG" in m for m in meetings)


def test_sides_named_in_the_sentence_leave_the_context_out(extractor: Extractor) -> None:
    text = (
        "Argentine and Brazilian ministers spoke by phone on Monday. Chile and Peru reached an agreement on "
        "Friday after three days of discussions hosted and mediated by Ecuador."
    )
    events = events_of(extractor, text)
    assert not any({"ARG", "BRA"} & set(e.countries) and "ECU" in e.countries for e in events)


def test_the_deal_brokered_told_after_the_deal(extractor: Extractor) -> None:
    text = (
        "Chile and Peru reached an agreement on March 10 to restore ties. The deal was brokered by Ecuador."
    )
    agreements = {frozenset(e.countries) for e in events_of(extractor, text) if e.type.value == "agreement"}
    assert frozenset({"CHL", "PER", "ECU"}) in agreements
