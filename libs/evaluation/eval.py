"""`python -m libs.evaluation.eval --shared ../shared`: extract the gold articles and score them (`make eval`).

Runs the extractor on the dev set and, separately, on the project's own held-out
annotations (`tests/extraction/data/extra_gold*.jsonl` and `blind_*.jsonl`, ids
and labels only, one score per file) and the sentence-level dyad sets
(`sentences_*.jsonl`), and prints one score table per set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from libs.evaluation.gold import EXTRA_DIR, REPO_ROOT, run_gold
from libs.evaluation.score import format_table, read_jsonl
from libs.evaluation.sentences import format_sentence_table, run_sentences


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--gold", type=Path, default=None, help="default: <shared>/gold/dev.jsonl")
    parser.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=None,
        help="own article sets to score separately (repeatable; default: tests/extraction/data/"
        "extra_gold*.jsonl and blind_*.jsonl)",
    )
    parser.add_argument(
        "--sentences",
        type=Path,
        action="append",
        default=None,
        help="sentence sets to score (repeatable; default: tests/extraction/data/sentences_*.jsonl)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the metrics as JSON here")
    parser.add_argument("--errors", action="store_true", help="print per-article differences")
    parser.add_argument("--no-spacy", action="store_true", help="rules only (no spaCy participants)")
    return parser


def default_article_sets() -> list[Path]:
    """The repo's own article-level annotation sets (ids and labels only)."""
    return sorted(EXTRA_DIR.glob("extra_gold*.jsonl")) + sorted(EXTRA_DIR.glob("blind_*.jsonl"))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    gold_path = args.gold or args.shared / "gold" / "dev.jsonl"
    if not gold_path.exists():
        print(f"gold file not found: {gold_path}", file=sys.stderr)
        return 2
    from libs.extraction import Extractor

    extractor = Extractor(use_spacy=not args.no_spacy)
    report: dict[str, Any] = {}
    extras = args.extra if args.extra is not None else default_article_sets()
    sets = [("dev", gold_path)] + [(p.stem, p) for p in extras if p.exists()]
    for name, path in sets:
        result, _ = run_gold(extractor, read_jsonl(path), args.shared)
        print(format_table(result, f"== {name}: {path}"))
        print()
        report[name] = result.as_dict()
        if args.errors:
            for err in result.errors:
                print(json.dumps(err, ensure_ascii=False))
            print()
    sentence_sets = (
        args.sentences if args.sentences is not None else sorted(EXTRA_DIR.glob("sentences_*.jsonl"))
    )
    for path in sentence_sets:
        if path.exists():
            sentences = run_sentences(extractor, read_jsonl(path), args.shared)
            print(format_sentence_table(sentences, f"== {path.stem}: {path}"))
            print()
            report[path.stem] = sentences.as_dict()
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
