"""`python -m libs.extraction.eval --shared ../shared`: extract the gold articles and score them.

Resolves each gold line's `text_ref` (`seeds/<file>` under the shared folder, or
`corpus:<id>` in the Tehran Times corpus), passes its `published_at`, runs the
extractor and prints the score table for the dev set and, separately, for the
project's own held-out annotations (`tests/extraction/data/extra_gold*.jsonl`,
ids and labels only, one score per file) when they exist.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from libs.extraction.score import Score, format_table, read_jsonl, score

REPO_ROOT = Path(__file__).resolve().parents[2]
EXTRA_DIR = REPO_ROOT / "tests" / "extraction" / "data"
DEFAULT_EXTRA = EXTRA_DIR / "extra_gold.jsonl"
CORPUS_REL = Path("corpus") / "tehran-times.jsonl.gz"


def load_corpus_texts(corpus: Path, ids: set[str]) -> dict[str, str]:
    """Texts of the wanted corpus ids (one pass over the gzip file)."""
    out: dict[str, str] = {}
    if not ids:
        return out
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            # cheap pre-check before parsing the line
            if '"id"' not in line:
                continue
            rec = json.loads(line)
            if rec.get("id") in ids:
                out[rec["id"]] = rec.get("text") or ""
                if len(out) == len(ids):
                    break
    return out


def resolve_texts(gold: list[dict[str, Any]], shared: Path) -> dict[str, str]:
    """Gold id → article text, from seeds files or the corpus."""
    texts: dict[str, str] = {}
    wanted: dict[str, str] = {}
    for g in gold:
        ref = str(g.get("text_ref") or "")
        if ref.startswith("corpus:"):
            wanted[ref.split(":", 1)[1]] = g["id"]
        elif ref:
            texts[g["id"]] = (shared / ref).read_text(encoding="utf-8")
    corpus = load_corpus_texts(shared / CORPUS_REL, set(wanted))
    for cid, gid in wanted.items():
        if cid in corpus:
            texts[gid] = corpus[cid]
    return texts


def run_gold(extractor: Any, gold: list[dict[str, Any]], shared: Path) -> tuple[Score, dict[str, list[dict]]]:
    """Extract every gold article and score the result."""
    texts = resolve_texts(gold, shared)
    preds: dict[str, list[dict]] = {}
    for g in gold:
        text = texts.get(g["id"])
        if text is None:
            continue
        pub = date.fromisoformat(g["published_at"]) if g.get("published_at") else None
        res = extractor.extract(text, article_id=g["id"], published_at=pub)
        preds[g["id"]] = [e.model_dump(mode="json") for e in res.events]
    return score(gold, preds), preds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--gold", type=Path, default=None, help="default: <shared>/gold/dev.jsonl")
    parser.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=None,
        help="own annotations to score separately (repeatable; default: tests/extraction/data/extra_gold*.jsonl)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the metrics as JSON here")
    parser.add_argument("--errors", action="store_true", help="print per-article differences")
    parser.add_argument("--no-spacy", action="store_true", help="rules only (no spaCy participants)")
    args = parser.parse_args(argv)

    gold_path = args.gold or args.shared / "gold" / "dev.jsonl"
    if not gold_path.exists():
        print(f"gold file not found: {gold_path}", file=sys.stderr)
        return 2
    from libs.extraction import Extractor

    extractor = Extractor(use_spacy=not args.no_spacy)
    report: dict[str, Any] = {}
    sets = [("dev", gold_path)]
    extras = args.extra if args.extra is not None else sorted(EXTRA_DIR.glob("extra_gold*.jsonl"))
    for path in extras:
        if path.exists():
            sets.append((path.stem, path))
    for name, path in sets:
        result, _ = run_gold(extractor, read_jsonl(path), args.shared)
        print(format_table(result, f"== {name}: {path}"))
        print()
        report[name] = result.as_dict()
        if args.errors:
            for err in result.errors:
                print(json.dumps(err, ensure_ascii=False))
            print()
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
