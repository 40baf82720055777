"""The dev gold targets of issue 3, on ../shared (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from libs.evaluation.gold import EXTRA_DIR, run_gold
from libs.evaluation.score import read_jsonl
from libs.extraction import Extractor

pytestmark = pytest.mark.shared


def test_dev_gold_targets(shared_dir: Path, corpus_path: Path, extractor: Extractor) -> None:
    result, preds = run_gold(extractor, read_jsonl(shared_dir / "gold" / "dev.jsonl"), shared_dir)
    assert len(preds) == result.articles, "every gold text_ref must resolve"
    assert result.pairs.f1 >= 0.85
    assert result.article.f1 >= 0.90
    assert result.typed_pairs.f1 >= 0.70
    assert result.sectors.f1 >= 0.70
    assert result.date_accuracy >= 0.80


@pytest.mark.parametrize(
    "name", ["extra_gold.jsonl", "extra_gold_2.jsonl", "extra_gold_3.jsonl", "extra_gold_4.jsonl"]
)
def test_own_annotations_resolve_and_score(
    shared_dir: Path, corpus_path: Path, extractor: Extractor, name: str
) -> None:
    gold = read_jsonl(EXTRA_DIR / name)
    assert all(g["text_ref"].startswith("corpus:") and "text" not in g for g in gold)
    result, preds = run_gold(extractor, gold, shared_dir)
    assert len(preds) == len(gold), "every annotated corpus id must resolve"
    # floors under the measured figures (see tests/extraction/data/README.md): they catch
    # regressions, not noise
    assert result.article.f1 >= 0.85
    assert result.pairs.precision >= 0.80
    assert result.pairs.recall >= 0.80
    assert result.typed_pairs.precision >= 0.75
