"""Date phrases resolved against the publication date (annotation rule 6)."""

from __future__ import annotations

from datetime import date

from libs.extraction.dates import find_dates

PUB = date(2025, 2, 10)  # a Monday


def _one(text: str, published: date | None = PUB):
    found = [d for d in find_dates(text, 0, len(text), published)]
    assert len(found) == 1, found
    return found[0]


def test_weekday_is_the_most_recent_on_or_before_publication() -> None:
    assert _one("the meeting was held on Sunday").value.start == "2025-02-09"
    assert _one("they met on Monday").value.start == "2025-02-10"
    assert _one("on Tuesday").value.start == "2025-02-04"


def test_weekday_without_publication_date_stays_open() -> None:
    assert _one("held on Sunday", None).value is None


def test_day_range_and_month_year() -> None:
    v = _one("held from January 18 to 20 in Karbala").value
    assert (v.start, v.end, v.precision) == ("2025-01-18", "2025-01-20", "day")
    v = _one("the fair held 28-31 March 2023").value
    assert (v.start, v.end) == ("2023-03-28", "2023-03-31")
    v = _one("In November 2023, they signed").value
    assert (v.start, v.precision) == ("2023-11", "month")


def test_day_without_year_takes_the_latest_past_one() -> None:
    assert _one("On January 17, the minister").value.start == "2025-01-17"
    assert _one("on December 3 the envoy").value.start == "2024-12-03"
    assert _one("on December 3 the envoy", None).value is None


def test_relative_phrases() -> None:
    assert _one("last year").value.start == "2024"
    assert _one("earlier this month").value.start == "2025-02"
    assert _one("yesterday").value.start == "2025-02-09"
    assert _one("In October, a deal", None).value is None
    assert _one("in 2017 the two").value.start == "2017"


def test_explicit_date_wins_over_the_weekday_next_to_it() -> None:
    assert _one("due on Wednesday November 30, 2016 in Vienna").value.start == "2016-11-30"


def test_iranian_calendar_years_are_ignored() -> None:
    assert find_dates("the year 1397 ended", 0, 19, PUB) == []
