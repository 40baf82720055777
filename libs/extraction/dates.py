"""Date expressions and their resolution against the publication date.

`find_dates(text, lo, hi, published)` returns every date phrase in text[lo:hi]
with what it resolves to, or `value=None` when a reader could not fix it
(annotation rule 6: a weekday with no publication date, a month with no year).

Resolution rules:
- weekday ("on Sunday")           most recent such day on or before publication
- "yesterday", "today"            publication day -1 / 0
- "January 18 to 20", "18-20 January", "October 30 to November 13"   day range
- "January 17" (no year)          the most recent such day on or before publication
                                  (the next one for a plainly future phrase)
- "November 2023", "in October"   month precision (year from publication if absent)
- "the February deal", "his June summit"   month precision: a month named as an occasion's attribute
- "on Wednesday (Dec. 28)"        the day glossing a weekday in parentheses
- "in 2017", "since 2016"         year precision
- "his 2018 trip", "their 2019 summit", "the 2018 G20 summit", "the 2017 Annual Meetings"   year precision: an
                                  occasion told with its year (names, ordinals, "annual" ... between)
- "EXPO 2017", "the Army-2021 games"   year precision: an occasion named with its year (not "Vision 2030",
                                  "Resolution 1929", nor a year after a function word or a month)
- "17/4/2001"                     day first (month first only when the day cannot be: "4/17/2001")
- "last year" / "this year", "last month" / "this month"   relative to publication
- with no publication date, a month or month/day without a year takes the year of the occasion its sentence
  names with its year ("IBO 2018 was held from July 15 to 22": `occasion_year`), else `year_hint`, the year
  in which the Iranian year the article glosses begins ("by the end of the current Iranian calendar year
  (March 20, 2023)": 2022; its January 1 to March 20 the year after, `YearHint`), else the year the news
  comes a number of years after a break the text dates ("broke relations in January 2016" ... "after a
  seven-year break": 2023, `_gap_year`), else the year the
  article's month phrases name most often, else the year it names most often outside background
  attributes ("the 2015 nuclear deal") (`article_year`), as a reader of an undated article would; a
  weekday ("on Tuesday") is the one explicit day of the article that falls on it ("May 2, 2017", in a
  caption or a later sentence), if exactly one does (`article_weekdays`)
Years outside 1900..2100 (e.g. Iranian calendar years such as 1397) are ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from libs.extraction.quantities import WORD_NUMBERS

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

_MON = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|"
    r"Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|"
    # a title in capitals: "JOINT STATEMENT ... IN ASTANA, JANUARY 23-24, 2017"
    r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_TO = r"\s*(?:-|–|—|to|until|till|through|and)\s*"


_M1, _M2 = _MON.format(g="m1"), _MON.format(g="m2")
_D1, _D2 = _DAY.format(g="d1"), _DAY.format(g="d2")
_Y = _YEAR.format(g="y")
_OPT_YEAR = r"(?:,?\s+" + _Y + r")?\b"  # "(, 2025)" after a day
# the words of an occasion told with its year ("their 2019 summit", "the 2018 Book Fair"), and what may stand
# between the year and them: a name or acronym ("G20", "Tehran"), an ordinal, an attribute ("annual")
_OCCASION_WORD = (
    r"(?:[Vv]isits?|[Tt]rips?|[Tt]ours?|[Jj]ourneys?|[Mm]eetings?|[Ss]ummits?|[Tt]alks|[Cc]onferences?|"
    r"[Ff]airs?|[Ee]xhibitions?|[Ee]xpos?|EXPO|[Ff]estivals?|[Ff]orums?|[Gg]ames|[Ss]hows?)"
)
# the occasions a month names as their attribute ("the February deal", "his June summit")
_MONTH_OCCASION = (
    r"(?:visits?|trips?|tours?|meetings?|summits?|talks|conferences?|sessions?|rounds?|deals?|agreements?|"
    r"accords?|understandings?|statements?)"
)
_OCCASION_ATTRIBUTE = (
    r"(?:[A-Z][\w&.'’-]*|\d+(?:st|nd|rd|th)|annual|international|regional|ministerial|bilateral|trilateral|"
    r"official|world|global|national|joint|biennial)"
)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # October 30 to November 13(, 2023)
    ("md_md", re.compile(_M1 + r"\s+" + _D1 + _TO + _M2 + r"\s+" + _D2 + _OPT_YEAR)),
    # 30 October to 13 November( 2023)
    ("dm_dm", re.compile(r"\b" + _D1 + r"\s+" + _M1 + _TO + _D2 + r"\s+" + _M2 + _OPT_YEAR)),
    # January 18 to 20(, 2025) / January 18-20
    ("m_dd", re.compile(_M1 + r"\s+" + _D1 + _TO + _D2 + r"(?![\d:])" + _OPT_YEAR)),
    # 18-20 January( 2025) / 28-31 March
    ("dd_m", re.compile(r"\b" + _D1 + _TO + _D2 + r"\s+(?:of\s+)?" + _M1 + _OPT_YEAR)),
    # January 17(, 2025) / Wednesday November 30
    # (a timeline's "Feb. 3: ..." too, not a time "10:30")
    ("md", re.compile(_M1 + r"\s+" + _D1 + r"(?!\d|:\d)" + _OPT_YEAR)),
    # 17 January( 2025) / 14th of August
    ("dm", re.compile(r"\b" + _D1 + r"\s+(?:of\s+)?" + _M1 + _OPT_YEAR)),
    # 2025-01-18
    ("iso", re.compile(r"\b" + _Y + r"-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b")),
    # 17/4/2001: day first, as the region's statements write it (month first only when the day cannot be)
    ("dmy_num", re.compile(r"\b(?P<d1>[0-3]?\d)/(?P<m1>[0-3]?\d)/" + _Y + r"\b")),
    # November 2023 / early January 2024
    ("my", re.compile(_M1 + r",?\s+" + _Y + r"\b")),
    # in October / last October / early December (no year)
    (
        "m",
        re.compile(
            r"(?i:\b(?:in|since|during|last|early|late|mid|mid-|until|by|of|this|earlier\s+in|later\s+in)\s+)"
            + _M1
            + r"\b(?!\s+\d)"
        ),
    ),
    # a month named as the attribute of an occasion: "the February deal", "his June summit", "Trump's March
    # visit" (not "the May 5 meeting", a day; a month followed by its day or year is another pattern's)
    (
        "m",
        re.compile(
            r"\b(?:[Tt]he|[Aa]|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[A-Z][\w.-]*[’']s)\s+"
            + _M1
            + r"(?=\s+(?:[a-z]+\s+)?"
            + _MONTH_OCCASION
            + r"\b)"
        ),
    ),
    # in 2017 / since 2016 / in late 2015
    (
        "y",
        re.compile(
            r"(?i:\b(?:in|since|during|from|until|by|of|early|late|mid|mid-|throughout)\s+(?:(?:early|late|mid)[\s-]+)?)"
            + _Y
            + r"\b(?![-/]\d)"
        ),
    ),
    # an occasion told with its year: "his 2018 trip to Iran", "their 2019 summit", with names, ordinals or
    # such attributes between: "the 2018 G20 summit", "the 2017 Annual Meetings", "the 2019 Tehran
    # International Book Fair" (not "the 2015 nuclear deal": no occasion word)
    (
        "occasion_y",
        re.compile(
            r"\b(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Tt]he|[Aa]n?)\s+"
            + _YEAR.format(g="y")
            + r"(?=(?:\s+"
            + _OCCASION_ATTRIBUTE
            + r"){0,4}\s+"
            + _OCCASION_WORD
            + r"\b)"
        ),
    ),
    # an occasion named with its year: "EXPO 2017", "INNOPROM 2019", "the Army-2021 games" (not a plan's
    # horizon, "Vision 2030", nor a year after a function word or a month)
    (
        "named_y",
        re.compile(
            r"\b(?!(?:The|In|On|At|By|Of|As|To|With|Between|Since|Until|From|After|Before|During|For|And|Resolutions?|"
            r"No|Vision|Agenda|Horizon|"
            r"Plan|Strategy|Outlook|Program|Programme|January|February|March|April|May|June|July|August|"
            r"September|October|November|December)\b)[A-Z][A-Za-z]*[A-Za-z](?:\s+|-)"
            + _YEAR.format(g="y")
            + r"\b(?![-/–]\d|\s*[-–]\s*(?:19|20)?\d\d\b)"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"(?i:\b(?:on|last|this|since|from|by|until|past|early|late)\s+(?:the\s+)?)?"
            r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    ("rel_day", re.compile(r"\b(?P<rel>yesterday|today|tonight|this\s+morning|this\s+afternoon)\b", re.I)),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>last\s+year|this\s+year|past\s+year|earlier\s+this\s+year|last\s+month|this\s+month|"
            r"earlier\s+this\s+month|past\s+month)\b",
            re.I,
        ),
    ),
]
# a year standing alone ("in 2017", "2017's"), not inside a number, a date or a path
_YEAR_WORD = re.compile(r"(?<![\w/.-])((?:19|20)\d\d)(?![\w/-])")
# a capitalised word right before a capitalised "Today": the name of a publication
_IN_NAME = re.compile(r"[A-Z][\w.]*\s+$")
_FUTURE = re.compile(r"\b(?:will|to be held|is to|are to|scheduled|slated|due|next|upcoming|planned)\b", re.I)


@dataclass(frozen=True, slots=True)
class DateValue:
    start: str
    end: str | None
    precision: str  # day | month | year


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase: text[start:end] == phrase; `value` None when it cannot be fixed."""

    start: int
    end: int
    phrase: str
    kind: str
    value: DateValue | None


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _safe_day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, published: date, future: bool) -> int:
    """The year of a month/day without one: the latest on or before publication (or the next, if future)."""
    cand = _safe_day(published.year, m, d if d else 1)
    if cand is None:
        return published.year
    if future:
        return published.year if cand >= published - timedelta(days=7) else published.year + 1
    return published.year if cand <= published else published.year - 1


