"""Groups of states acting as one party, issue 13 round 29: a gathering to come told by its verb ("will be
gathering", "to reconvene", "will convene") with the parties as subject is an intent of them; gathering
support or data is none; on short texts written for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import event_pairs, events_of


@pytest.mark.parametrize(
    "text, pairs",
    [
        (
            "LIMA – Chile and the P4+1 group of countries will be gathering in Geneva again next month to go over"
            " the open files.",
            {("CHL", "FRA"), ("CHL", "RUS"), ("CHN", "DEU"), ("DEU", "GBR")},
        ),
        (
            "LIMA – The trade ministers of Peru and Bolivia are due to reconvene in La Paz after the holidays.",
            {("BOL", "PER")},
        ),
        ("LIMA – Delegates of Peru and Ecuador will convene in Quito on Friday.", {("ECU", "PER")}),
    ],
)
def test_a_gathering_to_come_told_by_its_verb_is_an_intent(
    extractor: Extractor, text: str, pairs: set
) -> None:
    events = events_of(extractor, text)
    assert pairs <= event_pairs(events)
    assert all(e.type.value == "intent" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "LIMA – Farmers will gather in front of the Chilean embassy in Lima to protest the new tariffs.",
        "LIMA – Peruvian officials will gather data on Bolivian border crossings this winter.",
        "LIMA – Both parties will gather momentum before the Peruvian vote on Bolivia's proposal.",
    ],
)
def test_gathering_people_data_or_momentum_is_no_event(extractor: Extractor, text: str) -> None:
    assert not event_pairs(events_of(extractor, text))


# ", as well as" goes on with a list of parties: it is no clause boundary like a subordinate ", as"
def test_a_list_continued_by_as_well_as_keeps_its_parties(extractor: Extractor) -> None:
    text = (
        "LIMA – The defence ministers of Chile, Peru and Bolivia, as well as the OAS secretary general, held a video"
        " conference on Tuesday about river transport, reiterating the need for cooperation between Peru and the"
        " World Bank."
    )
    assert {("BOL", "CHL"), ("BOL", "PER"), ("CHL", "PER")} <= event_pairs(events_of(extractor, text))


def test_a_subordinate_as_still_ends_the_clause(extractor: Extractor) -> None:
    text = "LIMA – Chile signed a fishing agreement with Peru on Monday, as Bolivia held talks with the World Bank."
    pairs = event_pairs(events_of(extractor, text))
    assert ("CHL", "PER") in pairs
    assert not {p for p in pairs if "BOL" in p and "CHL" in p}


_SESSION = (
    "MOSCOW – A Russian deputy minister argued on Sunday that the payment channel could keep trade alive if outside"
    " banks join it. He spoke on the eve of the next JCPOA Joint Commission gathering, in Geneva this time. The channel"
    " was set up by three European governments last year. Officials in Tehran call it too small. "
)


# a list of the deal's parties named as such ("the states that are party to the accord - A, B and C") tells who
# sits at a round of the process the article names, like a list beside the deal's name
def test_states_named_as_party_to_the_deal_join_its_round(extractor: Extractor) -> None:
    text = _SESSION + (
        "Beside Russia, the states that are party to the accord - Britain, Germany and France - have promised more"
        " money for it."
    )
    assert {("DEU", "IRN"), ("FRA", "IRN"), ("GBR", "IRN")} <= event_pairs(events_of(extractor, text))


def test_states_listed_without_the_deal_do_not_join_its_round(extractor: Extractor) -> None:
    # the session named without its members is the group of the time (round 38's D2), not the list's states
    text = _SESSION + "Beside Russia, Britain, Germany and Poland have promised more money for it."
    assert not {p for p in event_pairs(events_of(extractor, text)) if "POL" in p}
