"""Round 47, a broker's act on one deal (recall): "X said that he brokered a deal between A and B" is a deal of A,
B and the broker, the state of the person the pronoun stands for (the person named before it in the sentence, else
the state of the last person named), as round 46 read a broker's act on plural deals; the deal may be named in
quotes or as the broker called it ("he brokered a “historic deal” between A and B", "he brokered what he called
“a historic deal” between A and B"): the quotes end no clause inside the cue, and the sides after "between" are
the deal's however the parse hangs them. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def _deals(*parties: tuple[str, ...]) -> set[tuple[str, frozenset[str]]]:
    return {("agreement", frozenset(p)) for p in parties}


def test_he_who_brokered_one_deal_is_the_person_named_before_him(extractor: Extractor) -> None:
    text = (
        "Russian President Vladimir Putin said on Friday that he brokered a deal between Armenia and Georgia."
    )
    assert typed_states(extractor, text) == _deals(("ARM", "GEO", "RUS"))


def test_a_deal_named_in_quotes_is_brokered_between_its_sides(extractor: Extractor) -> None:
    text = "Russian President Vladimir Putin announced on Friday that he brokered a “lasting deal” between Armenia and Georgia."
    assert typed_states(extractor, text) == _deals(("ARM", "GEO", "RUS"))


def test_a_deal_named_as_the_broker_called_it(extractor: Extractor) -> None:
    text = (
        "Russian President Vladimir Putin announced on Friday that he brokered what he called "
        "“a lasting deal” between Armenia and Georgia."
    )
    assert typed_states(extractor, text) == _deals(("ARM", "GEO", "RUS"))


def test_a_pronoun_broker_with_no_person_named_in_the_sentence_is_the_last_person_named(
    extractor: Extractor,
) -> None:
    text = (
        "Russian President Vladimir Putin praised the border talks. "
        "On Friday he brokered a “lasting deal” between Armenia and Georgia."
    )
    assert typed_states(extractor, text) == _deals(("ARM", "GEO", "RUS"))


def test_a_deal_praised_in_quotes_has_no_broker(extractor: Extractor) -> None:
    text = (
        "Russian President Vladimir Putin praised what he called “a lasting deal” between Armenia and Georgia "
        "on Friday."
    )
    assert all("RUS" not in states for _, states in typed_states(extractor, text))


def test_one_deal_brokered_between_a_list_stays_one_deal_of_all(extractor: Extractor) -> None:
    text = "Russian President Vladimir Putin said on Friday that he brokered a deal between Armenia, Georgia and Turkey."
    assert typed_states(extractor, text) == _deals(("ARM", "GEO", "RUS", "TUR"))
