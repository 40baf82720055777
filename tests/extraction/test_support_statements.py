"""Issue 13, sentence dyads: stated support of another state (its integrity, initiative, bid, government),
no cue from praise (a person's role, out of sample), and standing beside a state, on short texts written
for these tests."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import events_of, parties, typed


def test_support_of_a_states_territorial_integrity_is_an_intent(extractor: Extractor) -> None:
    text = (
        "LIMA – Peru supports Ecuador’s territorial integrity, the foreign ministry spokesman said on Monday."
    )
    assert typed(events_of(extractor, text)) == {("intent", ("ECU", "PER"))}


def test_backing_a_states_bid_is_an_intent(extractor: Extractor) -> None:
    text = "Chile has changed its position and now backs Bolivia's entry into the regional bloc."
    assert parties(events_of(extractor, text)) == {("BOL", "CHL")}


def test_praise_of_a_persons_role_is_no_event(extractor: Extractor) -> None:
    text = "The Kenyan minister praised Okello's role in serving Tanzania, his office said."
    assert events_of(extractor, text) == []


def test_praise_without_the_praised_states_possessive_is_no_event(extractor: Extractor) -> None:
    text = "The Kenyan minister appreciated efforts by everyone, while Tanzania stayed silent."
    assert events_of(extractor, text) == []


def test_standing_beside_a_state(extractor: Extractor) -> None:
    text = "Peru has stood and will stand beside Ecuador in the future, the president said on Sunday."
    assert parties(events_of(extractor, text)) == {("ECU", "PER")}


def test_backing_a_government_as_a_fact_is_cooperation(extractor: Extractor) -> None:
    text = "Peru and Chile have been backing the Bolivian government during the crisis."
    assert typed(events_of(extractor, text)) == {("cooperation", ("BOL", "CHL", "PER"))}


def test_a_promise_to_back_a_government_is_an_intent(extractor: Extractor) -> None:
    text = "Peru will always support the Bolivian government, the minister said."
    assert typed(events_of(extractor, text)) == {("intent", ("BOL", "PER"))}


def test_a_hyphenated_backer_and_turned_backs_are_no_support(extractor: Extractor) -> None:
    assert events_of(extractor, "The Chile-backed government of Peru fell on Monday, Bolivia said.") == []
    text = (
        "States that normalized ties with Chile have turned their backs on the Peruvian cause, Bolivia said."
    )
    assert ("BOL", "PER") not in parties(events_of(extractor, text))


# -- a sentence naming the last occasion's parties again is its evidence ------------------------------------


def _evidence_of(extractor: Extractor, text: str, pair: tuple[str, ...]) -> list[str]:
    return [
        e.text
        for ev in extractor.extract(text, article_id="t").events
        if tuple(ev.countries) == pair
        for e in ev.evidence
    ]


def test_the_parties_named_again_add_their_sentence_to_the_evidence(extractor: Extractor) -> None:
    text = (
        "LIMA – The Peruvian foreign minister met his Chilean counterpart in Lima on Monday. "
        "Peru and Chile share a long history of friendship in the Pacific, the minister said."
    )
    evidence = _evidence_of(extractor, text, ("CHL", "PER"))
    assert any("long history" in e for e in evidence)


def test_a_third_state_or_a_conflict_keeps_the_sentence_out(extractor: Extractor) -> None:
    text = (
        "LIMA – The Peruvian foreign minister met his Chilean counterpart in Lima on Monday. "
        "Peru and Bolivia share a long history in the Andes, the minister said. "
        "Peru and Chile fought a bloody war over the desert in the nineteenth century."
    )
    evidence = _evidence_of(extractor, text, ("CHL", "PER"))
    assert not any("Bolivia" in e or "war" in e for e in evidence)


def test_a_sports_sentence_naming_the_parties_again_stays_out(extractor: Extractor) -> None:
    text = (
        "LIMA – The Peruvian foreign minister met his Chilean counterpart in Lima on Monday. "
        "Peru beat Chile 2-0 in the football match in Lima on Tuesday night."
    )
    evidence = _evidence_of(extractor, text, ("CHL", "PER"))
    assert not any("football" in e for e in evidence)


def test_support_of_any_effort_names_no_supported_state(extractor: Extractor) -> None:
    text = "The spokesman reiterated Peru's support for any peace efforts between Chile and Bolivia."
    assert events_of(extractor, text) == []


def test_support_of_a_common_nouns_sovereignty_names_no_state(extractor: Extractor) -> None:
    text = "The Peruvian envoy said his government respects the country's sovereignty, referring to Chile."
    assert events_of(extractor, text) == []
