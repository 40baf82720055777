"""Error analysis items and the tally by cause, on hand-made gold and predictions (no corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from libs.evaluation.errors import (
    CAUSES,
    UNASSIGNED,
    apply_causes,
    article_errors,
    read_causes,
    sentence_errors,
    tally,
)

GOLD = {
    "id": "a1",
    "cooperation": True,
    "sectors": ["energy"],
    "events": [
        {"type": "meeting", "countries": ["CHL", "PER"], "igos": [], "date": "2024-03-10", "note": "talks"},
        {"type": "agreement", "countries": ["ARG", "BRA", "URY"], "igos": [], "date": None},
    ],
}


def _ev(etype: str, countries: list[str], start: int = 0, date: str | None = None) -> dict:
    return {
        "type": etype,
        "countries": countries,
        "igos": [],
        "sectors": ["trade_economy"],
        "confidence": 0.8,
        "date": {"start": date, "precision": "day", "text": "x"} if date else None,
        "evidence": [{"start": start, "end": start + 10, "text": "x"}],
    }


def test_article_errors_list_each_kind_once() -> None:
    events = [
        _ev("intent", ["CHL", "PER"], 5),
        _ev("agreement", ["ARG", "BRA"], 20),
        _ev("meeting", ["BOL", "PER"], 40),
    ]
    items = article_errors("set", GOLD, events)
    by_kind = {(it.kind, "-".join(it.parties)): it for it in items}
    fn = by_kind[("FN", "ARG-BRA-URY")]
    assert fn.pairs == 2 and fn.type == "agreement" and fn.cause == UNASSIGNED
    fp = by_kind[("FP", "BOL-PER")]
    assert fp.pairs == 1 and fp.evidence == [(40, 50)] and "0.8" in fp.detail
    assert by_kind[("type", "CHL-PER")].cause == "wrong type"
    assert by_kind[("date", "CHL-PER")].cause == "date"
    sectors = sorted((it.type, it.detail) for it in items if it.kind == "sector")
    assert sectors == [("energy", "missed"), ("trade_economy", "extra")]


def test_events_in_an_article_without_cooperation_are_non_events() -> None:
    gold = {"id": "a2", "cooperation": False, "sectors": [], "events": []}
    (item,) = [it for it in article_errors("set", gold, [_ev("meeting", ["IRN", "USA"])]) if it.kind == "FP"]
    assert item.cause == "non-event FP"


def test_fn_items_locate_the_sentences_naming_the_parties() -> None:
    located = article_errors(
        "set", GOLD, [], "text", lambda text, parties: [(1, 2)] if "URY" in parties else []
    )
    assert [it.evidence for it in located if it.kind == "FN"] == [[], [(1, 2)]]


def test_sentence_errors_group_missed_dyads_and_mark_conflict() -> None:
    item = {
        "id": "s1",
        "start": 100,
        "end": 200,
        "dyads": [
            {"source": "IRN", "target": "IRQ", "plover": "CONSULT"},
            {"source": "IRN", "target": "SYR", "plover": "AGREE"},
            {"source": "USA", "target": "IRN", "plover": "ACCUSE"},
        ],
    }
    items = sentence_errors("s", item, [_ev("meeting", ["IRN", "USA"], 150)])
    fn, fp = items
    assert (fn.kind, fn.parties, fn.pairs, fn.type) == ("FN", ("IRN", "IRQ", "SYR"), 2, "AGREE,CONSULT")
    assert (fp.kind, fp.parties, fp.cause) == ("FP", ("IRN", "USA"), "non-event FP")


def test_assigned_causes_override_and_tally_counts_pairs(tmp_path: Path) -> None:
    path = tmp_path / "causes.tsv"
    path.write_text("# comment\nset\ta1\tFN\tARG-BRA-URY\tbystander\tread it\n", encoding="utf-8")
    items = article_errors("set", GOLD, [])
    apply_causes(items, read_causes(path))
    (fn,) = [it for it in items if it.parties == ("ARG", "BRA", "URY") and it.kind == "FN"]
    assert (fn.cause, fn.comment) == ("bystander", "read it")
    counts = tally(items)
    assert counts["bystander"] == {"items": 1, "pairs": 3, "FN": 1}
    assert next(iter(counts)) == "bystander"  # most pairs first


def test_unknown_causes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "causes.tsv"
    path.write_text("set\ta1\tFN\tARG-BRA\tbad luck\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown cause"):
        read_causes(path)
    assert "bystander" in CAUSES
