"""Round 31 (dates): an event continuing the occasion of the sentence before takes the one date that
sentence tells (`occasions.preceding_dates`). Made-up articles."""

from __future__ import annotations

from libs.extraction import Extractor


def _dated(extractor: Extractor, text: str) -> set[tuple[tuple[str, ...], str | None]]:
    return {
        (tuple(e.countries), e.date.start if e.date else None)
        for e in extractor.extract(text, article_id="t").events
    }


def test_a_round_takes_the_days_of_the_session_told_before(extractor: Extractor) -> None:
    text = (
        "The fourth session of the joint working group on water management was held on March 3-4, 2019 in "
        "Shiraz. In this round, officials of the Kenyan ministry of agriculture had meetings with their "
        "Iranian counterparts. They reviewed irrigation projects and seed banks."
    )
    assert _dated(extractor, text) == {(("IRN", "KEN"), "2019-03-03")}


def test_an_outcome_takes_the_year_of_the_act_told_before(extractor: Extractor) -> None:
    text = (
        "In 2012, Hanoi freed eleven fishermen held on charges of illegal fishing. The release was an outcome "
        "of personal diplomacy between the Vietnamese foreign minister and his Philippine counterpart. Both "
        "men later retired."
    )
    assert _dated(extractor, text) == {(("PHL", "VNM"), "2012")}


def test_two_dates_before_date_nothing(extractor: Extractor) -> None:
    text = (
        "The fourth session of the joint working group on water management met on March 3, 2019 and again "
        "on June 9, 2019 in Shiraz. In this round, officials of the Kenyan ministry of agriculture had "
        "meetings with their Iranian counterparts."
    )
    assert _dated(extractor, text) == {(("IRN", "KEN"), None)}
