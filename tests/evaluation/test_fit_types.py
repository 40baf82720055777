"""Fitting the learned event types: labels as the scorer matches typed pairs, weights faithful to sklearn."""

from __future__ import annotations

import math

import pytest
from sklearn.linear_model import LogisticRegression

from libs.evaluation.fit_types import examples, fit, label, model_dict, set_score
from libs.evaluation.type_model import model_from_dict, probabilities

GOLD = {
    "id": "g",
    "events": [
        {"type": "meeting", "countries": ["IRN", "IRQ"], "igos": []},
        {"type": "intent", "countries": ["IRN", "IRQ"], "igos": []},
        {"type": "agreement", "countries": ["IRN", "TUR"], "igos": []},
        {"type": "aid", "countries": ["IRN"], "igos": ["UN"]},
    ],
}


def _ev(type_: str, countries: list[str], igos: list[str] | None = None) -> dict:
    return {"type": type_, "countries": countries, "igos": igos or [], "features": [f"rule={type_}"]}


def test_labels_follow_the_typed_pairs_of_the_gold() -> None:
    meeting, stray, wrong = (
        _ev("meeting", ["IRN", "IRQ"]),
        _ev("meeting", ["IRN", "SYR"]),
        _ev("cooperation", ["IRN", "TUR"]),
    )
    art = {"gold": GOLD, "events": [meeting, stray, wrong]}
    assert label(meeting, art) == "meeting"  # the rule type is gold: kept
    assert label(stray, art) is None  # not a gold pair: no example
    assert label(wrong, art) == "agreement"
    assert label(_ev("meeting", ["IRN"], ["UN"]), art) == "aid"  # no pair: the same parties


def test_a_wrong_type_goes_to_a_gold_type_no_other_event_gives() -> None:
    meeting, wrong = _ev("meeting", ["IRN", "IRQ"]), _ev("aid", ["IRN", "IRQ"])
    assert label(wrong, {"gold": GOLD, "events": [meeting, wrong]}) == "intent"


def test_fitted_weights_score_like_sklearn_and_retype_the_set() -> None:
    arts = []
    for n in range(12):
        rule = ("meeting", "agreement", "intent")[n % 3]
        ev = _ev(rule, ["IRN", "IRQ"])
        ev["features"] += ["w=signed"] if n % 3 == 1 else ["w=will"] if n % 3 == 2 else []
        gold_type = "agreement" if n % 3 != 2 else "intent"
        arts.append(
            {
                "gold": {"id": f"a{n}", "events": [{"type": gold_type, "countries": ["IRN", "IRQ"]}]},
                "events": [ev],
            }
        )
    xs, ys = examples(arts)
    model = fit(xs, ys, 10.0, threshold=0.5)
    reloaded = model_from_dict(model_dict(model))
    vocab = sorted({f for x in xs for f in x})  # each feature occurs 4 times: all kept
    clf = LogisticRegression(C=10.0, max_iter=2000).fit([[float(f in x) for f in vocab] for x in xs], ys)
    for x in xs[:3]:
        expected = dict(
            zip(clf.classes_, clf.predict_proba([[float(f in x) for f in vocab]])[0], strict=True)
        )
        assert all(math.isclose(p, expected[c], abs_tol=1e-3) for c, p in probabilities(reloaded, x).items())
    probs = probabilities(reloaded, ["rule=meeting"])
    assert math.isclose(sum(probs.values()), 1.0)
    assert max(probs, key=probs.get) == "agreement"  # every meeting here was an agreement
    before, after = set_score(arts, None), set_score(arts, reloaded, 0.5)
    assert before.typed_pairs.tp == 8 and after.typed_pairs.tp == 12
    assert before.pairs.as_dict() == after.pairs.as_dict()  # types change, pairs do not
    with pytest.raises(KeyError):
        model_from_dict({"classes": ["a"], "bias": [0.0]})
