"""Amounts an event mentions: "200 scholarships", "20 billion dollars", "$5 billion".

`find_quantities(text, lo, hi)` returns `Quantity`-shaped tuples for numbers with
a unit in text[lo:hi]: a currency (symbol or word, normalised to ISO codes), a
percentage, or the counted noun that follows ("scholarships", "students"). Bare
numbers, years and dates are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9, "b": 1e9}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "rials": "IRR",
    "rial": "IRR",
    "tomans": "IRT",
    "yuan": "CNY",
    "rupees": "INR",
    "rubles": "RUB",
    "roubles": "RUB",
    "pounds": "GBP",
    "dinars": "IQD",
    "lira": "TRY",
    "liras": "TRY",
    "yen": "JPY",
    "won": "KRW",
}
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozens": 24,
}  # fmt: skip
# Nouns that are not what is counted ("20 percent of ...", "3 days", "2 sides").
_NOT_UNITS = frozenset(
    """the a an of and or to in on at for with by from as is was are were that this these those which who
    years year months month days day weeks week hours hour minutes times time sides side countries
    nations parties ministers officials leaders presidents governments states neighbors neighbours""".split()
)
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_QTY = re.compile(
    r"(?P<sym>[$€£¥])?\s?"
    + _NUM
    + r"(?:(?:\s*-\s*|\s+)(?P<scale>thousand|million|billion|trillion|bn|m|b)\b)?"
    r"(?:[\s-]+(?P<unit>percent|per\s+cent|%|[A-Za-z][A-Za-z-]{2,})(?:\s+(?P<unit2>[a-z][a-z-]{2,}))?)?"
    r"|(?P<pct>\d+(?:\.\d+)?)\s?%"
    r"|\b(?P<word>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds|dozens)\s+"
    r"(?P<wunit>[a-z][a-z-]{2,})",
)
_ADJECTIVES = frozenset(
    """foreign international new more joint research academic scientific top major additional other
    young iranian domestic educational medical fully""".split()
)
_DATEISH = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)$", re.I
)


@dataclass(frozen=True, slots=True)
class QuantityMention:
    value: float
    unit: str
    text: str
    start: int
    end: int


def find_quantities(text: str, lo: int, hi: int) -> list[QuantityMention]:
    """Numbers with a unit in text[lo:hi], in text order."""
    out: list[QuantityMention] = []
    for m in _QTY.finditer(text, lo, hi):
        if m.group("pct"):
            out.append(QuantityMention(float(m.group("pct")), "percent", m.group(0), m.start(), m.end()))
            continue
        if m.group("word"):
            if re.search(
                r"\b(?:the|these|those|both|all)\s+$", text[max(lo, m.start() - 8) : m.start()], re.I
            ):
                continue  # "the two ministers" refers back; it counts nothing
            unit = m.group("wunit").lower()
            if unit in _NOT_UNITS or m.group("word") in ("hundreds", "dozens"):
                continue
            value = float(WORD_NUMBERS.get(m.group("word").lower(), 0))
            if value:
                out.append(QuantityMention(value, unit, m.group(0), m.start(), m.end()))
            continue
        num = m.group("num")
        raw = float(num.replace(",", ""))
        scale_word = (m.group("scale") or "").lower()
        unit_word = (m.group("unit") or "").strip()
        sym = m.group("sym")
        if not sym and not scale_word and 1900 <= raw <= 2100 and "," not in num and "." not in num:
            continue  # a year
        if unit_word and _DATEISH.match(unit_word):
            continue
        value = raw * _SCALE.get(scale_word, 1.0)
        unit: str | None = None
        if sym:
            unit = _SYMBOLS[sym]
        elif unit_word.lower() in ("percent", "per cent", "%"):
            unit = "percent"
        elif unit_word.lower() in _CURRENCY_WORDS:
            unit = _CURRENCY_WORDS[unit_word.lower()]
        elif unit_word and unit_word.lower() not in _NOT_UNITS and unit_word[0].islower():
            unit = unit_word.lower()
            if unit in _ADJECTIVES and m.group("unit2") and m.group("unit2") not in _NOT_UNITS:
                unit = m.group("unit2")
        if unit is None:
            continue
        if m.group("unit2") and unit == m.group("unit2"):
            end = m.end("unit2")
        elif m.group("unit") and unit != _SYMBOLS.get(sym or ""):
            end = m.end("unit")
        else:
            end = m.end("scale") if scale_word else m.end("num")
        phrase = text[m.start() : end].strip()
        start = m.start() + (len(text[m.start() : end]) - len(text[m.start() : end].lstrip()))
        out.append(QuantityMention(value, unit, phrase, start, start + len(phrase)))
    return out