# a year written after a month ("January 31, 2019", "31 January 2019", "in March 2021"): the year of an event
_MONTH_YEAR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?,?\s+((?:19|20)\d\d)(?![\w/-])"
)


# a gloss of an Iranian calendar year: "the current Iranian calendar year (ends on March 19, 2020)", "the
# past Iranian calendar year 1397 (started March 2018)", "the current Iranian year, 1398 (March 2019-March 2020)"
_IRANIAN_YEAR = re.compile(
    r"\b(?P<which>current|this|next|past|previous|last)\s+Iranian\s+(?:calendar\s+)?year(?:[’']s)?"
    r"(?:,?\s+1[34]\d\d)?,?\s*\((?P<gloss>[^()]{0,60}?)\)",
    re.IGNORECASE,
)
_GLOSS_END = re.compile(r"\bend", re.IGNORECASE)
_GLOSS_START = re.compile(r"\b(?:start|began|begin)", re.IGNORECASE)
_GLOSS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_GLOSS_DAY = re.compile(r"\bMarch\s+([0-3]?\d)\b")
_IRANIAN_SHIFT = {"next": -1, "past": 1, "previous": 1, "last": 1}


def _iranian_start(before: str, which: str, gloss: str) -> int | None:
    """The Gregorian year in which the article's Iranian year begins, from one gloss of an Iranian year
    (`which`: current, next, past ...; `before`: the words before it): the gloss's first year when it
    starts the year ("started March 21, 2019", a range "March 21-December 21, 2019", a day from the 21st
    on), the year before when it ends the year ("ends on March 19, 2020", "by the end of ... (March 2020)",
    a March day before the 21st); None without a year."""
    years = [int(y) for y in _GLOSS_YEAR.findall(gloss)]
    if not years:
        return None
    day = _GLOSS_DAY.search(gloss)
    if "-" in gloss or "–" in gloss or _GLOSS_START.search(gloss):
        ends = False
    elif _GLOSS_END.search(gloss) or _GLOSS_END.search(before):
        ends = True
    else:
        ends = day is None or int(day.group(1)) < 21
    return years[0] - (1 if ends else 0) + _IRANIAN_SHIFT.get(which.lower(), 0)


