"""The one language detector (extractor and fetcher)."""

from __future__ import annotations

import pytest

from libs.extraction.language import LanguageDetector, detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The ministers of Iran and Iraq met in Tehran on Sunday to discuss cooperation in science.", "en"),
        ("Les ministres se sont rencontrés à Paris pour discuter de la coopération scientifique.", "fr"),
        ("وزیر امور خارجه ایران با همتای عراقی خود در تهران دیدار کرد", "fa"),
    ],
)
def test_language_detector(text: str, lang: str) -> None:
    assert LanguageDetector().detect(text) == lang


def test_sample_bounds_the_work() -> None:
    english = "The two ministers met in Tehran on Sunday and signed an agreement on trade. " * 10
    assert detect_language(english + "x" * 10_000_000, sample_chars=400) == "en"
    assert detect_language("   ") == "und"
