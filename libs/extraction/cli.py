"""`accord extract`: the extraction engine from the command line (`accord score` is in `libs.evaluation`).

    accord extract --input articles.jsonl --output events.jsonl
    accord extract --input folder_of_txt/ --output -

`extract` reads JSON lines `{"id", "text", "published_at"?, "url"?, "title"?,
"publisher"?, "language"?}` (or `-` for stdin, or a folder of `.txt` files whose
stem is the id) and writes one line per input: `{"id", "events": [...]}`, plus
`"skipped": reason` when the article was skipped, or `"error": message` (and
`"line": n`) when the input line was bad; bad lines are reported on stderr and
counted, never fatal. Heavy modules are imported inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

PROGRESS_EVERY = 500


def _parse_published(value: Any) -> date | datetime | None:
    """`published_at` as given: an ISO date or datetime string (or null)."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published_at must be an ISO date string, not {type(value).__name__}")
    text = value.strip()
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _records(source: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, record or None, error) for each input item."""
    if source != "-" and Path(source).is_dir():
        for n, path in enumerate(sorted(Path(source).glob("*.txt")), 1):
            try:
                yield n, {"id": path.stem, "text": path.read_text(encoding="utf-8")}, None
            except (OSError, UnicodeDecodeError) as exc:
                yield n, {"id": path.stem}, f"cannot read {path.name}: {exc}"
        return
    fh: IO[str] = sys.stdin if source == "-" else open(source, encoding="utf-8")
    try:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"invalid JSON: {exc.msg}"
                continue
            if not isinstance(rec, dict):
                yield n, None, "a line must be a JSON object"
                continue
            if not isinstance(rec.get("id"), str | int) or str(rec.get("id")) == "":
                yield n, rec, "missing or invalid 'id'"
                continue
            if not isinstance(rec.get("text"), str):
                yield n, rec, "missing or invalid 'text'"
                continue
            yield n, rec, None
    finally:
        if fh is not sys.stdin:
            fh.close()


def _extract(args: argparse.Namespace) -> int:
    if args.input != "-" and not Path(args.input).exists():
        print(f"accord extract: input not found: {args.input}", file=sys.stderr)
        return 2
    from libs.extraction import Extractor

    extractor = Extractor(use_spacy=not args.no_spacy)
    out: IO[str] = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    done = errors = skipped = events = 0
    started = time.monotonic()
    try:
        for n, rec, error in _records(args.input):
            rid = str(rec["id"]) if rec and rec.get("id") is not None else None
            row: dict[str, Any] = {"id": rid, "events": []}
            if error is None and rec is not None:
                try:
                    res = extractor.extract(
                        rec["text"],
                        article_id=str(rec["id"]),
                        published_at=_parse_published(rec.get("published_at")),
                        url=rec.get("url"),
                        title=rec.get("title"),
                        publisher=rec.get("publisher"),
                        language=rec.get("language"),
                    )
                    row["events"] = [e.model_dump(mode="json") for e in res.events]
                    events += len(res.events)
                    if res.skipped:
                        row["skipped"] = res.skipped
                        skipped += 1
                except Exception as exc:  # one bad article must not stop the batch
                    error = f"{type(exc).__name__}: {exc}"
            if error is not None:
                errors += 1
                row["error"] = error
                row["line"] = n
                where = f"id {rid}" if rid else f"line {n}"
                print(f"accord extract: {where}: {error}", file=sys.stderr)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            done += 1
            if not args.quiet and done % PROGRESS_EVERY == 0:
                rate = done / max(time.monotonic() - started, 1e-9)
                print(f"accord extract: {done} articles ({rate:.0f}/s), {events} events", file=sys.stderr)
    finally:
        if out is not sys.stdout:
            out.close()
    if not args.quiet:
        print(
            f"accord extract: {done} articles, {events} events, {skipped} skipped, {errors} errors",
            file=sys.stderr,
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract cooperation events from articles (JSON lines or .txt folder)")
    p.add_argument("--input", required=True, help="JSON-lines file, '-' for stdin, or a folder of .txt files")
    p.add_argument("--output", required=True, help="JSON-lines output file, '-' for stdout")
    p.add_argument("--no-spacy", action="store_true", help="rules only: no spaCy for participants")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=_extract)