def iranian_year_start(text: str) -> int | None:
    """The Gregorian year in which the Iranian calendar year the text is written in begins, as its glosses
    of the current (or the past, the next) Iranian year tell it; the one most glosses give, the latest on a
    tie; None without such a gloss."""
    counts = Counter(
        start
        for m in _IRANIAN_YEAR.finditer(text)
        if (start := _iranian_start(text[max(0, m.start() - 30) : m.start()], m["which"], m["gloss"]))
    )
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


class YearHint(int):
    """The year an undated article's day-and-month dates take (`article_year`), an int; `iranian`: it is
    the year in which the Iranian year the article glosses begins, so that January 1 to March 20 fall
    in the next one (`of`); `after`: the latest month of that year the article tells as past without a
    day ("held in May 2018", `_told_month`), so that an earlier month falls in the next year (`of`)."""

    iranian: bool
    after: int

    def __new__(cls, year: int, iranian: bool = False, after: int = 0) -> YearHint:
        hint = super().__new__(cls, year)
        hint.iranian = iranian
        hint.after = after
        return hint

    def of(self, month: int, day: int) -> int:
        """The year of `day` (0: the month as a whole) of `month`: an Iranian year's January 1 to
        March 20 in the Gregorian year after the one it begins in; a month before `after` in the next
        year (the news comes after the background the article dates by month and year)."""
        if self.iranian and (month < 3 or (month == 3 and 0 < day < 21)):
            return int(self) + 1
        if month < self.after:
            return int(self) + 1
        return int(self)


