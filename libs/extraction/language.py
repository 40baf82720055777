"""Is the text English? Cheap test first, the py3langid model only when unsure.

English news is recognised by its function words ("the", "of", "and", ...) at
once; only texts where they are scarce (other languages, other scripts, tables,
very short snippets) go through py3langid, loaded lazily on first need.
"""

from __future__ import annotations

import re
import threading

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FUNCTION_WORDS = frozenset(
    """the of and to in a is that for on with as was by at from are has have be it its an this which
    said were will their not but or also his her they been had who would after over about than""".split()
)
_SAMPLE = 3000


class LanguageGuard:
    """Decides English / not English for extraction; thread-safe."""

    def __init__(self) -> None:
        self._identifier = None
        self._lock = threading.Lock()

    def _model(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            return self._identifier

    def detect(self, text: str) -> str:
        """An ISO 639-1 code; "en" for English."""
        sample = text[:_SAMPLE]
        words = _WORD.findall(sample)
        if not words:
            return "und"
        latin = sum(1 for w in words if w.isascii())
        function = sum(1 for w in words if w.lower() in _FUNCTION_WORDS)
        if latin / len(words) >= 0.8 and len(words) >= 8 and function / len(words) >= 0.12:
            return "en"
        if len(words) < 8 and latin == len(words):
            return "en"  # too short to tell; Latin script headline-like snippets pass
        lang, _prob = self._model().classify(sample)
        return str(lang)
