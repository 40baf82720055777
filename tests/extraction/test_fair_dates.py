"""Dates of events read from another sentence or from participants (made-up articles): a fair's days (else
the year of its name) for its exhibitors and the guests invited to "the event" (`occasions.fair_dates`), a
gathering's sentence date (`discourse._date_from_sentence`)."""

from __future__ import annotations

from libs.extraction import Extractor


def _dates(extractor: Extractor, text: str) -> set[tuple[str, str | None]]:
    return {
        (e.date.start, e.date.end) if e.date else ("", None)
        for e in extractor.extract(text, article_id="t").events
    }


def test_exhibitors_take_the_days_of_the_fair(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The 12th International Exhibition of Farm Machinery will be held on September 14-17, 2019 "
        "at the Tehran Permanent Fairground. Over 300 domestic firms will attend. Companies from Germany, "
        "Italy and Turkey will set up pavilions at the exhibition, the organisers said."
    )
    assert _dates(extractor, text) == {("2019-09-14", "2019-09-17")}


def test_an_end_date_alone_fixes_no_day(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The air show, which will be held until November 19, 2016 on Kish Island, opened on "
        "Wednesday. Companies from Germany, Italy and Russia are taking part in the show."
    )
    assert _dates(extractor, text) == {("", None)}


def test_two_fair_days_fix_none(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The first expo will open on May 2, 2019 and the second exhibition on June 9, 2019. "
        "Companies from Germany, Italy and Turkey will set up pavilions at the exhibition, the organisers said."
    )
    assert _dates(extractor, text) == {("", None)}


def test_a_gathering_read_from_its_participants_takes_its_sentence_date(extractor: Extractor) -> None:
    text = "In March 2019, the summit in Nairobi was attended by the leaders of Kenya, Ghana and Peru, who held a meeting on trade."
    assert _dates(extractor, text) == {("2019-03", None)}


def test_delegations_invited_to_the_event_take_the_fair_days(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The Caspian Food Fair 2024 will run from March 3 to 6 in Rasht. Trade delegations from "
        "Russia, Kazakhstan and Turkmenistan have been invited to the event, the organiser said."
    )
    assert _dates(extractor, text) == {("2024-03-03", "2024-03-06")}


def test_a_fair_named_with_its_year_alone_dates_its_exhibitors_by_year(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The International Agro Exhibition (AgroEX 2019) opened on Tuesday in Mashhad. During this "
        "three-day event, companies from countries including Turkey, Armenia and Iraq are showcasing their "
        "farm machinery."
    )
    assert _dates(extractor, text) == {("2019", None)}


def test_an_end_day_dates_the_fair_by_its_month(extractor: Extractor) -> None:
    text = (
        "BAKU - The Caspian Agro Exhibition is being held at the Baku fairground until May 10, 2023. "
        "Companies from Turkey, Georgia and Russia are taking part in the exhibition."
    )
    assert _dates(extractor, text) == {("2023-05", None)}


def test_an_early_end_day_leaves_the_month_open(extractor: Extractor) -> None:
    text = (
        "BAKU - The Caspian Agro Exhibition is being held at the Baku fairground until May 3, 2023. "
        "Companies from Turkey, Georgia and Russia are taking part in the exhibition."
    )
    assert _dates(extractor, text) == {("", None)}
