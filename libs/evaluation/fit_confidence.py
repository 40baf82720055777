"""Fit the weights of `confidence` (`libs/extraction/occasions.py`) against the gold sets (issue 13).

`python -m libs.evaluation.fit_confidence --shared ../shared [--collect] [--hold SET ...] [--loso]`:

1. with `--collect`, runs the engine on every article-level gold set (dev,
   `extra_gold*`, `blind_*`, `devpool*`) and records, per event, the features of
   `occasions.confidence_features` and whether the event is right (every pair a
   gold pair of its article, as `reliability.py` counts). The counts per set and
   feature vector (no text) are stored in `TABLE`, so a fit needs no corpus;
2. fits an L2-regularised logistic regression of "right" on the features, each
   feature's sign bounded as `SIGNS` declares (so `confidence` is monotonic in
   the evidence), with scipy's L-BFGS-B on the event counts;
3. lowers the bias until, on every set with at least `MIN_HIGH` events at
   confidence >= 0.8, those events are right at least `TARGET` of the time
   (issue 13 asks for 0.8; the difference is the margin for unseen sets);
4. prints the per-set reliability (events at >= 0.8, share right) and the
   weights as the Python block of `occasions.py`. `--hold SET` leaves sets out
   of the fit and reports them apart (held out), as `HELD_OUT` always is; `--loso`
   does that for each fitted set in turn. A test checks that the fit on `TABLE`
   (without `HELD_OUT`) gives the shipped weights.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from libs.contracts.events import CooperationEvent
from libs.evaluation.reliability import event_right
from libs.extraction.candidates import Candidate, SentenceInfo
from libs.extraction.occasions import confidence_from

TABLE = Path(__file__).parent / "data" / "confidence_events.tsv"
C = 0.5  # inverse L2 strength, per event (the penalty is sum(w²) / (2 C))
TARGET = 0.88  # share right required at >= 0.8 on every set with MIN_HIGH such events
MIN_HIGH = 30
# Collected into TABLE but never fitted: the newest blind set, never read by the developers of a round:
# blind_48 (annotated right after 1.40.0 by people who neither ran nor read the engine, held out from round 47),
# so its reliability stays an out-of-sample figure (printed as held out). blind_47, held out for 1.40.0, is fitted
# since 1.41.0.
HELD_OUT: tuple[str, ...] = ("blind_48",)
BIAS_STEP = 0.05
# +1: the feature can only raise confidence; -1: only lower it; absent: free
SIGNS = {
    "strong": 1,
    "support2": 1,
    "support3": 1,
    "support5": 1,
    "dated": 1,
    "day": 1,
    "irrealis": -1,
    "conflict": -1,
    "parties3": -1,
    "parties5": -1,
    "unnamed": -1,
    "place_only": -1,
    "weak_only": -1,
    "bystander": -1,
    "source=venue": -1,
    "source=pronoun": -1,
    "source=home": -1,
}
Counts = dict[str, Counter[tuple[tuple[str, ...], bool]]]  # set → (features, right) → events


def collect(shared: Path, sets: Sequence[tuple[str, Path]]) -> Counts:
    """Run the engine on each set; count its events by (confidence features, right)."""
    from libs.evaluation.gold import extract_gold
    from libs.evaluation.score import read_jsonl
    from libs.extraction import Extractor
    from libs.extraction.occasions import confidence_features

    features: dict[str, tuple[str, ...]] = {}  # each event's confidence features, by event id

    def record(cand: Candidate, infos: list[SentenceInfo], _text: str, event: CooperationEvent) -> None:
        features[event.event_id] = tuple(sorted(confidence_features(cand, infos)))

    ex = Extractor()
    ex.event_hook = record
    out: Counts = {}
    for name, path in sets:
        counts: Counter[tuple[tuple[str, ...], bool]] = Counter()
        for g, res in extract_gold(ex, read_jsonl(path), shared):
            gold_events = list(g.get("events") or [])
            for e in res.events:
                counts[(features[e.event_id], event_right(e.model_dump(mode="json"), gold_events))] += 1
            features.clear()
        out[name] = counts
    return out


def write_table(path: Path, data: Counts) -> None:
    """One line per (set, right, feature vector): set, right (0/1), events, space-separated features."""
    lines = ["set\tright\tevents\tfeatures"]
    for name, counts in data.items():
        for (feats, right), n in sorted(counts.items()):
            lines.append(f"{name}\t{int(right)}\t{n}\t{' '.join(feats)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_table(path: Path) -> Counts:
    """The counts `write_table` wrote (sets in file order)."""
    out: Counts = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        name, right, n, feats = line.split("\t")
        out.setdefault(name, Counter())[(tuple(feats.split()), right == "1")] += int(n)
    return out


def _design(data: Counts) -> tuple[list[str], Any, Any, Any]:
    """(feature names, 0/1 matrix with a leading column of ones, right 0/1, event counts) of the counts."""
    import numpy as np

    rows = [(feats, right, n) for counts in data.values() for (feats, right), n in counts.items()]
    vocab = sorted({f for feats, _, _ in rows for f in feats})
    index = {f: i + 1 for i, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab) + 1))
    x[:, 0] = 1.0
    for r, (feats, _, _) in enumerate(rows):
        x[r, [index[f] for f in feats]] = 1.0
    y = np.array([float(right) for _, right, _ in rows])
    n = np.array([float(k) for _, _, k in rows])
    return vocab, x, y, n


def fit(data: Counts, c: float = C) -> tuple[float, dict[str, float]]:
    """Bias and weights of an L2 logistic regression of right on the features, signs bounded by `SIGNS`.

    Deterministic (L-BFGS-B from zeros); weights rounded to 0.01, those under 0.005 dropped.
    """
    import numpy as np
    from scipy.optimize import minimize

    vocab, x, y, n = _design(data)

    def loss(w: Any) -> tuple[float, Any]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        nll = float(np.sum(n * (np.logaddexp(0.0, z) - y * z)))
        grad = x.T @ (n * (p - y))
        reg = w.copy()
        reg[0] = 0.0
        return nll + float(reg @ reg) / (2 * c), grad + reg / c

    bounds = [(None, None)] + [
        (0.0, None) if SIGNS.get(f) == 1 else (None, 0.0) if SIGNS.get(f) == -1 else (None, None)
        for f in vocab
    ]
    res = minimize(
        loss,
        np.zeros(len(vocab) + 1),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": 5000, "gtol": 1e-9},
    )
    w = res.x
    weights = {f: round(float(w[i + 1]), 2) for i, f in enumerate(vocab) if abs(w[i + 1]) >= 0.005}
    return round(float(w[0]), 2), weights


def high_band(
    counts: Counter[tuple[tuple[str, ...], bool]], bias: float, weights: Mapping[str, float]
) -> tuple[int, int]:
    """(events at confidence >= 0.8, of which right) for one set's counts."""
    events = right = 0
    for (feats, ok), n in counts.items():
        if confidence_from(feats, bias, weights) >= 0.8:
            events += n
            right += n * ok
    return events, right


