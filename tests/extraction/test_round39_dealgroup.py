"""Round 39: the nuclear deal's group, the remaining soft points of the settled convention (made-up sentences).

D5: talks told by the stage they are in or move to ("have entered a decisive phase", "are in their final
stage", "are moving forward") are a fact of the article's time; a round held and then paused ("the eighth round of
the Vienna talks was suspended") was held; hopes and the talks' fate stay no round. D2: a session of the
deal's Joint Commission named alone is the group of its time, with the United States before it left the
deal on 8 May 2018 (by the publication day, or without one, when the article tells nothing of the time after).
D4: the United States said anywhere in the article to take part in the talks ("was participating indirectly",
"has brought a delegation to Vienna") is a party of their rounds; named otherwise it stays a bystander.
"""

from __future__ import annotations

from datetime import date

import pytest

from libs.extraction import Extractor
from tests.extraction.helpers import typed_apart

_GROUP = ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS")
# an opening sentence that names the United States (a bystander) and no member of the table
_LEAD = "TEHRAN - Iran's foreign minister criticised the sanctions of the United States on Sunday. "
# an opening sentence that names neither the table nor the United States
_PLAIN = "TEHRAN - Iran's deputy foreign minister met the Iraqi ambassador in Tehran on Sunday. "
_SESSION = "The Joint Commission of the JCPOA met in Vienna on Tuesday, the diplomat said. "


def _group_events(extractor: Extractor, text: str) -> set[str]:
    """The types of the events whose parties are Iran and the remaining parties (a U.S. said to join aside)."""
    return {t for t, parties, _ in typed_apart(extractor, text) if set(_GROUP) <= set(parties)}


def _session_parties(extractor: Extractor, text: str, published: date | None = None) -> set[tuple[str, ...]]:
    """The countries of the group's events of `text` (Iran with the remaining parties, the U.S. or not)."""
    events = extractor.extract(text, article_id="t", published_at=published).events
    return {tuple(e.countries) for e in events if set(_GROUP) <= set(e.countries)}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Vienna talks have entered a decisive phase, the diplomat said.",
        "The Vienna talks are in their final stage, the diplomat said.",
        "As the Vienna nuclear talks are moving forward, the diplomats keep their positions to themselves.",
        "The eighth round of the Vienna talks was suspended on Friday so that the delegations could consult.",
    ],
)
def test_talks_told_by_their_stage_are_one_meeting_of_the_table(extractor: Extractor, sentence: str) -> None:
    assert "meeting" in _group_events(extractor, _LEAD + sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The diplomat said Tehran hopes the Vienna talks will reach a good final stage.",
        "The fate of the Vienna talks, now in a decisive phase, depends on the other side, the diplomat said.",
        "The Vienna talks have stalled since March, the diplomat said.",
        "The diplomat said the suspended talks in Vienna should move forward.",
    ],
)
def test_a_hope_a_fate_or_a_standstill_is_still_no_round(extractor: Extractor, sentence: str) -> None:
    assert not _group_events(extractor, _LEAD + sentence)


def test_a_session_of_an_article_with_nothing_of_the_later_time_has_the_united_states(
    extractor: Extractor,
) -> None:
    text = _PLAIN + _SESSION + "He said all participants reaffirmed their commitment to the deal."
    assert _session_parties(extractor, text) == {(*_GROUP, "USA")}


@pytest.mark.parametrize(
    "sentence",
    [
        "He said the remaining parties reaffirmed their commitment to the deal.",
        "He said the participants discussed the consequences of the U.S. withdrawal from the deal.",
        "He said the participants discussed how to revive the deal.",
    ],
)
def test_a_session_told_after_the_exit_is_iran_and_the_remaining_parties(
    extractor: Extractor, sentence: str
) -> None:
    assert _session_parties(extractor, _PLAIN + _SESSION + sentence) == {_GROUP}


def test_the_publication_day_tells_the_time_of_a_session(extractor: Extractor) -> None:
    text = _PLAIN + _SESSION + "He said all participants reaffirmed their commitment to the deal."
    assert _session_parties(extractor, text, date(2017, 4, 26)) == {(*_GROUP, "USA")}
    assert _session_parties(extractor, text, date(2020, 9, 2)) == {_GROUP}


# D4: the United States said anywhere in the article to take part in the talks sits at their rounds
_TABLE = (
    "TEHRAN - Iran and the P4+1 group of countries have held five rounds of the Vienna talks since April. "
)
_FILLER = (
    "The weather in the city was cold. Many shops were closed for the holiday. The trains ran late all week. "
)


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. was participating in the talks indirectly, the diplomat added.",
        "The United States has brought a delegation to Vienna, the diplomat added.",
        "The Americans, who are in Vienna, must make a decision, the diplomat added.",
    ],
)
def test_the_united_states_said_to_take_part_sits_at_the_round(extractor: Extractor, sentence: str) -> None:
    assert _session_parties(extractor, _TABLE + _FILLER + sentence) == {(*_GROUP, "USA")}


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. was not participating in the talks, the diplomat added.",
        "The United States must lift its sanctions, the diplomat added.",
        "Iran's negotiating team in Vienna rejected the demands of the United States, the diplomat added.",
        "The U.S. delegation to the IAEA in Vienna criticised Iran, the diplomat added.",
    ],
)
def test_the_united_states_named_otherwise_stays_off_the_table(extractor: Extractor, sentence: str) -> None:
    assert _session_parties(extractor, _TABLE + _FILLER + sentence) == {_GROUP}


def test_a_commission_holding_rounds_of_negotiations_is_of_the_later_time(extractor: Extractor) -> None:
    text = _PLAIN + (
        "The Joint Commission of the JCPOA wrapped up the third round of negotiations in Vienna on Friday, "
        "with the delegates returning to their capitals."
    )
    assert _session_parties(extractor, text) == {_GROUP}
