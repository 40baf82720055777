"""Scoring predicted events against gold annotations (`shared/gold/README.md`).

Metrics, pooled over the articles of the gold file:

- `article`: cooperation detection (an article is predicted positive when it has
  at least one event): precision, recall, F1;
- `pairs`: unordered country pairs within each event, pooled per article as a
  set; micro precision/recall/F1 over all articles;
- `typed_pairs`: (pair, event type), the same way;
- `sectors`: micro precision/recall/F1 of the per-article sector sets (gold
  `sectors` against the union of the predicted events' sectors);
- `dates`: of the gold events with a date, the share for which a predicted event
  covering one of its country pairs (or, with fewer than two countries, the same
  parties) has the same `date.start`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class PRF:
    """Counts for one micro-averaged metric."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Score:
    """All metrics for one set of articles."""

    articles: int = 0
    missing: int = 0
    article: PRF = field(default_factory=PRF)
    pairs: PRF = field(default_factory=PRF)
    typed_pairs: PRF = field(default_factory=PRF)
    sectors: PRF = field(default_factory=PRF)
    dates_total: int = 0
    dates_correct: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return self.dates_correct / self.dates_total if self.dates_total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "missing_predictions": self.missing,
            "article": self.article.as_dict(),
            "pairs": self.pairs.as_dict(),
            "typed_pairs": self.typed_pairs.as_dict(),
            "sectors": self.sectors.as_dict(),
            "dates": {
                "accuracy": round(self.date_accuracy, 4),
                "correct": self.dates_correct,
                "total": self.dates_total,
            },
        }


Pair = tuple[str, str]  # two party codes, in order


def country_pairs(countries: Iterable[str]) -> set[Pair]:
    """The unordered pairs of `countries` (each once, in order; a repeated code makes no pair)."""
    return {(a, b) for a, b in combinations(sorted(set(countries)), 2)}


def _event_fields(ev: Mapping[str, Any]) -> tuple[str, list[str], list[str], str | None]:
    date = ev.get("date")
    if isinstance(date, Mapping):
        date = date.get("start")
    return str(ev.get("type")), list(ev.get("countries") or []), list(ev.get("igos") or []), date


def _typed_pairs(events: Iterable[Mapping[str, Any]]) -> tuple[set[Pair], set[tuple[Pair, str]]]:
    """The country pairs of `events`, and each pair with the type of an event it stands in."""
    pairs: set[Pair] = set()
    typed: set[tuple[Pair, str]] = set()
    for ev in events:
        etype, countries, _, _ = _event_fields(ev)
        for p in country_pairs(countries):
            pairs.add(p)
            typed.add((p, etype))
    return pairs, typed


def _score_dates(
    gold_events: list[Mapping[str, Any]], pred_events: list[Mapping[str, Any]], into: Score
) -> list[dict[str, Any]]:
    """Count the dated gold events in `into.dates_total` and those a predicted event covering them (a shared
    pair, or the same parties when the gold names no pair) dates alike in `into.dates_correct`; the missed."""
    misses = []
    for ev in gold_events:
        etype, countries, igos, gdate = _event_fields(ev)
        if not gdate:
            continue
        into.dates_total += 1
        gpairs = country_pairs(countries)
        gparties = set(countries) | set(igos)
        ok = False
        for pev in pred_events:
            _, pc, pi, pdate = _event_fields(pev)
            covers = bool(gpairs & country_pairs(pc)) if gpairs else gparties == set(pc) | set(pi)
            if covers and pdate == gdate:
                ok = True
                break
        if ok:
            into.dates_correct += 1
        else:
            misses.append({"type": etype, "countries": countries, "date": gdate})
    return misses


def score_article(gold: Mapping[str, Any], pred_events: list[Mapping[str, Any]], into: Score) -> None:
    """Add one article's counts to `into` (and its differences to `into.errors`)."""
    into.articles += 1
    gold_pos = bool(gold.get("cooperation"))
    pred_pos = bool(pred_events)
    into.article.add({"coop"} if gold_pos else set(), {"coop"} if pred_pos else set())

    gold_events = gold.get("events") or []
    g_pairs, g_typed = _typed_pairs(gold_events)
    p_pairs, p_typed = _typed_pairs(pred_events)
    p_sectors = {s for ev in pred_events for s in ev.get("sectors") or []}
    into.pairs.add(g_pairs, p_pairs)
    into.typed_pairs.add(g_typed, p_typed)
    g_sectors = set(gold.get("sectors") or [])
    into.sectors.add(g_sectors, p_sectors)
    date_misses = _score_dates(gold_events, pred_events, into)

    diff = {
        "id": gold.get("id"),
        "article": [gold_pos, pred_pos] if gold_pos != pred_pos else None,
        "missed_typed": sorted(f"{'-'.join(p)}:{t}" for p, t in g_typed - p_typed),
        "extra_typed": sorted(f"{'-'.join(p)}:{t}" for p, t in p_typed - g_typed),
        "missed_sectors": sorted(g_sectors - p_sectors),
        "extra_sectors": sorted(p_sectors - g_sectors),
        "missed_dates": date_misses,
    }
    if any(v for k, v in diff.items() if k != "id"):
        into.errors.append(diff)


def score(gold: list[Mapping[str, Any]], predictions: Mapping[str, list[Mapping[str, Any]]]) -> Score:
    """Score predictions (article id → list of event dicts) against gold records."""
    result = Score()
    for g in gold:
        gid = str(g.get("id"))
        if gid not in predictions:
            result.missing += 1
        score_article(g, list(predictions.get(gid) or []), result)
    return result


def read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-lines file (blank lines skipped)."""
    out: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
    return out


def read_predictions(path: Path | str) -> dict[str, list[dict[str, Any]]]:
    """`accord extract` output: id → events (skipped or failed articles have none)."""
    preds: dict[str, list[dict[str, Any]]] = {}
    for rec in read_jsonl(path):
        preds[str(rec.get("id"))] = list(rec.get("events") or [])
    return preds


def format_table(result: Score, title: str = "") -> str:
    """A plain-text table of the metrics."""
    rows = [
        ("article detection", result.article),
        ("country pairs", result.pairs),
        ("typed pairs", result.typed_pairs),
        ("sectors", result.sectors),
    ]
    lines = []
    if title:
        lines.append(title)
    lines.append(f"{'metric':<20} {'P':>7} {'R':>7} {'F1':>7} {'tp':>5} {'fp':>5} {'fn':>5}")
    lines.append("-" * 62)
    for name, prf in rows:
        lines.append(
            f"{name:<20} {prf.precision:>7.3f} {prf.recall:>7.3f} {prf.f1:>7.3f} {prf.tp:>5} {prf.fp:>5} {prf.fn:>5}"
        )
    lines.append(
        f"{'date accuracy':<20} {result.date_accuracy:>7.3f} {'':>7} {'':>7} "
        f"{result.dates_correct:>5} {'':>5} {result.dates_total - result.dates_correct:>5}"
    )
    lines.append(
        f"articles: {result.articles}" + (f" (no prediction: {result.missing})" if result.missing else "")
    )
    return "\n".join(lines)
