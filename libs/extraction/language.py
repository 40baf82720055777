"""The one language detector of Accord (used by the fetcher and the extractor).

English news is recognised by its function words ("the", "of", "and", ...) at
once; only texts where they are scarce (other languages, other scripts, tables,
very short snippets) go through py3langid, loaded lazily on first need. The
cost depends on the sample size, not on the text's length.
"""

from __future__ import annotations

import re
import threading
from typing import Any

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FUNCTION_WORDS = frozenset(
    """the of and to in a is that for on with as was by at from are has have be it its an this which
    said were will their not but or also his her they been had who would after over about than""".split()
)
SAMPLE_CHARS = 3000


class LanguageDetector:
    """Decides the language of a text (ISO 639-1 code); thread-safe."""

    def __init__(self) -> None:
        self._identifier: Any = None
        self._lock = threading.Lock()

    def _model(self) -> Any:
        with self._lock:
            if self._identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            return self._identifier

    def detect(self, text: str, sample_chars: int = SAMPLE_CHARS) -> str:
        """An ISO 639-1 code ("en" for English; "und" when the sample has no words).

        Reads the first `sample_chars` characters: a Latin-script sample rich in
        English function words is English at once, else py3langid decides.
        """
        sample = text[:sample_chars]
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


_DEFAULT: LanguageDetector | None = None
_DEFAULT_LOCK = threading.Lock()


def default_detector() -> LanguageDetector:
    """The process-wide detector (its model is loaded once)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = LanguageDetector()
        return _DEFAULT


def detect_language(text: str, sample_chars: int = SAMPLE_CHARS) -> str:
    """The language of `text` by the process-wide detector (see `LanguageDetector.detect`)."""
    return default_detector().detect(text, sample_chars)
