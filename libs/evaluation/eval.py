"""`python -m libs.evaluation.eval --shared ../shared`: extract the gold articles and score them (`make eval`).

Runs the extractor on the dev set and, separately, on the project's own held-out
annotations (`tests/extraction/data/extra_gold*.jsonl` and `blind_*.jsonl`, ids
and labels only, one score per file) and prints one score table per set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from libs.evaluation.gold import EXTRA_DIR, REPO_ROOT, run_gold
from libs.evaluation.score import format_table, read_jsonl


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
