"""Cleaning and sentence segmentation that keep offsets into the original text.

`segment(text)` never rewrites the text: noise (image links, URLs, sign-offs,
licence trailers, the dateline) is masked in a same-length working copy, and each
`Sentence` carries `start`/`end` offsets such that `text[start:end] == sentence.text`.
It copes with the corpus's noise: sentences joined without a space
("countries.During"), headings glued to the next sentence ("cooperationOn the"),
and trailing sentences repeated by the crawl (marked `duplicate`, kept out of
extraction so they count once).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

# Tokens before a period that do not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st gen col lt maj capt sgt rep sen gov jr sr inc ltd co corp no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec vs e.g i.e a.m p.m u.s u.k u.n u.a.e ph
    approx est dept univ fig op mt ft adm brig cdr gens hon rev messrs""".split()
)

_NOISE_PATTERNS = [
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # markdown image links
    re.compile(r"\[[^\]]*\]\(https?://[^)]*\)"),  # markdown links
    re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+"),
    re.compile(r"<[^>\n]{1,200}>"),  # stray HTML tags
]
# Licence trailers and agency boilerplate.
_BOILERPLATE = re.compile(
    r"All\s+Content\s+by\s+[\w .]+?\s+is\s+licensed\s+under\s+a\s+Creative\s+Commons[\w .]*?License\.?"
    r"|Photo:\s*[^\n.]{0,80}"
    r"|\(Photo[^)]{0,80}\)",
    re.IGNORECASE,
)
_NON_SPACE = re.compile(r"\S")
# Editors' initials at the end of a story: "MT/ MG", "EF/MA/MG", "SB/MQ/MG----".
_SIGNOFF = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}(?:\s*/\s*[A-Z]{0,4})+-*\s*$", re.MULTILINE)
# Leading metadata lines: "2021-January-26 15:05", "date 2025-01-31".
_META_LINE = re.compile(
    r"^\s*(?:date\s+\d{4}-\d{2}-\d{2}|\d{4}-[A-Za-z]+-\d{1,2}\s+\d{1,2}:\d{2})\s*", re.MULTILINE
)
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$", re.MULTILINE)
# "TEHRAN –", "TEHRAN (FNA)-", "ISFAHAN, Iran -", "TEHRAN—", "TEHRAN _ In".
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})"
    r"(?:\s*,\s*(?P<country>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?))?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\))?"
    r"(?:\s*[-–—_:]+|(?<=\))\s|\s+(?=[A-Z][a-z]))\s*"
)

# Sentence ends: punctuation (+ closing quotes/brackets) then space and an opener.
_SPLIT_SPACED = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
# Sentences joined without a space: "countries.During", "said.“We".
_SPLIT_GLUED = re.compile(r"(?<=[a-z0-9)%”\"’]{2})[.!?][\"”’]?(?=[“\"‘]?[A-Z][a-z])")
# A heading glued to the next sentence: "cooperationOn the first day".
_SPLIT_HEADING = re.compile(r"(?<![\w'’-])([a-z]{4,})(?=[A-Z][a-z]+\b)")
# A heading without a full stop glued to a sentence that opens with its occasion: "Rouhani calls for closer
# ties with Vietnam In a meeting with ...", "‘Sanctions are illegal’ During a separate phone call with ...".
_SPLIT_OPENER = re.compile(
    r"(?<=[A-Za-z0-9’'”\")])\s+(?=(?:In|During|At)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:meeting|talks|phone|telephone|conversation|call|session)\b)"
)
# A rule of dashes that opens a section after a full stop: "... Rouhani remarked. -----Joint statement At the
# end of ...": the section (a heading glued to its first sentence) starts at the dashes
_SPLIT_RULE = re.compile(r"(?<=[.!?\"”’])\s+(?=-{3,})")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article: `text == article[start:end]`."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    duplicate: bool = False


@dataclass(slots=True)
class Document:
    """A segmented article: the original text, the masked working copy, sentences."""

    text: str
    work: str
    sentences: list[Sentence]
    dateline_place: str | None = None
    dateline_country: str | None = None
    dateline_agency: str | None = None
    masked_spans: list[tuple[int, int]] = field(default_factory=list)

    def content_sentences(self) -> list[Sentence]:
        """Sentences that count: not repeats of an earlier sentence."""
        return [s for s in self.sentences if not s.duplicate]


# Unicode spaces (no-break, thin, ideographic, zero-width...) become plain spaces in the working copy.
_SPACES = {
    ord(c): " "
    for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\t\r\f\v"
}