def calibrate(data: Counts, bias: float, weights: Mapping[str, float], target: float = TARGET) -> float:
    """The highest bias (in steps of BIAS_STEP down) at which every set with MIN_HIGH events at >= 0.8 holds `target`."""
    for step in range(0, 100):
        b = round(bias - step * BIAS_STEP, 2)
        bands = [high_band(counts, b, weights) for counts in data.values()]
        if all(e < MIN_HIGH or r >= target * e for e, r in bands):
            return b
    return round(bias - 100 * BIAS_STEP, 2)


def fit_calibrated(data: Counts, c: float = C, target: float = TARGET) -> tuple[float, dict[str, float]]:
    """`fit`, then the bias `calibrate` chooses."""
    bias, weights = fit(data, c)
    return calibrate(data, bias, weights, target), weights


def table_rows(data: Counts, bias: float, weights: Mapping[str, float]) -> list[str]:
    """Per set: events, events at >= 0.8, share right among them, share right overall."""
    lines = [f"{'set':<14} {'events':>7} {'>=0.8':>6} {'right':>6} {'all right':>10}"]
    for name, counts in data.items():
        total = sum(counts.values())
        right = sum(n for (_, ok), n in counts.items() if ok)
        e, r = high_band(counts, bias, weights)
        share = f"{r / e:.3f}" if e else "-"
        lines.append(f"{name:<14} {total:>7} {e:>6} {share:>6} {right / total if total else 0:>10.3f}")
    return lines


def code_block(bias: float, weights: Mapping[str, float]) -> str:
    """The `_BIAS` / `_WEIGHTS` lines of `occasions.py`."""
    body = "".join(f'    "{f}": {w},\n' for f, w in sorted(weights.items(), key=lambda kv: -abs(kv[1])))
    return f"_BIAS = {bias}\n_WEIGHTS = {{\n{body}}}"


def log_loss(data: Counts, bias: float, weights: Mapping[str, float]) -> float:
    """Mean log loss of the (rounded, clipped) confidences over the events."""
    total = loss = 0.0
    for counts in data.values():
        for (feats, ok), n in counts.items():
            p = confidence_from(feats, bias, weights)
            loss -= n * math.log(p if ok else 1.0 - p)
            total += n
    return loss / total if total else 0.0


def fitted_sets(data: Counts) -> Counts:
    """The sets the shipped weights are fitted on: every collected set but `HELD_OUT`."""
    return {k: v for k, v in data.items() if k not in HELD_OUT}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--table", type=Path, default=TABLE, help="the counts (read; written by --collect)")
    parser.add_argument(
        "--collect", action="store_true", help="run the engine on the gold sets and write --table"
    )
    parser.add_argument("--hold", action="append", default=[], help="a set left out of the fit (repeatable)")
    parser.add_argument("--loso", action="store_true", help="leave each set out in turn")
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--target", type=float, default=TARGET)
    return parser


def _collect(shared: Path, table: Path) -> None:
    from libs.evaluation.eval import default_article_sets

    paths = sorted(default_article_sets(), key=lambda p: (p.stem.rstrip("0123456789"), len(p.stem), p.stem))
    sets = [("dev", shared / "gold" / "dev.jsonl")] + [(p.stem, p) for p in paths]
    write_table(table, collect(shared, sets))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.collect:
        _collect(args.shared, args.table)
    everything = read_table(args.table)
    held_out = [k for k in (*HELD_OUT, *args.hold) if k in everything]
    data = fitted_sets(everything)
    if args.loso:
        print(f"{'held out':<14} {'>=0.8':>6} {'right':>6}")
        for held in data:
            bias, weights = fit_calibrated({k: v for k, v in data.items() if k != held}, args.c, args.target)
            e, r = high_band(data[held], bias, weights)
            print(f"{held:<14} {e:>6} {r / e if e else 0:>6.3f}")
        return 0
    train = {k: v for k, v in data.items() if k not in args.hold}
    bias, weights = fit_calibrated(train, args.c, args.target)
    print("\n".join(table_rows(train, bias, weights)))
    if held_out:
        print("held out:")
        print("\n".join(table_rows({k: everything[k] for k in held_out}, bias, weights)[1:]))
    print(f"log loss (fitted sets): {log_loss(train, bias, weights):.4f}")
    print(code_block(bias, weights))
    return 0


if __name__ == "__main__":
    sys.exit(main())
