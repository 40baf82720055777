"""Round 40, missed pairs outside the nuclear deal (recall): a tender's list of foreign companies is read even in
an article with no other cue (the cheap gate lets a tender, a prequalification or fields studied through); the
backing of peoples told in the past ("they stood by the side of the people of A and B") is a cooperation of the
backer with each, a promised backing stays an intent; companies named by their trade ("automakers from A, B and
C") at a host's show deal with the host; a train service resumed is a cooperation. Short texts invented for these
tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def test_tender_list_alone_passes_the_gate(extractor: Extractor) -> None:
    text = (
        "KUALA LUMPUR - The Malaysian energy ministry opened the bidding for the Sepat gas field on Monday. "
        "Norway's Equinor, Brazil's Petrobras and Japan's Inpex were prequalified for the tender."
    )
    found = typed_states(extractor, text)
    assert ("intent", frozenset({"MYS", "NOR"})) in found
    assert ("intent", frozenset({"MYS", "BRA"})) in found
    assert ("intent", frozenset({"MYS", "JPN"})) in found


def test_backing_of_peoples_told_in_the_past_is_cooperation_with_each(extractor: Extractor) -> None:
    text = "Peru stood by the side of the people of Haiti and Bolivia during the floods, the minister said."
    found = typed_states(extractor, text)
    assert ("cooperation", frozenset({"PER", "HTI"})) in found
    assert ("cooperation", frozenset({"PER", "BOL"})) in found
    assert not any(states == frozenset({"HTI", "BOL"}) for _, states in found)


def test_backing_of_peoples_by_they_in_a_quote_is_the_speakers_state(extractor: Extractor) -> None:
    text = (
        "Chilean President Gabriel Boric spoke in Santiago on Monday. "
        "“When they stood by the side of the people of Haiti and Bolivia, they brought relief,” he said."
    )
    found = typed_states(extractor, text)
    assert ("cooperation", frozenset({"CHL", "HTI"})) in found
    assert ("cooperation", frozenset({"CHL", "BOL"})) in found


def test_backing_promised_stays_an_intent(extractor: Extractor) -> None:
    text = "Peru will always stand by the side of the people of Haiti, the minister said."
    assert ("intent", frozenset({"PER", "HTI"})) in typed_states(extractor, text)


def test_companies_named_by_their_trade_at_a_show_deal_with_the_host(extractor: Extractor) -> None:
    text = (
        "NAIROBI - The fifth Nairobi motor show opened on Monday. Some 80 automakers from Ghana, Peru and "
        "Norway are taking part in the four-day event."
    )
    found = typed_states(extractor, text)
    for other in ("GHA", "PER", "NOR"):
        assert ("conference", frozenset({"KEN", other})) in found


def test_train_service_resumed_is_cooperation(extractor: Extractor) -> None:
    text = "LIMA - Peru and Chile have resumed a passenger train service between Tacna and Arica after a long break."
    assert ("cooperation", frozenset({"PER", "CHL"})) in typed_states(extractor, text)
