"""Round 41: the nuclear deal's group, rounds named without members (made-up sentences).

D2/D5 (clarified this round): a round of the nuclear talks stated as a fact but named without its members is the
group of its time (Iran and the P4+1 after the U.S. left the deal); a round told as going on ("while talks were
afoot in Vienna") is held, not to come, even beside an infinitive that tells its purpose ("to restart ..."); the
table counted as the negotiating partners who sit at it ("five of the six negotiating parties meet") is a session.
"""

from __future__ import annotations

import pytest

from libs.extraction import Extractor
from libs.extraction.negotiations import load_processes, round_to_come

_P41 = ("CHN", "DEU", "FRA", "GBR", "IRN", "RUS")
_LEAD = "TEHRAN - The U.S. withdrew from the nuclear deal in 2018 and reimposed sanctions on Iran. "


def _events(extractor: Extractor, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(str(e.type), tuple(e.countries)) for e in extractor.extract(text, article_id="t").events]


@pytest.mark.parametrize(
    "sentence",
    [
        "The sabotage of the plant while talks were afoot in Vienna, supposedly to restart the deal, angered Tehran.",
        "The blast struck the site as the talks in Vienna were still under way to restart the deal.",
    ],
)
def test_a_round_told_as_going_on_is_held_not_to_come(sentence: str) -> None:
    processes = load_processes()
    start = sentence.index("talks")
    assert not round_to_come(processes, sentence, 0, len(sentence), start)


def test_a_round_to_come_is_still_one() -> None:
    processes = load_processes()
    sentence = "The talks in Vienna are expected to resume next week, the spokesman said."
    assert round_to_come(processes, sentence, 0, len(sentence), sentence.index("talks"))


def test_talks_afoot_in_vienna_are_a_meeting_of_the_table_of_the_time(extractor: Extractor) -> None:
    text = _LEAD + (
        "The saboteurs attacked the plant in April while talks were afoot in Vienna - supposedly to restart "
        "the deal - and the officials blamed the Zionist regime. The minister called the attack terrorism."
    )
    events = _events(extractor, text)
    assert any(t == "meeting" and set(_P41) <= set(c) for t, c in events)
    assert not any(t == "intent" and set(_P41) <= set(c) for t, c in events)


@pytest.mark.parametrize(
    "session",
    [
        "Six of the seven negotiating partners sit there every three months, the minister said.",
        "Five of the six negotiating parties met in Geneva last week, the minister said.",
    ],
)
def test_the_table_counted_as_negotiating_partners_who_sit_is_a_session(
    extractor: Extractor, session: str
) -> None:
    text = _LEAD + "The negotiating table of the nuclear deal is still there. " + session
    assert any(t == "meeting" and set(_P41) <= set(c) for t, c in _events(extractor, text))


def test_the_negotiating_partners_counted_without_a_session_are_no_round(extractor: Extractor) -> None:
    text = _LEAD + "Six of the seven negotiating partners back the deal, the minister said."
    assert not any(set(_P41) <= set(c) for _, c in _events(extractor, text))
