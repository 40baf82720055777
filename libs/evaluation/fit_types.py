"""Fit the learned event types (`libs/evaluation/type_model.py`), cross-validated by set.

`python -m libs.evaluation.fit_types --shared ../shared [--cache F] [--write PATH]`:

1. runs the engine (rule types only) on every article-level gold set (dev,
   `extra_gold*`, `blind_*`, `devpool*`) and records, per event, the features of
   `type_features`;
2. labels an event whose country pairs (or, without a pair, whose parties) are
   gold in its article with the gold type that most of its pairs have (the rule
   type on ties, then a type no other event of the article gives the pair yet),
   as `score.py` matches typed pairs;
3. leave-one-set-out: for each set, fits a multinomial logistic regression on the
   others, chooses the replacement threshold by an inner leave-one-set-out on
   those others only, and scores the held-out set with `score.py` before
   (rule types) and after;
4. with `--write PATH`, fits on all sets (threshold from the outer out-of-fold
   probabilities) and stores plain weights at PATH, for experiments with
   `type_model.load_type_model`. The engine does not read it: the learned types
   did not beat the rule types (libs/evaluation/README.md), so nothing is shipped.

scikit-learn (dev extra) is needed here only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from libs.contracts.events import CooperationEvent
from libs.evaluation.eval import default_article_sets
from libs.evaluation.gold import extract_gold
from libs.evaluation.score import Score, country_pairs, read_jsonl, score
from libs.evaluation.type_model import MODEL_FILE, TypeModel, choose_type, sibling_features, type_features
from libs.extraction.candidates import TYPE_ORDER, Candidate, SentenceInfo

THRESHOLDS = (0.0, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)
MIN_COUNT = 2  # a feature must occur in this many training events to get weights
Article = dict[str, Any]  # {"gold": gold record, "events": [{"type", "countries", "igos", "features"}]}


def collect(shared: Path, sets: Sequence[tuple[str, Path]]) -> dict[str, list[Article]]:
    """Run the engine on each set and keep, per article, its gold and its events with features."""
    from libs.extraction import Extractor

    features: dict[str, list[str]] = {}  # each event's features, by event id

    def record(cand: Candidate, infos: list[SentenceInfo], text: str, event: CooperationEvent) -> None:
        features[event.event_id] = type_features(cand, infos, text, event.sectors)

    ex = Extractor()
    ex.event_hook = record
    out: dict[str, list[Article]] = {}
    for name, path in sets:
        arts: list[Article] = []
        for g, res in extract_gold(ex, read_jsonl(path), shared):
            events = [
                {
                    "type": e.type.value,
                    "countries": e.countries,
                    "igos": e.igos,
                    "features": features[e.event_id],
                }
                for e in res.events
            ]
            features.clear()  # kept per article: the next one starts empty
            arts.append({"gold": g, "events": events})
        out[name] = arts
    return out


def label(event: Mapping[str, Any], article: Article) -> str | None:
    """The gold type this event should have (None when its pairs/parties are not gold in the article)."""
    gold_events = article["gold"].get("events") or []
    pairs = country_pairs(event["countries"])
    votes: Counter[str] = Counter()
    if pairs:
        gold_types: dict[tuple[str, str], set[str]] = {}
        for g in gold_events:
            for p in pairs & country_pairs(g.get("countries") or []):
                gold_types.setdefault(p, set()).add(g["type"])
        votes.update(t for types in gold_types.values() for t in types)
    else:
        parties = set(event["countries"]) | set(event["igos"])
        votes.update(
            {
                g["type"]
                for g in gold_events
                if parties == set(g.get("countries") or []) | set(g.get("igos") or [])
            }
        )
    if not votes:
        return None
    given = {
        (p, e["type"]) for e in article["events"] if e is not event for p in country_pairs(e["countries"])
    }

    def rank(t: str) -> tuple[int, int, int, int]:
        fresh = sum((p, t) not in given for p in pairs)
        return (votes[t], t == event["type"], fresh, -TYPE_ORDER.index(t))

    return max(votes, key=rank)


def examples(arts: Sequence[Article]) -> tuple[list[list[str]], list[str]]:
    """The labelled events of some articles: (features, label)."""
    xs: list[list[str]] = []
    ys: list[str] = []
    for art in arts:
        for ev in art["events"]:
            y = label(ev, art)
            if y is not None:
                xs.append(ev["features"])
                ys.append(y)
    return xs, ys


def fit(xs: Sequence[Sequence[str]], ys: Sequence[str], c: float, threshold: float = 1.01) -> TypeModel:
    """A multinomial logistic regression over binary features seen MIN_COUNT times, as a `TypeModel`."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for x in xs for f in set(x))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, x in enumerate(xs):
        for f in {f for f in x if f in index}:
            rows.append(r)
            cols.append(index[f])
    matrix = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(xs), len(vocab)))
    clf = LogisticRegression(C=c, max_iter=2000).fit(matrix, list(ys))
    classes = tuple(str(k) for k in clf.classes_)
    coef, bias = clf.coef_, clf.intercept_
    if len(classes) == 2:  # binary: sklearn keeps one vector; softmax of (-z/2, z/2) is the same
        coef = [-coef[0] / 2, coef[0] / 2]
        bias = [-bias[0] / 2, bias[0] / 2]
    weights = {
        f: tuple(round(float(coef[k][i]), 4) for k in range(len(classes)))
        for f, i in index.items()
        if any(abs(coef[k][i]) >= 5e-4 for k in range(len(classes)))
    }
    return TypeModel(classes, tuple(round(float(b), 4) for b in bias), weights, threshold)


