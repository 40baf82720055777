"""Round 41, dates of undated articles: a day or month without a year that falls before the latest
month the article tells as past ("the previous session was held in November 2026") is in the next
year; limits, plans and phrases with a day set no such month; on short texts written for these tests
(not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.dates import YearHint, article_year, find_dates


def _starts(text: str) -> list[str | None]:
    hint = article_year(text)
    return [d.value.start if d.value else None for d in find_dates(text, 0, len(text), None, hint)]


@pytest.mark.parametrize(
    ("opening", "after"),
    [
        ("The previous session had been held in Lima in November 2026.", 11),
        ("Chile first asked for the pact in May, 2026.", 5),
        ("Talks opened in August 2026 and stalled.", 8),
    ],
)
def test_a_month_told_as_past_sets_the_hint_s_month(opening: str, after: int) -> None:
    hint = article_year(opening + " The envoys met on February 3.")
    assert isinstance(hint, YearHint) and hint == 2026 and hint.after == after


def test_a_day_before_that_month_falls_in_the_next_year() -> None:
    text = "The previous session had been held in Lima in November 2026. The envoys met on February 3."
    assert _starts(text) == ["2026-11", "2027-02-03"]


def test_a_day_or_month_after_that_month_keeps_the_year() -> None:
    text = "Chile first asked for the pact in May, 2026. The envoys met on June 9 and again in December."
    assert _starts(text) == ["2026-05", "2026-06-09", "2026-12"]


@pytest.mark.parametrize(
    "opening",
    [
        "Chile and Peru hope to sign the pact by November 2026.",
        "The quota stays in force until November 2026.",
        "The ministers will meet again in November 2026.",
        "The fair opened on November 4, 2026.",
    ],
)
def test_limits_plans_and_days_set_no_month(opening: str) -> None:
    hint = article_year(opening + " The envoys met on February 3.")
    assert hint == 2026 and hint.after == 0
    assert _starts(opening + " The envoys met on February 3.")[-1] == "2026-02-03"


def test_an_undated_article_dates_its_news_after_its_background(extractor: Extractor) -> None:
    text = (
        "The trade ministers of Chile and Peru met in Lima on February 3 to discuss customs. "
        "Their previous meeting had been held in Quito in October 2026."
    )
    events = extractor.extract(text, article_id="rules", published_at=None).events
    assert "2027-02-03" in {e.date.start for e in events if e.date}
