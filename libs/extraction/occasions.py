"""One event per occasion: the date and place of a candidate, merging, date inheritance, confidence, ids.

Candidates of the same type and parties are one occasion unless their dates
differ; an event without its own date takes the date of the occasion it
continues (see the rules in `libs/extraction/README.md`).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping

from libs.extraction.candidates import (
    EXPLICIT,
    INTENT,
    MEETING,
    Candidate,
    SentenceInfo,
    split_parties,
)
from libs.extraction.clauses import around
from libs.extraction.dates import DateMention, DateValue
from libs.extraction.mention_roles import PARTY_ROLES, PLACE_ROLES
from libs.extraction.triggers import Cue

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def event_date(
    info: SentenceInfo, cue: Cue, text: str, reporting: re.Pattern[str], bounds: tuple[list[int], list[int]]
) -> DateMention | None:
    """The date phrase for a cue: in its clause first, then the most precise, then the nearest.

    Skips report dates ("IRNA reported on Sunday") and dates in parentheses, which
    gloss periods ("(March 21-July 22)") rather than date events.
    """
    lo, hi = info.sent.start, info.sent.end
    fine = around(bounds[1], cue.start, lo, hi) if bounds[1] else (lo, hi)
    strong = around(bounds[0], cue.start, lo, hi) if bounds[0] else (lo, hi)
    best: tuple[int, int, int] | None = None
    chosen: DateMention | None = None
    for d in info.dates:
        before = text[max(lo, d.start - 40) : d.start]
        if reporting.search(before) and re.search(
            r"(?:reported|quoted|cited|wrote|published|reports)\s+(?:\w+\s+){0,3}$", before, re.I
        ):
            continue
        opened = text.rfind("(", lo, d.start)
        if opened != -1 and text.find(")", opened, d.start) == -1:
            continue  # inside parentheses
        level = 0 if fine[0] <= d.start < fine[1] else 1 if strong[0] <= d.start < strong[1] else 2
        if _OTHER_STAGE.search(text, max(lo, d.start - 45), d.start):
            level = 3  # "(signed in May 2019) which took effect on March 3, 2020": another stage
        precision = _PRECISION_RANK[d.value.precision] if d.value else 3
        key = (level, precision, abs(d.start - cue.start))
        if best is None or key < best:
            best, chosen = key, d
    return chosen


# a date of another stage of an agreement or plan than its signing
_OTHER_STAGE = re.compile(
    r"\b(?:(?:t[oa]ke[sn]?|took|taking)\s+effect|(?:came|come|comes|coming|went|go(?:es)?|entered|enter(?:s|ing)?|"
    r"put)\s+into\s+(?:effect|force|operation))\s+(?:\w+\s+)?$|\b(?:expir\w*|valid\s+(?:until|till|through)|effective\s+(?:from|as\s+of))\s+$",
    re.IGNORECASE,
)


def event_location(info: SentenceInfo) -> tuple[str, str | None] | None:
    venues = info.parties.venues()
    if not venues:
        return None
    cities = [v for v in venues if v.kind in ("city", "capital")]
    chosen = cities[0] if cities else venues[0]
    return (chosen.surface, chosen.code)


def placed_candidate(
    info: SentenceInfo,
    pos: int,
    cue: Cue,
    parties: list[str],
    source: str,
    igo_codes: Collection[str],
    groups: Mapping[str, tuple[str, ...]] | None,
    *,
    strong: bool = True,
    continued: bool = False,
) -> Candidate | None:
    """A candidate of the cue's type in the sentence at `pos` (`info`) with `parties` (a group as its
    members), placed at the sentence's venue, undated; None without two parties of which one is a state.

    `strong`: its evidence holds alone (a cue's candidate passes its cue's); `continued`: its sentence
    continues an earlier occasion. The one constructor of the cue, gathering and round rules.
    """
    countries, igos = split_parties(parties, igo_codes, groups)
    if len(countries) + len(igos) < 2 or not countries:
        return None
    cand = Candidate(cue.type, countries, igos, [pos], cue, strong, source, continued=continued)
    cand.location = event_location(info)
    return cand


_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def inherit_dates(cands: list[Candidate]) -> None:
    """An event with no date of its own, continuing an occasion, takes that occasion's date and place."""
    for i, cand in enumerate(cands):
        if cand.date is not None or cand.dated:
            continue
        pos = cand.sentences[0]
        for prev in reversed(cands[:i]):
            if pos - prev.sentences[0] > 4:
                break
            if prev.date is None or prev.parties != cand.parties:
                continue
            same_sentence = prev.sentences[0] == pos
            # an intent voiced at an occasion dated relative to publication ("on Sunday") shares its
            # date; a past occasion with its own year ("in 2006", "in March 2021") is another occasion
            recent = (
                prev.date_kind is not None
                and prev.date_kind != "rel"
                and not _HAS_YEAR.search(prev.date_text or "")
            )
            if same_sentence or cand.continued or (cand.type == INTENT and recent):
                cand.date, cand.date_text = prev.date, prev.date_text
                if cand.location is None:
                    cand.location = prev.location
                break


