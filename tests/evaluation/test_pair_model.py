"""The learned pair scorer (`libs/evaluation/pair_model.py`): pure scoring, features, additions, the stored model."""

from __future__ import annotations

import json
import math
from pathlib import Path

from libs.evaluation.pair_model import (
    ADDED,
    ENGINE,
    Logistic,
    PairModel,
    apply_pair_model,
    load_pair_model,
    pair_features,
    uncovered_pairs,
)
from libs.extraction.candidates import EXPLICIT, Candidate, SentenceInfo
from libs.extraction.mention_roles import PartyMention
from libs.extraction.triggers import Cue
from tests.extraction.helpers import sentence_info

TEXT = "Iran and Iraq signed a deal with Oman."
#       0    5   9    14     21 23   28   33


def _info(mentions: list[PartyMention], cues: list[Cue]) -> SentenceInfo:
    return sentence_info(TEXT, mentions, cues)


CUE = Cue(14, 20, "agreement", True, "signed")
MENTIONS = [
    PartyMention(0, 4, "IRN", False, "country", "actor", "Iran"),
    PartyMention(9, 13, "IRQ", False, "country", "actor", "Iraq"),
    PartyMention(33, 37, "OMN", False, "country", "partner", "Oman"),
]


def _cand(countries: tuple[str, ...]) -> Candidate:
    return Candidate("agreement", countries, (), [0], CUE, True, EXPLICIT)


def test_score_is_the_sigmoid_of_the_present_features() -> None:
    model = Logistic(bias=-1.0, weights={"a": 2.0, "b": -0.5})
    assert math.isclose(model.score([]), 1 / (1 + math.exp(1.0)))
    assert math.isclose(model.score(["a", "unknown"]), 1 / (1 + math.exp(-1.0)))
    assert math.isclose(model.score(["a", "a", "b"]), 1 / (1 + math.exp(-0.5)))  # a feature counts once
    assert 0.0 < Logistic(bias=1e6, weights={}).score([]) <= 1.0  # no overflow


def test_features_read_roles_distance_and_the_cue_between() -> None:
    feats = pair_features(_cand(("IRQ", "OMN")), [_info(MENTIONS, [CUE])], TEXT, ENGINE)
    assert {"engine", "type:agreement", "strong", "roles:actor+partner", "cue:inside", "between:with"} <= set(
        feats
    )
    added = pair_features(_cand(("IRN", "IRQ")), [_info(MENTIONS, [CUE])], TEXT, ADDED)
    assert "added" in added and "cue:after" in added and "dist<20" in added


def test_uncovered_pairs_are_the_cue_sentence_pairs_no_event_has() -> None:
    infos = [_info(MENTIONS, [CUE])]
    extra = uncovered_pairs([_cand(("IRN", "IRQ", "OMN"))], infos)
    assert extra == []
    extra = uncovered_pairs([_cand(("IRQ", "OMN"))], infos)
    assert sorted(c.countries for c in extra) == [("IRN", "IRQ"), ("IRN", "OMN")]
    assert all(c.type == "agreement" and c.sentences == [0] for c in extra)
    assert uncovered_pairs([], [_info(MENTIONS, [])]) == []  # no cue, no pair


def test_the_model_drops_low_engine_pairs_and_adds_high_ones() -> None:
    infos = [_info(MENTIONS, [CUE])]
    cands = [_cand(("IRQ", "OMN"))]
    low, high = Logistic(-5.0, {}), Logistic(5.0, {})
    dropper = PairModel(low, low, low, drop_below=0.5)
    assert apply_pair_model(dropper, cands, infos, TEXT) == []
    assert apply_pair_model(PairModel(high, low, low, drop_below=0.5), cands, infos, TEXT) == cands
    adder = PairModel(low, Logistic(-5.0, {"added": 10.0}), low, add_at=0.5)
    out = apply_pair_model(adder, cands, infos, TEXT)
    assert out[0] is cands[0] and {c.countries for c in out[1:]} == {("IRN", "IRQ"), ("IRN", "OMN")}
    assert apply_pair_model(None, cands, infos, TEXT) == cands
    big = [_cand(("IRN", "IRQ", "OMN"))]  # three parties: left as they are without `member_below`
    assert apply_pair_model(dropper, big, infos, TEXT) == big


def test_a_member_whose_pairs_all_score_low_leaves_the_event() -> None:
    infos = [_info(MENTIONS, [CUE])]
    big = [_cand(("IRN", "IRQ", "OMN"))]
    # Oman's pairs read "with" between the mentions; Iran-Iraq's do not: only they stay
    model = PairModel(Logistic(0.0, {}), Logistic(0.0, {}), Logistic(2.0, {"w:with": -4.0}), member_below=0.5)
    (out,) = apply_pair_model(model, big, infos, TEXT)
    assert out.countries == ("IRN", "IRQ") and out.type == "agreement"
    none = PairModel(Logistic(0.0, {}), Logistic(0.0, {}), Logistic(-5.0, {}), member_below=0.5)
    assert apply_pair_model(none, big, infos, TEXT) == []  # fewer than two members left: no event
    keep_all = PairModel(Logistic(0.0, {}), Logistic(0.0, {}), Logistic(5.0, {}), member_below=0.5)
    assert apply_pair_model(keep_all, big, infos, TEXT) == big


def test_a_stored_model_loads_and_changes_nothing_without_candidates(tmp_path: Path) -> None:
    assert load_pair_model(tmp_path / "absent.json") is None
    kinds = {kind: {"bias": -0.5, "weights": {"w:with": 1.5}} for kind in ("engine", "added", "member")}
    path = tmp_path / "pair_model.json"
    path.write_text(
        json.dumps({**kinds, "drop_below": 0.2, "add_at": 0.9, "member_below": None}), encoding="utf-8"
    )
    model = load_pair_model(path)
    assert model is not None and model.engine.weights == {"w:with": 1.5} and model.add_at == 0.9
    info = _info(MENTIONS[:1], [CUE])  # one state: nothing to pair
    assert apply_pair_model(model, [], [info], TEXT) == []
