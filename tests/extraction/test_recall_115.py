"""Extractor 1.15.0, recall on articles: ties set up beside conflict words, a normalisation told in the simple
past, a money amount inside a signed deal, the French oil company "Total", each on short texts written for
these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed

# -- ties set up: a cooperative act whatever the words around it say of the partner ------------------------


def test_normalized_relations_beside_a_hostile_epithet(extractor: Extractor) -> None:
    text = "Last year Chile normalized relations with the hostile government of Peru, the newspaper wrote."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}


def test_normalization_deals_after_a_conflict_word(extractor: Extractor) -> None:
    text = "To end its isolation, Peru has signed normalization deals with Chile in recent months."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_establishing_relations_beside_a_hostile_epithet(extractor: Extractor) -> None:
    text = "Chile has been establishing relations with the hostile government of Peru since 2020."
    assert ("CHL", "PER") in parties(events_of(extractor, text))


def test_normalizing_ties_still_dropped_after_a_rejection(extractor: Extractor) -> None:
    text = "Chile rejected calls to normalize ties with Peru."
    assert events_of(extractor, text) == []


def test_to_normalize_stays_an_intent(extractor: Extractor) -> None:
    text = "Chile wants to normalize relations with Peru next year."
    assert "agreement" not in {t for t, _ in typed(events_of(extractor, text))}


# -- a money amount inside the signed deal phrase -----------------------------------------------------------


def test_signed_a_deal_worth_an_amount(extractor: Extractor) -> None:
    text = "Peru signed a $2.5 billion deal with Chile on Sunday."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}


# -- "Total" the company, not the sum ------------------------------------------------------------------------


def test_total_the_company_stands_for_france(extractor: Extractor) -> None:
    text = "Total signed a contract with Peru to develop an offshore gas field."
    assert typed(events_of(extractor, text)) == {("agreement", ("FRA", "PER"))}


def test_total_sales_are_no_party(extractor: Extractor) -> None:
    text = "Total sales of copper rose after Peru signed an agreement with Chile."
    assert parties(events_of(extractor, text)) == {("CHL", "PER")}


# -- cue vocabulary: a call named by "called", an agreement told with "agreed that", a joint capacity ------------


def test_called_a_titled_official(extractor: Extractor) -> None:
    text = "The Peruvian foreign minister on Monday called Chilean President Gabriel Boric to discuss the border."
    assert ("meeting", ("CHL", "PER")) in typed(events_of(extractor, text))


def test_called_on_is_no_call(extractor: Extractor) -> None:
    text = "Peru called on Chilean President Gabriel Boric to resign."
    assert events_of(extractor, text) == []


def test_agreed_that_is_an_agreement(extractor: Extractor) -> None:
    text = "Peru and Chile on Monday agreed that travellers of the two countries may cross without a visa."
    assert typed(events_of(extractor, text)) == {("agreement", ("CHL", "PER"))}


def test_can_work_together_is_an_intent(extractor: Extractor) -> None:
    text = "The minister said that Chile and Peru can work together to end the conflicts in the region."
    assert typed(events_of(extractor, text)) == {("intent", ("CHL", "PER"))}


def test_called_a_titled_officials_remarks_is_no_call(extractor: Extractor) -> None:
    text = "Peru's speaker called Chilean President Gabriel Boric's remarks unacceptable."
    assert events_of(extractor, text) == []
