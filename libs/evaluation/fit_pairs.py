"""`python -m libs.evaluation.fit_pairs --shared ../shared`: fit the learned pair scorer, leave-one-set-out.

1. Runs the engine once on every annotated article (article sets, the dev gold, the
   sentence sets' articles) with a recording `pair_step`: each article's merged
   candidates (type, parties, evidence spans) with the features of their pairs
   (`libs.evaluation.pair_model`: two-party events, members of larger events) and the
   uncovered co-mentioned pairs of cue sentences. Cached as JSON (`--cache`; ids,
   offsets, features and labels, no text); `--refresh` re-runs the engine.
2. Labels: a pair is positive when the gold cooperative dyads of an annotated
   sentence its evidence overlaps have it (sentence sets), or when the article's
   gold events pair it (article sets: distant supervision).
3. Leave-one-set-out: for k = 1..8, blind_k and sentences_k are held out (and every
   example from their articles); one logistic regression per kind of pair is fitted
   on the rest; each part's threshold (`--parts`: drop, add, member) is chosen on the
   training sets' out-of-fold scores to maximise their mean pair F1 / dyad F1; the
   held-out sets are scored before, with each part and with all, by the evaluation's
   own scorers (`score.score`, `sentences.score_sentences`).
4. `--write PATH`: fits on all sets and writes the model (`pair_model.json`) with the
   thresholds of the parts given (`--parts ""`: weights only, nothing switched on). The
   engine ships none: an experiment loads it with `pair_model.load_pair_model(PATH)` and sets
   `Extractor.pair_step = functools.partial(pair_model.apply_pair_model, model)`.

scikit-learn is needed here only (the dev extra); the engine reads the weights in pure Python.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from libs.evaluation.eval import default_article_sets
from libs.evaluation.gold import CORPUS_REL, EXTRA_DIR, REPO_ROOT, extract_gold, load_corpus_texts
from libs.evaluation.pair_model import (
    ADDED,
    ENGINE,
    MEMBER,
    MODEL_FILE,
    event_parties,
    pair_features,
    uncovered_pairs,
)
from libs.evaluation.score import Pair, country_pairs, read_jsonl, score
from libs.evaluation.sentences import first_occurrences, gold_dyads, predicted_dyads, score_sentences
from libs.extraction.candidates import Candidate, SentenceInfo
from libs.extraction.extractor import PairStep

Item = dict[str, Any]  # one recorded candidate: engine, type, countries, igos, spans, features
FOLDS = tuple(range(1, 9))
DROP_GRID = (None, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45)
ADD_GRID = (None, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8)
MEMBER_GRID = (None, 0.1, 0.2, 0.3, 0.4, 0.5)


# -- 1. recording -------------------------------------------------------------------------


def _record(into: list[Item]) -> PairStep:
    """A pair step that records every candidate and uncovered pair with its features, and changes nothing."""

    def step(cands: list[Candidate], infos: list[SentenceInfo], text: str) -> list[Candidate]:
        parties = event_parties(cands)
        for engine, group in ((True, cands), (False, uncovered_pairs(cands, infos))):
            for c in group:
                members = (*c.countries, *c.igos)
                spans = [
                    [infos[p].sent.start, infos[p].sent.end] for p in sorted(set(c.sentences) | set(c.extra))
                ]
                item: Item = {
                    "engine": engine,
                    "type": c.type,
                    "countries": list(c.countries),
                    "igos": list(c.igos),
                    "spans": spans,
                }
                if len(members) == 2:
                    kind, near = (ENGINE, ()) if engine else (ADDED, parties.get(c.sentences[0], ()))
                    item["features"] = pair_features(c, infos, text, kind, near)
                else:
                    item["features"] = None
                    item["members"] = [
                        [a, b, pair_features(c, infos, text, MEMBER, pair=(a, b))]
                        for i, a in enumerate(members)
                        for b in members[i + 1 :]
                    ]
                into.append(item)
        return cands

    return step


def record_sets(shared: Path) -> dict[str, Any]:
    """Every annotated set's gold and the recorded candidates of its articles (keyed by set, then gold id)."""
    from libs.extraction import Extractor

    extractor = Extractor()
    items: list[Item] = []  # the recording of the article being extracted
    extractor.pair_step = _record(items)

    def taken() -> list[Item]:
        recorded = list(items)
        items.clear()
        return recorded

    out: dict[str, Any] = {"articles": {}, "sentences": {}}
    article_sets = [("dev", shared / "gold" / "dev.jsonl")] + [(p.stem, p) for p in default_article_sets()]
    for name, path in article_sets:
        gold = read_jsonl(path)
        recs = {g["id"]: taken() for g, _ in extract_gold(extractor, gold, shared)}
        out["articles"][name] = {"gold": gold, "cands": recs}
    for path in sorted(EXTRA_DIR.glob("sentences_*.jsonl")):
        gold = read_jsonl(path)
        ids = {str(i["article_id"]) for i in gold}
        texts = load_corpus_texts(shared / CORPUS_REL, ids)
        recs = {}
        for aid in sorted(texts):
            extractor.extract(texts[aid], article_id=aid)
            recs[aid] = taken()
        also = {
            str(i["id"]): first_occurrences(
                texts.get(str(i["article_id"]), ""), int(i["start"]), int(i["end"])
            )
            for i in gold
        }
        out["sentences"][path.stem] = {"gold": gold, "cands": recs, "also": also}
    return out


