"""Gold annotation sets: resolve their texts (`shared/gold/README.md`) and run the engine on them.

A gold line's `text_ref` is `seeds/<file>` under the shared folder or
`corpus:<id>` in the Tehran Times corpus; the repo keeps its own annotations as
ids and labels only (`tests/extraction/data/*.jsonl`).
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from libs.evaluation.score import Score, score

REPO_ROOT = Path(__file__).resolve().parents[2]
EXTRA_DIR = REPO_ROOT / "tests" / "extraction" / "data"
CORPUS_REL = Path("corpus") / "tehran-times.jsonl.gz"


@functools.lru_cache(maxsize=1)
def _corpus(path: str, mtime_ns: int, size: int) -> dict[str, str]:
    """Every text of one corpus file, read once per process (keyed by the file's stat, so a
    changed file is read again): the gold-floor tests run some fifty sets in two workers."""
    out: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.setdefault(rec["id"], rec.get("text") or "")
    return out


def load_corpus_texts(corpus: Path, ids: set[str]) -> dict[str, str]:
    """Texts of the wanted corpus ids (the corpus is read once per process and kept)."""
    if not ids:
        return {}
    stat = corpus.stat()
    texts = _corpus(str(corpus), stat.st_mtime_ns, stat.st_size)
    return {i: texts[i] for i in ids if i in texts}


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


def published_date(gold: Mapping[str, Any]) -> date | None:
    """A gold record's publication date (`published_at`, ISO day), None when it has none."""
    return date.fromisoformat(gold["published_at"]) if gold.get("published_at") else None


def extract_gold(
    extractor: Any, gold: list[dict[str, Any]], shared: Path
) -> Iterator[tuple[dict[str, Any], Any]]:
    """(gold record, extraction result) of every gold article whose text resolves, in gold order, each
    extracted with the record's publication date."""
    texts = resolve_texts(gold, shared)
    for g in gold:
        text = texts.get(g["id"])
        if text is None:
            continue
        yield g, extractor.extract(text, article_id=g["id"], published_at=published_date(g))


def run_gold(extractor: Any, gold: list[dict[str, Any]], shared: Path) -> tuple[Score, dict[str, list[dict]]]:
    """Extract every gold article and score the result."""
    preds = {
        g["id"]: [e.model_dump(mode="json") for e in res.events]
        for g, res in extract_gold(extractor, gold, shared)
    }
    return score(gold, preds), preds
