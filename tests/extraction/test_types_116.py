"""Extractor 1.16.0, types and dates: a weekday of an undated article named by one of its explicit days, a
timeline's "Mar. 4:", the date of a sentence without a cue (a founding told by a rule); each on short texts
written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.dates import article_weekdays, find_dates
from tests.extraction.helpers import events_of, typed

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


def test_a_timeline_day_before_a_colon_is_a_day() -> None:
    text = "Main events of 2019: Mar. 4: Chile and Peru sign a fishing accord."
    days = [d for d in find_dates(text, 0, len(text), None, 2019) if d.kind == "md"]
    assert [d.value.start for d in days if d.value] == ["2019-03-04"]


def test_a_time_of_day_is_no_day() -> None:
    text = "The talks open on March 4 at 10:30 in Lima."
    assert [d.phrase for d in find_dates(text, 0, len(text), None, 2019)] == ["March 4"]


def test_a_founding_told_without_a_cue_is_dated_by_its_sentence(extractor: Extractor) -> None:
    text = (
        "LIMA - The fund helps farmers trade across the Andes. "
        "It was introduced on March 4, 2019, by Chile, Peru and Bolivia, the three founders."
    )
    assert _dates(extractor, text) == {"cooperation": "2019-03-04"}


# -- headings glued to the occasion's sentence -----------------------------------------------------------


def test_a_heading_glued_before_in_a_meeting_is_its_own_sentence() -> None:
    from libs.extraction.text import segment

    text = (
        "LIMA - Chile and Peru met on trade. Soto calls for closer ties with Bolivia In a separate meeting "
        "with the Bolivian envoy, Soto said the two countries should trade more."
    )
    assert [s.text for s in segment(text).sentences] == [
        "Chile and Peru met on trade.",
        "Soto calls for closer ties with Bolivia",
        "In a separate meeting with the Bolivian envoy, Soto said the two countries should trade more.",
    ]


def test_a_meeting_told_after_a_glued_heading_stays_a_meeting(extractor: Extractor) -> None:
    text = (
        "LIMA - Chilean Foreign Minister Ana Soto met the Peruvian envoy on trade. "
        "‘Sanctions should not harm our ties’ In a separate meeting with the Bolivian ambassador, Soto said "
        "the two countries should expand trade."
    )
    assert ("meeting", ("BOL", "CHL")) in typed(events_of(extractor, text))
