"""Round 32, dates: the Iranian year an undated article glosses, month names in capitals, an occasion
told with its year; each on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.dates import article_year, find_dates, iranian_year_start

# -- the Iranian year an article is written in -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Output will rise by the end of the current Iranian calendar year (March 20, 2024).", 2023),
        ("Sales in the current Iranian year (ends on March 19, 2021) grew.", 2020),
        ("Exports since the current Iranian calendar year (started March 21, 2017) doubled.", 2017),
        (
            "Imports in the first six months of the current Iranian calendar year (March 21-September 21, 2016).",
            2016,
        ),
        ("Trade in the current Iranian calendar year, 1398 (March 2019-March 2020) rose.", 2019),
        ("Exports in the past Iranian calendar year 1396 (ended on March 20, 2018) fell.", 2018),
        ("A plan for the next Iranian calendar year (starts on March 21, 2022) is ready.", 2021),
        ("Nothing about calendars in 2015 here.", None),
    ],
)
def test_the_iranian_year_a_gloss_names(text: str, start: int | None) -> None:
    assert iranian_year_start(text) == start


def test_an_iranian_year_gloss_outweighs_the_years_of_plans() -> None:
    text = (
        "The company targets sales by the end of the current Iranian calendar year (March 20, 2019). "
        "It expects to reach them by March 2019 and again by March 2019, under its plan."
    )
    assert article_year(text) == 2018
    assert article_year("It expects to reach them by March 2019 and again by March 2019.") == 2019


def test_an_undated_article_dates_a_day_by_its_iranian_year(extractor: Extractor) -> None:
    text = (
        "Oman and Iran aim to raise their trade by the end of the current Iranian calendar year "
        "(March 20, 2025). "
        "The trade ministers of Oman and Iran met in Muscat on August 3 to discuss customs."
    )
    events = extractor.extract(text, article_id="rules", published_at=None).events
    assert {e.date.start for e in events if e.date} == {"2024-08-03"}


# -- month names in capitals ----------------------------------------------------------------------


def test_a_month_in_capitals_is_a_month() -> None:
    text = "COMMUNIQUE OF THE MEETING IN BAKU, MARCH 14-15, 2019 The delegations met."
    (mention,) = find_dates(text, 0, len(text), None)
    assert mention.value is not None and (mention.value.start, mention.value.end) == (
        "2019-03-14",
        "2019-03-15",
    )


def test_a_capitalised_may_without_a_day_is_no_date() -> None:
    text = "TALKS MAY RESUME, the officials said."
    assert find_dates(text, 0, len(text), None, 2020) == []


# -- an occasion told with its year -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The minister recalled his 2016 visit to Lima.", "2016"),
        ("She praised their 2019 summit in Quito.", "2019"),
        ("The 2015 nuclear deal was discussed.", None),
        ("The 2020 budget was approved.", None),
    ],
)
def test_an_occasion_told_with_its_year(text: str, found: str | None) -> None:
    values = [d.value.start for d in find_dates(text, 0, len(text), None) if d.value]
    assert values == ([found] if found else [])


def test_a_past_visit_told_with_its_year_is_dated(extractor: Extractor) -> None:
    text = (
        "The Peruvian president received the Chilean foreign minister in Lima. "
        "The Chilean minister recalled his 2016 visit to Peru and his meeting with the Peruvian president there."
    )
    events = extractor.extract(text, article_id="rules", published_at=None).events
    assert "2016" in {e.date.start for e in events if e.date}