# an event at a fair names it ("the countries setting up pavilions in this show"); the fair's own
# sentence names it as such ("the International Exhibition of ... will be held on September 24-27")
# also the fair named as an event: "invited to the event", "during this four-day event", "will attend the event"
_AT_FAIR = re.compile(
    r"\b(?:exhibitions?|exhibits?|exhibitors?|fairs?|expos?|shows?|pavilions?|"
    r"(?:to|at|in|during|attend(?:s|ed|ing)?) (?:the|this) (?:[\w-]+ )?event)\b",
    re.IGNORECASE,
)
_FAIR_NAMED = re.compile(r"\b(?:[Ee]xhibitions?|[Ff]airs?|[Ee]xpos?|EXPO|Show)\b")
# a fair's acronym, glossed after its name: "The 7th International Innovation Technology Exhibition (INOTEX)"
_FAIR_ACRONYM = re.compile(r"\b(?:Exhibition|Fair|Expo|Show)\s*\((?P<acronym>[A-Z][A-Z0-9]{2,})\)")
# another edition of the fair than the one reported: "The previous edition brought together ... on December 5-8"
_OTHER_EDITION = re.compile(
    r"\b(?:previous|last|past|preceding)\s+(?:year[’']s\s+)?(?:edition|exhibition|fair|expo|show)\b",
    re.IGNORECASE,
)
_END_ONLY = re.compile(r"\b(?:until|till|through|by)\s+$", re.IGNORECASE)
# the first day of a month whose end day dates a fair by that month ("until May 10": held in May)
_FAIR_END_MONTH_FROM = 7


def fair_dates(
    cands: list[Candidate],
    infos: list[SentenceInfo],
    text: str,
    dates_of: Callable[[int, int], list[DateMention]],
) -> None:
    """An event at a fair (`_at_fair`) with no resolved date of its own (an exhibitor's pavilion, a
    delegation visiting the fair, "invited to the event", "present in the exhibit which will run until
    Thursday" in an undated article) takes the fair's date (`_fair_date`): its one day (or day range),
    else the month of its one end day, else the one year of its name; nothing when the sentences naming
    it give several days. `dates_of(lo, hi)` reads the date phrases of a span."""
    undated = [c for c in cands if c.date is None and _at_fair(c, infos, text)]
    if not undated:
        return
    fair = _fair_date(infos, text, dates_of)
    if fair is None:
        return
    for cand in undated:
        cand.date, cand.date_text, cand.date_kind = fair.value, fair.phrase, fair.kind


def _at_fair(cand: Candidate, infos: list[SentenceInfo], text: str) -> bool:
    """Whether one of the candidate's sentences (its own or the ones continuing it, and for an event
    continuing the occasion of the sentence before, "the two countries' officials met ...", that one)
    tells it at a fair: names an exhibition, fair, expo, show, pavilion or exhibitors, or the fair as
    "this event"."""
    first = min(cand.sentences)
    before = [first - 1] if cand.continued and first > 0 else []
    return any(
        _AT_FAIR.search(text, infos[p].sent.start, infos[p].sent.end)
        for p in [*cand.sentences, *cand.extra, *before]
    )


