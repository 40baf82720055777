"""Sentence-level dyad scoring (`accord score --sentences`).

A sentence set is JSON lines `{id, article_id, start, end, dyads: [{source,
target, plover}], note?}`: character offsets into a corpus article's text and
the dyads a person read in that sentence (PLOVER roots; states as ISO alpha-3,
IGOs by short name).

How the engine is run for a sentence: on the **full article** (context such as
"the two sides" needs the sentences before), without a publication date; the
sentence's predicted dyads are the unordered party pairs (countries and IGOs) of
every event whose evidence overlaps the sentence span (for a sentence the crawl
repeated, the span of its first occurrence, which is where the engine reads it).
Dyads are **state** dyads on both sides (`STATES`: ISO 3166 alpha-3, and Kosovo):
the sentence sets from sentences_3 on were annotated with states only, as the
issue asks ("source country, target country"), so an engine pair with an IGO is
not a dyad, and the IGO dyads of sentences_1 and sentences_2 are left out of
their gold. Every engine event is
cooperative, so predictions are compared with the gold's cooperative dyads
(roots CONSULT, AGREE, SUPPORT, COOPERATE, AID) as unordered pairs, pooled over
sentences (micro P/R/F1). Also reported: sentence detection (a sentence with at
least one cooperative dyad against one with at least one predicted pair), and
the predicted pairs that the gold codes only as non-cooperative (ACCUSE,
THREATEN, ... : the engine calling conflict cooperation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from libs.evaluation.gold import CORPUS_REL, load_corpus_texts
from libs.evaluation.score import PRF, Pair, read_jsonl
from libs.extraction.gazetteer import STATE_CODES

COOPERATIVE_ROOTS = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID"})

Span = tuple[int, int]

# The parties a dyad may have: states (ISO 3166 alpha-3, plus Kosovo's user-assigned XKX).
STATES = STATE_CODES


def party_code(code: str) -> str:
    """One spelling for a party: "Arab League" and "ARAB_LEAGUE" are the same IGO."""
    return code.strip().upper().replace(" ", "_").replace("-", "_")


def state_pairs(parties: Iterable[str]) -> set[Pair]:
    """The unordered pairs of the states among `parties`."""
    states = {party_code(p) for p in parties} & STATES
    return {(a, b) for a, b in combinations(sorted(states), 2)}


def gold_dyads(item: Mapping[str, Any]) -> tuple[set[Pair], set[Pair]]:
    """(cooperative, non-cooperative) unordered state pairs of one gold sentence (IGO dyads left out)."""
    coop: set[Pair] = set()
    other: set[Pair] = set()
    for d in item.get("dyads") or []:
        a, b = party_code(str(d["source"])), party_code(str(d["target"]))
        if a == b or a not in STATES or b not in STATES:
            continue
        pair: Pair = (a, b) if a < b else (b, a)
        (coop if str(d.get("plover", "")).upper() in COOPERATIVE_ROOTS else other).add(pair)
    return coop, other - coop


def predicted_dyads(
    item: Mapping[str, Any], events: Iterable[Mapping[str, Any]], also: Iterable[Span] = ()
) -> set[Pair]:
    """The party pairs of the events whose evidence overlaps the sentence span (or one of `also`:
    the first occurrence of a sentence the crawl repeated, annotation rule 5)."""
    wanted = [(int(item["start"]), int(item["end"])), *also]
    out: set[Pair] = set()
    for ev in events:
        spans = [(int(e["start"]), int(e["end"])) for e in ev.get("evidence") or []]
        if any(s < hi and lo < e for s, e in spans for lo, hi in wanted):
            out |= state_pairs(ev.get("countries") or [])
    return out


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def first_occurrences(text: str, lo: int, hi: int) -> list[Span]:
    """The spans of the first occurrences of the repeated sentences that text[lo:hi] overlaps.

    The crawl repeats trailing sentences; the engine reads a repeat once (rule 5),
    so its evidence is the first occurrence.
    """
    from libs.extraction.text import segment

    first: dict[str, Span] = {}
    out: list[Span] = []
    for s in segment(text).sentences:
        key = _key(s.text)
        if not s.duplicate:
            first.setdefault(key, (s.start, s.end))
        elif s.start < hi and lo < s.end and key in first:
            out.append(first[key])
    return out


@dataclass(slots=True)
class SentenceScore:
    """Dyad metrics over a sentence set."""

    sentences: int = 0
    dyads: PRF = field(default_factory=PRF)
    detection: PRF = field(default_factory=PRF)
    non_cooperative_emitted: int = 0  # predicted pairs the gold codes only as non-cooperative
    non_cooperative_total: int = 0
    per_sentence_f1: list[float] = field(default_factory=list)  # sentences with gold or predicted dyads
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "dyads": self.dyads.as_dict(),
            "sentence_detection": self.detection.as_dict(),
            "non_cooperative_emitted": self.non_cooperative_emitted,
            "non_cooperative_total": self.non_cooperative_total,
            "sentence_macro_f1": round(self.macro_f1, 4),
        }

    @property
    def macro_f1(self) -> float:
        """The mean per-sentence dyad F1 (a few many-party sentences do not dominate it)."""
        return sum(self.per_sentence_f1) / len(self.per_sentence_f1) if self.per_sentence_f1 else 0.0


def score_sentences(items: list[Mapping[str, Any]], predicted: Mapping[str, set[Pair]]) -> SentenceScore:
    """Score predicted pairs (sentence id → pairs) against the gold sentences."""
    result = SentenceScore()
    for item in items:
        sid = str(item["id"])
        coop, other = gold_dyads(item)
        pred = set(predicted.get(sid) or set())
        result.sentences += 1
        result.dyads.add(coop, pred)
        result.detection.add({"coop"} if coop else set(), {"coop"} if pred else set())
        if coop or pred:
            one = PRF()
            one.add(coop, pred)
            result.per_sentence_f1.append(one.f1)
        result.non_cooperative_total += len(other)
        wrong = pred & other
        result.non_cooperative_emitted += len(wrong)
        if coop != pred:
            result.errors.append(
                {
                    "id": sid,
                    "missed": sorted("-".join(p) for p in coop - pred),
                    "extra": sorted("-".join(p) for p in pred - coop),
                    "non_cooperative": sorted("-".join(p) for p in wrong),
                }
            )
    return result


def run_sentences(extractor: Any, items: list[Mapping[str, Any]], shared: Path) -> SentenceScore:
    """Run the engine on each sentence's article (once per article) and score the sentences."""
    ids = {str(i["article_id"]) for i in items}
    texts = load_corpus_texts(shared / CORPUS_REL, ids)
    events: dict[str, list[dict[str, Any]]] = {}
    for aid in sorted(ids):
        if aid in texts:
            res = extractor.extract(texts[aid], article_id=aid)
            events[aid] = [e.model_dump(mode="json") for e in res.events]
    predicted = {
        str(i["id"]): predicted_dyads(
            i,
            events.get(str(i["article_id"]), []),
            first_occurrences(texts.get(str(i["article_id"]), ""), int(i["start"]), int(i["end"])),
        )
        for i in items
    }
    return score_sentences(items, predicted)


