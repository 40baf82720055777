"""Issue 13, round 8 (extractor 1.9.0): the classes of misses read on blind_7 and sentences_7,
each on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.dates import article_year, find_dates
from tests.extraction.helpers import events_of, parties, typed

# -- dates of an undated article -----------------------------------------------------------------


def test_the_year_an_article_names_most_often() -> None:
    text = "The 2019 fair followed the 2018 one. The 2019 edition was larger."
    assert article_year(text) == 2019


def test_a_tie_goes_to_the_latest_year_and_no_year_is_none() -> None:
    assert article_year("Plans of 2015 and 2016.") == 2016
    assert article_year("No year here, only 1397 and 12000.") is None


def test_a_month_and_day_take_the_hint_only_without_a_publication_date() -> None:
    text = "The talks are scheduled for October 3-5 in Lima."
    (mention,) = find_dates(text, 0, len(text), None, 2021)
    assert mention.value is not None and (mention.value.start, mention.value.end) == (
        "2021-10-03",
        "2021-10-05",
    )
    (bare,) = find_dates(text, 0, len(text), None)
    assert bare.value is None


def test_an_undated_article_dates_its_meeting_by_the_year_it_names(extractor: Extractor) -> None:
    text = (
        "Peru and Chile look back on a busy 2022. "
        "The foreign ministers of Peru and Chile met in Lima on March 14 to discuss fisheries."
    )
    events = extractor.extract(text, article_id="rules", published_at=None).events
    assert {e.date.start for e in events if e.date} == {"2022-03-14"}


# -- the type of a gathering's participation -----------------------------------------------------


def test_exhibitors_who_will_be_showcasing_at_a_fair_intend_it(extractor: Extractor) -> None:
    text = (
        "Companies from Chile, Brazil and Spain will be showcasing their products at the exhibition in Lima."
    )
    assert typed(events_of(extractor, text)) == {
        ("intent", ("CHL", "PER")),
        ("intent", ("BRA", "PER")),
        ("intent", ("ESP", "PER")),
    }


def test_delegations_that_will_be_visiting_a_fair_intend_it(extractor: Extractor) -> None:
    text = "Delegations from Chile and Brazil will be visiting the exhibition in Lima."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER")), ("intent", ("BRA", "PER"))}


def test_a_fair_named_before_hosts_companies_from_listed_states(extractor: Extractor) -> None:
    text = (
        "LIMA - The fifth International Wine Exhibition opened on Monday in Lima. "
        "The three-day event is hosting 40 local and 25 foreign companies from Chile, Spain and Italy."
    )
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("ESP", "PER"), ("ITA", "PER")}


def test_hosting_a_meeting_does_not_make_its_officials_attend(extractor: Extractor) -> None:
    text = (
        "The leaders met in Lima. Chile and Brazil thanked Peru for hosting the meeting of the leaders of "
        "the Quito process."
    )
    assert not any("ECU" in e.countries for e in events_of(extractor, text))


def test_states_among_the_countries_with_pavilions_deal_each_with_the_host(extractor: Extractor) -> None:
    text = (
        "LIMA - The wine fair opened in Lima on Monday. Some 300 foreign firms took part in the event. "
        "Chile, Spain and Italy are among the countries that have set up national pavilions."
    )
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("ESP", "PER"), ("ITA", "PER")}


def test_delegations_visiting_a_fair_are_no_meeting_of_each_other(extractor: Extractor) -> None:
    text = (
        "So far delegations from Chile, Brazil and Spain have registered for visiting the exhibition in Lima."
    )
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("BRA", "PER"), ("ESP", "PER")}


def test_participants_registered_to_attend_intend_it(extractor: Extractor) -> None:
    text = "Firms from Chile and Brazil have registered to attend the exhibition in Lima."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER")), ("intent", ("BRA", "PER"))}


def test_a_sentence_that_only_hosts_the_participants_of_a_fair_named_before(extractor: Extractor) -> None:
    text = "LIMA - The wine fair opened in Lima on Monday. Peru hosted traders from Chile, Spain and Italy."
    assert parties(events_of(extractor, text)) == {("CHL", "PER"), ("ESP", "PER"), ("ITA", "PER")}