def _fair_date(
    infos: list[SentenceInfo], text: str, dates_of: Callable[[int, int], list[DateMention]]
) -> DateMention | None:
    """The fair's date from the sentences naming an exhibition, fair or expo, or its glossed acronym
    (`_fair_names`; not a date told after another edition, `_OTHER_EDITION`): their one day (or day
    range); with no such day, the month of their one end day ("held until May 10": a fair lasts days,
    so from the 7th on it is held that month); else the one year of the fair's name ("FINEX 2018");
    else None."""
    days: dict[str, DateMention] = {}
    ends: dict[str, DateMention] = {}
    years: dict[str, DateMention] = {}
    named = _fair_names(text)
    for info in infos:
        lo, hi = info.sent.start, info.sent.end
        if not named.search(text, lo, hi):
            continue
        for d in dates_of(lo, hi):
            if d.value is None or _OTHER_EDITION.search(text, lo, d.start):
                continue
            if d.value.precision == "day":
                (ends if _END_ONLY.search(text, lo, d.start) else days).setdefault(d.value.start, d)
            elif d.kind == "named_y":
                years.setdefault(d.value.start, d)
    if days:
        return next(iter(days.values())) if len(days) == 1 else None
    months = {day[:7] for day in ends if int(day[8:10]) >= _FAIR_END_MONTH_FROM}
    if len(ends) == 1 and len(months) == 1:
        (end,) = ends.values()
        return DateMention(end.start, end.end, end.phrase, "my", DateValue(months.pop(), None, "month"))
    return next(iter(years.values())) if len(years) == 1 else None


def _fair_names(text: str) -> re.Pattern[str]:
    """What names a fair in `text`: an exhibition, fair, expo or show (`_FAIR_NAMED`), or an acronym the
    text glosses after one ("Exhibition (INOTEX)" ... "INOTEX 2018 will be held from July 5 to 7")."""
    acronyms = sorted({m["acronym"] for m in _FAIR_ACRONYM.finditer(text)})
    if not acronyms:
        return _FAIR_NAMED
    return re.compile(_FAIR_NAMED.pattern + r"|\b(?:" + "|".join(acronyms) + r")\b")


def told_dates(
    cands: list[Candidate],
    infos: list[SentenceInfo],
    text: str,
    dates_of: Callable[[int, int], list[DateMention]],
) -> None:
    """An event with no date phrase of its own takes the date its later evidence tells ("Iran and the
    Agency reached in February a deal" after "a deal between Iran and the Agency"): the first
    continuation or restating sentence with one resolved date, outside parentheses."""
    for cand in cands:
        if cand.date is not None or cand.dated:
            continue
        first = min(cand.sentences)
        for pos in sorted(p for p in {*cand.extra, *cand.restated} if p > first):
            found = _resolved_dates(infos[pos], text, dates_of)
            _take_one_date(cand, found)
            if found:
                break


def preceding_dates(
    cands: list[Candidate],
    infos: list[SentenceInfo],
    text: str,
    dates_of: Callable[[int, int], list[DateMention]],
) -> None:
    """An event continuing the occasion of the sentence before ("In this round, ... had meetings", "The
    achievement was an outcome of ...") with no date phrase of its own takes the one date that sentence
    tells ("The third meeting was held on May 3-4, 2017", "In 2016, Tehran released ..."); an event of the
    attendees of a gathering told before (`Candidate.told`) takes the one date the telling sentences tell ("Ten
    ministers met in Qatar on Wednesday. ... A, B and C attended the meeting")."""
    for cand in cands:
        first = min(cand.sentences)
        if cand.date is not None or cand.dated:
            continue
        if cand.told:
            _take_one_date(cand, [d for p in cand.told for d in _resolved_dates(infos[p], text, dates_of)])
        elif cand.continued and first > 0:
            _take_one_date(cand, _resolved_dates(infos[first - 1], text, dates_of))


def _take_one_date(cand: Candidate, found: list[DateMention]) -> None:
    """`cand` takes the date of `found` when all its phrases resolve to one start."""
    if len({d.value.start for d in found if d.value is not None}) == 1:
        d = found[0]
        cand.date, cand.date_text, cand.date_kind = d.value, d.phrase, d.kind


def _resolved_dates(
    info: SentenceInfo, text: str, dates_of: Callable[[int, int], list[DateMention]]
) -> list[DateMention]:
    """The resolved date phrases of a sentence, outside parentheses."""
    lo, hi = info.sent.start, info.sent.end
    return [d for d in dates_of(lo, hi) if d.value is not None and not _in_parentheses(text, lo, d.start)]


