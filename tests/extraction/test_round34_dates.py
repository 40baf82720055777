"""Round 34, dates of events at fairs and named occasions (made-up texts): the year of an occasion told with
names or attributes between its year and its word ("the 2018 G20 summit", `dates.py` occasion_y), and a
fair's date for its exhibitors whose own date phrase cannot be resolved (`occasions.fair_dates`)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.dates import find_dates, occasion_year


def _years(text: str) -> list[tuple[str, str | None]]:
    return [
        (d.phrase, d.value.start if d.value else None)
        for d in find_dates(text, 0, len(text), None)
        if d.kind == "occasion_y"
    ]


def test_names_and_attributes_may_stand_between_the_year_and_the_occasion() -> None:
    assert _years("Lima hosted the 2016 APEC summit on Sunday.") == [("the 2016", "2016")]
    assert _years("They met at the 2019 Annual Meetings of the Fund.") == [("the 2019", "2019")]
    assert _years("The 2012 Cairo International Book Fair drew crowds.") == [("The 2012", "2012")]
    assert _years("She recalled the 2014 5th regional forum in Accra.") == [("the 2014", "2014")]


def test_a_year_before_a_common_noun_names_no_occasion() -> None:
    assert _years("He criticised the 2015 nuclear deal and the 2011 war.") == []
    assert _years("Exports rose after the 2012 Peru trade agreement.") == []


def test_the_occasion_year_dates_the_days_of_its_sentence() -> None:
    text = "The 2013 Lagos International Trade Fair ran from May 4 to 9 with firms from Peru."
    assert occasion_year(text, 0, len(text)) == 2013
    days = [d for d in find_dates(text, 0, len(text), None, 2020) if d.kind == "m_dd"]
    assert days and days[0].value is not None and days[0].value.start == "2013-05-04"


def _dates(extractor: Extractor, text: str) -> set[str | None]:
    return {e.date.start if e.date else None for e in extractor.extract(text, article_id="t").events}


def test_an_event_at_an_occasion_named_with_its_year_takes_the_year(extractor: Extractor) -> None:
    text = (
        "LIMA - On the sidelines of the 2016 Annual Meetings of the Andean Bank, the finance minister of "
        "Peru met with his Chilean counterpart to discuss trade."
    )
    assert _dates(extractor, text) == {"2016"}


def test_exhibitors_with_an_unresolved_weekday_take_the_fair_year(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The 4th International Exhibition of Farm Tools (AGROTEC 2015) opened in Tehran on Sunday. "
        "Companies from Germany, Italy and Turkey are present in the exhibition which will run until Wednesday."
    )
    assert _dates(extractor, text) == {"2015"}


def test_an_event_continuing_a_sentence_at_the_fair_takes_the_fair_days(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The 9th International Exhibition of Mining Tools (MinEx 2014) is being held in Tehran from "
        "June 3 to 6. A Chilean mining association hammered out a memorandum with an Iranian union on the "
        "sidelines of the show. Addressing a meeting of the two countries' officials before signing the "
        "memorandum, the head of the Iranian union hoped trade between Iran and Chile would grow."
    )
    assert _dates(extractor, text) == {"2014-06-03"}


def test_the_days_of_a_previous_edition_do_not_date_the_fair(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The 12th International Exhibition of Farm Machinery will be held on September 14-17, 2019 "
        "at the Tehran Permanent Fairground. The previous edition of the exhibition drew 200 firms on "
        "September 9-12. Companies from Germany, Italy and Turkey will set up pavilions at the exhibition."
    )
    assert _dates(extractor, text) == {"2019-09-14"}
