"""Round 45, missed pairs outside the nuclear deal (recall): a meeting whose one party is an envoy named with his
post ("X met the Chilean ambassador to Lima") pairs the envoy's state with the state he serves in; "killing time" (stalling) is no
conflict word. Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


def test_a_meeting_with_an_envoy_named_with_his_post_pairs_him_with_the_post(extractor: Extractor) -> None:
    text = "Mayor Tomas Petrescu met the Chilean ambassador to Lima on Tuesday to discuss municipal ties."
    assert typed_states(extractor, text) == {("meeting", frozenset({"CHL", "PER"}))}


def test_an_envoy_of_a_possessive_state_posted_to_a_country(extractor: Extractor) -> None:
    text = "Senator Ramon Ortiga held talks with Chile's new envoy to Peru in his office on Tuesday."
    assert typed_states(extractor, text) == {("meeting", frozenset({"CHL", "PER"}))}


def test_killing_time_is_stalling_not_a_conflict(extractor: Extractor) -> None:
    text = (
        "LIMA - Peruvian Senate Foreign Committee Chairman Ramon Ortiga said on Tuesday that Peru will continue "
        "expanding ties with Asian countries. “Europeans are killing time while Peru is waiting for mechanisms to "
        "expand economic relations with them,” he said during a meeting with Jorge Montero, the Chilean "
        "ambassador to Lima."
    )
    assert typed_states(extractor, text) == {("meeting", frozenset({"CHL", "PER"}))}
