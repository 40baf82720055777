"""Lexicon machinery: the fast scanner agrees with plain regexes; agencies; language guard; data files."""

from __future__ import annotations

import random
import re

import pytest

from libs.extraction import Extractor
from libs.extraction.fastre import FastPattern, PrefixScanner, prefixes
from libs.extraction.language import LanguageDetector
from libs.extraction.resources import DATA_DIR, read_yaml


def test_prefixes_of_a_pattern() -> None:
    assert prefixes(r"(?:tele)?phone (?:call|talk)") == frozenset({"tel", "pho"})
    assert prefixes(r"met") == frozenset({"met"})
    assert prefixes(r"\w+ talks") is None


def test_fast_scanning_gives_the_same_matches_as_plain_regex(extractor: Extractor) -> None:
    words = (
        "Iran and Iraq met in Tehran signed a memorandum of understanding talks with the minister visited "
        "Moscow joint research webinar ready to cooperate phone call exchanged views agreed on trade "
        "conference seminar the the of , . ; Meeting TALKS Visited"
    ).split()
    rng = random.Random(7)
    patterns = list(extractor.cue_matcher.patterns)
    scanner = PrefixScanner(patterns)
    for _ in range(60):
        text = " ".join(rng.choice(words) for _ in range(40))
        scan = scanner.scan(text)
        for p in patterns:
            fast = [(m.start(), m.end()) for m in p.finditer(scan, 0, len(text))]
            slow = [(m.start(), m.end()) for m in p.full.finditer(text)]
            assert fast == slow, text


def test_case_sensitive_patterns_fall_back_to_plain_scanning() -> None:
    fp = FastPattern("AI|ICT")
    assert fp.prefixes is None
    assert [m.group(0) for m in fp.finditer("AI and ICT, not ai", 0, 18)] == ["AI", "ICT"]


def test_cited_agencies(extractor: Extractor) -> None:
    text = "IRNA reported on Monday. The minister told ISNA that ... according to Tasnim. Reuters is a word."
    assert extractor.agency_matcher.find(text) == ["IRNA", "ISNA", "Tasnim"]
    assert extractor.agency_matcher.find("TEHRAN (FNA)- x", ["FNA"]) == ["FNA"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The ministers of Iran and Iraq met in Tehran on Sunday to discuss cooperation in science.", "en"),
        ("Les ministres se sont rencontrés à Paris pour discuter de la coopération scientifique.", "fr"),
        ("وزیر امور خارجه ایران با همتای عراقی خود در تهران دیدار کرد", "fa"),
    ],
)
def test_language_guard(text: str, lang: str) -> None:
    assert LanguageDetector().detect(text) == lang


def test_every_lexicon_entry_compiles() -> None:
    triggers = read_yaml("triggers.yaml", DATA_DIR)
    for spec in triggers["types"].values():
        for strength in ("strong", "weak"):
            for pattern in spec.get(strength) or []:
                re.compile(pattern)
    for patterns in read_yaml("sectors.yaml", DATA_DIR).values():
        for pattern in patterns:
            re.compile(pattern)


def test_article_id_is_checked(extractor: Extractor) -> None:
    with pytest.raises(ValueError):
        extractor.extract("Iran and Iraq signed an agreement.", article_id="")
