"""Inter-annotator agreement (`libs/evaluation/agreement.py`, `accord agreement`) on hand-made records."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from libs.evaluation.agreement import agreement, as_predictions


def _rec(aid: str, events: list[tuple[str, list[str]]], sectors: list[str]) -> dict:
    return {
        "id": aid,
        "text_ref": f"corpus:{aid}",
        "cooperation": bool(events),
        "sectors": sectors,
        "events": [{"type": t, "countries": c, "igos": [], "date": None} for t, c in events],
    }


FIRST = [
    _rec("x-1", [("meeting", ["IRN", "IRQ"])], ["energy"]),
    _rec("x-2", [("agreement", ["CHN", "IRN", "RUS"])], ["trade_economy"]),
    _rec("x-3", [], []),
    _rec("x-4", [("aid", ["JPN", "IRN"])], ["health_medicine"]),  # the second person did not annotate it
]
SECOND = [
    _rec("x-1", [("meeting", ["IRN", "IRQ"])], ["energy", "science_research"]),
    _rec("x-2", [("meeting", ["CHN", "IRN"])], ["trade_economy"]),
    _rec("x-3", [("intent", ["IRN", "TUR"])], []),
]


def test_only_the_articles_both_annotated_are_compared() -> None:
    result, n = agreement(FIRST, SECOND)
    assert n == 3
    assert (result.article.tp, result.article.fp, result.article.fn) == (2, 1, 0)
    # pairs: x-1 IRN-IRQ agreed; x-2 CHN-IRN agreed, CHN-RUS and IRN-RUS missed; x-3 IRN-TUR extra
    assert (result.pairs.tp, result.pairs.fp, result.pairs.fn) == (2, 1, 2)
    assert (result.typed_pairs.tp, result.typed_pairs.fp, result.typed_pairs.fn) == (1, 2, 3)
    assert (result.sectors.tp, result.sectors.fp, result.sectors.fn) == (2, 1, 0)


def test_swapping_the_files_swaps_precision_and_recall() -> None:
    ab, _ = agreement(FIRST, SECOND)
    ba, _ = agreement(SECOND, FIRST)
    assert ab.pairs.precision == ba.pairs.recall and ab.pairs.recall == ba.pairs.precision
    assert ab.pairs.f1 == ba.pairs.f1


def test_an_article_without_events_keeps_its_sectors_out() -> None:
    preds = as_predictions([_rec("x-9", [], ["energy"])])
    assert preds == {"x-9": []}


def test_cli_prints_the_table_and_refuses_disjoint_files(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    a.write_text("".join(json.dumps(r) + "\n" for r in FIRST))
    b.write_text("".join(json.dumps(r) + "\n" for r in SECOND))
    c.write_text(json.dumps(_rec("y-1", [], [])) + "\n")
    run = [sys.executable, "-m", "app.cli", "agreement"]
    cwd = Path(__file__).resolve().parents[2]
    ok = subprocess.run([*run, str(a), str(b)], capture_output=True, text=True, cwd=cwd, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "(3 articles)" in ok.stdout and "country pairs" in ok.stdout
    bad = subprocess.run([*run, str(a), str(c)], capture_output=True, text=True, cwd=cwd, check=False)
    assert bad.returncode == 1 and "no article id" in bad.stderr