def _in_parentheses(text: str, lo: int, at: int) -> bool:
    """Whether `at` stands inside a parenthesis opened after `lo`."""
    opened = text.rfind("(", lo, at)
    return opened != -1 and text.find(")", opened, at) == -1


def _same_occasion_dates(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates' dates allow one occasion.

    Equal dates do; so does a date and no date, unless the undated one has a date
    phrase of its own that could not be resolved ("on Monday" with no publication
    date beside "in 2006": two visits, not one).
    """
    if a.date is not None and b.date is not None:
        return a.date.start == b.date.start
    if a.date is None and b.date is None:
        return True
    undated = a if a.date is None else b
    return not undated.dated


def merge_occasions(cands: list[Candidate]) -> list[Candidate]:
    """One event per occasion: same type and parties, compatible dates (the first such event absorbs)."""
    out: list[Candidate] = []
    by_key: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[Candidate]] = {}
    members: dict[int, tuple[set[int], set[int]]] = {}  # sentences and extra of each kept event
    for cand in cands:
        target = next((ev for ev in by_key.get(cand.key, ()) if _same_occasion_dates(ev, cand)), None)
        if target is None:
            out.append(cand)
            by_key.setdefault(cand.key, []).append(cand)
            members[id(cand)] = (set(cand.sentences), set(cand.extra))
            continue
        sentences, extra = members[id(target)]
        for p in cand.sentences:
            if p not in sentences:
                sentences.add(p)
                target.sentences.append(p)
        for p in cand.extra:
            if p not in extra:
                extra.add(p)
                target.extra.append(p)
        target.restated.extend(p for p in cand.restated if p not in target.restated)
        target.recalled.extend(p for p in cand.recalled if p not in target.recalled)
        target.told.extend(p for p in cand.told if p not in target.told)
        target.strong = target.strong or cand.strong
        if target.source != EXPLICIT and cand.source == EXPLICIT:
            target.source = EXPLICIT
        if target.date is None and cand.date is not None:
            target.date, target.date_text, target.date_kind = cand.date, cand.date_text, cand.date_kind
        if target.location is None:
            target.location = cand.location
    return out


# The evidence `confidence` weighs, one binary feature per name (issue 13, round 3).
_MANY_PARTIES = (3, 5)  # parties3, parties5: cliques of three or more, five or more parties
_SUPPORT = (2, 3, 5)  # support2, support3, support5: sentences supporting the occasion


def _party_mentions(cand: Candidate, infos: list[SentenceInfo]) -> dict[str, set[str]]:
    """For each party of the candidate, how its sentences name it: "party", "weak" or "place"."""
    seen: dict[str, set[str]] = {p: set() for p in cand.parties}
    for pos in set(cand.sentences) | set(cand.extra):
        for m in infos[pos].parties.mentions:
            if m.code not in seen:
                continue
            if m.role in PARTY_ROLES:
                seen[m.code].add("weak" if m.weak else "party")
            elif m.role in PLACE_ROLES:
                seen[m.code].add("place")
    return seen


def article_features(infos: list[SentenceInfo]) -> frozenset[str]:
    """The features of `confidence_features` that describe the article, not the event (the same for every
    event of it, so computed once per article): "long", "undated_article", "many_states"."""
    flags = {
        "long": len(infos) >= 40,
        "undated_article": not any(info.dates for info in infos if info.cues),
        "many_states": len({m.code for info in infos for m in info.parties.mentions if not m.igo}) >= 8,
    }
    return frozenset(name for name, on in flags.items() if on)


def confidence_features(
    cand: Candidate, infos: list[SentenceInfo], article: frozenset[str] | None = None
) -> list[str]:
    """The names of the binary features of an event's evidence that hold (the inputs of `confidence`).

    General facts only: the cue, how and where the parties were found (source, roles in its
    sentences, other states beside them), the support, the type (against meeting), the
    number of parties, the date, where the trigger sentence stands and what the article is
    like (`article`: `article_features(infos)`, computed here when not given). Names absent
    from `_WEIGHTS` weigh nothing.
    """
    if article is None:
        article = article_features(infos)
    support = len(set(cand.sentences) | set(cand.extra))
    parties = len(cand.countries) + len(cand.igos)
    trigger = infos[cand.sentences[0]]
    named = _party_mentions(cand, infos)
    in_trigger = trigger.parties.parties()
    others = set(in_trigger) - cand.parties
    flags = {
        "strong": cand.strong,
        "irrealis": cand.cue.irrealis,
        "conflict": any(infos[p].conflict for p in cand.sentences),
        "dated": cand.date is not None,
        "day": cand.date is not None and cand.date.precision == "day",
        "continued": cand.continued,
        "igo": bool(cand.igos),
        "lead": cand.sentences[0] <= 1,
        "unnamed": any(not how for how in named.values()),
        "place_only": any(how == {"place"} for how in named.values()),
        "weak_only": any(how and "party" not in how and "weak" in how for how in named.values()),
        "bystander": bool(others),
        "crowd": len(in_trigger) >= 4,
        "deep": cand.sentences[0] >= 10,
        "long": "long" in article,
        "undated_article": "undated_article" in article,
        "many_states": "many_states" in article,
        "anaphoric": trigger.anaphoric,
        "unmarked": trigger.unmarked,
    }
    out = [name for name, on in flags.items() if on]
    out += [f"support{n}" for n in _SUPPORT if support >= n]
    out += [f"parties{n}" for n in _MANY_PARTIES if parties >= n]
    if cand.source != EXPLICIT:
        out.append(f"source={cand.source}")
    if cand.type != MEETING:
        out.append(f"type={cand.type}")
    return out


# Logistic weights of `confidence` (issue 13, round 3): `python -m libs.evaluation.fit_confidence`
# fits them on the engine's events of every article-level gold set (dev, extra_gold*, blind_1-23,
# devpool; counts per feature vector in libs/evaluation/data/confidence_events.tsv), an event being
# right when all its pairs are gold pairs (`libs.evaluation.reliability`): L2 logistic regression,
# signs bounded (fit_confidence.SIGNS), then the bias lowered until events at 0.8 or more are right
# at least 88 % of the time on every set with 30 such events. Fitted without blind_12, the same
# recipe gave 0.79 there (0.74 with the first feature list): a new set may be ~10 points worse.
# Re-fitted on 1.41.0's events (dev, extra_gold*, blind_1-47, devpool); blind_48 (annotated right after 1.40.0),
# never read by the developers of round 47, is never fitted (fit_confidence.HELD_OUT): of its events at 0.8 or
# more, 10 of 10 are right.
_BIAS = -0.53
_WEIGHTS = {
    "source=home": -1.22,
    "support5": 1.06,
    "type=conference": 0.97,
    "igo": -0.82,
    "source=pronoun": -0.79,
    "support3": 0.78,
    "weak_only": -0.72,
    "anaphoric": 0.66,
    "type=agreement": 0.66,
    "dated": 0.52,
    "undated_article": -0.49,
    "strong": 0.47,
    "bystander": -0.46,
    "long": -0.45,
    "type=aid": -0.45,
    "support2": 0.44,
    "conflict": -0.41,
    "lead": 0.41,
    "source=resolved": -0.39,
    "parties3": -0.37,
    "type=intent": -0.35,
    "crowd": 0.28,
    "deep": -0.28,
    "place_only": -0.27,
    "continued": -0.16,
    "unmarked": -0.08,
    "type=cooperation": 0.05,
    "day": 0.04,
    "many_states": 0.03,
    "source=context": -0.01,
}


def confidence_from(features: Iterable[str], bias: float, weights: Mapping[str, float]) -> float:
    """The logistic score of named features, rounded to 0.01 and kept in [0.05, 0.99]."""
    z = bias + sum(weights.get(f, 0.0) for f in features)
    return round(max(0.05, min(0.99, 1.0 / (1.0 + math.exp(-z)))), 2)


def confidence(cand: Candidate, infos: list[SentenceInfo], article: frozenset[str] | None = None) -> float:
    """The probability that the event is right (all its pairs true): a logistic score of its evidence
    (`article`: as `confidence_features` takes it)."""
    return confidence_from(confidence_features(cand, infos, article), _BIAS, _WEIGHTS)


def event_id(article_id: str, cand: Candidate, first_evidence_start: int) -> str:
    """Content-based id (no extractor version): same article + same result → same id."""
    payload = json.dumps(
        [
            article_id,
            cand.type,
            list(cand.countries),
            list(cand.igos),
            cand.date.start if cand.date else None,
            first_evidence_start,
        ],
        separators=(",", ":"),
    )
    return "ev-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