# a month and year told as a limit or a plan ("by March 2023", "until June 2021"): not yet past
_LIMIT_BEFORE = re.compile(
    r"\b(?:by|until|till|through|before|from|to|end\s+of|will|expires?)\s+(?:\w+\s+){0,1}$", re.I
)


def _told_month(text: str, year: int, phrases: list[re.Match[str]]) -> int:
    """The latest month of `year` that a month-and-year phrase of the text (`phrases`: `_MONTH_YEAR`'s
    matches) without a day names as past ("had been held in May 2018"; not "by March 2023", `_LIMIT_BEFORE`,
    nor in a sentence about what is to come, `_FUTURE`); 0 for none."""
    latest = 0
    for m in phrases:
        if int(m.group(1)) != year or re.search(r"\d", m.group(0)[:-4]):
            continue
        if _LIMIT_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        if _FUTURE.search(text, _sentence_start(text, m.start()), m.start()):
            continue
        latest = max(latest, _month(re.split(r"[\s,]+", m.group(0))[0]))
    return latest


# a year told as the attribute of a common noun: "the 2015 nuclear deal", "a 1973 coup" (mostly background;
# not a name's, "the 2022 Islamic Development Bank Annual Meetings")
_ATTRIBUTE_YEAR = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]his|[Tt]hat)\s+((?:19|20)\d\d)(?=\s+[a-z])"
)


_COUNT = r"(?P<n>[1-9]\d?|" + "|".join(w for w in WORD_NUMBERS if w not in ("hundred", "dozens")) + r")"
# the news told as coming a number of years after a break: "to reestablish relations after a seven-year
# break", "met for the first time in seven years", "after seven years of estrangement"
_GAP = re.compile(
    r"\b(?:after|following)\s+(?:(?:a|an|the|their|its|nearly|almost|about|some|over|more\s+than)\s+)*"
    + _COUNT
    + r"[- ]years?(?:[- ]long)?\s+(?:of\s+)?(?:break|hiatus|gap|rupture|suspension|estrangement|rift|freeze|"
    r"bitterness)\b|\bfor\s+the\s+first\s+time\s+in\s+(?:(?:nearly|almost|about|some|over)\s+)?"
    + _COUNT.replace("?P<n>", "?P<n2>")
    + r"\s+years\b",
    re.IGNORECASE,
)
# the break itself: relations or ties broken, cut, severed or suspended
_RUPTURE = re.compile(
    r"\b(?:broke|cut|severed|suspended)(?:\s+off)?\s+(?:\w+\s+){0,3}?(?:relations|ties)\b", re.IGNORECASE
)

# a word each match of `_GAP` and of `_RUPTURE` holds (lower case)
_GAP_WORDS = (
    "break",
    "hiatus",
    "gap",
    "rupture",
    "suspension",
    "estrangement",
    "rift",
    "freeze",
    "bitterness",
    "first",
)
_RUPTURE_WORDS = ("relations", "ties")


