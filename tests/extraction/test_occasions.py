"""`confidence`: a logistic score of an event's evidence (made-up candidates, no text)."""

from __future__ import annotations

from libs.evaluation.fit_confidence import SIGNS
from libs.extraction.candidates import EXPLICIT, PRONOUN, VENUE, Candidate, SentenceInfo
from libs.extraction.dates import DateValue
from libs.extraction.mention_roles import ACTOR, PARTNER, PartyMention
from libs.extraction.mention_roles import VENUE as VENUE_ROLE
from libs.extraction.occasions import (
    _WEIGHTS,
    article_features,
    confidence,
    confidence_features,
    placed_candidate,
)
from libs.extraction.triggers import Cue
from tests.extraction.helpers import sentence_info

TEXT = "Aland and Bland met."


def _mention(code: str, role: str = ACTOR, kind: str = "country") -> PartyMention:
    return PartyMention(0, 5, code, False, kind, role, code)


def _info(conflict: bool = False, named: bool = True, others: tuple[str, ...] = ()) -> SentenceInfo:
    mentions = [_mention("AAA"), _mention("BBB", PARTNER)] if named else []
    mentions += [_mention(c, PARTNER) for c in others]
    return sentence_info(TEXT, mentions, conflict=conflict)


def _cand(type_: str = "meeting", source: str = EXPLICIT, sentences: int = 1, parties: int = 2) -> Candidate:
    countries = ("AAA", "BBB", "CCC", "DDD")[:parties]
    cue = Cue(0, 3, type_, True, "met")
    return Candidate(type_, countries, (), list(range(sentences)), cue, True, source)


def test_the_features_name_the_evidence() -> None:
    infos = [_info(), _info(), _info()]
    assert set(confidence_features(_cand(), infos)) == {"strong", "lead", "undated_article"}
    three = set(confidence_features(_cand(type_="agreement", source=PRONOUN, sentences=3), infos))
    assert {"support2", "support3", "type=agreement", "source=pronoun"} <= three
    assert "unnamed" in confidence_features(_cand(), [_info(named=False)])
    assert "bystander" in confidence_features(_cand(), [_info(others=("CCC",))])
    assert "crowd" in confidence_features(_cand(), [_info(others=("CCC", "DDD"))])
    venue_only = sentence_info(TEXT, [_mention("AAA"), _mention("BBB", VENUE_ROLE)])
    assert "place_only" in confidence_features(_cand(source=VENUE), [venue_only])
    weak = sentence_info(TEXT, [_mention("AAA"), _mention("BBB", PARTNER, "person-home")])
    assert "weak_only" in confidence_features(_cand(), [weak])
    assert "parties3" in confidence_features(_cand(parties=3), [_info(others=("CCC",))])


def test_confidence_is_a_probability_that_evidence_moves() -> None:
    infos = [_info(), _info(), _info()]
    base = confidence(_cand(), infos)
    assert 0.05 <= base <= 0.99
    assert confidence(_cand(sentences=3), infos) > base  # more sentences support the occasion
    assert confidence(_cand(type_="agreement"), infos) > base  # literal cues
    assert confidence(_cand(source=PRONOUN), infos) < base  # a party found through "he"
    assert confidence(_cand(parties=4), infos) < base  # cliques are riskier
    assert confidence(_cand(), [_info(conflict=True)]) < base
    # a party its sentences do not name never raises it: the feature's sign is bounded at or below zero, and the
    # fit at 1.39.0 shrank its weight to nothing (-0.02 at 1.38.0)
    assert confidence(_cand(), [_info(named=False)]) <= base
    assert SIGNS["unnamed"] < 0 and _WEIGHTS.get("unnamed", 0.0) <= 0
    assert confidence(_cand(), [_info(others=("CCC",))]) < base  # another state beside the parties


def test_a_lone_unnamed_pair_is_under_the_user_threshold_a_supported_dated_one_above() -> None:
    infos = [_info(), _info(), _info()]
    lone = _cand()
    supported = _cand(sentences=3)
    supported.date = DateValue("2020-01-02", "2020-01-02", "day")
    assert confidence(lone, [_info(named=False)]) < 0.8 <= confidence(supported, infos)


def test_the_article_features_are_computed_once_and_passed_down() -> None:
    infos = [_info(), _info(others=("CCC",))]
    assert article_features(infos) == {"undated_article"}
    assert article_features(infos * 20) == {"undated_article", "long"}
    for cand in (_cand(), _cand(sentences=2, parties=3)):
        given = article_features(infos)
        assert confidence_features(cand, infos, given) == confidence_features(cand, infos)
        assert confidence(cand, infos, given) == confidence(cand, infos)
    # the given set is what counts: an article with dates passes none of them
    assert "undated_article" not in confidence_features(_cand(), infos, frozenset())


def test_a_placed_candidate_needs_two_parties_and_a_state() -> None:
    info = sentence_info(TEXT, [_mention("AAA"), _mention("Zed", VENUE_ROLE, "city")])
    cue = Cue(0, 3, "meeting", True, "met")
    cand = placed_candidate(info, 0, cue, ["AAA", "G2"], EXPLICIT, {"UNO"}, {"G2": ("BBB", "CCC")})
    assert cand is not None
    assert (cand.type, cand.countries, cand.igos, cand.sentences, cand.location) == (
        "meeting",
        ("AAA", "BBB", "CCC"),
        (),
        [0],
        ("Zed", "Zed"),
    )
    assert placed_candidate(info, 0, cue, ["AAA", "AAA"], EXPLICIT, {"UNO"}, None) is None
    assert placed_candidate(info, 0, cue, ["UNO", "AAA"], EXPLICIT, {"UNO"}, None) is not None
    assert placed_candidate(info, 0, cue, ["UNO", "IMF"], EXPLICIT, {"UNO", "IMF"}, None) is None
