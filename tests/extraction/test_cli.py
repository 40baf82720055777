"""`accord extract`, run in-process on small temporary files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main

ARTICLE = "LIMA – Peru and Chile signed a memorandum of understanding on fisheries research on Sunday, AFP reported."


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_jsonl_with_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps(
                    {"id": "a1", "text": ARTICLE, "published_at": "2024-03-12", "url": "https://x.example/1"}
                ),
                "{not json",
                json.dumps({"id": "a2"}),
                json.dumps({"id": "a3", "text": ARTICLE, "published_at": "someday"}),
                json.dumps(
                    {"id": "a4", "text": "Der Minister sprach heute in Berlin mit seinem Amtskollegen."}
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    dst = tmp_path / "out.jsonl"
    code, _, err = _run(capsys, "extract", "--input", str(src), "--output", str(dst), "--no-spacy")
    assert code == 0
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a1", None, "a2", "a3", "a4"]
    first = rows[0]["events"]
    assert [(e["type"], e["countries"]) for e in first] == [("agreement", ["CHL", "PER"])]
    assert first[0]["date"]["start"] == "2024-03-10"
    assert first[0]["article"]["url"] == "https://x.example/1"
    assert rows[1]["line"] == 2 and "invalid JSON" in rows[1]["error"]
    assert "text" in rows[2]["error"]
    assert "published_at" in rows[3]["error"] or "isoformat" in rows[3]["error"]
    assert rows[4]["skipped"] == "non_english:de" and rows[4]["events"] == []
    assert "line 2" in err and "id a2" in err and "3 errors" in err


def test_extract_folder_of_txt_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "b2.txt").write_text("The weather was fine.", encoding="utf-8")
    (folder / "b1.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = _run(capsys, "extract", "--input", str(folder), "--output", "-", "--no-spacy", "--quiet")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["b1", "b2"]
    assert rows[0]["events"] and rows[1]["events"] == []


def test_extract_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "extract", "--input", str(tmp_path / "nope.jsonl"), "--output", "-")
    assert code == 2 and "not found" in err
