"""Sectors of an event, from the cues of `data/sectors.yaml` in its evidence.

An article's topic reaches all its events: a sector its lead sentence cues, and which at least
three of its sentences cue (the lead counted), is a sector of each event, unless the lead reports
speech (`SectorMatcher.topic`).

A sentence that speaks of cooperation ("cooperation in the fields of energy and agriculture") gives its
cues to the event told last before it, even where it names no party of its own (`cooperation_talk`,
`attach_talk`).

A cue inside the name of an actor is no sector of the event: "the International Atomic Energy
Agency", "Iran Chamber of Commerce, Industries, Mines and Agriculture", "Transport Minister X",
"the minister for science, research and technology". Such a match is skipped (`in_name`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from libs.extraction.fastre import FastPattern, Scan
from libs.extraction.resources import Resources, alternation, case_sensitive

# the head words of an office's or a body's name whose words are no topic (a capitalised run holding
# one is a name): "the International Atomic Energy Agency" is named in talks on anything; organizations
# and companies ("Civil Aviation Organization", "National Iranian Oil Company") are left out: their
# domain is mostly what their cooperation is about; a fund ("the Russian Direct Investment Fund", round 44)
# is named in talks on anything
_HEADS = frozenset(
    "minister ministers ministry ministries commissioner professor presidency chamber university "
    "department council office times agency agencies fund".split()
)
# sectors a name alone does not give: a university named in an event's evidence is mostly where a speech
# was given or an analyst's affiliation ("said at the University of Tehran", "a professor at X University"),
# not higher education as the subject of the event (round 42: 11 of 12 such sectors false over blind_1-42)
_NOT_FROM_NAMES = frozenset({"higher_education"})
# how many sentences (the lead among them) must cue a sector of the lead for it to be the article's topic
TOPIC_REPEATS = 3
# a lead that reports what someone says, or their censure of something, is their view, not what the
# article is about (interviews, opinion, statements)
_REPORTED = re.compile(
    r"\b(?:says|said|believes|argues|writes|tells|insists|according to"
    r"|condemn(?:s|ed)|critici[sz](?:es|ed)|castigat(?:es|ed)|denounc(?:es|ed)|slam(?:s|med)|lambast(?:s|ed))\b"
)
# a question asked about cooperation ("Can this affect Tehran-Moscow economic cooperation?") tells no field of it
_QUESTION = re.compile(r"\?[\s\"”’']*$")
_CAP_WORD = re.compile(r"[A-Z][\w'’.-]*")
# a capitalised word, or a connector that may join two of them inside one name
_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*|&|,")
_CONNECTORS = frozenset({"of", "for", "and", "&", ",", "the"})
# "minister of energy", "the ministry for science, research and technology", "deputy minister of"
_TITLE_BEFORE = re.compile(
    r"\bminist(?:er|ry|ers|ries)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?:[a-z-]+(?:\s+[a-z-]+)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)){0,3}$"
)
# "the energy minister", "health ministers", "the oil ministry"
_TITLE_AFTER = re.compile(r"\s+minist(?:er|ry|ers|ries)\b")


def _joins(toks: list[tuple[int, str]], lo: int, hi: int, word: int) -> bool:
    """Whether the tokens `lo:hi` are a connector ("of", "and", a comma ...) or a serial comma's ", and"
    ("Industries, Mines, and Agriculture") and the token `word` beyond them is a capitalised word."""
    if lo < 0 or hi > len(toks) or not 0 <= word < len(toks):
        return False
    words = [w.lower() for _, w in toks[lo:hi]]
    joined = (len(words) == 1 and words[0] in _CONNECTORS) or words in ([",", "and"], [",", "&"])
    return joined and bool(_CAP_WORD.fullmatch(toks[word][1]))


def _capitalised_run(text: str, start: int, end: int) -> list[str]:
    """The words of the run of capitalised words (joined by of/for/and/&/the/commas, or a serial comma's
    ", and", round 45) around a capitalised match at `start:end`, within 120 characters either side."""
    lo, hi = max(0, start - 120), min(len(text), end + 120)
    toks = [(m.start(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]
    idx = next((i for i, (s, _) in enumerate(toks) if s >= start), len(toks))
    run_lo = idx
    while run_lo > 0:
        prev = toks[run_lo - 1][1]
        if _CAP_WORD.fullmatch(prev):
            run_lo -= 1
        elif gap := next((g for g in (1, 2) if _joins(toks, run_lo - g, run_lo, run_lo - g - 1)), 0):
            run_lo -= gap + 1
        else:
            break
    run_hi = idx + 1
    while run_hi < len(toks) and toks[run_hi][0] < end:
        run_hi += 1
    while run_hi < len(toks):
        nxt = toks[run_hi][1]
        if _CAP_WORD.fullmatch(nxt):
            run_hi += 1
        elif gap := next((g for g in (1, 2) if _joins(toks, run_hi, run_hi + g, run_hi + g)), 0):
            run_hi += gap + 1
        else:
            break
    return [w for _, w in toks[run_lo:run_hi] if _CAP_WORD.fullmatch(w)]


def in_name(text: str, start: int, end: int) -> bool:
    """Whether the cue matched at `start:end` is part of a body's or an office's name rather than
    the subject of the text: a capitalised run of two or more words with a head word
    (`_HEADS`), or a lowercase "minister of X" / "X minister" title. Acronyms stay cues."""
    word = text[start:end]
    if word.isupper():
        return False
    if word[0].isupper():
        run = _capitalised_run(text, start, end)
        # a head word at a sentence's end keeps its plural ("the Financial Times.", round 44)
        words = {w.lower().rstrip(".’'s") for w in run} | {w.lower().rstrip(".") for w in run}
        if len(run) >= 2 and words & _HEADS:
            return True
    if _TITLE_AFTER.match(text, end):
        return True
    return bool(_TITLE_BEFORE.search(text[max(0, start - 80) : start]))


class SectorMatcher:
    """Per sector, one case-insensitive and (for acronyms) one case-sensitive pattern."""

    def __init__(self, res: Resources) -> None:
        self._rx: list[tuple[str, list[FastPattern]]] = []
        for sector, patterns in res.sectors.items():
            folded = [p for p in patterns if not case_sensitive(p)]
            exact = [p for p in patterns if case_sensitive(p)]
            compiled = []
            if folded:
                compiled.append(FastPattern("|".join(f"(?:{p})" for p in folded), re.IGNORECASE, folded))
            if exact:
                compiled.append(FastPattern("|".join(f"(?:{p})" for p in exact)))
            self._rx.append((sector, compiled))
        self.patterns = [p for _, ps in self._rx for p in ps]
        self._sectorless = res.sectorless
        talk = alternation(res.cooperation_talk) if res.cooperation_talk else "(?!)"
        # in lowercase anywhere (not "the Gulf Cooperation Council"), in any case as the first word
        self._talk = re.compile(rf"(?<![\w-])(?:{talk})(?![\w])")
        self._talk_first = re.compile(rf"[\W_]*(?:{talk})(?![\w])", re.IGNORECASE)

    @staticmethod
    def _cues(ws: Scan | str, p: FastPattern, lo: int, hi: int, names: bool) -> Iterator[re.Match[str]]:
        """The matches of one pattern in `lo:hi`; those in a name too when `names`."""
        if names:
            return p.finditer(ws, lo, hi)
        text = ws if isinstance(ws, str) else ws.text
        return (m for m in p.finditer(ws, lo, hi) if not in_name(text, m.start(), m.end()))

    def topic(
        self, ws: Scan | str, sentences: list[tuple[int, int]], *, repeats: int = TOPIC_REPEATS
    ) -> list[str]:
        """The article's topic sectors: those its lead sentence (the first of `sentences`) cues outside
        names and which at least `repeats` of its sentences cue outside names, the lead counted. A
        news lead says what the article is about; a cue repeated through the text shows it is not a
        passing word ("Iran's missile programme" in a lead, then "the missiles", "the missile test"). A
        lead that reports speech ("X said / says / believes ...", "according to") gives no topic: it is
        someone's view (interviews, opinion pieces), and the engine's events there are often not events."""
        if not sentences:
            return []
        text = ws if isinstance(ws, str) else ws.text
        if _REPORTED.search(text, sentences[0][0], sentences[0][1]):
            return []
        lead = set(self.find(ws, sentences[:1], names=False))
        out: list[str] = []
        for sector, patterns in self._rx:
            if sector not in lead:
                continue
            n = 0
            for lo, hi in sentences:
                if any(next(self._cues(ws, p, lo, hi, False), None) for p in patterns):
                    n += 1
                    if n >= repeats:
                        out.append(sector)
                        break
        return out

    def cooperation_talk(
        self, ws: Scan | str, sentences: list[tuple[int, int]]
    ) -> list[tuple[int, list[str]]]:
        """The sentences that speak of cooperation ("expand cooperation in energy", "we cooperate on
        transit"; `cooperation_talk` in `data/sectors.yaml`) and not of the nuclear deal (`sectorless`):
        each as its position in `sentences` and its sector cues outside names; those without any left out."""
        text = ws if isinstance(ws, str) else ws.text
        out: list[tuple[int, list[str]]] = []
        for pos, (lo, hi) in enumerate(sentences):
            if not (self._talk.search(text, lo, hi) or self._talk_first.match(text, lo, hi)):
                continue
            if self._sectorless.search(text, lo, hi) or _QUESTION.search(text, lo, hi):
                continue
            found = self.find(ws, [(lo, hi)], names=False)
            if found:
                out.append((pos, found))
        return out

    def sectorless(self, text: str, spans: list[tuple[int, int]]) -> bool:
        """Whether every span names diplomacy that has no sector of its own (the nuclear deal or its
        talks, `sectorless` in `data/sectors.yaml`); False without spans."""
        return bool(spans) and all(self._sectorless.search(text, lo, hi) for lo, hi in spans)

    def order(self, sectors: set[str]) -> list[str]:
        """The given sectors in vocabulary order."""
        return [sector for sector, _ in self._rx if sector in sectors]

    def find(self, ws: Scan | str, spans: list[tuple[int, int]], *, names: bool = True) -> list[str]:
        """Sectors cued anywhere in the given spans of the text, in vocabulary order; with
        `names=False` a cue inside a name (`in_name`) does not count."""
        out: list[str] = []
        for sector, patterns in self._rx:
            if any(next(self._cues(ws, p, lo, hi, names), None) for p in patterns for lo, hi in spans):
                out.append(sector)
        return out


def attach_talk(firsts: Sequence[int | None], talk: list[tuple[int, list[str]]]) -> list[set[str]]:
    """The sectors of the cooperation talk (`SectorMatcher.cooperation_talk`) each event takes, given the
    position of each event's first evidence sentence (None: it takes none, as nuclear-deal diplomacy): a
    talk sentence belongs to the events told last at or before it, one before them all to the first."""
    out: list[set[str]] = [set() for _ in firsts]
    starts = sorted({f for f in firsts if f is not None})
    if not starts:
        return out
    for pos, sectors in talk:
        at = bisect.bisect_right(starts, pos) - 1
        owner = starts[max(at, 0)]
        for i, first in enumerate(firsts):
            if first == owner:
                out[i].update(sectors)
    return out


def _own_sectors(
    matcher: SectorMatcher, ws: Scan | str, evidence: list[tuple[int, int]], wider: list[tuple[int, int]]
) -> list[str]:
    """An event's own sectors: the cues of its evidence outside names; else those in names ("the
    Agriculture Ministry signed ...") but `_NOT_FROM_NAMES`, and then not the wider spans; else the cues
    outside names of the wider spans."""
    find = matcher.find
    own = find(ws, evidence, names=False)
    if own:
        return own
    named = find(ws, evidence)
    if named:
        return [s for s in named if s not in _NOT_FROM_NAMES]
    return find(ws, wider, names=False)


def event_sectors(
    matcher: SectorMatcher,
    ws: Scan | str,
    sentences: list[tuple[int, int]],
    owns: Sequence[Sequence[int]],
    wider: Sequence[list[tuple[int, int]]],
) -> list[list[str]]:
    """Per event, its sectors in vocabulary order, given the article's sentence spans, each event's own
    evidence positions (sorted, non-empty) and its wider spans (the evidence and the sentence after each
    trigger): its own sectors (`_own_sectors`), the article's topic (`SectorMatcher.topic`) and the
    cooperation talk it takes (`attach_talk`); for diplomacy with no sector of its own
    (`SectorMatcher.sectorless`, which takes no talk either) only the cues of its evidence outside names
    ("talks on the nuclear deal and on regional security": security)."""
    text = ws if isinstance(ws, str) else ws.text
    spans = [[sentences[p] for p in own] for own in owns]
    free = [matcher.sectorless(text, evidence) for evidence in spans]
    topic = matcher.topic(ws, sentences)
    talks = attach_talk(
        [None if f else own[0] for f, own in zip(free, owns, strict=True)],
        matcher.cooperation_talk(ws, sentences),
    )
    return [
        matcher.find(ws, evidence, names=False)
        if f
        else matcher.order({*_own_sectors(matcher, ws, evidence, wide), *topic, *talk})
        for evidence, wide, f, talk in zip(spans, wider, free, talks, strict=True)
    ]
