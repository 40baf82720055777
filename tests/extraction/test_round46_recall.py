"""Round 46, brokered deals told by the broker's act (recall): "he brokered accords between A and B, C and D" is
a deal of A with each of the others, each with the broker, the verb's subject (a state, or "he" for the last
person named); "facilitated accords between" is a broker's act too; a coordinated clause with a subject of its
own ("..., and he brokered") is out of reach of the clause before it (a withdrawal there is no conflict of the
deal). Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def _deals(*pairs: tuple[str, str]) -> set[tuple[str, frozenset[str]]]:
    return {("agreement", frozenset(p)) for p in pairs}


def test_plural_deals_between_one_state_and_a_list_are_one_deal_with_each(extractor: Extractor) -> None:
    text = "Moscow brokered accords between Armenia and Georgia, Turkey and Iraq last year."
    assert typed_states(extractor, text) == _deals(
        ("ARM", "GEO", "RUS"), ("ARM", "RUS", "TUR"), ("ARM", "IRQ", "RUS")
    )


def test_the_broker_told_by_he_is_the_state_of_the_last_person_named(extractor: Extractor) -> None:
    text = (
        "Russian President Vladimir Putin praised the border talks. "
        "He also facilitated accords between Armenia and Georgia, Turkey and Iraq."
    )
    assert typed_states(extractor, text) == _deals(
        ("ARM", "GEO", "RUS"), ("ARM", "RUS", "TUR"), ("ARM", "IRQ", "RUS")
    )


def test_the_broker_of_plural_deals_between_two_states_is_a_party(extractor: Extractor) -> None:
    text = "Moscow facilitated accords between Armenia and Georgia on trade."
    assert typed_states(extractor, text) == _deals(("ARM", "GEO", "RUS"))


def test_a_withdrawal_in_a_coordinated_clause_before_is_no_conflict_of_the_deal(extractor: Extractor) -> None:
    text = (
        "Russian President Vladimir Putin praised the border talks. "
        "In 2019 he withdrew from the treaty and he brokered a deal between Armenia and Georgia."
    )
    # the broker "he" (Putin) is a party of the one deal too (round 47: a broker's act on a singular deal)
    assert typed_states(extractor, text) == _deals(("ARM", "GEO", "RUS"))


def test_one_accord_facilitated_between_a_list_is_one_deal_of_all_and_the_broker(
    extractor: Extractor,
) -> None:
    text = "Moscow facilitated an accord between Armenia, Georgia and Turkey last year."
    assert typed_states(extractor, text) == _deals(("ARM", "GEO", "RUS", "TUR"))
