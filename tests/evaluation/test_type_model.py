"""Learned event types: the pure scoring, the model file's form and the features (made-up data)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from libs.evaluation.type_model import (
    MODEL_FILE,
    TypeModel,
    choose_type,
    load_type_model,
    model_from_dict,
    probabilities,
    sibling_features,
    type_features,
)
from libs.extraction.candidates import EXPLICIT, Candidate, SentenceInfo
from libs.extraction.triggers import Cue
from tests.extraction.helpers import sentence_info

MODEL = TypeModel(
    classes=("agreement", "intent", "meeting"),
    bias=(0.0, 0.0, 1.0),
    weights={"w=signed": (3.0, 0.0, 0.0), "rule=meeting": (0.0, 0.0, 0.5)},
    threshold=0.7,
)

TEXT = "Iran and Iraq signed a deal in Baghdad."


def _info(cues: list[Cue]) -> SentenceInfo:
    return sentence_info(TEXT, cues=cues)


def test_probabilities_are_a_softmax_of_the_known_features() -> None:
    probs = probabilities(MODEL, ["w=signed", "w=signed", "unknown"])
    assert math.isclose(sum(probs.values()), 1.0)
    z = (3.0, 0.0, 1.0)
    expected = math.exp(3.0) / sum(math.exp(v) for v in z)
    assert math.isclose(probs["agreement"], expected)
    assert probabilities(MODEL, ["unknown"]) == probabilities(MODEL, [])  # unknown features weigh nothing


def test_the_rule_type_is_replaced_only_at_the_threshold() -> None:
    assert probabilities(MODEL, ["w=signed"])["agreement"] > 0.7
    assert choose_type(MODEL, ["w=signed"], "meeting") == "agreement"
    assert choose_type(MODEL, [], "intent") == "intent"  # meeting leads, but below 0.7
    strict = TypeModel(MODEL.classes, MODEL.bias, MODEL.weights, 0.99)
    assert choose_type(strict, ["w=signed"], "meeting") == "meeting"


def test_the_model_file_loads(tmp_path: Path) -> None:
    assert load_type_model(tmp_path) is None  # no file: the rule types stay
    raw = {
        "classes": list(MODEL.classes),
        "bias": list(MODEL.bias),
        "threshold": 0.7,
        "weights": {"w=signed": [3, 0, 0]},
    }
    (tmp_path / MODEL_FILE).write_text(json.dumps(raw), encoding="utf-8")
    model = load_type_model(tmp_path)
    assert (
        model is not None and model.classes == MODEL.classes and model.weights["w=signed"] == (3.0, 0.0, 0.0)
    )
    with pytest.raises(ValueError):
        model_from_dict({**raw, "weights": {"w=signed": [1.0]}})


def test_features_name_the_rule_the_cue_and_the_evidence() -> None:
    cue = Cue(14, 20, "agreement", True, "signed")
    cand = Candidate("agreement", ("IRN", "IRQ"), (), [0], cue, True, EXPLICIT)
    feats = type_features(cand, [_info([cue])], TEXT, ["trade_economy"])
    for f in (
        "rule=agreement",
        "cue=signed",
        "strong=True",
        "parties=2",
        "sector=trade_economy",
        "scue=agreement",
    ):
        assert f in feats
    assert "w=deal" in feats and "before=iraq" in feats and "after=baghdad" in feats
    assert "origin=special" not in feats
    assert "origin=special" in type_features(cand, [_info([])], TEXT, [])  # a cue no sentence rule made


def test_sibling_features_are_the_types_sharing_a_pair() -> None:
    others = [("meeting", ["IRN", "IRQ"]), ("aid", ["IRN", "SYR"])]
    assert sibling_features(["IRN", "IRQ", "TUR"], "intent", others) == [
        "also=meeting",
        "rule_also=intent|meeting",
    ]
    assert sibling_features(["IRN"], "intent", others) == []
