"""Fitting `confidence`: the shipped weights are the fit of the stored counts, signs hold, calibration holds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from libs.evaluation.fit_confidence import (
    MIN_HIGH,
    SIGNS,
    TABLE,
    TARGET,
    Counts,
    calibrate,
    fit,
    fit_calibrated,
    fitted_sets,
    high_band,
    read_table,
    write_table,
)
from libs.extraction import occasions


def _made_up() -> Counts:
    """Two sets: events with "good" are mostly right, with "bad" mostly wrong."""
    a: Counter[tuple[tuple[str, ...], bool]] = Counter()
    a[(("good",), True)] = 90
    a[(("good",), False)] = 10
    a[(("bad",), True)] = 20
    a[(("bad",), False)] = 80
    a[((), True)] = 60
    a[((), False)] = 40
    b = Counter({k: n // 2 for k, n in a.items()})
    b[(("good",), False)] += 15  # a harder set: "good" is right less often
    return {"one": a, "two": b}


def test_the_shipped_weights_are_the_fit_of_the_stored_counts() -> None:
    bias, weights = fit_calibrated(fitted_sets(read_table(TABLE)))
    assert bias == pytest.approx(occasions._BIAS, abs=0.011)  # rounding only (a BIAS_STEP is 0.05)
    assert weights.keys() == occasions._WEIGHTS.keys()
    assert all(abs(w - occasions._WEIGHTS[f]) <= 0.011 for f, w in weights.items())  # rounding only


def test_the_shipped_weights_respect_the_declared_signs_and_hold_on_every_set() -> None:
    for name, w in occasions._WEIGHTS.items():
        assert SIGNS.get(name, 0) * w >= 0, name
    for name, counts in fitted_sets(read_table(TABLE)).items():
        events, right = high_band(counts, occasions._BIAS, occasions._WEIGHTS)
        assert events < MIN_HIGH or right >= TARGET * events, name


def test_fit_orders_features_and_calibration_lowers_the_bias_until_every_set_holds() -> None:
    data = _made_up()
    bias, weights = fit(data, c=10.0)
    assert weights["good"] > 0 > weights["bad"]
    lowered = calibrate(data, bias, weights, target=0.85)
    assert lowered <= bias
    for counts in data.values():
        events, right = high_band(counts, lowered, weights)
        assert events == 0 or right >= 0.85 * events


def test_a_sign_bound_keeps_a_misleading_feature_at_zero() -> None:
    data = _made_up()
    data["one"][(("conflict",), True)] = 50  # "conflict" may only lower confidence (SIGNS)
    _, weights = fit(data, c=10.0)
    assert weights.get("conflict", 0.0) == 0.0


def test_the_table_round_trips(tmp_path: Path) -> None:
    data = _made_up()
    write_table(tmp_path / "t.tsv", data)
    assert read_table(tmp_path / "t.tsv") == data
