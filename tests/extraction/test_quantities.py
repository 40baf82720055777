"""Quantities: numbers with a unit."""

from __future__ import annotations

from libs.extraction.quantities import find_quantities


def _q(text: str) -> list[tuple[float, str]]:
    return [(q.value, q.unit) for q in find_quantities(text, 0, len(text))]


def test_counted_nouns_and_currencies() -> None:
    assert _q("ready to grant 200 scholarships to students") == [(200.0, "scholarships")]
    assert _q("trade should reach 20 billion dollars a year") == [(2e10, "USD")]
    assert _q("inflows rose 50 percent to $5 billion") == [(50.0, "percent"), (5e9, "USD")]
    assert _q("around 10,000 foreign students") == [(10000.0, "students")]


def test_years_dates_and_back_references_are_not_quantities() -> None:
    assert _q("in 2017 the two ministers met on 5 March") == []
