"""clauses.list_run / list_runs: runs of listed parties joined by a gap test (one helper for every list)."""

from __future__ import annotations

import re

from libs.extraction.clauses import LIST_SEPARATOR, list_run, list_runs
from libs.extraction.mention_roles import ACTOR, PartyMention


def _mentions(text: str, names: dict[str, str]) -> list[PartyMention]:
    """The mentions of the given names (surface -> code) in text order."""
    found = [
        PartyMention(m.start(), m.end(), code, False, "country", ACTOR, name)
        for name, code in names.items()
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    return sorted(found, key=lambda m: m.start)


_NAMES = {"Chile": "CHL", "Peru": "PER", "Bolivia": "BOL", "Ecuador": "ECU", "Lima": "PER"}


def _codes(runs: list[list[PartyMention]]) -> list[list[str]]:
    return [[m.code for m in run] for run in runs]


def test_separators_join_a_list_and_other_words_end_it() -> None:
    text = "Chile, Peru plus Bolivia met while Ecuador waited."
    ms = _mentions(text, _NAMES)
    assert _codes(list_runs(ms, text, LIST_SEPARATOR.fullmatch)) == [["CHL", "PER", "BOL"], ["ECU"]]
    # the default connector knows no "plus", but a hyphen
    assert _codes(list_runs(ms, text)) == [["CHL", "PER"], ["BOL"], ["ECU"]]
    assert _codes(list_runs(_mentions("the Chile-Peru border", _NAMES), "the Chile-Peru border")) == [
        ["CHL", "PER"]
    ]


def test_the_separator_must_fill_the_whole_gap() -> None:
    text = "Chile and then Peru, Bolivia"
    ms = _mentions(text, _NAMES)
    assert _codes(list_runs(ms, text, LIST_SEPARATOR.fullmatch)) == [["CHL"], ["PER", "BOL"]]


def test_same_party_repeated_joins_only_when_asked() -> None:
    text = "Peru in Lima and Chile"
    ms = _mentions(text, _NAMES)
    assert _codes([list_run(ms, 0, text, LIST_SEPARATOR.fullmatch)]) == [["PER"]]
    assert _codes([list_run(ms, 0, text, LIST_SEPARATOR.fullmatch, same=True)]) == [["PER", "PER", "CHL"]]


def test_last_run_ends_with_the_last_mention() -> None:
    text = "Ecuador said Chile, Peru and Bolivia"
    ms = _mentions(text, _NAMES)
    assert _codes(list_runs(ms, text, LIST_SEPARATOR.fullmatch))[-1] == ["CHL", "PER", "BOL"]
    assert list_runs([], text) == []
