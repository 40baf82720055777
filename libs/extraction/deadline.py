"""A cooperative time budget for one extraction: checked between stages, never inside a rule."""

from __future__ import annotations

import time
from dataclasses import dataclass

from libs.extraction.errors import DeadlineExceeded

DEADLINE_EVERY = 16  # sentences between two checks in the per-sentence loops


@dataclass(frozen=True, slots=True)
class Deadline:
    """`at` is a `time.monotonic()` instant, or None for no limit."""

    at: float | None

    @classmethod
    def after(cls, seconds: float | None) -> Deadline:
        """A deadline `seconds` from now (None: no limit)."""
        return cls(None if seconds is None else time.monotonic() + seconds)

    def check(self, stage: str) -> None:
        """Raise `DeadlineExceeded` when the deadline has passed (`stage` names where)."""
        if self.at is not None and time.monotonic() > self.at:
            raise DeadlineExceeded(f"extraction deadline exceeded during {stage}")