def _gap_year(text: str) -> int | None:
    """The year of the news when the text tells it as coming N years after a break (`_GAP`) and dates the
    break by one year in the sentences telling relations or ties broken (`_RUPTURE`: "Saudi Arabia broke
    diplomatic relations with Tehran in January 2016" and "after a seven-year break": 2023); None unless
    the phrases give one year."""
    low = text.lower()
    if not any(w in low for w in _GAP_WORDS) or not any(w in low for w in _RUPTURE_WORDS):
        return None  # neither pattern can match: most articles, read without a regex scan
    broken = {
        int(y)
        for m in _RUPTURE.finditer(text)
        for y in _YEAR_WORD.findall(text, _sentence_start(text, m.start()), _sentence_end(text, m.end()))
    }
    if len(broken) != 1:
        return None  # read first: a dated rupture is rarer than a count of years
    counts = {
        int(n) if n.isdigit() else WORD_NUMBERS[n.lower()]
        for m in _GAP.finditer(text)
        if (n := m["n"] or m["n2"])
    }
    return broken.pop() + counts.pop() if len(counts) == 1 else None


def _sentence_start(text: str, at: int) -> int:
    """The start of the sentence that `at` stands in (after the last full stop and space before, else 0)."""
    return text.rfind(". ", 0, at) + 1


def _sentence_end(text: str, at: int) -> int:
    """The end of the sentence that `at` stands in (a full stop and a space, else the text's end)."""
    end = text.find(". ", at)
    return len(text) if end == -1 else end


def masked_year(text: str, masked: Sequence[tuple[int, int]]) -> YearHint | None:
    """`article_year` of the whole `text` when a span its working copy masks (a photo caption, a trailer:
    `masked`) names a year ("PHOTO: ... on March 5, 2018"); None otherwise, without reading the text again."""
    if any(_YEAR_WORD.search(text, lo, hi) for lo, hi in masked):
        return article_year(text)
    return None


def article_year(text: str) -> YearHint | None:
    """The year (1900..2100) in which the Iranian year the text glosses begins (`iranian_year_start`: most
    of it falls in that year; `YearHint.iranian`), else the year a number of years after a dated break
    (`_gap_year`), else the year the text's month phrases name most often
    ("on January 31, 2019"), the one it names most often in all on a tie, else the year it names most
    often outside attributes of common nouns ("the 2015 nuclear deal", `_ATTRIBUTE_YEAR`), else in all;
    the latest on a tie; None if it names none."""
    start = iranian_year_start(text)
    if start is not None:
        return YearHint(start, iranian=True)
    gap = _gap_year(text)
    if gap is not None:
        return YearHint(gap)
    years = Counter(int(y) for y in _YEAR_WORD.findall(text))
    own = years - Counter(int(y) for y in _ATTRIBUTE_YEAR.findall(text))
    phrases = list(_MONTH_YEAR.finditer(text))
    counts = Counter(int(m.group(1)) for m in phrases) or own or years
    if not counts:
        return None
    year = max(counts, key=lambda y: (counts[y], years[y], y))
    return YearHint(year, after=_told_month(text, year, phrases))


def _resolve(
    kind: str, g: dict[str, str | None], published: date | None, future: bool, year_hint: int | None = None
) -> DateValue | None:
    """The value of a date phrase of pattern `kind` (its groups `g`): a day, a month, a year or a day
    relative to publication (`future`: the sentence speaks of what is to come); None if it has none."""
    if kind == "dmy_num":
        d, m = int(g["d1"] or 0), int(g["m1"] or 0)
        if m > 12 and d <= 12:
            d, m = m, d
        day = _safe_day(int(g["y"] or 0), m, d)
        return DateValue(day.isoformat(), None, "day") if day else None
    if kind in ("md_md", "dm_dm", "m_dd", "dd_m", "md", "dm", "iso"):
        return _resolve_days(kind, g, published, future, year_hint)
    if kind in ("my", "m"):
        m1 = _month(g["m1"] or "")
        y = _year(g, m1, 0, published, future, year_hint)
        if y is None:
            return None
        if (
            not g.get("y")
            and published is not None
            and not future
            and (y, m1) > (published.year, published.month)
        ):
            y -= 1
        return DateValue(f"{y:04d}-{m1:02d}", None, "month")
    if kind in ("y", "named_y", "occasion_y"):
        return DateValue(f"{int(g['y']):04d}", None, "year")
    if published is None:
        return None
    return _resolve_relative(kind, g, published)