def retyped(arts: Sequence[Article], model: TypeModel | None, threshold: float) -> dict[str, list[dict]]:
    """Predictions (article id → events) with types chosen by `model` at `threshold` (None: rule types)."""
    out: dict[str, list[dict]] = {}
    for art in arts:
        evs = []
        for ev in art["events"]:
            t = ev["type"]
            if model is not None:
                t = choose_type(
                    TypeModel(model.classes, model.bias, model.weights, threshold), ev["features"], t
                )
            evs.append({"type": t, "countries": ev["countries"], "igos": ev["igos"]})
        out[art["gold"]["id"]] = evs
    return out


def set_score(arts: Sequence[Article], model: TypeModel | None, threshold: float = 1.01) -> Score:
    """The real scorer on the set's articles with the chosen types."""
    return score([a["gold"] for a in arts], retyped(arts, model, threshold))


def best_threshold(folds: Sequence[tuple[Sequence[Article], TypeModel]]) -> float:
    """The threshold with the best pooled typed-pair F1 over (held-out articles, model fitted without them)."""

    def pooled(t: float) -> float:
        tp = fp = fn = 0
        for arts, model in folds:
            s = set_score(arts, model, t).typed_pairs
            tp, fp, fn = tp + s.tp, fp + s.fp, fn + s.fn
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    return max(THRESHOLDS, key=lambda t: (pooled(t), t))


def loso(
    data: Mapping[str, list[Article]], names: Sequence[str], c: float
) -> list[tuple[Sequence[Article], TypeModel]]:
    """Leave-one-set-out over `names`: (held-out articles, model fitted on the other sets)."""
    out = []
    for held in names:
        xs, ys = examples([a for n in names if n != held for a in data[n]])
        out.append((data[held], fit(xs, ys, c)))
    return out


def cross_validate(data: Mapping[str, list[Article]], c: float) -> tuple[list[dict[str, Any]], float]:
    """Per held-out set: before/after scores, the inner threshold; and the threshold from all outer folds."""
    names = list(data)
    rows = []
    outer = loso(data, names, c)
    for held, (arts, model) in zip(names, outer, strict=True):
        inner = loso(data, [n for n in names if n != held], c)
        t = best_threshold(inner)
        before, after = set_score(arts, None), set_score(arts, model, t)
        rows.append({"set": held, "threshold": t, "before": before.as_dict(), "after": after.as_dict()})
    return rows, best_threshold(outer)


def format_rows(rows: Sequence[Mapping[str, Any]]) -> str:
    """A table: per held-out set, typed-pair F1 before/after, pairs F1 and detection F1 before/after."""
    lines = [
        f"{'set':<14} {'thr':>5} {'typed before':>13} {'typed after':>12} {'pairs b/a':>13} {'detect b/a':>13}"
    ]
    for r in rows:
        b, a = r["before"], r["after"]
        lines.append(
            f"{r['set']:<14} {r['threshold']:>5.2f} {b['typed_pairs']['f1']:>8.3f} ({b['typed_pairs']['tp']:>3})"
            f" {a['typed_pairs']['f1']:>7.3f} ({a['typed_pairs']['tp']:>3})"
            f" {b['pairs']['f1']:>6.3f}/{a['pairs']['f1']:.3f} {b['article']['f1']:>6.3f}/{a['article']['f1']:.3f}"
        )
    return "\n".join(lines)


def model_dict(model: TypeModel) -> dict[str, Any]:
    """The JSON form `type_model.model_from_dict` reads."""
    return {
        "classes": list(model.classes),
        "bias": list(model.bias),
        "threshold": model.threshold,
        "weights": {f: list(ws) for f, ws in sorted(model.weights.items())},
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument(
        "--cache", type=Path, default=None, help="engine events with features (read if present)"
    )
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--json", type=Path, default=None, help="also write the per-set rows here")
    parser.add_argument("--drop", action="append", default=[], help="a feature family to leave out (prefix)")
    parser.add_argument("--siblings", action="store_true", help="add the types of events sharing a pair")
    parser.add_argument(
        "--write",
        type=Path,
        default=None,
        help=f"fit on all sets and write the model here (e.g. /tmp/{MODEL_FILE})",
    )
    return parser


def load_data(shared: Path, cache: Path | None) -> dict[str, list[Article]]:
    """The engine's events on every set, from the cache when it exists (written after a run)."""
    if cache is not None and cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    sets = [("dev", shared / "gold" / "dev.jsonl")] + [(p.stem, p) for p in default_article_sets()]
    data = collect(shared, sets)
    if cache is not None:
        cache.write_text(json.dumps(data), encoding="utf-8")
    return data


def with_context(data: Mapping[str, list[Article]], drop: Sequence[str], siblings: bool) -> None:
    """Drop the feature families named by prefix (e.g. "w=") and, if asked, add each event's `sibling_features`."""
    prefixes = tuple(drop)
    for arts in data.values():
        for art in arts:
            evs = art["events"]
            for ev in evs:
                kept = [f for f in ev["features"] if not (prefixes and f.startswith(prefixes))]
                others = [(o["type"], o["countries"]) for o in evs if o is not ev]
                ev["features"] = kept + (
                    sibling_features(ev["countries"], ev["type"], others) if siblings else []
                )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data = load_data(args.shared, args.cache)
    if args.siblings or args.drop:
        with_context(data, args.drop, args.siblings)
    rows, threshold = cross_validate(data, args.c)
    print(format_rows(rows))
    print(f"threshold from all out-of-fold probabilities: {threshold}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    if args.write:
        xs, ys = examples([a for arts in data.values() for a in arts])
        model = fit(xs, ys, args.c, threshold)
        args.write.write_text(json.dumps(model_dict(model)) + "\n", encoding="utf-8")
        print(f"wrote {args.write}: {len(model.weights)} features, {len(xs)} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