# -- 2. labels ----------------------------------------------------------------------------


def _corpus_id(g: Mapping[str, Any]) -> str:
    return str(g.get("text_ref") or g.get("article_id") or g.get("id"))


def _article_pairs(g: Mapping[str, Any]) -> set[Pair]:
    return {p for ev in g.get("events") or [] for p in country_pairs(ev.get("countries") or [])}


def _overlaps(spans: Iterable[Iterable[int]], lo: int, hi: int) -> bool:
    return any(s < hi and lo < e for s, e in spans)


def _norm(code: str) -> str:
    return code.upper().replace(" ", "_").replace("-", "_")


def _labelled(item: Item, gold: set[tuple[str, str]], countries_only: bool) -> list[tuple[list[str], bool]]:
    """(features, label) of an item's scored pairs: its own pair, or each pair of its members."""
    igos = set(item["igos"])
    pairs = (
        [(*(item["countries"] + item["igos"]), item["features"])]
        if item["features"] is not None
        else [tuple(m) for m in item.get("members", [])]
    )
    out = []
    for a, b, feats in pairs:
        if countries_only and (a in igos or b in igos):
            continue
        key = tuple(sorted((_norm(a), _norm(b))))
        out.append((feats, key in gold))
    return out


def _sentence_gold(block: Mapping[str, Any], sents: list[Mapping[str, Any]], item: Item) -> set | None:
    """The cooperative dyads of the gold sentences the item's evidence overlaps (None: it overlaps none)."""
    hits = [
        s
        for s in sents
        if _overlaps(item["spans"], int(s["start"]), int(s["end"]))
        or any(_overlaps(item["spans"], lo, hi) for lo, hi in block["also"][str(s["id"])])
    ]
    return set().union(*(gold_dyads(s)[0] for s in hits)) if hits else None


