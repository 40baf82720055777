"""Liveness: alive within the window after a tick, stalled after it."""

from __future__ import annotations

import time

from libs.runtime.health import Liveness


def test_liveness_follows_the_ticks() -> None:
    liveness = Liveness(window_s=0.05)
    alive, age = liveness.check()
    assert alive and age < 0.05  # the window starts at creation
    time.sleep(0.08)
    assert liveness.check()[0] is False
    liveness.tick()
    assert liveness.check()[0] is True
    assert liveness.age_s() < 0.05
