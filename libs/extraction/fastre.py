"""Fast scanning of big lexicon regexes: try them only where a word starts as a cue can.

Python's `re` tries a large alternation at every character. A lexicon pattern,
however, always starts a word and its first letters are known: we derive the set
of possible four-letter (case-folded; three-letter where four cannot be enumerated)
prefixes from the parsed pattern, find the word starts with such a prefix with one
cheap "scout" regex, and run the full pattern only there. Results are identical to
`finditer` with a word-boundary lookbehind; a pattern whose prefixes cannot be derived
(it starts with `\\w`, say) gets a scout regex of its own where it is context-free,
and is otherwise scanned the slow way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

import ahocorasick

from libs.extraction.errors import ExtractionError

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_K = 4
_MIN_K = 3
_MAX_SET = 5000


class _Unknown(ExtractionError):
    """A pattern whose prefixes cannot be enumerated (internal: the scanner then runs it everywhere)."""


def _item(op: object, av: object, need: int) -> set[str]:
    if op is _c.LITERAL:
        return {chr(av).lower()}  # type: ignore[arg-type]
    if op is _c.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:  # type: ignore[union-attr]
            if sub_op is _c.LITERAL:
                chars.add(chr(sub_av).lower())
            elif sub_op is _c.RANGE and sub_av[1] - sub_av[0] < 64:
                chars.update(chr(x).lower() for x in range(sub_av[0], sub_av[1] + 1))
            else:
                raise _Unknown
        return chars
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            out |= _seq(branch, need)
        return out
    if op is _c.SUBPATTERN:
        return _seq(av[-1], need)  # type: ignore[index]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, body = av  # type: ignore[misc]
        one = _seq(body, need)
        if hi != 1 and any(len(x) < need for x in one):
            raise _Unknown  # repeated short bodies: do not enumerate
        return one | {""} if lo == 0 else one
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}
    raise _Unknown


def _seq(items: object, need: int) -> set[str]:
    results = {""}
    for op, av in items:  # type: ignore[attr-defined]
        if all(len(r) >= need for r in results):
            break
        new: set[str] = set()
        for r in results:
            if len(r) >= need:
                new.add(r)
                continue
            for ext in _item(op, av, need - len(r)):
                new.add(r + ext)
        if len(new) > _MAX_SET:
            raise _Unknown
        results = new
    return {r[:need] for r in results}


def prefixes(pattern: str, k: int = _K) -> frozenset[str] | None:
    """The case-folded prefixes (up to k letters, fewer for a shorter match) any match starts with.

    The longest length up to k whose set can be enumerated (a longer prefix leaves fewer false
    candidates); None when no length can.
    """
    try:
        parsed = _p.parse(pattern)
    except re.error:
        return None
    for n in range(k, _MIN_K - 1, -1):
        try:
            got = _seq(parsed, n)
        except _Unknown:
            continue
        if got and "" not in got:
            return frozenset(got)
    return None


def _context_free(pattern: str) -> bool:
    """Whether a pattern has no lookaround, anchor or word boundary: whether it matches at a position
    depends only on the text it spans (so a match in text[:hi] is one in the whole text)."""

    def free(items: object) -> bool:
        for op, av in items:  # type: ignore[attr-defined]
            if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
                continue
            if op is _c.BRANCH:
                if not all(free(b) for b in av[1]):
                    return False
            elif op is _c.SUBPATTERN:
                if not free(av[-1]):
                    return False
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
                if not free(av[2]):
                    return False
            else:  # lookarounds, anchors, boundaries, back-references, atomic groups: not known to be free
                return False
        return True

    try:
        return free(_p.parse(pattern))
    except re.error:
        return False


class FastPattern:
    """A word-initial lexicon regex, tried only at word starts that begin like one of its matches.

    `alternatives` (the patterns the body is an alternation of, when the caller knows them) lets the
    prefixes be derived one alternative at a time: an alternative whose prefixes cannot be derived
    (`(?:[\\w.-]+-)?brokered talks`) is then found by a small "scout" regex of its own, where it is
    context-free (`_context_free`), instead of sending the whole body to the slow scan.
    """

    def __init__(self, body: str, flags: int = 0, alternatives: Sequence[str] = ()) -> None:
        self.full = re.compile(rf"(?<![\w-])(?:{body})(?![\w])", flags)
        self.anchored = re.compile(rf"(?:{body})(?![\w])", flags)
        self.prefixes: frozenset[str] | None = None
        self.scout: re.Pattern[str] | None = None
        if not flags & re.IGNORECASE:
            return
        if not alternatives:
            self.prefixes = prefixes(body)
            return
        known: set[str] = set()
        unknown: list[str] = []
        for alt in alternatives:
            got = prefixes(alt)
            if got is not None:
                known |= got
            elif _context_free(alt):
                unknown.append(alt)
            else:
                return  # the slow scan, as without alternatives
        self.prefixes = frozenset(known)
        if unknown:
            self.scout = re.compile(rf"(?<![\w-])(?=(?:{'|'.join(unknown)}))", flags)

    def finditer(self, scan: Scan | str, lo: int, hi: int) -> Iterator[re.Match[str]]:
        """Like `full.finditer(text, lo, hi)`; fast when given a `Scan` of the text."""
        if isinstance(scan, str) or id(self) not in scan.known:
            text = scan if isinstance(scan, str) else scan.text
            yield from self.full.finditer(text, lo, hi)
            return
        starts = scan.hits.get(id(self))
        if not starts:
            return
        text = scan.text
        reach = lo
        match = self.anchored.match
        for i in range(bisect.bisect_left(starts, lo), len(starts)):
            pos = starts[i]
            if pos >= hi:
                break
            if pos < reach:
                continue
            m = match(text, pos, hi)
            if m is not None and m.end() > pos:
                reach = m.end()
                yield m

    def search(self, scan: Scan | str, lo: int, hi: int) -> re.Match[str] | None:
        return next(self.finditer(scan, lo, hi), None)


class Scan:
    """One text and, per registered pattern, the sorted word starts where it may match."""

    __slots__ = ("hits", "known", "text")

    def __init__(self, text: str, hits: dict[int, list[int]], known: frozenset[int]) -> None:
        self.text = text
        self.hits = hits  # id(pattern) -> sorted candidate offsets
        self.known = known  # ids of the patterns the scanner covers

    def __str__(self) -> str:  # handy in messages; the text itself
        return self.text


class PrefixScanner:
    """One Aho-Corasick pass over a text finds candidate positions for all registered patterns."""

    def __init__(self, patterns: list[FastPattern]) -> None:
        table: dict[str, list[int]] = {}
        self._patterns = [p for p in patterns if p.prefixes is not None]
        self._known = frozenset(id(p) for p in self._patterns)
        self._scouted = [p for p in self._patterns if p.scout is not None]
        for p in self._patterns:
            for x in p.prefixes or ():
                table.setdefault(x, []).append(id(p))
        auto = ahocorasick.Automaton()
        for x, ids in table.items():
            auto.add_word(x, (len(x), tuple(ids)))
        if table:
            auto.make_automaton()
        self._auto = auto if table else None

    def scan(self, text: str) -> Scan:
        """Every registered pattern's candidate starts in `text` (a superset of its match starts)."""
        hits: dict[int, list[int]] = {}
        if self._auto is not None:
            self._prefix_hits(text, hits)
        for p in self._scouted:
            found = [m.start() for m in p.scout.finditer(text)]  # type: ignore[union-attr]
            if found:
                hits.setdefault(id(p), []).extend(found)
        for lst in hits.values():
            lst.sort()
        return Scan(text, hits, self._known)

    def _prefix_hits(self, text: str, hits: dict[int, list[int]]) -> None:
        low = text.lower()
        if len(low) != len(text):  # a few characters lengthen when lowercased: keep offsets aligned
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        for end, (length, ids) in self._auto.iter(low):
            start = end - length + 1
            if start > 0:
                prev = text[start - 1]
                if prev.isalnum() or prev in "-_":
                    continue
            for pid in ids:
                hits.setdefault(pid, []).append(start)