def _year(
    g: dict[str, str | None], m: int, d: int, published: date | None, future: bool, year_hint: int | None
) -> int | None:
    """The year of a date phrase: its own, else inferred from publication, else the article's `year_hint`."""
    if g.get("y"):
        return int(g["y"] or 0)
    if published is not None:
        return _infer_year(m, d, published, future)
    return year_hint.of(m, d) if isinstance(year_hint, YearHint) else year_hint


def _resolve_days(
    kind: str, g: dict[str, str | None], published: date | None, future: bool, year_hint: int | None
) -> DateValue | None:
    """A day or a range of days ("January 18-20"); None when impossible or the year is unknown."""
    m1 = int(g["m1"] or 0) if kind == "iso" else _month(g["m1"] or "")
    d1 = int(g["d1"] or 0)
    m2 = _month(g["m2"] or "") if g.get("m2") else m1
    d2 = int(g["d2"] or 0) if g.get("d2") else None
    y = _year(g, m1, d1, published, future, year_hint)
    if y is None:
        return None
    start = _safe_day(y, m1, d1)
    if start is None:
        return None
    end = None
    if d2 is not None:
        y2 = y + 1 if m2 < m1 else y
        end_d = _safe_day(y2, m2, d2)
        if end_d is None or end_d < start:
            return None
        end = end_d.isoformat() if end_d != start else None
    return DateValue(start.isoformat(), end, "day")


def _resolve_relative(kind: str, g: dict[str, str | None], published: date) -> DateValue | None:
    """A weekday, "yesterday"/"today", or "last/this year/month", against the publication date."""
    if kind == "weekday":
        wd = WEEKDAYS[(g["wd"] or "").lower()]
        delta = (published.weekday() - wd) % 7
        return DateValue((published - timedelta(days=delta)).isoformat(), None, "day")
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    if kind == "rel_day":
        day = published - timedelta(days=1) if rel == "yesterday" else published
        return DateValue(day.isoformat(), None, "day")
    if rel in ("last year", "past year"):
        return DateValue(f"{published.year - 1:04d}", None, "year")
    if rel in ("this year", "earlier this year"):
        return DateValue(f"{published.year:04d}", None, "year")
    if rel in ("last month", "past month"):
        first = published.replace(day=1) - timedelta(days=1)
        return DateValue(f"{first.year:04d}-{first.month:02d}", None, "month")
    if rel in ("this month", "earlier this month"):
        return DateValue(f"{published.year:04d}-{published.month:02d}", None, "month")
    return None


_EXPLICIT_DAY = ("md", "dm", "iso", "dmy_num")


def article_weekdays(
    text: str, year_hint: int | None = None, spans: Sequence[tuple[int, int]] | None = None
) -> dict[int, DateValue]:
    """With no publication date: the weekdays (0 = Monday) that exactly one of the article's explicit
    days falls on ("on May 2, 2017" is a Tuesday), each with that day. A reader of an undated article
    takes "on Tuesday" for the Tuesday the article dates elsewhere (a caption, a later sentence).
    `spans`: the article's sentences, read one by one (default: the whole text as one span)."""
    by_weekday: dict[int, set[str]] = {}
    for lo, hi in spans if spans is not None else [(0, len(text))]:
        for d in find_dates(text, lo, hi, None, year_hint):
            if d.kind in _EXPLICIT_DAY and d.value is not None and d.value.end is None:
                day = date.fromisoformat(d.value.start)
                by_weekday.setdefault(day.weekday(), set()).add(d.value.start)
    return {wd: DateValue(next(iter(days)), None, "day") for wd, days in by_weekday.items() if len(days) == 1}


class ArticleWeekdays(Mapping[int, DateValue]):
    """`article_weekdays` of an article's sentences, read on the first lookup: only an undated
    weekday phrase needs it, and reading every sentence's dates costs as much as the rest of the dating."""

    __slots__ = ("_spans", "_table", "_text", "_year_hint")

    def __init__(self, text: str, spans: Sequence[tuple[int, int]], year_hint: int | None = None) -> None:
        self._text, self._spans, self._year_hint = text, spans, year_hint
        self._table: dict[int, DateValue] | None = None

    def _days(self) -> dict[int, DateValue]:
        if self._table is None:
            self._table = article_weekdays(self._text, self._year_hint, self._spans)
        return self._table

    def __getitem__(self, weekday: int) -> DateValue:
        return self._days()[weekday]

    def __iter__(self) -> Iterator[int]:
        return iter(self._days())

    def __len__(self) -> int:
        return len(self._days())


