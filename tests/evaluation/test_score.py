"""The scorer's metrics on hand-made gold and predictions."""

from __future__ import annotations

import pytest

from libs.evaluation.score import format_table, score

GOLD = [
    {
        "id": "a",
        "cooperation": True,
        "sectors": ["energy", "trade_economy"],
        "events": [
            {"type": "meeting", "countries": ["IRN", "IRQ"], "igos": [], "date": "2025-01-18"},
            {"type": "agreement", "countries": ["IRN", "IRQ", "SYR"], "igos": [], "date": None},
            {"type": "intent", "countries": ["IRN"], "igos": ["EU"], "date": "2025-01"},
        ],
    },
    {"id": "b", "cooperation": False, "sectors": [], "events": []},
    {
        "id": "c",
        "cooperation": True,
        "sectors": ["health_medicine"],
        "events": [{"type": "aid", "countries": ["JPN", "NPL"], "igos": [], "date": None}],
    },
]


def _ev(t: str, countries: list[str], igos: list[str] | None = None, start: str | None = None, sectors=()):
    return {
        "type": t,
        "countries": countries,
        "igos": igos or [],
        "sectors": list(sectors),
        "date": {"start": start, "precision": "day", "text": "x"} if start else None,
    }


def test_all_metrics() -> None:
    preds = {
        "a": [
            _ev("meeting", ["IRN", "IRQ"], start="2025-01-18", sectors=["energy"]),
            _ev("intent", ["IRN", "IRQ"], sectors=["culture_language"]),
            _ev("intent", ["IRN"], ["EU"], start="2025-01"),
        ],
        "b": [_ev("meeting", ["FRA", "DEU"])],
        # "c" missing: counted as no events
    }
    r = score(GOLD, preds)
    assert r.missing == 1
    assert (r.article.tp, r.article.fp, r.article.fn) == (1, 1, 1)
    # gold pairs a: IRN-IRQ, IRN-SYR, IRQ-SYR; c: JPN-NPL. pred: a IRN-IRQ; b DEU-FRA
    assert (r.pairs.tp, r.pairs.fp, r.pairs.fn) == (1, 1, 3)
    # typed: gold a {IRN-IRQ meeting, 3 agreement pairs}, c aid; pred a {meeting, intent}, b meeting
    assert (r.typed_pairs.tp, r.typed_pairs.fp, r.typed_pairs.fn) == (1, 2, 4)
    assert (r.sectors.tp, r.sectors.fp, r.sectors.fn) == (1, 1, 2)
    # dated gold events: meeting (matched), intent IRN+EU (no pair: same parties, matched)
    assert (r.dates_correct, r.dates_total) == (2, 2)
    assert r.pairs.precision == pytest.approx(0.5) and r.pairs.recall == pytest.approx(0.25)
    assert r.pairs.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert "typed pairs" in format_table(r)
    assert r.as_dict()["dates"]["accuracy"] == 1.0


def test_wrong_date_and_empty_sets() -> None:
    r = score(GOLD[:1], {"a": [_ev("meeting", ["IRN", "IRQ"], start="2025-01-19")]})
    assert (r.dates_correct, r.dates_total) == (0, 2)
    empty = score([], {})
    assert empty.pairs.f1 == 0.0 and empty.date_accuracy == 0.0
