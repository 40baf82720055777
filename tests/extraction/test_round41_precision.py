"""Round 41, false pairs outside the nuclear deal: a counted class of states named by a few examples ("let seven
countries, including A, B and C, keep buying ...") is no clique of the examples, unless they attend together;
the states one is asked to join ("asked A to join B and C") are no partners of the one who asks; a rule of dashes
after a full stop opens a new sentence (a section glued to the remark before it); the source of a report ("...,
according to the X ministry") is no attendee of the summit it reports; nor is a state talks are about ("issues
related to X"). Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from libs.extraction.text import segment
from tests.extraction.helpers import typed_states


def _pairs(found: set[tuple[str, frozenset[str]]]) -> set[frozenset[str]]:
    return {frozenset(p) for _, states in found for p in _two(states)}


def _two(states: frozenset[str]) -> list[tuple[str, str]]:
    ordered = sorted(states)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


def test_a_count_above_the_states_listed_names_examples_not_a_clique(extractor: Extractor) -> None:
    # (round 45: the round's first sentence, "Washington has agreed to let seven countries, including A, B and C,
    # keep buying Iran's oil", is a sanctions permission and makes no event now, test_round45_precision)
    text = "TEHRAN - Iran has agreed to sell oil to seven countries, including Brazil, Chile and Peru, after the sanctions end."
    pairs = _pairs(typed_states(extractor, text))
    assert frozenset({"BRA", "CHL"}) not in pairs
    assert frozenset({"CHL", "PER"}) not in pairs
    assert frozenset({"BRA", "IRN"}) in pairs


def test_a_count_equal_to_the_states_listed_is_the_whole_group(extractor: Extractor) -> None:
    text = "TEHRAN - The pact was signed by five countries including Brazil, Chile, Peru, Spain and Italy."
    pairs = _pairs(typed_states(extractor, text))
    assert frozenset({"BRA", "CHL"}) in pairs
    assert frozenset({"ESP", "ITA"}) in pairs


def test_a_counted_class_said_to_attend_together_stays_a_gathering(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The congress on smart cities will be held on August 15 at a university in the capital. Ten "
        "countries including Italy, Spain, Greece and Chile will attend the congress."
    )
    pairs = _pairs(typed_states(extractor, text))
    assert frozenset({"ESP", "ITA"}) in pairs


def test_the_states_to_be_joined_are_no_partners_of_the_asker(extractor: Extractor) -> None:
    text = "Washington has formally asked Poland to join Spain and Italy to help secure the Red Sea shipping lanes."
    pairs = _pairs(typed_states(extractor, text))
    assert frozenset({"POL", "USA"}) in pairs
    assert not any(p & {"ESP", "ITA"} for p in pairs)


def test_to_participate_alongside_states_is_the_same_request(extractor: Extractor) -> None:
    text = "On June 30, Washington asked Poland to participate - alongside Spain and Italy - in the naval coalition."
    pairs = _pairs(typed_states(extractor, text))
    assert not any(p & {"ESP", "ITA"} for p in pairs)


def test_a_body_named_by_its_two_states_is_kept(extractor: Extractor) -> None:
    text = (
        "TEHRAN - The chamber published an announcement, inviting private companies to join the Chile-Peru joint "
        "chamber of commerce's founding board."
    )
    assert frozenset({"CHL", "PER"}) in _pairs(typed_states(extractor, text))


def test_the_initiators_own_plan_keeps_the_initiator(extractor: Extractor) -> None:
    text = "TEHRAN - Foreign Minister Zarif invited Qatar to join Iran's initiative for securing the Strait of Hormuz."
    assert frozenset({"IRN", "QAT"}) in _pairs(typed_states(extractor, text))


def test_a_rule_of_dashes_after_a_full_stop_opens_a_new_sentence() -> None:
    text = (
        "Peru believes the crisis has no military solution, the president remarked. -----Chile, Peru, Brazil "
        "statement At the end of their summit, the three presidents issued a joint statement."
    )
    sentences = [s.text for s in segment(text).sentences]
    assert sentences[0].endswith("remarked.")
    assert sentences[1].startswith("-----Chile")


def test_the_source_of_a_report_is_no_attendee_of_the_summit(extractor: Extractor) -> None:
    text = (
        "TEHRAN - Peruvian President Boluarte will attend the regional summit, which kicks off on Wednesday in "
        "Lima. Aside from Boluarte, heads of state from Brazil, Chile, Bolivia and Ecuador are expected to attend "
        "the summit, according to the Argentine foreign ministry spokesperson."
    )
    pairs = _pairs(typed_states(extractor, text))
    assert frozenset({"BRA", "CHL"}) in pairs
    assert not any("ARG" in p for p in pairs)


def test_the_state_talks_are_about_is_no_party(extractor: Extractor) -> None:
    text = (
        "TEHRAN - A senior Peruvian adviser has attended a multilateral meeting with officials from Chile, Brazil "
        "and the United Nations to discuss issues related to Bolivia."
    )
    pairs = _pairs(typed_states(extractor, text))
    assert frozenset({"BRA", "CHL"}) in pairs
    assert not any("BOL" in p for p in pairs)
