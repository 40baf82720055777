"""Extractor 1.15.0, types and dates: an agreement named as the goal of talks, a joint statement about a third
party, the date a later sentence tells of an undated event; each on short texts written for these tests (not
the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed

# -- types -------------------------------------------------------------------------------------------------


def test_an_agreement_talks_go_on_for_is_an_intent(extractor: Extractor) -> None:
    text = "Chile will keep negotiating with Peru and Bolivia in Lima until a final agreement is reached."
    assert typed(events_of(extractor, text)) == {("intent", ("BOL", "CHL", "PER"))}


def test_an_agreement_reached_at_the_end_of_talks_stays_an_agreement(extractor: Extractor) -> None:
    text = "Talks between Chile and Peru went on for a week until the agreement was signed."
    assert ("agreement", ("CHL", "PER")) in typed(events_of(extractor, text))


def test_a_joint_statement_about_a_third_party_is_an_intent(extractor: Extractor) -> None:
    text = "The foreign ministers of Chile, Peru and Bolivia issued a joint statement regarding Venezuela."
    types = {t for t, _ in typed(events_of(extractor, text))}
    assert "agreement" not in types and "intent" in types


def test_a_joint_statement_setting_something_up_stays_an_agreement(extractor: Extractor) -> None:
    text = "Chile and Peru issued a joint statement on Monday to set up a mining commission."
    assert ("agreement", ("CHL", "PER")) in typed(events_of(extractor, text))


# -- dates -------------------------------------------------------------------------------------------------


def _dates(extractor: Extractor, text: str) -> dict[str, str | None]:
    """Each event's type and its date's start, from an article without a publication date."""
    events = extractor.extract(text, article_id="dates", published_at=None).events
    return {e.type.value: (e.date.start if e.date else None) for e in events}


def test_an_undated_deal_takes_the_date_its_next_sentence_tells(extractor: Extractor) -> None:
    text = (
        "The minister pointed to a mining agreement between Chile and Peru signed by both governments. "
        "Chile and Peru finished the text in March 2021 after long talks."
    )
    assert _dates(extractor, text).get("agreement") == "2021-03"


def test_a_later_sentence_with_two_dates_gives_none(extractor: Extractor) -> None:
    text = (
        "The minister pointed to a mining agreement between Chile and Peru signed by both governments. "
        "Chile and Peru finished the text in March 2021 and revised it in May 2022."
    )
    assert _dates(extractor, text).get("agreement") is None