def examples(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Labelled examples {set, article (corpus id), features, label}: every scored pair with a label."""
    out: list[dict[str, Any]] = []
    for name, block in data["articles"].items():
        for g in block["gold"]:
            gold = _article_pairs(g)
            for it in block["cands"].get(g["id"], []):
                for feats, label in _labelled(it, gold, True):
                    out.append({"set": name, "article": _corpus_id(g), "features": feats, "label": label})
    for name, block in data["sentences"].items():
        by_article: dict[str, list[Mapping[str, Any]]] = {}
        for s in block["gold"]:
            by_article.setdefault(str(s["article_id"]), []).append(s)
        for aid, items in block["cands"].items():
            for it in items:
                gold = _sentence_gold(block, by_article.get(aid, []), it)
                if gold is not None:
                    for feats, label in _labelled(it, gold, False):
                        out.append({"set": name, "article": aid, "features": feats, "label": label})
    return out


# -- 3. simulation with the evaluation's scorers --------------------------------------------


Decide = Callable[[Item], "tuple[list[str], list[str]] | None"]


def _kept(items: list[Item], keep: Decide) -> list[dict[str, Any]]:
    """The events of the items as the decision keeps them, as the scorers read them."""
    out = []
    for it in items:
        parties = keep(it)
        if parties is not None:
            out.append(
                {
                    "type": it["type"],
                    "countries": parties[0],
                    "igos": parties[1],
                    "evidence": [{"start": s, "end": e} for s, e in it["spans"]],
                }
            )
    return out


def set_metrics(data: Mapping[str, Any], name: str, keep: Decide) -> dict[str, float]:
    """Pairs / typed pairs (article set) or dyads (sentence set) of one set under a decision."""
    if name in data["articles"]:
        block = data["articles"][name]
        preds = {gid: _kept(items, keep) for gid, items in block["cands"].items()}
        res = score(block["gold"], preds)
        return {
            "pairs_p": res.pairs.precision,
            "pairs_r": res.pairs.recall,
            "pairs_f1": res.pairs.f1,
            "typed_f1": res.typed_pairs.f1,
        }
    block = data["sentences"][name]
    events = {aid: _kept(items, keep) for aid, items in block["cands"].items()}
    predicted = {
        str(s["id"]): predicted_dyads(s, events.get(str(s["article_id"]), []), block["also"][str(s["id"])])
        for s in block["gold"]
    }
    res = score_sentences(block["gold"], predicted)
    return {"dyads_p": res.dyads.precision, "dyads_r": res.dyads.recall, "dyads_f1": res.dyads.f1}


Thresholds = tuple[float | None, float | None, float | None]  # drop_below, add_at, member_below


def decision(scorer: Callable[[list[str]], float], th: Thresholds) -> Decide:
    """The runtime's rule (`pair_model._keep`, `apply_pair_model`) on recorded items."""
    drop, add, member = th
    whole = lambda it: (it["countries"], it["igos"])  # noqa: E731

    def keep(it: Item) -> tuple[list[str], list[str]] | None:
        if not it["engine"]:
            return whole(it) if add is not None and scorer(it["features"]) >= add else None
        if it["features"] is not None:
            return whole(it) if drop is None or scorer(it["features"]) >= drop else None
        if member is None:
            return whole(it)
        best: dict[str, float] = {}
        for a, b, feats in it["members"]:
            p = scorer(feats)
            best[a], best[b] = max(best.get(a, 0.0), p), max(best.get(b, 0.0), p)
        kept = {m for m, p in best.items() if p >= member}
        if len(kept) < 2:
            return None
        return [c for c in it["countries"] if c in kept], [c for c in it["igos"] if c in kept]

    return keep


def _headline(metrics: Mapping[str, float]) -> float:
    return metrics.get("pairs_f1", metrics.get("dyads_f1", 0.0))


# -- model fitting ------------------------------------------------------------------------


def fit(rows: list[dict[str, Any]], c: float) -> tuple[float, dict[str, float]]:
    """(bias, weights) of an L2 logistic regression on binary features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r["features"], 1) for r in rows])
    y = [int(r["label"]) for r in rows]
    lr = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    weights = {
        n: float(w) for n, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True) if abs(w) > 1e-6
    }
    return float(lr.intercept_[0]), weights


Weights = tuple[float, dict[str, float]]
KINDS = (ENGINE, ADDED, MEMBER)
PARTS = {"drop": (0, DROP_GRID), "add": (1, ADD_GRID), "member": (2, MEMBER_GRID)}


def fit_kinds(rows: list[dict[str, Any]], c: float) -> dict[str, Weights]:
    """One logistic regression per kind of pair (its marker is the first feature)."""
    return {k: fit([r for r in rows if r["features"][0] == k], c) for k in KINDS}


def scorer_of(weights: Mapping[str, Weights]) -> Callable[[list[str]], float]:
    """A cached scorer of feature lists with the runtime's own `Logistic` (chosen by the kind marker)."""
    from libs.evaluation.pair_model import Logistic

    models = {k: Logistic(*w) for k, w in weights.items()}
    cache: dict[tuple[str, ...], float] = {}

    def run(features: list[str]) -> float:
        key = tuple(features)
        if key not in cache:
            cache[key] = models[features[0]].score(features)
        return cache[key]

    return run


def choose_oof(
    data: Mapping[str, Any], rows: list[dict[str, Any]], sets: list[str], c: float, parts: list[str]
) -> Thresholds:
    """Each part's threshold maximising the mean headline F1 of the training sets (the others off), every
    set scored by models fitted without it (out of fold)."""
    scorers = {s: scorer_of(fit_kinds([r for r in rows if r["set"] != s], c)) for s in sets}
    chosen: list[float | None] = [None, None, None]
    for part in parts:
        slot, grid = PARTS[part]
        best_val = -1.0
        for t in grid:
            th = [None, None, None]
            th[slot] = t
            keep = {s: decision(scorers[s], tuple(th)) for s in sets}  # type: ignore[arg-type]
            val = sum(_headline(set_metrics(data, s, keep[s])) for s in sets) / len(sets)
            if val > best_val + 1e-9:
                chosen[slot], best_val = t, val
    return tuple(chosen)  # type: ignore[return-value]


def held_out(
    data: Mapping[str, Any], rows: list[dict[str, Any]], k: int, c: float, parts: list[str]
) -> dict[str, Any]:
    """Fold k: fit without blind_k, sentences_k and their articles; the held-out sets before, with each
    part alone and with all of them."""
    held = [f"blind_{k}", f"sentences_{k}"]
    banned = {r["article"].removeprefix("corpus:") for r in rows if r["set"] in held}
    banned |= {str(g.get("text_ref", "")).removeprefix("corpus:") for g in data["articles"][held[0]]["gold"]}
    train = [r for r in rows if r["set"] not in held and r["article"].removeprefix("corpus:") not in banned]
    th = choose_oof(data, train, sorted({r["set"] for r in train}), c, parts)
    scorer = scorer_of(fit_kinds(train, c))
    variants: dict[str, Thresholds] = {"before": (None, None, None)}
    for part in parts:
        one: list[float | None] = [None, None, None]
        one[PARTS[part][0]] = th[PARTS[part][0]]
        variants[part] = tuple(one)  # type: ignore[assignment]
    variants["all"] = th
    out: dict[str, Any] = {"thresholds": th}
    for name in held:
        out[name] = {v: set_metrics(data, name, decision(scorer, t)) for v, t in variants.items()}
    return out


def _fmt(m: Mapping[str, float]) -> str:
    if "pairs_f1" in m:
        return f"P {m['pairs_p']:.3f} R {m['pairs_r']:.3f} F1 {m['pairs_f1']:.3f} typed {m['typed_f1']:.3f}"
    return f"P {m['dyads_p']:.3f} R {m['dyads_r']:.3f} F1 {m['dyads_f1']:.3f}"


def write_model(rows: list[dict[str, Any]], th: Thresholds, c: float, parts: list[str], path: Path) -> Path:
    """Fit every kind on all rows and store the weights and thresholds for the engine."""
    weights = fit_kinds(rows, c)
    payload: dict[str, Any] = {
        "fitted_by": f"python -m libs.evaluation.fit_pairs --parts '{','.join(parts)}' --c {c} --write {path}",
        "sets": sorted({r["set"] for r in rows}),
        "drop_below": th[0],
        "add_at": th[1],
        "member_below": th[2],
    }
    if th == (None, None, None):
        payload["note"] = (
            "thresholds null: nothing switched on (held-out gains at noise level, libs/evaluation/README.md)"
        )
    for kind, (bias, w) in weights.items():
        payload[kind] = {"bias": round(bias, 4), "weights": {k: round(v, 4) for k, v in sorted(w.items())}}
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/accord_pairs_record.json"))
    parser.add_argument("--refresh", action="store_true", help="re-run the engine even if the cache exists")
    parser.add_argument("--parts", default="drop,add,member", help="of drop, add, member (comma-separated)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    parser.add_argument("--folds", type=int, nargs="*", default=list(FOLDS))
    parser.add_argument(
        "--write", type=Path, default=None, help=f"fit on all sets and write the model here ({MODEL_FILE})"
    )
    args = parser.parse_args(argv)
    parts = [p for p in args.parts.split(",") if p]
    if args.refresh or not args.cache.exists():
        args.cache.write_text(json.dumps(record_sets(args.shared)), encoding="utf-8")
    data = json.loads(args.cache.read_text(encoding="utf-8"))
    rows = examples(data)
    print(f"examples: {len(rows)} ({sum(r['label'] for r in rows)} positive)")
    for k in args.folds:
        res = held_out(data, rows, k, args.c, parts)
        print(f"fold {k}: drop_below, add_at, member_below = {res['thresholds']}")
        for name in (f"blind_{k}", f"sentences_{k}"):
            for variant, m in res[name].items():
                print(f"  {name:<12} {variant:<7} {_fmt(m)}")
        sys.stdout.flush()
    if args.write:
        th = choose_oof(data, rows, sorted({r["set"] for r in rows}), args.c, parts)
        print(
            f"wrote {write_model(rows, th, args.c, parts, args.write)}: drop_below, add_at, member_below = {th}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
