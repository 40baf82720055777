"""Extractor 1.16.0, types and dates: a weekday of an undated article named by one of its explicit days; each on
short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.dates import article_weekdays, find_dates

# -- dates -------------------------------------------------------------------------------------------------


def _dates(extractor: Extractor, text: str) -> dict[str, str | None]:
    """Each event's type and its date's start, from an article without a publication date."""
    events = extractor.extract(text, article_id="dates", published_at=None).events
    return {e.type.value: (e.date.start if e.date else None) for e in events}


def test_a_weekday_is_the_explicit_day_of_the_article_that_falls_on_it() -> None:
    text = "The envoy arrived on Tuesday. He leaves on May 2, 2017, after the fair."  # 2 May 2017: a Tuesday
    weekdays = article_weekdays(text, 2017)
    (tuesday, explicit) = find_dates(text, 0, len(text), None, 2017, weekdays)
    assert tuesday.value is not None and tuesday.value.start == "2017-05-02"
    assert explicit.value is not None and explicit.value.start == "2017-05-02"


def test_a_weekday_no_explicit_day_falls_on_stays_unresolved() -> None:
    text = "The envoy arrived on Friday. He leaves on May 2, 2017."  # a Tuesday
    weekdays = article_weekdays(text, 2017)
    assert find_dates(text, 0, len(text), None, 2017, weekdays)[0].value is None


def test_a_weekday_two_explicit_days_fall_on_stays_unresolved() -> None:
    text = "The envoy arrived on Tuesday. He met them on May 2, 2017 and on May 9, 2017."  # both Tuesdays
    weekdays = article_weekdays(text, 2017)
    assert find_dates(text, 0, len(text), None, 2017, weekdays)[0].value is None


def test_a_meeting_on_a_weekday_takes_the_day_a_later_sentence_dates(extractor: Extractor) -> None:
    text = (
        "LIMA - Chilean Foreign Minister Ana Soto met with the Peruvian ambassador Luis Vega in Lima on Tuesday. "
        "The two sides discussed ways to expand mining cooperation. "
        "The ambassador will return to Santiago on May 2, 2017."
    )
    assert _dates(extractor, text).get("meeting") == "2017-05-02"
