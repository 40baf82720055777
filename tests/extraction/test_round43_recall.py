"""Round 43, missed pairs outside the nuclear deal (recall): a state's own exhibition held in another state
("an exclusive exhibition of Turkish goods opened in Tbilisi", "Peru's first solo exhibition in Quito will be
held from May 3 to 6") is the exhibiting state with the host, a `conference` (an `intent` when only planned), as
the sets code an exhibitor at a host's fair; an exhibition of a state's goods at home pairs it with no one. The
geography of neighbours ("900 kilometres of shared borders") names no security field. Short texts invented for
these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, typed_states


def test_exhibition_of_a_states_goods_held_abroad_is_a_conference_with_the_host(extractor: Extractor) -> None:
    text = "An exclusive exhibition of Turkish goods was inaugurated in Tbilisi on Tuesday with 80 firms."
    assert typed_states(extractor, text) == {("conference", frozenset({"TUR", "GEO"}))}


def test_a_states_named_exhibition_in_a_foreign_capital(extractor: Extractor) -> None:
    text = "The fourth Peruvian agricultural machinery exhibition opened in Santiago on Monday."
    assert typed_states(extractor, text) == {("conference", frozenset({"PER", "CHL"}))}


def test_a_states_exhibition_abroad_scheduled_is_the_fair_itself(extractor: Extractor) -> None:
    text = "Peru's first solo exhibition in Quito will be held from May 3 to 6, the trade office said."
    assert typed_states(extractor, text) == {("conference", frozenset({"PER", "ECU"}))}


def test_a_states_exhibition_abroad_only_planned_is_an_intent(extractor: Extractor) -> None:
    text = "The chamber plans to hold an exhibition of Peruvian goods in Quito in the near future."
    assert typed_states(extractor, text) == {("intent", frozenset({"PER", "ECU"}))}


def test_only_the_exhibition_held_abroad_pairs_its_state_with_a_host(extractor: Extractor) -> None:
    text = (
        "An exhibition of Turkish goods opened in Ankara on Tuesday. A second exhibition of Turkish goods "
        "opened in Tbilisi on Thursday."
    )
    assert typed_states(extractor, text) == {("conference", frozenset({"TUR", "GEO"}))}


def test_shared_borders_of_neighbours_name_no_security_field(extractor: Extractor) -> None:
    text = (
        "Having 900 kilometres of shared borders, Peru and Chile signed a memorandum of understanding on "
        "trade on Monday."
    )
    events = events_of(extractor, text)
    assert events and all("defense_security" not in e.sectors for e in events)
