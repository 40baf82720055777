"""Sectors of an event, from the cues of `data/sectors.yaml` in its evidence."""

from __future__ import annotations

import re

from libs.extraction.fastre import FastPattern, Scan
from libs.extraction.resources import Resources


def _sensitive(pattern: str) -> bool:
    """Acronym cues (no lowercase letter outside escapes/classes, e.g. `AI`, `IT`) match case-sensitively."""
    bare = re.sub(r"\\.|\[[^\]]*\]|\(\?[:<=!]+", "", pattern)
    return not any(c.islower() for c in bare)


class SectorMatcher:
    """Per sector, one case-insensitive and (for acronyms) one case-sensitive pattern."""

    def __init__(self, res: Resources) -> None:
        self._rx: list[tuple[str, list[FastPattern]]] = []
        for sector, patterns in res.sectors.items():
            folded = [p for p in patterns if not _sensitive(p)]
            exact = [p for p in patterns if _sensitive(p)]
            compiled = []
            if folded:
                compiled.append(FastPattern("|".join(f"(?:{p})" for p in folded), re.IGNORECASE))
            if exact:
                compiled.append(FastPattern("|".join(f"(?:{p})" for p in exact)))
            self._rx.append((sector, compiled))
        self.patterns = [p for _, ps in self._rx for p in ps]

    def find(self, ws: Scan | str, spans: list[tuple[int, int]]) -> list[str]:
        """Sectors cued anywhere in the given spans of the text, in vocabulary order."""
        out: list[str] = []
        for sector, patterns in self._rx:
            if any(p.search(ws, lo, hi) for p in patterns for lo, hi in spans):
                out.append(sector)
        return out
