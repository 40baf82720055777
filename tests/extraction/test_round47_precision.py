"""Round 47, false pairs and dyads (precision):

- a sentence telling the 2015 deal's conclusion as history (D3, `negotiations.yaml` `history`, now also the
  landmark deal named with who concluded it without a year) is evidence of no occasion told elsewhere in the
  article (`discourse._history_apart`): it neither restates, nor is recalled for, a later round of talks;
- "Iran and the G5+1 reached a deal in 2015": the powers named as the ones concluding a deal with Iran name the
  landmark deal (`triggers.yaml` `background_agreements`), no new agreement;
- the words between a cue and "with" name what was done (`clauses._object_named`): plural deals or contracts
  ("signed deals with A, B and C") and ties or friendship ("ready to establish friendship with A, B and C") are
  one act per partner, a star of the subject, not one act of all.

Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.negotiations import load_processes
from tests.extraction.helpers import events_of, pair_sets

_ROUND = (
    " Negotiations are under way in Vienna to restore the agreement after Washington quit it in 2018."
    " Both Tehran and Washington have again voiced their seriousness about a return to the deal, the UN envoy"
    " told the Security Council."
)


@pytest.mark.parametrize(
    "history",
    [
        "Iran signed the JCPOA in 2015 alongside China, France, Russia, Britain and the United States, together "
        "with Germany and the European Union.",
        "The JCPOA was signed in Vienna in July 2015 by Iran alongside China, France, Russia, Britain, the United "
        "States, Germany and the European Union.",
    ],
)
def test_the_deal_told_as_history_is_no_evidence_of_a_later_round(extractor: Extractor, history: str) -> None:
    events = events_of(extractor, history + _ROUND)
    assert events, "the round of talks itself is still read"
    for event in events:
        assert not any(ev.text.startswith(history[:30]) for ev in event.evidence), event


def test_a_statement_of_ties_is_still_recalled_as_evidence(extractor: Extractor) -> None:
    text = (
        "Iranian and Russian ministers met in Moscow on Monday to discuss energy. The weather was cold in the "
        "capital, and the streets were quiet. Football fans gathered near the stadium for the final. Iran and "
        "Russia have been close partners in energy since 2015."
    )
    assert any(
        any(ev.text.startswith("Iran and Russia have been") for ev in e.evidence)
        for e in events_of(extractor, text)
    )


def test_the_powers_concluding_a_deal_with_iran_name_the_landmark(extractor: Extractor) -> None:
    for text in (
        "Iran and the G5+1 reached a deal in Vienna in 2015 which curbed Iran's nuclear work in exchange for "
        "the removal of sanctions.",
        "Iran and six world powers struck an accord in July 2015.",
    ):
        assert not pair_sets(extractor, text), text


def test_a_deal_of_iran_with_one_state_stays_an_agreement(extractor: Extractor) -> None:
    text = "Iran and Iraq reached a deal in Baghdad in 2015 on gas exports."
    assert pair_sets(extractor, text) == {frozenset(("IRN", "IRQ"))}


def test_plural_deals_with_a_list_are_a_star(extractor: Extractor) -> None:
    for text in (
        "Chile has signed deals with Peru, Bolivia and Ecuador to export copper.",
        "Chile has signed two trade contracts with Peru, Bolivia and Ecuador.",
        "Chile is ready to establish friendship with Peru, Bolivia and Ecuador.",
    ):
        assert pair_sets(extractor, text) == {
            frozenset(("CHL", "PER")),
            frozenset(("CHL", "BOL")),
            frozenset(("CHL", "ECU")),
        }, text


def test_one_agreement_with_a_list_stays_one_act_of_all(extractor: Extractor) -> None:
    text = "Chile signed an agreement with Peru, Bolivia and Ecuador on the river basin."
    assert frozenset(("PER", "BOL")) in pair_sets(extractor, text)


def test_the_landmark_named_with_who_concluded_it_is_history() -> None:
    history = load_processes().history
    assert history is not None
    for sentence in (
        "the Joint Comprehensive Plan of Action reached between the Islamic Republic and Group 5+1 (A, B, C)",
        "the nuclear deal, signed with six world powers, gave relief from sanctions",
    ):
        assert history.search(sentence), sentence
    # a later deal of its own is no landmark's history
    assert not history.search("the gas deal reached between Iran and Iraq in Baghdad")


def test_a_deal_sealed_in_2013_without_the_landmark_is_still_evidence(extractor: Extractor) -> None:
    text = (
        "Chile received $1.6 billion in arrears for gas exports to Peru on Wednesday, the minister said. Talks on "
        "importing Chilean gas started in late 2010, while a contract for gas sales to Peru was sealed in June 2013."
    )
    assert any(
        set(e.countries) == {"CHL", "PER"}
        and any(ev.text.startswith("Talks on importing") for ev in e.evidence)
        for e in events_of(extractor, text)
    )


def test_places_after_a_topic_that_is_no_place_are_topics(extractor: Extractor) -> None:
    text = (
        "The ministry said that beside trade, other issues including the coronavirus pandemic, Bolivia, Ecuador "
        "and climate change were also discussed by the Chilean and Peruvian ministers in Lima."
    )
    pairs = pair_sets(extractor, text)
    assert not any({"BOL", "ECU"} & pair for pair in pairs), pairs


def test_a_party_of_the_next_clause_after_a_list_of_issues_stays_a_party(extractor: Extractor) -> None:
    text = (
        "Kenya and Uganda signed agreements on issues including energy, while Ethiopia signed a deal with "
        "Somalia."
    )
    assert frozenset(("ETH", "SOM")) in pair_sets(extractor, text)
