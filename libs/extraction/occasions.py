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

from libs.extraction.candidates import (
    EXPLICIT,
    HOME,
    INTENT,
    PRONOUN,
    VENUE,
    Candidate,
    SentenceInfo,
)
from libs.extraction.clauses import around
from libs.extraction.dates import DateMention
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
            level = 3  # "(signed in July 2015) which took effect on January 16, 2016": another stage
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
        target.strong = target.strong or cand.strong
        if target.source != EXPLICIT and cand.source == EXPLICIT:
            target.source = EXPLICIT
        if target.date is None and cand.date is not None:
            target.date, target.date_text, target.date_kind = cand.date, cand.date_text, cand.date_kind
        if target.location is None:
            target.location = cand.location
    return out


# Logistic weights of `confidence`, fitted (issue 13, round 2) on the events of dev, extra_gold*,
# blind_1 and devpool against their gold (an event is right when all its pairs are gold pairs;
# `python -m libs.evaluation.reliability`), never on blind_2. Events at 0.8 or more are right
# about 90 % of the time on those sets.
_BIAS = 0.93
_WEIGHTS = {
    "strong": 0.34,  # a strong cue
    "venue": -0.42,  # a party found as the visited or hosting place
    "pronoun": -0.50,  # a party found through "he", a previous speaker or the dateline
    "support2": 0.66,  # two sentences or more support the occasion
    "support3": 0.61,  # three or more
    "irrealis": -0.12,  # an intent made from a cue in an irrealis clause
    "conflict": -0.74,  # conflict words in a trigger sentence
    "material": 0.69,  # an agreement, cooperation, conference or aid (more literal cues)
    "multilateral": -0.52,  # three parties or more
    "dated": 0.54,  # the occasion has a date
}
_MATERIAL = frozenset({"agreement", "cooperation", "conference", "aid"})


def confidence(cand: Candidate, infos: list[SentenceInfo]) -> float:
    """The probability that the event is right (all its pairs true): a logistic score of its evidence."""
    support = len(cand.sentences) + len(cand.extra)
    features = {
        "strong": cand.strong,
        "venue": cand.source == VENUE,
        "pronoun": cand.source in (PRONOUN, HOME),
        "support2": support >= 2,
        "support3": support >= 3,
        "irrealis": cand.cue.irrealis,
        "conflict": any(infos[p].conflict for p in cand.sentences),
        "material": cand.type in _MATERIAL,
        "multilateral": len(cand.countries) + len(cand.igos) >= 3,
        "dated": cand.date is not None,
    }
    z = _BIAS + sum(w for name, w in _WEIGHTS.items() if features[name])
    return round(max(0.05, min(0.99, 1.0 / (1.0 + math.exp(-z)))), 2)


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
