"""The fast scanner agrees with plain regexes."""

from __future__ import annotations

import random
import re

from libs.extraction import Extractor
from libs.extraction.fastre import FastPattern, PrefixScanner, prefixes


def test_prefixes_of_a_pattern() -> None:
    assert prefixes(r"(?:tele)?phone (?:call|talk)") == frozenset({"tele", "phon"})
    assert prefixes(r"(?:tele)?phone (?:call|talk)", 3) == frozenset({"tel", "pho"})
    assert prefixes(r"met") == frozenset({"met"})
    three = prefixes(r"[a-j][a-j][a-j][a-j]s")  # 10,000 four-letter prefixes: too many, three letters
    assert three is not None and len(three) == 1000 and all(len(x) == 3 for x in three)
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


def test_an_alternative_without_prefixes_is_scouted_and_the_rest_keeps_its_prefixes() -> None:
    alts = [r"(?:[\w.-]+-)?brokered (?:\w+ ){0,2}?talks", r"met(?:s| with)?", r"signed"]
    fp = FastPattern("|".join(f"(?:{a})" for a in alts), re.IGNORECASE, alts)
    assert fp.prefixes == frozenset({"met", "mets", "met ", "sign"}) and fp.scout is not None
    text = "The U.S.-brokered peace talks began; Iran met with Iraq. A Qatar-brokered talks round, signed."
    scan = PrefixScanner([fp]).scan(text)
    fast = [m.group(0) for m in fp.finditer(scan, 0, len(text))]
    assert fast == [m.group(0) for m in fp.full.finditer(text)]
    assert fast == ["U.S.-brokered peace talks", "met with", "Qatar-brokered talks", "signed"]
    # an unknown alternative that looks around cannot be scouted on the whole text: the slow scan
    look = [r"(?:\w+-)?mediated talks(?! ended)", r"signed"]
    assert FastPattern("|".join(look), re.IGNORECASE, look).prefixes is None
    atomic = [r"(?>\w+-)mediated talks", r"signed"]  # not known to be context-free either
    assert FastPattern("|".join(atomic), re.IGNORECASE, atomic).prefixes is None


def test_every_cue_type_and_lexicon_is_scanned_fast(extractor: Extractor) -> None:
    """A lexicon line whose start cannot be enumerated and that looks around would send its whole
    type to the slow scan (every character of every article): write it context-free instead."""
    slow = [t for t, fp in extractor.cue_matcher._regexes if fp.prefixes is None]
    assert not slow, f"cue types scanned the slow way: {slow}"
    res = extractor.resources
    assert all(fp.prefixes is not None for fp in (res.conflict, res.sports, res.anaphora))
