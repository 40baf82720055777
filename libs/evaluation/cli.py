"""`accord score`: score `accord extract` output against gold annotations.

    accord score --gold ../shared/gold/dev.jsonl --pred events.jsonl [--json metrics.json]

Heavy modules are imported inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _score(args: argparse.Namespace) -> int:
    from libs.evaluation.score import format_table, read_jsonl, read_predictions, score

    for path in (args.gold, args.pred):
        if not Path(path).exists():
            print(f"accord score: file not found: {path}", file=sys.stderr)
            return 2
    result = score(read_jsonl(args.gold), read_predictions(args.pred))
    print(format_table(result, f"gold: {args.gold}  pred: {args.pred}"))
    metrics = result.as_dict()
    print(json.dumps(metrics, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("score", help="score predicted events against gold annotations")
    s.add_argument("--gold", required=True, help="gold JSON-lines file (shared/gold/dev.jsonl format)")
    s.add_argument("--pred", required=True, help="`accord extract` output")
    s.add_argument("--json", default=None, help="also write the metrics as JSON to this file")
    s.set_defaults(func=_score)
