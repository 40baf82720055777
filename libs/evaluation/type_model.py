"""Learned event types: a multinomial logistic score over what the engine knows of an event.

The rules give every candidate a type from its cue (`triggers.py`); a linear
model over `type_features` (and `sibling_features`) could replace it by a type it
finds more likely. The model is plain data (a JSON file such as `MODEL_FILE`, as
written by `python -m libs.evaluation.fit_types --write PATH`): one weight
vector per binary feature over the classes, a bias vector and a threshold;
scoring is pure Python (no scikit-learn at run time) and replaces the rule type
only when another type's probability reaches the threshold.

Not wired into `Extractor`: cross-validated by set, the model did not improve the
held-out typed pairs (`libs/evaluation/README.md`, "Learned event types").
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from libs.evaluation.score import country_pairs
from libs.extraction.candidates import Candidate, SentenceInfo

MODEL_FILE = "event_types.json"
_WORD = re.compile(r"[a-z]+")
_WINDOW = 60  # characters on each side of the cue read as its context


@dataclass(frozen=True, slots=True)
class TypeModel:
    """A fitted multinomial logistic model: `weights[feature][k]` for class `classes[k]`."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    threshold: float


def load_type_model(data_dir: Path) -> TypeModel | None:
    """The model stored in `data_dir`, or None when there is none."""
    path = data_dir / MODEL_FILE
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return model_from_dict(raw)


def model_from_dict(raw: Mapping[str, object]) -> TypeModel:
    """A `TypeModel` from its JSON form; raises ValueError when vectors and classes disagree."""
    classes = tuple(str(c) for c in raw["classes"])  # type: ignore[union-attr]
    bias = tuple(float(b) for b in raw["bias"])  # type: ignore[union-attr]
    weights = {str(f): tuple(float(w) for w in ws) for f, ws in raw["weights"].items()}  # type: ignore[union-attr]
    if len(bias) != len(classes) or any(len(ws) != len(classes) for ws in weights.values()):
        raise ValueError("event type model: every vector must have one weight per class")
    return TypeModel(classes, bias, weights, float(raw["threshold"]))  # type: ignore[arg-type]


def probabilities(model: TypeModel, features: Iterable[str]) -> dict[str, float]:
    """Softmax of bias + the weights of the (distinct) features the model knows; sums to 1."""
    z = list(model.bias)
    for f in set(features):
        ws = model.weights.get(f)
        if ws is not None:
            for k, w in enumerate(ws):
                z[k] += w
    top = max(z)
    exps = [math.exp(v - top) for v in z]
    total = sum(exps)
    return {c: e / total for c, e in zip(model.classes, exps, strict=True)}


def choose_type(model: TypeModel, features: Iterable[str], rule_type: str) -> str:
    """The rule type, unless another type has probability >= the model's threshold."""
    probs = probabilities(model, features)
    best = max(probs, key=lambda c: probs[c])
    if best != rule_type and probs[best] >= model.threshold:
        return best
    return rule_type


def sibling_features(
    countries: Sequence[str], rule_type: str, others: Iterable[tuple[str, Sequence[str]]]
) -> list[str]:
    """The rule types of the article's other events sharing a country pair with this one: (type, countries)."""
    mine = country_pairs(countries)
    types = {t for t, cs in others if mine & country_pairs(cs)} if mine else set()
    return [f"also={t}" for t in sorted(types)] + [f"rule_also={rule_type}|{t}" for t in sorted(types)]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def type_features(
    cand: Candidate, infos: Sequence[SentenceInfo], work: str, sectors: Sequence[str]
) -> list[str]:
    """What the engine knows of an event, as binary feature names (the model's input)."""
    cue = cand.cue
    trigger = [infos[p] for p in cand.sentences]
    n_parties = len(cand.countries) + len(cand.igos)
    feats = [
        f"rule={cand.type}",
        f"cue={cue.text.lower()}",
        f"cue_type={cue.type}",
        f"rule_cue={cand.type}|{cue.type}",
        f"strong={cand.strong}",
        f"irrealis={cue.irrealis}",
        f"source={cand.source}",
        f"parties={min(n_parties, 4)}",
        f"igos={bool(cand.igos)}",
        f"dated={cand.date is not None}",
        f"located={cand.location is not None}",
        f"support={min(len(cand.sentences) + len(cand.extra), 3)}",
        f"conflict={any(i.conflict for i in trigger)}",
        f"continued={cand.continued}",
    ]
    if not any(cue in i.cues for i in trigger):
        feats.append("origin=special")  # a gathering, negotiation round or coalition
    feats += [f"sector={s}" for s in sectors]
    feats += sorted({f"scue={c.type}" for i in trigger for c in i.cues})
    feats += sorted({f"w={w}" for i in trigger for w in _words(i.sent.text)})
    lo = max(0, cue.start - _WINDOW)
    feats += sorted({f"before={w}" for w in _words(work[lo : cue.start])})
    feats += sorted({f"after={w}" for w in _words(work[cue.end : cue.end + _WINDOW])})
    return feats
