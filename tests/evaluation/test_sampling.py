"""The blind-set sampler is reproducible: it remakes blind_1's ids from its seed."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from libs.evaluation.gold import EXTRA_DIR
from libs.evaluation.sampling import KEYWORDS, annotated_ids, sample, sample_articles


def test_keyword_prefilter_is_neutral_words() -> None:
    assert len(KEYWORDS.findall("The minister met with a delegation to discuss a partnership.")) == 4


def test_half_keyword_half_random() -> None:
    rows = [(f"a{i}", "talks and an agreement" if i % 3 == 0 else "weather today") for i in range(60)]
    out = sample_articles(rows, 10, random.Random(1))
    assert sorted(o["sampled_by"] for o in out).count("keyword") == 5
    assert len({o["article_id"] for o in out}) == 10


def test_annotated_ids_read_gold_and_id_files(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(
        json.dumps({"text_ref": "corpus:tt-1"}) + "\n" + json.dumps({"article_id": "tt-2"}) + "\n",
        encoding="utf-8",
    )
    assert annotated_ids([f]) == {"tt-1", "tt-2"}


@pytest.mark.shared
def test_blind_1_is_reproducible(shared_dir: Path) -> None:
    rows = sample(shared_dir, 1301, articles=130, exclude=sorted(EXTRA_DIR.glob("extra_gold*.jsonl")))
    gold = [
        json.loads(line) for line in (EXTRA_DIR / "blind_1.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["article_id"] for r in rows] == [g["text_ref"].removeprefix("corpus:") for g in gold]
    assert [r["sampled_by"] for r in rows] == [g["sampled_by"] for g in gold]
