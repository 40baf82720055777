"""Round 47: coalitions and gatherings whose members are listed once (made-up sentences).

- States named bare as the participants of a conference ("a conference held with the participation of A, B, C and
  D") take part themselves: they meet each other (one event of all, with the host), as at talks; at a fair or a
  festival each stays an exhibitor with the host; "with the participation of delegations from" and examples
  ("20 countries including A and B") keep their reading (`gatherings._STATES_PARTICIPATING`).
- The members of a coalition or alliance led by a state named with it ("X formed a maritime coalition, also joined
  by A, B and C", "the X-led coalition, which includes A and B", "X leads the military alliance. A, B and C also
  belong to this alliance") are one `cooperation` of the leader and the members (an `intent` when they are only to
  join); without a leader named, a list of members is a membership, no act (`coalitions._coalition_members`).
- Participants who "also" attended a gathering ("Foreign ministers of A, B and C also attended the meeting") meet
  the attendee the three sentences before tell ("X attended a forum"): one event of all, no host from the venue
  (`gatherings._earlier_attendees`).
- A fixed group named alone as the sides of a cue ("the negotiations between the Caspian littoral states") is its
  members acting together (`discourse._group_among`); "coastal Caspian countries" names the Caspian group.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_states

_CASPIAN = frozenset({"AZE", "IRN", "KAZ", "RUS", "TKM"})
# a sentence that names two states elsewhere, so that a short text passes the extractor's cheap gate
_OPENING = "Chile and Peru have good ties, the minister said on Sunday. "


def test_states_named_bare_at_a_conference_meet_each_other(extractor: Extractor) -> None:
    text = "NAIROBI - The regional conference was held with the participation of Chile, Peru and Brazil."
    assert typed_states(extractor, text) == {("conference", frozenset({"BRA", "CHL", "KEN", "PER"}))}


@pytest.mark.parametrize(
    "sentence",
    [
        # at a fair each state is an exhibitor with the host
        "The book fair was held with the participation of Chile, Peru and Brazil.",
        # delegations "from" listed states at a conference: not said that they meet (a star with the host)
        "The conference was held with the participation of delegations from Chile, Peru and Brazil.",
        # examples of a class
        "The conference was held with the participation of 20 countries including Chile, Peru and Brazil.",
    ],
)
def test_participants_not_named_bare_stay_each_with_the_host(extractor: Extractor, sentence: str) -> None:
    found = typed_states(extractor, f"NAIROBI - {sentence}")
    assert found == {("conference", frozenset({"KEN", c})) for c in ("BRA", "CHL", "PER")}


@pytest.mark.parametrize(
    "text",
    [
        "LIMA - Chile recently formed a naval coalition, also joined by Peru, Brazil and Ecuador, to patrol the coast.",
        "LIMA - The Chilean-led coalition, which includes Peru, Brazil and Ecuador, patrols the coast.",
        "LIMA - Chile leads the naval alliance in the Pacific. Peru, Brazil and Ecuador also belong to this naval "
        "alliance.",
    ],
)
def test_a_led_coalition_is_one_cooperation_of_the_leader_and_its_members(
    extractor: Extractor, text: str
) -> None:
    assert ("cooperation", frozenset({"BRA", "CHL", "ECU", "PER"})) in typed_states(extractor, text)


def test_members_only_to_join_a_led_coalition_are_an_intent(extractor: Extractor) -> None:
    text = "LIMA - The Chilean-led coalition will also be joined by Peru, Brazil and Ecuador next year."
    assert ("intent", frozenset({"BRA", "CHL", "ECU", "PER"})) in typed_states(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        # members without a leader: a membership
        "Peru, Brazil and Ecuador are members of the Pacific alliance.",
        "The Pacific alliance includes Peru, Brazil and Ecuador.",
    ],
)
def test_members_of_an_alliance_without_a_leader_are_no_event(extractor: Extractor, sentence: str) -> None:
    found = typed_states(extractor, _OPENING + sentence)
    assert not any({"BRA", "ECU"} <= states for _, states in found)


def test_a_fixed_group_named_alone_between_is_its_members(extractor: Extractor) -> None:
    text = _OPENING + "The negotiations between the Caspian littoral states made progress on Monday."
    assert ("meeting", _CASPIAN) in typed_states(extractor, text)


def test_coastal_caspian_countries_name_the_caspian_group(extractor: Extractor) -> None:
    text = _OPENING + "The foreign ministers of the coastal Caspian countries met in Baku on Monday."
    assert any(states == _CASPIAN for _, states in typed_states(extractor, text))


def test_a_fixed_group_alone_without_the_frame_is_no_event(extractor: Extractor) -> None:
    text = _OPENING + "The E3 issued a joint statement on Monday."
    assert not any({"DEU", "FRA", "GBR"} <= states for _, states in typed_states(extractor, text))


_FORUM = (
    "NAIROBI - Chile's foreign minister attended a regional forum in Lima on Thursday. The forum was held on the "
    "sidelines of a summit. The minister was welcomed by the host. "
)


def test_those_who_also_attended_meet_the_attendee_told_before(extractor: Extractor) -> None:
    text = (
        _FORUM
        + "Foreign ministers of Brazil, Ecuador and Bolivia also attended the meeting and discussed trade."
    )
    assert ("meeting", frozenset({"BOL", "BRA", "CHL", "ECU"})) in typed_states(extractor, text)


def test_attendees_without_also_are_not_joined_to_an_earlier_attendee(extractor: Extractor) -> None:
    text = (
        _FORUM + "Foreign ministers of Brazil, Ecuador and Bolivia attended the meeting and discussed trade."
    )
    assert not any({"BRA", "CHL"} <= states for _, states in typed_states(extractor, text))