def predictions_from_file(items: list[Mapping[str, Any]], pred_path: Path | str) -> dict[str, set[Pair]]:
    """Sentence id → predicted pairs, from `accord extract` output over the sentences' articles."""
    by_article = {str(r.get("id")): list(r.get("events") or []) for r in read_jsonl(pred_path)}
    return {str(i["id"]): predicted_dyads(i, by_article.get(str(i["article_id"]), [])) for i in items}


def format_sentence_table(result: SentenceScore, title: str = "") -> str:
    """A plain-text table of the sentence metrics."""
    lines = [title] if title else []
    lines.append(f"{'metric':<24} {'P':>7} {'R':>7} {'F1':>7} {'tp':>5} {'fp':>5} {'fn':>5}")
    lines.append("-" * 66)
    for name, prf in (("cooperative dyads", result.dyads), ("sentence detection", result.detection)):
        lines.append(
            f"{name:<24} {prf.precision:>7.3f} {prf.recall:>7.3f} {prf.f1:>7.3f} {prf.tp:>5} {prf.fp:>5} {prf.fn:>5}"
        )
    lines.append(
        f"non-cooperative dyads emitted as cooperation: {result.non_cooperative_emitted}"
        f" of {result.non_cooperative_total}"
    )
    lines.append(f"sentence-averaged dyad F1: {result.macro_f1:.3f}")
    lines.append(f"sentences: {result.sentences}")
    return "\n".join(lines)