_OCCASION_KINDS = ("occasion_y", "named_y")


def occasion_year(text: str, lo: int, hi: int) -> int | None:
    """The one year (1900..2100) that the occasions named or told with their year in text[lo:hi] carry
    ("Tehran hosted IBO 2018 from July 15 to 22", "their 2019 summit"); None for none or several."""
    years = {
        int(m["y"])
        for kind, pattern in _PATTERNS
        if kind in _OCCASION_KINDS
        for m in pattern.finditer(text, lo, hi)
        if 1900 <= int(m["y"]) <= 2100
    }
    return years.pop() if len(years) == 1 else None


def find_dates(
    text: str,
    lo: int,
    hi: int,
    published: date | None,
    year_hint: int | None = None,
    weekdays: Mapping[int, DateValue] | None = None,
) -> list[DateMention]:
    """Date phrases in text[lo:hi], longest first at each position, non-overlapping, in order.

    `year_hint` (used only when `published` is None) is the year of a date phrase without one, unless
    the span names an occasion with its year (`occasion_year`); `weekdays` (likewise) the day a weekday
    names (`article_weekdays`).
    """
    if published is None:
        year_hint = occasion_year(text, lo, hi) or year_hint
    segment = text[lo:hi]
    future = bool(_FUTURE.search(segment))
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, lo, hi):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            y = m.groupdict().get("y")
            if y and not (1900 <= int(y) <= 2100):
                continue
            if kind == "rel_day" and _IN_NAME.search(text, max(lo, s - 40), s) and text[s].isupper():
                continue  # "Georgia Today", "USA Today": a title, not a day
            value = _resolve(kind, m.groupdict(), published, future, year_hint)
            if value is None and kind == "weekday" and published is None and weekdays is not None:
                value = weekdays.get(WEEKDAYS[(m.group("wd") or "").lower()])
            taken.append((s, e))
            found.append(DateMention(s, e, text[s:e], kind, value))
    found.sort(key=lambda d: d.start)
    return _glossed_weekdays(text, found)


_DAY_KINDS = ("md", "dm", "md_md", "m_dd", "dd_m", "dm_dm")
# what stands between a weekday and the day that glosses it in parentheses: more weekdays of the same
# run ("on Wednesday and Thursday (May 3-4, 2023)"), then the opening parenthesis
_TO_GLOSS = re.compile(
    r"(?:\s*(?:,|and|or|to|-|–)\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))*\s*\(\s*"
)
_GLOSS_CLOSE = re.compile(r"\s*\)")


def _glossed_weekdays(text: str, found: list[DateMention]) -> list[DateMention]:
    """`found` (in order) with the weekdays an explicit day tells more precisely: "Wednesday, November 30"
    (the weekday dropped); a day glossing a run of weekdays in parentheses, "on Wednesday (Dec. 28)", "on
    Wednesday and Thursday (May 3-4, 2023)": the run's first weekday takes the day's value (the gloss, in
    parentheses, dates nothing itself), the others are dropped."""
    out: list[DateMention] = []
    glossed_by: DateMention | None = None  # the gloss of the run of weekdays being read
    for i, d in enumerate(found):
        if d.kind != "weekday":
            out.append(d)
            continue
        gloss = next((g for g in found[i + 1 :] if g.kind != "weekday"), None)
        if gloss is None or gloss.kind not in _DAY_KINDS:
            out.append(d)
            continue
        if not text[d.end : gloss.start].strip(" ,"):
            continue  # "Wednesday, November 30"
        opened = _TO_GLOSS.fullmatch(text, d.end, gloss.start)
        if opened is None or gloss.value is None or not _GLOSS_CLOSE.match(text, gloss.end):
            out.append(d)
        elif glossed_by is not gloss:
            glossed_by = gloss
            out.append(DateMention(d.start, d.end, d.phrase, d.kind, gloss.value))
    return out
