"""Round 33, dates of undated articles: the Iranian year's January 1 to March 20 in the next Gregorian
year, background years told as attributes ("the 2015 nuclear deal"), a tie of month phrases broken by
all the years named, the year of an occasion named in the date's own sentence; each on short texts
written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.dates import YearHint, article_year, find_dates, occasion_year


def _starts(text: str, hint: int | None) -> list[tuple[str, str | None]]:
    return [
        (d.phrase, d.value.start if d.value else None) for d in find_dates(text, 0, len(text), None, hint)
    ]


# -- the Iranian year: January 1 to March 20 fall in the Gregorian year after its start ------------------


@pytest.mark.parametrize(
    ("phrase", "start"),
    [
        ("on January 5", "2025-01-05"),
        ("on 20 March", "2025-03-20"),
        ("on March 21", "2024-03-21"),
        ("on December 30", "2024-12-30"),
        ("in February", "2025-02"),
        ("in March", "2024-03"),
        ("on February 27 to March 2", "2025-02-27"),
    ],
)
def test_an_iranian_year_hint_dates_its_winter_in_the_next_year(phrase: str, start: str) -> None:
    found = _starts(f"The envoys met {phrase} in Kabul.", YearHint(2024, iranian=True))
    assert [day for _, day in found] == [start]


def test_a_plain_hint_keeps_its_year_all_year_round() -> None:
    assert _starts("The envoys met on January 5 in Kabul.", YearHint(2024)) == [("January 5", "2024-01-05")]
    assert _starts("The envoys met on January 5 in Kabul.", 2024) == [("January 5", "2024-01-05")]


def test_an_iranian_gloss_makes_an_iranian_hint() -> None:
    text = "Exports should grow by the end of the current Iranian calendar year (March 20, 2025)."
    hint = article_year(text)
    assert hint == 2024 and isinstance(hint, YearHint) and hint.iranian
    plain = article_year("The envoys met in May 2019.")
    assert plain == 2019 and isinstance(plain, YearHint) and not plain.iranian


def test_an_undated_article_dates_a_winter_day_in_the_iranian_year_after_its_start(
    extractor: Extractor,
) -> None:
    text = (
        "Chile and Peru aim to double their trade by the end of the current Iranian calendar year "
        "(March 20, 2025). "
        "The trade ministers of Chile and Peru met in Lima on February 3 to discuss customs."
    )
    events = extractor.extract(text, article_id="rules", published_at=None).events
    assert {e.date.start for e in events if e.date} == {"2025-02-03"}


# -- the article's year: background attributes, ties ----------------------------------------------------


def test_years_told_as_attributes_of_common_nouns_yield_to_the_others() -> None:
    text = (
        "The 2009 border accord, a 2009 truce and the 2009 customs pact were recalled. "
        "The envoys of Chile and Peru met in 2021 to talk of ports."
    )
    assert article_year(text) == 2021


def test_years_told_only_as_attributes_still_give_the_year() -> None:
    assert article_year("The 2019 fair followed the 2018 one. The 2019 edition was larger.") == 2019


def test_a_name_with_its_year_is_no_background_attribute() -> None:
    text = "Peru attended the 2018 Andean Trade Forum. The 2021 trade pact with Chile was recalled."
    assert article_year(text) == 2018


def test_a_tie_of_month_phrases_goes_to_the_year_named_most_often() -> None:
    text = (
        "Talks began in May 2020 and may end in June 2021. "
        "Trade fell in 2020 and the 2020 harvest was poor; Jan. 19: the ports reopened."
    )
    assert article_year(text) == 2020
    assert article_year("Talks began in May 2020 and may end in June 2021.") == 2021


# -- the year of an occasion named in the date's sentence ------------------------------------------------


def test_an_occasion_named_with_its_year_dates_the_days_of_its_sentence() -> None:
    text = "Lima hosted ANDEXPO 2018 from July 15 to 22 with guests from Chile."
    assert occasion_year(text, 0, len(text)) == 2018
    assert _starts(text, 1990) == [("ANDEXPO 2018", "2018"), ("July 15 to 22", "2018-07-15")]


def test_a_sentence_without_one_occasion_year_keeps_the_hint() -> None:
    text = "Lima hosted ANDEXPO 2018 and the Pacific Games 2019 on July 15."
    assert occasion_year(text, 0, len(text)) is None
    assert _starts(text, 2017)[-1] == ("July 15", "2017-07-15")
    plain = "The envoys met on July 15 in Lima."
    assert occasion_year(plain, 0, len(plain)) is None
    assert _starts(plain, 2017) == [("July 15", "2017-07-15")]


def test_the_occasion_year_is_read_only_without_a_publication_date() -> None:
    from datetime import date

    text = "Lima hosted ANDEXPO 2018 on July 15 with guests from Chile."
    (_, day) = find_dates(text, 0, len(text), date(2020, 8, 1))
    assert day.value is not None and day.value.start == "2020-07-15"
