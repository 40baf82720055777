"""The news agencies an article cites ("IRNA reported", "told ISNA", "(FNA)")."""

from __future__ import annotations

import re

from libs.extraction.resources import Resources


class AgencyMatcher:
    """Citation frames of `data/agencies.yaml`, one regex per frame over all aliases."""

    def __init__(self, res: Resources) -> None:
        self._alias_to_short: dict[str, str] = {}
        for short, aliases in res.agencies.items():
            for alias in [short, *(aliases or [])]:
                self._alias_to_short.setdefault(alias, short)
        alternation = "|".join(re.escape(a) for a in sorted(self._alias_to_short, key=len, reverse=True))
        group = rf"(?<![\w-])(?P<a>{alternation})(?![\w-])"
        self._frames = [re.compile(frame.replace("{A}", group)) for frame in res.citation_frames]

    def find(self, text: str, extra: list[str] | None = None) -> list[str]:
        """Short names of the agencies cited in `text`, in order of first citation."""
        hits: list[tuple[int, str]] = []
        for rx in self._frames:
            for m in rx.finditer(text):
                hits.append((m.start("a"), self._alias_to_short[m.group("a")]))
        for name in extra or []:
            short = self._alias_to_short.get(name.strip())
            if short:
                hits.append((-1, short))
        out: list[str] = []
        for _, short in sorted(hits):
            if short not in out:
                out.append(short)
        return out
