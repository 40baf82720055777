"""Named people, their titles and the country they act for.

A cheap, rule-based pass over the whole article (no NLP model): it finds runs of
capitalised name tokens, splits a leading title off ("Iranian Oil Minister |
Bijan Namdar Zanganeh"), and links the person to a state through the title
("Iraqi deputy Minister ...", "Deputy Minister of Foreign Affairs of the Russian
Federation, ...", "..., the French counselor"). Later bare surnames ("Zanganeh
said") then count as mentions of that state. An official with a title but no
nationality ("Foreign Minister X") is linked to the dateline's country, the
article's home, only when nothing explicit links the person elsewhere.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import ahocorasick

from libs.extraction.gazetteer import Gazetteer, Match
from libs.extraction.triggers import SPEECH_WORDS, words

TITLE_WORDS = frozenset(
    """minister ministers deputy vice president prime foreign secretary secretary-general general ambassador
    envoy chairman chairwoman chair head director director-general spokesman spokeswoman spokesperson chief
    governor mayor speaker commander chancellor king queen emir prince crown sheikh sultan counselor counsellor
    consul adviser advisor representative undersecretary under-secretary leader senator admiral brigadier
    lieutenant colonel dr dr. prof prof. professor mr mr. mrs mrs. ms ms. ayatollah hojatoleslam hojjatoleslam
    seyyed seyed sayyed sayed officer rector dean ceo managing executive mp judge premier monarch imam grand
    official officials counterpart delegation diplomat negotiator coordinator attaché attache charge
    d'affaires president-elect founder secretary-generals commissioner presidential top""".split()
)
_ORG_WORDS = frozenset(
    """ministry university organization organisation institute council committee agency company corporation
    bank center centre foundation association chamber commerce industry industries zone park parks office
    department republic revolution guard guards corps force forces navy army parliament majlis assembly
    house court union fund program programme group party front movement news times press tv daily network
    airport port province city street square hospital school college academy society federation festival
    conference summit forum exhibition week day museum library station plant project research science
    sciences technology education health affairs economic economy international national islamic world
    global united nations security development studies policy investment trade energy oil gas water medical
    higher scientific culture cultural heritage tourism handicrafts information communication
    communications road transport agriculture environment defense defence interior intelligence supreme
    joint comprehensive plan action agreement deal accord treaty protocol declaration resolution convention
    commission board cabinet government administration state federal regional central western eastern
    northern southern middle east west north south asia europe africa america persian gulf sea ocean river
    lake mount mountain january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday prize award cup games league olympics
    championship tournament covid-19 coronavirus corona mosque shrine holy quran eid ramadan nowruz
    police the a an in on at of for and during after before according addressing speaking
    meanwhile however also he she they it this that these those his her their its our we i you but
    as while when where which who what with by from to under over about into upon than then there here
    elsewhere following referring pointing noting stressing saying adding highlighting asked earlier later
    today yesterday tomorrow last next all some many most other both each any no not mt mg tehran
    ministerial embassy consulate mission""".split()
)
# Sentence-initial words that are not names even when capitalised.
_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z][a-z]*\.|[Aa]l-[A-Z][a-z]+(?:-[A-Z][a-z]+)*)"
_NAME_PARTICLE = r"(?:bin|ibn|al|el|de|van|von|da|di|ul|ud)"
NAME_RUN = re.compile(rf"(?<![\w-]){_NAME_TOKEN}(?:\s+(?:{_NAME_PARTICLE}\s+)?{_NAME_TOKEN}){{0,7}}")
_TOKEN = re.compile(r"\S+")
_TITLE_TOKEN = re.compile(r"[\w’'.&-]+|[,;:“”\"()\[\]]")
# Words that end a title phrase when walking back from a name.
_TITLE_STOP = frozenset(
    """with by from after during while when that as said says saying told met meets meeting visited received
    hosted called urged addressing according quoted stressed added noted announced is was are were has have
    had will would who which where but although because since""".split()
)
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday week month year morning evening night""".split()
)
# a verb right after a name: what follows is no title ("Zarif said", "Zarif met")
_CLAUSE_VERB = re.compile(
    rf"\b(?:{words(SPEECH_WORDS)}|saying|told|met|meets|signed|pointed|visited|held|explored|"
    r"discussed|is|was|are|were|has|have)\b"
)


@dataclass(frozen=True, slots=True)
class Person:
    """A named person found in the text."""

    name: str
    start: int
    end: int
    title: str | None
    country: str | None  # ISO alpha-3, or an IGO short name when `igo`
    explicit: bool  # the country comes from the text around the name, not the dateline
    igo: bool = False


def _clean(tok: str) -> str:
    return tok.strip(",.;:()[]\"“”'’").lower()


def _is_title(tok: str) -> bool:
    t = _clean(tok)
    return t in TITLE_WORDS or ("-" in t and any(part in TITLE_WORDS for part in t.split("-")))


def _is_org(tok: str) -> bool:
    t = _clean(tok)
    return t in _ORG_WORDS or t.endswith("’s") or t.endswith("'s")


def _affiliation(work: str, lo: int, hi: int, matches: list[Match]) -> Match | None:
    """The state/IGO a title phrase in work[lo:hi] names ("Iraqi deputy minister", "Minister ... of Russia").

    The mention nearest the name wins; a country named after "to" or "in"
    ("ambassador to Kazakhstan", "in Tehran") is where the person serves, and one
    after "for" or "on" ("Special Representative for Iran", "envoy on Syria") is
    what they deal with, not whom they act for.
    """
    inside = [m for m in matches if lo <= m.start and m.end <= hi]
    for m in reversed(inside):
        before = work[max(lo, m.start - 12) : m.start].lower()
        if re.search(r"\b(?:to|in|at|from|for|on)\s+(?:the\s+)?$", before):
            continue
        return m
    return None


def _title_before(before: str) -> tuple[int, int] | None:
    """The span of a title phrase ending right before a name ("the Iraqi deputy Minister of X, ").

    Walks back over words and commas; stops at a verb, a preposition that starts
    another phrase, other punctuation, a time word, or a comma once a title word
    has been seen. The phrase must contain a title word.
    """
    toks = list(_TITLE_TOKEN.finditer(before))
    start = None
    seen_title = False
    for t in reversed(toks):
        w = t.group(0)
        lw = w.lower()
        if w in ';:“”"()[]' or lw in _TITLE_STOP or lw in _TIME_WORDS or lw.isdigit():
            break
        if w == ",":
            if seen_title:
                break
            continue
        if _is_title(w):
            seen_title = True
        start = t
    if start is None or not seen_title:
        return None
    lo = start.start()
    hi = len(before.rstrip(" ,"))
    text = before[lo:hi]
    lead = re.match(r"(?:(?:and|the|an?|of)\s+|,\s*)+", text, re.IGNORECASE)
    if lead:
        lo += lead.end()
    return (lo, hi) if hi > lo else None


def _title_of(
    work: str, bounds: tuple[int, int, int, int], head: str | None, sent_matches: list[Match]
) -> tuple[str | None, Match | None]:
    """The title of a name and the state/IGO it names (`bounds`: where the words before it start, the
    name's start and end, the sentence's end): the title phrase right before the name ("Iraqi deputy
    Minister of ..., <Name>"), else its run's `head` (None when untitled), and an appositive after it
    ("<Name>, Iraqi deputy Minister of ..., said") for what is still missing; cut to 120 characters."""
    before_lo, name_start, name_end, s_hi = bounds
    before = work[before_lo:name_start]
    after_m = re.match(r"\s*,\s*((?:the|an?)\s+)?([^,.;()]{2,140})", work[name_end:s_hi])
    title = None
    aff: Match | None = None
    span = _title_before(before)
    if span is not None:
        t_lo, t_hi = span
        title = before[t_lo:t_hi]
        aff = _affiliation(work, before_lo + t_lo, before_lo + t_hi, sent_matches)
    elif head is not None:
        title = head.strip() or None
    if after_m is not None and not _CLAUSE_VERB.search(after_m.group(2)):
        if any(_is_title(w) for w in after_m.group(2).split()[:6]):
            if title is None:
                title = after_m.group(2).strip()
            if aff is None:
                a_lo = name_end + after_m.start(2)
                aff = _affiliation(work, a_lo, name_end + after_m.end(2), sent_matches)
    if title is not None and len(title) > 120:
        title = title[:120].rsplit(" ", 1)[0]
    return title, aff


def find_people(work: str, spans: list[tuple[int, int]], gaz_matches: list[Match]) -> list[Person]:
    """People named in the given sentence spans of the working text, with titles and countries."""
    people: list[Person] = []
    match_starts = [m.start for m in gaz_matches]  # gazetteer matches come sorted by start
    for s_lo, s_hi in spans:
        first, last = bisect.bisect_left(match_starts, s_lo), bisect.bisect_left(match_starts, s_hi)
        sent_matches = [m for m in gaz_matches[first:last] if m.end <= s_hi]
        prev_end = s_lo
        for run in NAME_RUN.finditer(work, s_lo, s_hi):
            toks = list(_TOKEN.finditer(run.group(0)))
            # split off a leading title/organisation part; the name is the tail
            cut = 0
            for i, t in enumerate(toks):
                t_lo, t_hi = run.start() + t.start(), run.start() + t.end()
                in_gaz = any(m.start < t_hi and t_lo < m.end for m in sent_matches)
                if _is_title(t.group(0)) or _is_org(t.group(0)) or in_gaz:
                    cut = i + 1
            tail = toks[cut:]
            if not tail:
                continue
            name_start = run.start() + tail[0].start()
            name_end = run.start() + tail[-1].end()
            name = work[name_start:name_end].rstrip(".")
            name_end = name_start + len(name)
            if any(m.start < name_end and name_start < m.end for m in sent_matches):
                continue
            titled = any(_is_title(t.group(0)) for t in toks[:cut])
            if len(tail) < 2 and not titled:
                continue
            # title before the name (same run or the words just before it), or after it
            before_lo = max(prev_end, s_lo, name_start - 120)
            head = work[run.start() : name_start] if titled else None
            title, aff = _title_of(work, (before_lo, name_start, name_end, s_hi), head, sent_matches)
            if titled or title is not None or len(tail) >= 2:
                code = aff.code if aff else None
                people.append(
                    Person(name, name_start, name_end, title, code, aff is not None, bool(aff and aff.is_igo))
                )
                prev_end = name_end
    return people


# "Germany's Wintershall", "French energy giant Total", "the Chinese company Huawei"
_ORG_AFTER_POSSESSIVE = re.compile(r"^['’]s\s+(?:[a-z-]+\s+){0,2}?([A-Z][\w&-]{2,})")
_ORG_AFTER_DEMONYM = re.compile(
    r"^\s+(?:[a-z-]+\s+){0,2}?(?:company|companies|firm|giant|group|carrier|automaker|carmaker|producer|"
    r"manufacturer|bank|corporation|conglomerate|operator|developer|contractor)\s+([A-Z][\w&-]{2,})"
)


def find_org_affiliations(work: str, matches: list[Match]) -> dict[str, str]:
    """Company/institution names tied to a state by the text ("Germany's Siemens" → DEU)."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    surfaces = {x.surface for x in matches}
    for m in matches:
        if m.is_igo or m.kind not in ("country", "demonym"):
            continue
        after = work[m.end : m.end + 80]
        g = (_ORG_AFTER_POSSESSIVE if m.kind == "country" else _ORG_AFTER_DEMONYM).match(after)
        if not g:
            continue
        name = g.group(1)
        if _is_title(name) or _is_org(name) or name in clash:
            continue
        if name in surfaces:
            continue
        if out.get(name, m.code) != m.code:
            clash.add(name)
            out.pop(name, None)
            continue
        out[name] = m.code
    return out


def people_between(people: list[Person], starts: list[int], lo: int, hi: int) -> list[Person]:
    """The people (in text order, `starts` their start offsets) whose names overlap work[lo:hi]."""
    first = max(0, bisect.bisect_left(starts, lo) - 1)  # names never overlap: only one can start before lo
    return [p for p in people[first : bisect.bisect_left(starts, hi)] if p.start < hi and lo < p.end]


def unexplained_names(
    work: str, lo: int, hi: int, people: list[Person], matches: list[Match], starts: list[int] | None = None
) -> bool:
    """Whether work[lo:hi] has a capitalised multi-word name that no rule has placed.

    Runs of two or more capitalised words that are neither a person the rules
    placed (with a title or a country), nor a gazetteer name, nor made of
    title/organisation words: these are what the NER model is for.
    """
    for run in NAME_RUN.finditer(work, lo, hi):
        toks = run.group(0).split()
        if len(toks) < 2 or all(_is_title(t) or _is_org(t) for t in toks):
            continue
        s, e = run.start(), run.end()
        placed = people_between(people, starts if starts is not None else [p.start for p in people], s, e)
        if placed and all(p.title or p.country for p in placed):
            continue  # a person the rules found with a title or a country
        if any(m.start < e and s < m.end for m in matches):
            continue
        if run.start() == lo and len(toks) == 2 and _is_org(toks[0]):
            continue  # a capitalised sentence opener ("During Tuesday")
        return True
    return False


_NAME_CHAR = re.compile(r"[\w-]")


class PersonIndex:
    """Surname → state (or IGO), from the people an article names with an affiliation.

    Also company names the text ties to a state ("Germany's Wintershall").

    Links made by the text ("Iraqi minister X") are explicit; an official named by
    title alone ("Foreign Minister X") is linked to the dateline's state, `home`,
    which counts only as weak evidence.
    """

    def __init__(
        self,
        people: list[Person],
        home: str | None,
        orgs: dict[str, str] | None = None,
        known: Mapping[str, str] | None = None,
        igo_codes: Collection[str] = (),
    ) -> None:
        votes: dict[str, set[str]] = {name: {code} for name, code in (orgs or {}).items()}
        # well-known people (`data/people.tsv`): "Lavrov", "Xi Jinping" stand for their state
        for name, code in (known or {}).items():
            votes.setdefault(name, set()).add(code)
        self.igo_codes: set[str] = {code for code in (known or {}).values() if code in igo_codes}
        for p in people:
            if p.country and p.explicit:
                for key in _name_keys(p.name):
                    votes.setdefault(key, set()).add(p.country)
                if p.igo:
                    self.igo_codes.add(p.country)
            elif (within := _known_within(p.name, known or {})) is not None:
                # "Sheikh Tamim bin Hamad Al Thani": "Al Thani" is the well-known person's, not the dateline's
                for key in _name_keys(p.name):
                    votes.setdefault(key, set()).add(within)
        # a surname of three letters or more, or one listed as well known ("Xi": a Chinese family name)
        self.explicit: dict[str, str] = {
            s: next(iter(c)) for s, c in votes.items() if len(c) == 1 and (len(s) >= 3 or s in (known or {}))
        }
        self.by_surname: dict[str, str] = dict(self.explicit)
        if home:
            for p in people:
                sur = _surname(p.name)
                if p.title and not p.explicit and sur not in votes and len(sur) >= 3:
                    self.by_surname.setdefault(sur, home)
        # one automaton of the known surnames: the cost of a sentence does not grow with their number
        self._automaton: Any = None
        if self.by_surname:
            self._automaton = ahocorasick.Automaton()
            for key in self.by_surname:
                self._automaton.add_word(key, key)
            self._automaton.make_automaton()

    def mentions(self, work: str, lo: int, hi: int) -> list[tuple[int, int, str, bool, bool]]:
        """(start, end, code, is_igo, explicit) for each known surname in work[lo:hi].

        Whole words only (no word character or hyphen on either side); leftmost
        first, the longest at a position, never overlapping.
        """
        if self._automaton is None or hi <= lo:
            return []
        found = []
        for end_index, key in self._automaton.iter(work, lo, hi):
            start, end = end_index + 1 - len(key), end_index + 1
            if start < lo or (start > 0 and _NAME_CHAR.match(work, start - 1)):
                continue
            if end < hi and _NAME_CHAR.match(work, end):
                continue
            found.append((start, end, key))
        found.sort(key=lambda t: (t[0], t[0] - t[1]))
        out = []
        last_end = lo
        for start, end, key in found:
            if start < last_end:
                continue
            code = self.by_surname[key]
            out.append((start, end, code, code in self.igo_codes, key in self.explicit))
            last_end = end
        return out

    def state_of(self, name: str) -> str | None:
        """The state (not IGO) a person's surname is linked to, if any."""
        code = self.by_surname.get(_surname(name))
        return code if code and code not in self.igo_codes else None


_NAME_CONNECTORS = frozenset({"bin", "ibn", "bint", "al", "el", "abu", "de", "van", "von", "da", "di"})


def _name_keys(name: str) -> list[str]:
    """How later sentences may refer to a person: the surname, and "bin Farhan" for
    "Faisal bin Farhan Al Saud" (a connector and the name after it)."""
    keys = [_surname(name)]
    toks = name.split()
    for i in range(1, len(toks) - 1):
        if (
            toks[i].lower() in _NAME_CONNECTORS
            and toks[i + 1][:1].isupper()
            and toks[i + 1].lower() not in _NAME_CONNECTORS
        ):
            keys.append(f"{toks[i]} {toks[i + 1]}")
            break
    return keys


def _known_within(name: str, known: Mapping[str, str]) -> str | None:
    """The state of a well-known person (`data/people.tsv`) whose name of two words or more is part of
    `name` or is `name` ("Tamim bin Hamad Al Thani" in "Sheikh Tamim bin Hamad Al Thani"), longest first."""
    toks = name.split()
    for size in range(len(toks), 1, -1):
        for i in range(len(toks) - size + 1):
            code = known.get(" ".join(toks[i : i + size]))
            if code is not None:
                return code
    return None


def _surname(name: str) -> str:
    parts = name.replace("’s", "").replace("'s", "").split()
    return parts[-1] if parts else name


def gazetteer_sentence_matches(gaz: Gazetteer, work: str, lo: int, hi: int) -> list[Match]:
    return gaz.find(work, lo, hi)
