"""Liveness: the main loop ticks, `/healthz` tells whether it ticked recently.

```python
from libs.runtime.health import LIVENESS
LIVENESS.tick()                  # the consumer loop does it every iteration; a service's own loop too
alive, age_s = LIVENESS.check()  # False once no tick for `window_s` (ACCORD_LIVENESS_WINDOW_S)
```

One `Liveness` per process (`LIVENESS`); the metrics server answers `GET /healthz`
from it (`libs.runtime.metrics.start_metrics_server`). The window starts when the
process starts, so loading models before the first tick counts as alive for one
window. Thread-safe: the HTTP server reads it from its own thread.
"""

from __future__ import annotations

import threading
import time


class Liveness:
    """When the main loop last ticked, and whether that is within `window_s`."""

    def __init__(self, window_s: float = 300.0) -> None:
        self.window_s = window_s
        self._lock = threading.Lock()
        self._last = time.monotonic()

    def tick(self) -> None:
        """The main loop is alive now."""
        now = time.monotonic()
        with self._lock:
            self._last = now

    def age_s(self) -> float:
        """Seconds since the last tick."""
        with self._lock:
            return time.monotonic() - self._last

    def check(self) -> tuple[bool, float]:
        """(alive, seconds since the last tick)."""
        age = self.age_s()
        return age <= self.window_s, age


#: The process's liveness, ticked by the consumer loop (and the fetcher's loops).
LIVENESS = Liveness()
