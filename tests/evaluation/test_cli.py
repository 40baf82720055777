"""`accord score`, run in-process on small temporary files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_prints_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "g1",
                "cooperation": True,
                "sectors": ["trade_economy"],
                "events": [
                    {"type": "agreement", "countries": ["CHL", "PER"], "igos": [], "date": "2024-03-10"}
                ],
            }
        )
        + "\n"
        + json.dumps({"id": "g2", "cooperation": False, "sectors": [], "events": []})
        + "\n",
        encoding="utf-8",
    )
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        json.dumps(
            {
                "id": "g1",
                "events": [
                    {
                        "type": "agreement",
                        "countries": ["CHL", "PER"],
                        "sectors": ["trade_economy"],
                        "date": {"start": "2024-03-10", "precision": "day", "text": "on Sunday"},
                    },
                ],
            }
        )
        + "\n"
        + json.dumps(
            {"id": "g2", "events": [{"type": "meeting", "countries": ["BRA", "PER"], "sectors": []}]}
        )
        + "\n",
        encoding="utf-8",
    )
    metrics = tmp_path / "m.json"
    code, out, _ = _run(capsys, "score", "--gold", str(gold), "--pred", str(pred), "--json", str(metrics))
    assert code == 0
    assert "country pairs" in out and "date accuracy" in out
    data = json.loads(metrics.read_text(encoding="utf-8"))
    assert data["article"]["precision"] == 0.5 and data["article"]["recall"] == 1.0
    assert data["pairs"]["tp"] == 1 and data["pairs"]["fp"] == 1
    assert data["dates"]["accuracy"] == 1.0
