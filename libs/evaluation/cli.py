"""`accord score`, `accord sample-blind`, `accord errors`, `accord agreement`: measure the extraction against annotations.

    accord score --gold ../shared/gold/dev.jsonl --pred events.jsonl [--json metrics.json]
    accord score --sentences tests/extraction/data/sentences_1.jsonl [--pred events.jsonl] [--shared ../shared]
    accord sample-blind --seed 1301 --articles 130 --exclude tests/extraction/data/extra_gold*.jsonl --out ids.jsonl
    accord errors --set tests/extraction/data/blind_1.jsonl --sentences tests/extraction/data/sentences_1.jsonl
    accord agreement tests/extraction/data/blind_3.jsonl tests/extraction/data/iaa_3.jsonl

With `--sentences`, the engine is run on each sentence's corpus article (or
`--pred` gives `accord extract` output for those articles) and cooperative dyads
are scored per sentence (see `libs/evaluation/sentences.py`). Heavy modules are
imported inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _write(metrics: dict[str, Any], path: str | None) -> None:
    print(json.dumps(metrics, indent=2))
    if path:
        Path(path).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")


def _score_sentences(args: argparse.Namespace) -> int:
    from libs.evaluation.score import read_jsonl
    from libs.evaluation.sentences import (
        format_sentence_table,
        predictions_from_file,
        run_sentences,
        score_sentences,
    )

    items = read_jsonl(args.sentences)
    if args.pred:
        result = score_sentences(items, predictions_from_file(items, args.pred))
    else:
        from libs.extraction import Extractor

        result = run_sentences(Extractor(), items, Path(args.shared))
    print(format_sentence_table(result, f"sentences: {args.sentences}"))
    if args.errors:
        for err in result.errors:
            print(json.dumps(err, ensure_ascii=False))
    _write(result.as_dict(), args.json)
    return 0


def _score(args: argparse.Namespace) -> int:
    for path in (args.gold, args.pred, args.sentences):
        if path and not Path(path).exists():
            print(f"accord score: file not found: {path}", file=sys.stderr)
            return 2
    if args.sentences:
        return _score_sentences(args)
    if not (args.gold and args.pred):
        print("accord score: --gold and --pred are required (or --sentences)", file=sys.stderr)
        return 2
    from libs.evaluation.score import format_table, read_jsonl, read_predictions, score

    result = score(read_jsonl(args.gold), read_predictions(args.pred))
    print(format_table(result, f"gold: {args.gold}  pred: {args.pred}"))
    _write(result.as_dict(), args.json)
    return 0


def _sample_blind(args: argparse.Namespace) -> int:
    from libs.evaluation.sampling import sample

    shared = Path(args.shared)
    if not (shared / "gold" / "dev.jsonl").exists():
        print(f"accord sample-blind: no shared material at {shared}", file=sys.stderr)
        return 2
    rows = sample(shared, args.seed, articles=args.articles, sentences=args.sentences, exclude=args.exclude)
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    print(f"accord sample-blind: {len(rows)} ids written to {args.out}", file=sys.stderr)
    return 0


def _agreement(args: argparse.Namespace) -> int:
    from libs.evaluation.agreement import agreement
    from libs.evaluation.score import format_table, read_jsonl

    result, n = agreement(read_jsonl(args.first), read_jsonl(args.second))
    if not n:
        print("accord agreement: the two files share no article id", file=sys.stderr)
        return 1
    print(format_table(result, f"agreement: {args.second} against {args.first} ({n} articles)"))
    _write(result.as_dict(), args.json)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "score", help="score predicted events against gold annotations (articles or sentences)"
    )
    s.add_argument("--gold", default=None, help="gold JSON-lines file (shared/gold/dev.jsonl format)")
    s.add_argument("--pred", default=None, help="`accord extract` output")
    s.add_argument("--sentences", default=None, help="a sentence-level dyad set: score dyads per sentence")
    s.add_argument(
        "--shared", default=str(DEFAULT_SHARED), help="shared folder with the corpus (--sentences)"
    )
    s.add_argument("--errors", action="store_true", help="print per-sentence differences (--sentences)")
    s.add_argument("--json", default=None, help="also write the metrics as JSON to this file")
    s.set_defaults(func=_score)

    b = sub.add_parser(
        "sample-blind", help="sample a blind annotation set from the corpus (ids, never texts)"
    )
    b.add_argument("--seed", type=int, required=True, help="random seed (record it beside the set)")
    b.add_argument("--articles", type=int, default=130, help="articles to sample (0 for a sentence set)")
    b.add_argument("--sentences", type=int, default=0, help="sentences to sample")
    b.add_argument("--exclude", type=Path, nargs="*", default=[], help="annotation or id files to exclude")
    b.add_argument("--shared", default=str(DEFAULT_SHARED), help="shared folder with the corpus")
    b.add_argument("--out", required=True, help="output JSON-lines file of ids")
    b.set_defaults(func=_sample_blind)

    e = sub.add_parser(
        "errors", help="list false-negative and false-positive events per set, with a tally by cause"
    )
    e.add_argument("--set", action="append", default=[], help="article-level gold set (repeatable)")
    e.add_argument("--sentences", action="append", default=[], help="sentence-level dyad set (repeatable)")
    e.add_argument(
        "--causes", default=None, help="causes TSV (default: libs/evaluation/data/error_causes.tsv)"
    )
    e.add_argument("--shared", default=str(DEFAULT_SHARED), help="shared folder with the corpus")
    e.add_argument("--tally-only", action="store_true", help="print the tallies, not the items")
    e.add_argument("--json", default=None, help="also write every item as JSON to this file")
    e.set_defaults(func=_errors)

    a = sub.add_parser("agreement", help="inter-annotator agreement of two annotations of the same articles")
    a.add_argument("first", help="annotation file (gold format), read as the reference")
    a.add_argument("second", help="annotation file of the same articles by another person")
    a.add_argument("--json", default=None, help="also write the metrics as JSON to this file")
    a.set_defaults(func=_agreement)


def _errors(args: argparse.Namespace) -> int:
    from libs.evaluation.errors import (
        CAUSES_FILE,
        apply_causes,
        dump,
        format_items,
        format_tally,
        read_causes,
        run_errors,
        tally,
    )
    from libs.extraction import Extractor

    paths = [Path(p) for p in [*args.set, *args.sentences]]
    missing = [p for p in paths if not p.exists()]
    if missing or not paths:
        print(f"accord errors: no set given or file not found: {missing}", file=sys.stderr)
        return 2
    items = run_errors(
        Extractor(), [Path(p) for p in args.set], [Path(p) for p in args.sentences], Path(args.shared)
    )
    apply_causes(items, read_causes(Path(args.causes) if args.causes else CAUSES_FILE))
    if not args.tally_only:
        print(format_items(items))
        print()
    for name in dict.fromkeys(it.set for it in items):
        print(format_tally(tally(it for it in items if it.set == name), f"== {name}"))
        print()
    print(format_tally(tally(items), "== all sets"))
    if args.json:
        dump(items, Path(args.json))
    return 0
