"""The reliability table on hand-made events (no corpus needed)."""

from __future__ import annotations

from libs.evaluation.reliability import Reliability, add_article, event_right

GOLD = {
    "id": "g",
    "events": [
        {"type": "meeting", "countries": ["IRN", "IRQ"], "igos": []},
        {"type": "meeting", "countries": ["IRN"], "igos": ["UN"]},
    ],
}


def test_an_event_is_right_when_all_its_pairs_are_gold() -> None:
    assert event_right({"type": "agreement", "countries": ["IRN", "IRQ"]}, GOLD["events"])
    assert not event_right({"type": "agreement", "countries": ["IRN", "IRQ"]}, GOLD["events"], typed=True)
    assert not event_right({"type": "meeting", "countries": ["IRN", "IRQ", "SYR"]}, GOLD["events"])
    assert event_right({"type": "meeting", "countries": ["IRN"], "igos": ["UN"]}, GOLD["events"], typed=True)


def test_bins_and_the_high_confidence_band() -> None:
    table = Reliability()
    events = [
        {"type": "meeting", "countries": ["IRN", "IRQ"], "confidence": 0.95},
        {"type": "meeting", "countries": ["IRN", "SYR"], "confidence": 0.85},
        {"type": "intent", "countries": ["IRN", "IRQ"], "confidence": 0.55},
    ]
    add_article(table, GOLD, events)
    high = table.at_least(0.8)
    assert (high.events, high.right) == (2, 1)
    assert [b.events for b in table.bins] == [0, 1, 0, 0, 1, 1]
