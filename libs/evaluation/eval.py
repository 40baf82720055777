"""`python -m libs.evaluation.eval --shared ../shared`: extract the gold articles and score them (`make eval`).

Runs the extractor on the dev set and, separately, on the project's own held-out
annotations (`tests/extraction/data/extra_gold*.jsonl`, `blind_*.jsonl` and
`devpool*.jsonl`, ids and labels only, one score per file) and the sentence-level dyad sets
(`sentences_*.jsonl`), and prints one score table per set. `--jobs N` runs the sets in N
processes (`libs.evaluation.pool`), with the same output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from libs.evaluation.gold import EXTRA_DIR, REPO_ROOT
from libs.evaluation.pool import GoldSet, run_sets
from libs.evaluation.score import format_table, read_jsonl
from libs.evaluation.sentences import SentenceScore, format_sentence_table


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
        "extra_gold*.jsonl, blind_*.jsonl and devpool*.jsonl)",
    )
    parser.add_argument(
        "--sentences",
        type=Path,
        action="append",
        default=None,
        help="sentence sets to score (repeatable; default: tests/extraction/data/sentences_*.jsonl)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the metrics as JSON here")
    parser.add_argument(
        "--errors", action="store_true", help="print per-article (and per-sentence) differences"
    )
    parser.add_argument("--no-spacy", action="store_true", help="rules only (no spaCy participants)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="run the sets in N processes, one engine each, with the same output (0: one per usable core; "
        "default 1: one after the other in this process)",
    )
    return parser


def default_article_sets() -> list[Path]:
    """The repo's own article-level annotation sets (ids and labels only)."""
    return (
        sorted(EXTRA_DIR.glob("extra_gold*.jsonl"))
        + sorted(EXTRA_DIR.glob("blind_*.jsonl"))
        + sorted(EXTRA_DIR.glob("devpool*.jsonl"))
    )


def _print_errors(errors: list[dict[str, Any]]) -> None:
    for err in errors:
        print(json.dumps(err, ensure_ascii=False))
    print()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    gold_path = args.gold or args.shared / "gold" / "dev.jsonl"
    if not gold_path.exists():
        print(f"gold file not found: {gold_path}", file=sys.stderr)
        return 2
    extras = args.extra if args.extra is not None else default_article_sets()
    sentence_sets = (
        args.sentences if args.sentences is not None else sorted(EXTRA_DIR.glob("sentences_*.jsonl"))
    )
    articles = [("dev", gold_path)] + [(p.stem, p) for p in extras if p.exists()]
    sentences = [p for p in sentence_sets if p.exists()]
    sets = [GoldSet(name, read_jsonl(path)) for name, path in articles] + [
        GoldSet(p.stem, read_jsonl(p), "sentences") for p in sentences
    ]
    paths = [path for _, path in articles] + sentences
    report: dict[str, Any] = {}
    runs = run_sets(sets, args.shared, jobs=args.jobs, use_spacy=not args.no_spacy)
    for path, (gold_set, out) in zip(paths, runs, strict=True):
        if isinstance(out, SentenceScore):
            print(format_sentence_table(out, f"== {gold_set.name}: {path}"))
            print()
            report[gold_set.name] = out.as_dict()
            if args.errors:
                _print_errors(out.errors)
            continue
        result, _ = out
        print(format_table(result, f"== {gold_set.name}: {path}"))
        print()
        report[gold_set.name] = result.as_dict()
        if args.errors:
            _print_errors(result.errors)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
