"""Round 28, precision (fp2): the members of a negotiation process described after its name (made-up
sentences)."""

from __future__ import annotations

from libs.extraction import Extractor
from tests.extraction.helpers import typed_apart

_PROCESS_MEMBERS = (
    "The EU envoy briefed Iranian officials in Tehran on his recent contacts with the other partners in the "
    "stalled nuclear talks, which include {members}."
)


def test_members_described_after_the_talks_sit_at_no_round(extractor: Extractor) -> None:
    text = _PROCESS_MEMBERS.format(members="France, Germany, Britain, Russia and China")
    assert typed_apart(extractor, text) == {("meeting", ("IRN",), ("EU",))}


def test_a_group_described_as_a_member_sits_at_no_round(extractor: Extractor) -> None:
    text = _PROCESS_MEMBERS.format(
        members="the European trio (Britain, France and Germany), Russia and China"
    )
    assert typed_apart(extractor, text) == {("meeting", ("IRN",), ("EU",))}


def test_described_members_join_no_round_named_nearby(extractor: Extractor) -> None:
    text = _PROCESS_MEMBERS.format(members="France, Germany, Britain, Russia and China") + (
        " He said the gaps in the Vienna talks are narrowing."
    )
    assert typed_apart(extractor, text) == {("meeting", ("IRN",), ("EU",))}


def test_the_parties_described_after_the_deal_still_start_the_talks(extractor: Extractor) -> None:
    text = (
        "In May, Iran and the deal's remaining parties, which include Russia, China, Britain, France and "
        "Germany, started nuclear talks in Vienna."
    )
    assert typed_apart(extractor, text) == {("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ())}


def test_a_round_between_listed_states_keeps_them(extractor: Extractor) -> None:
    text = "The nuclear talks between Iran and France, Germany, Britain, Russia and China resumed in Vienna on Monday."
    assert typed_apart(extractor, text) == {("meeting", ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS"), ())}
