"""Is `confidence` calibrated? A reliability table: bins of confidence against the share of right events.

`python -m libs.evaluation.reliability --shared ../shared [--set FILE ...]` runs the
engine on article-level gold sets (default: the blind sets and the development
pool, `tests/extraction/data/blind_*.jsonl` and `devpool*.jsonl`) and counts, per confidence bin, how many
predicted events are right. An event is **right** when every country pair it
makes is a pair of a gold event of its article (an event with one country and
IGOs: a gold event with the same parties); **typed-right** also needs a gold event
of the same type with that pair. The target (issue 13): events with confidence
≥ 0.8 are right at least 80 % of the time, so `min_confidence` is a real knob.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from libs.evaluation.gold import EXTRA_DIR, REPO_ROOT, extract_gold
from libs.evaluation.score import country_pairs

BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def event_right(event: Mapping[str, Any], gold_events: list[Mapping[str, Any]], typed: bool = False) -> bool:
    """Whether a predicted event (contract dict) is right against its article's gold events."""
    gold = [g for g in gold_events if not typed or g.get("type") == event.get("type")]
    pairs = country_pairs(event.get("countries") or [])
    if not pairs:
        parties = set(event.get("countries") or []) | set(event.get("igos") or [])
        return any(parties == set(g.get("countries") or []) | set(g.get("igos") or []) for g in gold)
    gold_pairs: set[tuple[str, str]] = set()
    for g in gold:
        gold_pairs |= country_pairs(g.get("countries") or [])
    return pairs <= gold_pairs


@dataclass(slots=True)
class Bin:
    lo: float
    hi: float
    events: int = 0
    right: int = 0
    typed_right: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.events if self.events else 0.0

    @property
    def typed_precision(self) -> float:
        return self.typed_right / self.events if self.events else 0.0


@dataclass(slots=True)
class Reliability:
    bins: list[Bin] = field(default_factory=lambda: [Bin(lo, hi) for lo, hi in pairwise(BINS)])

    def add(self, confidence: float, right: bool, typed_right: bool) -> None:
        for b in self.bins:
            if b.lo <= confidence < b.hi:
                b.events += 1
                b.right += right
                b.typed_right += typed_right
                return

    def at_least(self, threshold: float) -> Bin:
        """All events with confidence ≥ threshold, as one bin."""
        out = Bin(threshold, 1.01)
        for b in self.bins:
            if b.lo >= threshold:
                out.events += b.events
                out.right += b.right
                out.typed_right += b.typed_right
        return out

    def as_dict(self) -> dict[str, Any]:
        rows = [*self.bins, self.at_least(0.8)]
        return {
            f"{b.lo:.1f}-{min(b.hi, 1.0):.1f}" if b.hi <= 1.0 or b.lo < 0.9 else f">={b.lo:.1f}": {
                "events": b.events,
                "precision": round(b.precision, 4),
                "typed_precision": round(b.typed_precision, 4),
            }
            for b in rows
        }


def add_article(into: Reliability, gold: Mapping[str, Any], events: list[Mapping[str, Any]]) -> None:
    gold_events = list(gold.get("events") or [])
    for ev in events:
        into.add(
            float(ev.get("confidence") or 0.0),
            event_right(ev, gold_events),
            event_right(ev, gold_events, True),
        )


def run_reliability(extractor: Any, gold_sets: list[list[dict[str, Any]]], shared: Path) -> Reliability:
    """Extract every article of the gold sets and fill the reliability table."""
    result = Reliability()
    for gold in gold_sets:
        for g, res in extract_gold(extractor, gold, shared):
            add_article(result, g, [e.model_dump(mode="json") for e in res.events])
    return result


def format_reliability(result: Reliability) -> str:
    lines = [f"{'confidence':<12} {'events':>7} {'right':>7} {'typed':>7}", "-" * 36]
    for b in [*result.bins, result.at_least(0.8)]:
        label = f"[{b.lo:.1f}, {min(b.hi, 1.0):.1f})" if b is not result.bins[-1] else f"[{b.lo:.1f}, 1.0]"
        if b.hi > 1.0 and b.lo == 0.8:
            label = ">= 0.8"
        lines.append(f"{label:<12} {b.events:>7} {b.precision:>7.3f} {b.typed_precision:>7.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--set", type=Path, action="append", default=None, help="gold set (repeatable)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    sets = args.set or sorted(EXTRA_DIR.glob("blind_*.jsonl")) + sorted(EXTRA_DIR.glob("devpool*.jsonl"))
    if not sets:
        print("no gold set given or found", file=sys.stderr)
        return 2
    from libs.evaluation.score import read_jsonl
    from libs.extraction import Extractor

    result = run_reliability(Extractor(), [read_jsonl(p) for p in sets], args.shared)
    print("sets: " + ", ".join(str(p) for p in sets))
    print(format_reliability(result))
    if args.json:
        args.json.write_text(json.dumps(result.as_dict(), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