def _mask(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n":
            chars[i] = " "


def _find_dateline(work: str) -> re.Match[str] | None:
    """The dateline, if the first words of the first content line are one."""
    m = _NON_SPACE.search(work)
    if m is None:
        return None
    head_start = m.start()
    line_end = work.find("\n", head_start)
    # The dateline may follow a title line: look at the first three non-empty lines.
    starts = [head_start]
    pos = line_end
    while pos != -1 and len(starts) < 4:
        nxt = _NON_SPACE.search(work, pos)
        if nxt is None:
            break
        starts.append(nxt.start())
        pos = work.find("\n", nxt.start())
    for s in starts:
        d = _DATELINE.match(work, s)
        if d and len(d.group("place")) >= 3 and not d.group("place").isdigit():
            place = d.group("place")
            # an acronym sentence start ("IRNA reported") is no dateline: want a dash or (agency)
            dashed = d.group(0).rstrip().endswith(tuple("-–—_:)")) or bool(d.group("agency"))
            if dashed or (s == head_start and len(place) >= 4 and " " not in place):
                if sum(c.isalpha() for c in place) >= 3:
                    return d
    return None


def _is_abbreviation(work: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(work, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # initials ("J. Smith") and dotted acronyms ("U.S.")
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _split_points(work: str, lo: int, hi: int) -> list[int]:
    """Offsets inside [lo, hi) where a new sentence starts."""
    points: set[int] = set()
    for m in _SPLIT_SPACED.finditer(work, lo, hi):
        dot = m.start()
        if work[dot] == "." and _is_abbreviation(work, dot):
            continue
        points.add(m.end())
    for m in _SPLIT_GLUED.finditer(work, lo, hi):
        if work[m.start()] == "." and _is_abbreviation(work, m.start()):
            continue
        points.add(m.end())
    for m in _SPLIT_HEADING.finditer(work, lo, hi):
        points.add(m.end())
    for m in _SPLIT_OPENER.finditer(work, lo, hi):
        points.add(m.end())
    for m in _SPLIT_RULE.finditer(work, lo, hi):
        points.add(m.end())
    return sorted(points)


def _norm_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


MAX_SENTENCE_CHARS = 2000  # longer "sentences" (tables, lists, unpunctuated dumps) are cut into pieces


def _bounded(work: str, a: int, b: int) -> list[tuple[int, int]]:
    """work[a:b] as pieces of at most `MAX_SENTENCE_CHARS`, cut after a comma or semicolon, else a space.

    Real sentences are far shorter (the corpus's longest is about 1,500 characters);
    the cap keeps every rule's work per sentence bounded, so extraction time stays
    linear in the text whatever its punctuation.
    """
    pieces: list[tuple[int, int]] = []
    while b - a > MAX_SENTENCE_CHARS:
        limit = a + MAX_SENTENCE_CHARS
        cut = max(work.rfind(", ", a, limit), work.rfind("; ", a, limit))
        cut = cut + 1 if cut > a + MAX_SENTENCE_CHARS // 2 else work.rfind(" ", a, limit)
        if cut <= a + MAX_SENTENCE_CHARS // 2:
            cut = limit
        end = cut
        while end > a and work[end - 1].isspace():
            end -= 1
        pieces.append((a, end))
        a = cut
        while a < b and work[a].isspace():
            a += 1
    pieces.append((a, b))
    return pieces


def segment(text: str) -> Document:
    """Clean and split `text` into sentences with offsets into `text` itself."""
    chars = list(text.translate(_SPACES))
    masked: list[tuple[int, int]] = []
    for pattern in (*_NOISE_PATTERNS, _BOILERPLATE, _SIGNOFF, _META_LINE, _BYLINE):
        for m in pattern.finditer(text):
            if m.end() > m.start():
                _mask(chars, m.start(), m.end())
                masked.append((m.start(), m.end()))
    work = "".join(chars)
    dateline = _find_dateline(work)
    place = country = agency = None
    if dateline is not None:
        place = dateline.group("place").strip().title()
        country = dateline.group("country")
        agency = dateline.group("agency")
        _mask(chars, dateline.start(), dateline.end())
        masked.append((dateline.start(), dateline.end()))
        work = "".join(chars)

    sentences: list[Sentence] = []
    seen: set[str] = set()
    paragraph = 0
    pos = 0
    n = len(work)
    while pos < n:
        line_end = work.find("\n", pos)
        if line_end == -1:
            line_end = n
        if work[pos:line_end].strip():
            cuts = [pos, *_split_points(work, pos, line_end), line_end]
            for a, b in itertools.pairwise(cuts):
                # trim whitespace on both sides, in the working copy
                while a < b and work[a].isspace():
                    a += 1
                while b > a and work[b - 1].isspace():
                    b -= 1
                for c_lo, c_hi in _bounded(work, a, b):
                    if c_hi - c_lo < 2 or not any(c.isalpha() for c in work[c_lo:c_hi]):
                        continue
                    key = _norm_key(work[c_lo:c_hi])
                    dup = len(key) >= 20 and key in seen
                    seen.add(key)
                    sentences.append(Sentence(len(sentences), c_lo, c_hi, text[c_lo:c_hi], paragraph, dup))
            paragraph += 1
        pos = line_end + 1
    return Document(text, work, sentences, place, country, agency, masked)
