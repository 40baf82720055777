"""Round 37, two-party recall where the cue is found but a side is lost: the speaker's own side of a reported
clause that names no other actor ("X's minister said that talks with Y were difficult"), the subject after an
occasion opener in a sentence of conflict words ("In a phone call with X, Y urged ... to resist ..."), a
state ranked among an IGO's members ("Portugal, one of the EU's largest arms exporters to Morocco": Portugal, not
the EU), and the parties right before a relative clause in the active voice that holds the cue ("X and Y, which
signed a deal in June, ..."). Short texts invented for these tests (not the sets' texts)."""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A senior Chilean official said on Tuesday that talks with Peru on the border dispute were very "
            "difficult.",
            ("meeting", frozenset({"CHL", "PER"})),
        ),
        (
            "A senior Chilean official said on Friday that negotiations with Peru over the fishing war had stalled.",
            ("meeting", frozenset({"CHL", "PER"})),
        ),
        (
            "The Norwegian minister announced that his government wants to keep the accord on Sudan's debt, for "
            "which he will hold talks with Iceland next week.",
            ("intent", frozenset({"ISL", "NOR"})),
        ),
        # guard: a clause opening on "that he" was read so before
        (
            "The Norwegian minister announced on Monday that he will hold talks with Iceland next week.",
            ("intent", frozenset({"ISL", "NOR"})),
        ),
    ],
)
def test_the_speaker_is_the_side_of_a_reported_clause_with_no_other_actor(
    extractor: Extractor, text: str, expected: tuple[str, frozenset[str]]
) -> None:
    assert expected in typed_states(extractor, text)


def test_a_reported_clause_with_its_own_actor_keeps_it(extractor: Extractor) -> None:
    text = (
        "The Chilean trade minister told reporters that Argentina's negotiations with Peru had made progress."
    )
    got = typed_states(extractor, text)
    assert ("meeting", frozenset({"ARG", "PER"})) in got
    assert all("CHL" not in states for _kind, states in got)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "In a phone conversation with the Chilean president on Monday, the Peruvian president urged the region "
            "to resist foreign sanctions.",
            frozenset({"CHL", "PER"}),
        ),
        (
            "During his talks with the Uruguayan minister in Montevideo on Monday, the Paraguayan minister "
            "condemned the deadly attack on the embassy.",
            frozenset({"PRY", "URY"}),
        ),
        (
            "In a meeting with the Uruguayan ambassador, Paraguay condemned the terrorist attack on its embassy.",
            frozenset({"PRY", "URY"}),
        ),
    ],
)
def test_the_subject_after_an_occasion_opener_meets_its_partner_despite_conflict_words(
    extractor: Extractor, text: str, pair: frozenset[str]
) -> None:
    assert ("meeting", pair) in typed_states(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "That is said to have angered Portugal, which is one of the EU's largest arms exporters to Morocco.",
        "Portugal, one of the EU’s biggest arms suppliers to Morocco, sent more patrol boats on Monday.",
    ],
)
def test_a_state_ranked_among_an_igos_members_is_the_actor(extractor: Extractor, text: str) -> None:
    events = extractor.extract(text, article_id="t").events
    assert any(set(e.countries) == {"MAR", "PRT"} for e in events)
    assert not any("EU" in e.igos for e in events)


def test_an_igo_acting_itself_is_still_a_party(extractor: Extractor) -> None:
    text = "The EU signed a trade agreement with Chile on Monday."
    events = extractor.extract(text, article_id="t").events
    assert any("EU" in e.igos and "CHL" in e.countries for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Chile and Peru, which signed a fisheries agreement in June, are both big fish exporters.",
        "Chile and Peru, who inked a ten-year trade accord in June, are both hit by the drought.",
    ],
)
def test_a_relative_clause_tells_of_the_parties_right_before_it(extractor: Extractor, text: str) -> None:
    assert ("agreement", frozenset({"CHL", "PER"})) in typed_states(extractor, text)


def test_a_relative_clause_naming_its_own_partner_is_read_as_before(extractor: Extractor) -> None:
    text = "Cuba, which signed a trade deal with Vietnam in June, is a big sugar producer."
    assert ("agreement", frozenset({"CUB", "VNM"})) in typed_states(extractor, text)


def test_a_relative_clause_in_the_passive_gives_its_antecedents_no_event(extractor: Extractor) -> None:
    text = "Chile and Peru, which were invited by the organisers, sent large delegations."
    assert ("intent", frozenset({"CHL", "PER"})) not in typed_states(extractor, text)
