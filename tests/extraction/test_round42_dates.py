"""Round 42, dates of events: a weekday glossed by its day in parentheses, a month named as an occasion's
attribute, the news year told as a number of years after a dated break, the year of a masked caption; on
short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.dates import article_year, find_dates


def _dates(text: str, hint: int | None = 2031) -> list[tuple[str, str | None]]:
    return [
        (d.phrase, d.value.start if d.value else None) for d in find_dates(text, 0, len(text), None, hint)
    ]


def test_a_weekday_takes_the_day_that_glosses_it_in_parentheses() -> None:
    text = "The two envoys met in Quito on Thursday (Oct. 9) to discuss fisheries."
    assert _dates(text) == [("on Thursday", "2031-10-09"), ("Oct. 9", "2031-10-09")]
    # a day beside the weekday without parentheses: as before (the weekday dropped, or left alone)
    assert _dates("They talked on Friday, March 7 in Oslo.") == [("March 7", "2031-03-07")]
    assert _dates("They talked on Friday and signed on March 7.") == [
        ("on Friday", None),
        ("March 7", "2031-03-07"),
    ]


def test_a_run_of_weekdays_takes_the_glossing_range_once() -> None:
    text = "The minister toured Lima on Monday and Tuesday (June 2-3, 2031) at the invitation of his host."
    found = find_dates(text, 0, len(text), None, None)
    assert [(d.phrase, d.value.start if d.value else None) for d in found] == [
        ("on Monday", "2031-06-02"),
        ("June 2-3, 2031", "2031-06-02"),
    ]
    assert found[0].value is not None and found[0].value.end == "2031-06-03"


def test_a_glossed_weekday_dates_the_event_in_an_undated_article() -> None:
    text = (
        "Chilean Foreign Minister Ana Soto met her Peruvian counterpart in Lima on Tuesday and Wednesday "
        "(April 8-9, 2031) to discuss border trade."
    )
    events = Extractor().extract(text, article_id="r42-gloss").events
    meeting = next(e for e in events if e.type == "meeting" and e.countries == ["CHL", "PER"])
    assert meeting.date is not None and meeting.date.start == "2031-04-08"


def test_a_month_named_as_an_occasion_s_attribute_is_a_month() -> None:
    assert _dates("The envoy recalled the February deal between Chile and Peru.") == [
        ("the February", "2031-02")
    ]
    assert _dates("He cited his June summit with the Peruvian president.") == [("his June", "2031-06")]
    assert _dates("Soto's March official visit to Lima was cut short.") == [("Soto's March", "2031-03")]
    # not without an occasion word, nor a month with its day
    assert _dates("The March winds reached the coast.") == []
    assert _dates("They recalled the May 5 meeting in Lima.") == [("May 5", "2031-05-05")]


def test_the_news_comes_the_told_number_of_years_after_a_dated_break() -> None:
    text = (
        "Chile and Peru agreed to restore diplomatic relations after a six-year break. Peru broke off "
        "diplomatic relations with Chile in March 2024 over a border incident. The ministers met on May 2."
    )
    assert article_year(text) == 2030
    assert _dates(text, article_year(text))[-1] == ("May 2", "2030-05-02")
    first = (
        "The two ministers met for the first time in seven years. Lima severed ties with Santiago in 2024. "
        "A second meeting is planned."
    )
    assert article_year(first) == 2031
    # no gap year without a dated break, or with two breaks of different years
    no_break = "Ferries resumed after a two-year hiatus, in June 2027, between the two ports."
    assert article_year(no_break) == 2027
    two = (
        "Ties were restored after a six-year break. Peru cut ties with Chile in 2024. Bolivia cut ties with "
        "Chile in 2025."
    )
    assert article_year(two) == 2025


def test_the_year_of_a_masked_caption_dates_an_undated_article() -> None:
    text = (
        "Chilean and Peruvian scientists opened a joint exhibition at the national museum in Lima on "
        "March 5.\n\nPhoto: Visitors at the joint exhibition in Lima on March 5, 2031."
    )
    events = Extractor().extract(text, article_id="r42-caption").events
    assert any(
        e.date is not None and e.date.start == "2031-03-05" for e in events if e.countries == ["CHL", "PER"]
    )


_FAIR = (
    "TEHRAN – The 3rd International Robotics Exhibition (ROBEX) will host 80 companies and 12 universities. "
    "ROBEX 2031 will be held from May 12 to 14 at Tehran's Milad Tower, its organisers announced. "
    "Trade delegations from Chile, Peru and Ghana will attend the event."
)


def test_delegations_attending_the_event_take_the_date_of_the_fair_named_by_its_acronym() -> None:
    events = Extractor().extract(_FAIR, article_id="r42-fair").events
    dated = {tuple(e.countries): e.date.start if e.date else None for e in events if "IRN" in e.countries}
    assert dated and all(day == "2031-05-12" for day in dated.values())
    assert {("CHL", "IRN"), ("GHA", "IRN"), ("IRN", "PER")} <= set(dated)
