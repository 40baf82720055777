"""Sector replay: the engine's events recorded once, their sectors re-assigned and scored in seconds.

Sectors feed no other decision of the engine, so an idea about sectors (a cue in `data/sectors.yaml`,
a change in `libs/extraction/sectors.py`) can be screened on recorded events: for each article, its
working text, its sentence spans and, per event, its own evidence positions and wider spans (what
`sectors.event_sectors` reads). Every kept change must still be confirmed with the full evaluation.

    python -m libs.evaluation.sector_replay record --shared ../shared --out /tmp/sectors/cache.pkl \\
        tests/extraction/data/blind_*.jsonl tests/extraction/data/devpool.jsonl
    python -m libs.evaluation.sector_replay score /tmp/sectors/cache.pkl [--n 36] [--errors F.jsonl]

`score` prints per set the sector F1 as recorded and as replayed with the current code and data, and
the mean over blind_1..N with its halves (h1 = blind_1..N//2, h2 = the rest).
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from libs.evaluation.gold import published_date, resolve_texts
from libs.evaluation.score import PRF, read_jsonl

Span = tuple[int, int]


@dataclass(slots=True)
class ArticleRecord:
    """What sectors are assigned from in one article, with the gold sectors and the recorded ones."""

    id: str
    gold: list[str]
    text: str = ""
    sentences: list[Span] = field(default_factory=list)
    owns: list[list[int]] = field(default_factory=list)
    wider: list[list[Span]] = field(default_factory=list)
    recorded: list[str] = field(default_factory=list)
    confidence: list[float] = field(default_factory=list)
    types: list[str] = field(default_factory=list)


def record_article(engine: Any, gold: dict[str, Any], text: str, pub: Any = None) -> ArticleRecord:
    """Extract one article with `engine` and record what its events' sectors are read from."""
    from libs.extraction.extractor import _sector_spans

    rec = ArticleRecord(id=gold["id"], gold=list(gold.get("sectors") or []))

    def hook(cand: Any, infos: Any, work: str, event: Any) -> None:
        if not rec.sentences:
            rec.text = work
            rec.sentences = [(i.sent.start, i.sent.end) for i in infos]
        rec.owns.append(sorted(set(cand.sentences) | set(cand.extra)))
        rec.wider.append(_sector_spans(infos, cand))
        rec.recorded.extend(s for s in event.sectors if s not in rec.recorded)
        rec.confidence.append(event.confidence)
        rec.types.append(str(event.type.value))

    previous, engine.event_hook = engine.event_hook, hook
    try:
        engine.extract(text, article_id=gold["id"], published_at=pub)
    finally:
        engine.event_hook = previous
    return rec


def record(paths: Sequence[Path], shared: Path) -> dict[str, list[ArticleRecord]]:
    """Per gold set (its file stem), the records of its articles whose text resolves."""
    from libs.extraction import Extractor

    engine = Extractor()
    out: dict[str, list[ArticleRecord]] = {}
    for path in paths:
        gold = read_jsonl(path)
        texts = resolve_texts(gold, shared)
        out[path.stem] = [
            record_article(engine, g, texts[g["id"]], published_date(g)) for g in gold if g["id"] in texts
        ]
    return out


def replay(recs: Sequence[ArticleRecord], matcher: Any) -> list[set[str]]:
    """Per article, the union of its events' sectors as the current code assigns them."""
    from libs.extraction.sectors import event_sectors

    out: list[set[str]] = []
    for rec in recs:
        if not rec.owns:
            out.append(set())
            continue
        per_event = event_sectors(matcher, rec.text, rec.sentences, rec.owns, rec.wider)
        out.append({s for sectors in per_event for s in sectors})
    return out


def prf(recs: Sequence[ArticleRecord], preds: Sequence[set[str]]) -> PRF:
    """Micro counts of the per-article sector sets (as `score.score_article`)."""
    counts = PRF()
    for rec, pred in zip(recs, preds, strict=True):
        counts.add(set(rec.gold), pred)
    return counts


def _blind_number(name: str) -> int | None:
    m = re.fullmatch(r"blind_(\d+)", name)
    return int(m.group(1)) if m else None


def summary(f1s: dict[str, float], n: int) -> dict[str, float]:
    """The mean sector F1 over blind_1..n and its halves."""
    blind = {_blind_number(k): v for k, v in f1s.items() if _blind_number(k) is not None}
    idx = [i for i in range(1, n + 1) if i in blind]
    h = n // 2
    h1, h2 = [blind[i] for i in idx if i <= h], [blind[i] for i in idx if i > h]
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return {"mean": mean([blind[i] for i in idx]), "h1": mean(h1), "h2": mean(h2)}


def score(cache: dict[str, list[ArticleRecord]], n: int, errors: Path | None) -> None:
    """Print recorded and replayed sector F1 per set and the blind means."""
    from libs.extraction.resources import load_resources
    from libs.extraction.sectors import SectorMatcher

    matcher = SectorMatcher(load_resources())
    before: dict[str, float] = {}
    after: dict[str, float] = {}
    rows = []
    for name, recs in cache.items():
        preds = replay(recs, matcher)
        before[name] = prf(recs, [set(r.recorded) for r in recs]).f1
        after[name] = prf(recs, preds).f1
        if abs(after[name] - before[name]) > 1e-9:
            print(f"{name:14s} {before[name]:.4f} -> {after[name]:.4f} {after[name] - before[name]:+.4f}")
        for rec, pred in zip(recs, preds, strict=True):
            rows.append(
                {
                    "set": name,
                    "id": rec.id,
                    "gold": sorted(rec.gold),
                    "pred": sorted(pred),
                    "was": sorted(rec.recorded),
                    "events": len(rec.owns),
                }
            )
    sb, sa = summary(before, n), summary(after, n)
    for k in sb:
        print(f"{k:14s} {sb[k]:.4f} -> {sa[k]:.4f} {sa[k] - sb[k]:+.4f}")
    if errors:
        errors.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def dump(cache: dict[str, list[ArticleRecord]]) -> dict[str, list[dict[str, Any]]]:
    """The records as plain data (picklable whatever module name they were made under)."""
    return {name: [asdict(r) for r in recs] for name, recs in cache.items()}


def load(data: dict[str, list[dict[str, Any]]]) -> dict[str, list[ArticleRecord]]:
    """The records back from `dump`."""
    return {name: [ArticleRecord(**r) for r in recs] for name, recs in data.items()}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("--shared", type=Path, required=True)
    rec.add_argument("--out", type=Path, required=True)
    rec.add_argument("sets", type=Path, nargs="+")
    sc = sub.add_parser("score")
    sc.add_argument("cache", type=Path)
    sc.add_argument("--n", type=int, default=36)
    sc.add_argument("--errors", type=Path, default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.cmd == "record":
        cache = record(args.sets, args.shared)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(pickle.dumps(dump(cache)))
        print(
            f"recorded {sum(len(v) for v in cache.values())} articles in {len(cache)} sets", file=sys.stderr
        )
        return 0
    score(load(pickle.loads(args.cache.read_bytes())), args.n, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
