"""A varied seed for the API tests and the reference ("oracle") every answer is checked against.

`build()` makes articles with 1-5 events each (countries, IGOs, sectors, types,
dates of every precision, publishers, titles, participants, evidence varied),
three articles re-extracted with one event fewer (that event becomes
retracted), plus skipped and no-event articles. The oracle functions compute,
from the models alone, what each endpoint must answer.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations
from typing import Any

from libs.contracts.events import CooperationEvent
from libs.contracts.extractions import ArticleExtraction
from services.store.persist import date_range
from tests.store.factories import T0, make_event, make_extraction

COUNTRIES = ["IRN", "IRQ", "CHN", "RUS", "IND", "TUR"]
IGOS = ["UNESCO", "BRICS", "SCO"]
SECTORS = ["higher_education", "health_medicine", "energy", "science_research"]
TYPES = ["meeting", "agreement", "aid", "cooperation"]
PUBLISHERS = ["Tehran Times", "Baghdad Post"]
PEOPLE = [
    "University of Tehran",
    "Sharif University",
    "Baghdad Medical Council",
    "Rosatom",
    "Tsinghua University",
]
TOPICS = ["nanotechnology research", "vaccine production", "solar power plants", "student exchanges"]
VERBS = ["signed a memorandum on", "discussed", "agreed to expand", "launched a programme of"]


@dataclass
class Seed:
    events: list[CooperationEvent] = field(default_factory=list)
    summaries: list[ArticleExtraction] = field(default_factory=list)
    retracted: set[str] = field(default_factory=set)

    def current(self) -> list[CooperationEvent]:
        return [e for e in self.events if e.event_id not in self.retracted]

    def add(self, other: Seed) -> None:
        self.events += other.events
        self.summaries += other.summaries
        self.retracted |= other.retracted


def _date(rng: random.Random) -> dict[str, Any] | None:
    precision = rng.choice(["day", "day", "month", "year", None])
    if precision is None:
        return None
    d = date(2023, 1, 1) + timedelta(days=rng.randint(0, 900))
    start = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": d.isoformat()[:4]}[precision]
    return {"start": start, "precision": precision, "text": "x"}


def _event(rng: random.Random, article_id: str, n: int, article: dict[str, Any]) -> CooperationEvent:
    parties = rng.sample(COUNTRIES, rng.randint(1, 3))
    igos = rng.sample(IGOS, rng.randint(0 if len(parties) > 1 else 1, 1))
    names = [f"{p}" for p in rng.sample(PEOPLE, rng.randint(0, 2))]
    text = f"{parties[0]} officials {rng.choice(VERBS)} {rng.choice(TOPICS)}."
    return make_event(
        article_id,
        n,
        type=rng.choice(TYPES),
        countries=parties,
        igos=igos,
        sectors=rng.sample(SECTORS, rng.randint(0, 2)),
        date=_date(rng),
        location={"name": "Somewhere", "country": rng.choice(parties)} if rng.random() < 0.7 else None,
        confidence=round(rng.uniform(0.3, 1.0), 2),
        participants=[{"name": name, "kind": "organization"} for name in names],
        evidence=[{"text": text, "start": 0, "end": len(text)}],
        article=article,
    )


def _article_meta(rng: random.Random, article_id: str) -> dict[str, Any]:
    published = datetime.combine(date(2024, 1, 1) + timedelta(days=rng.randint(0, 500)), time(8, 30), UTC)
    return {
        "url": f"https://example.org/{article_id}",
        "title": f"Cooperation news {article_id}: {rng.choice(TOPICS)}",
        "published_at": published,
        "publisher": rng.choice(PUBLISHERS),
    }


def build(seed: int = 11, n_articles: int = 30, prefix: str = "u", at: datetime = T0) -> Seed:
    """`n_articles` extracted articles (the first three re-extracted), two skipped, two without events."""
    rng = random.Random(seed)
    out = Seed()
    for a in range(n_articles):
        article_id = f"{prefix}{a:03d}"
        meta = _article_meta(rng, article_id)
        mine = [_event(rng, article_id, n, meta) for n in range(rng.randint(1, 5))]
        keep = mine[:-1] if a < 3 and len(mine) > 1 else mine
        out.retracted |= {e.event_id for e in mine if e not in keep}
        summary_meta = {k: meta[k] for k in ("url", "title", "published_at", "publisher")}
        out.summaries.append(
            make_extraction(article_id, [e.event_id for e in keep], extracted_at=at, **summary_meta)
        )
        out.events += mine
    for a, status in enumerate(["skipped", "skipped", "extracted", "extracted"]):
        article_id = f"{prefix}x{a}"
        meta = _article_meta(rng, article_id)
        summary_meta = {k: meta[k] for k in ("url", "title", "published_at", "publisher")}
        out.summaries.append(make_extraction(article_id, [], status=status, extracted_at=at, **summary_meta))
    return out


# --- the oracle ---------------------------------------------------------------------------------


def overlaps(e: CooperationEvent, lo: date | None, hi: date | None) -> bool:
    if e.date is None:
        return False
    start, end = date_range(e.date)
    return (lo is None or end >= lo) and (hi is None or start <= hi)


def parties(e: CooperationEvent) -> list[str]:
    return [*e.countries, *e.igos]


def date_start(e: CooperationEvent) -> date | None:
    return date_range(e.date)[0] if e.date else None


def newest_first(evs: Iterable[CooperationEvent]) -> list[CooperationEvent]:
    """The API's `-date` order: event date newest first, undated last, ties by id descending."""
    out = sorted(evs, key=lambda e: e.event_id, reverse=True)
    out.sort(key=lambda e: (0, -d.toordinal()) if (d := date_start(e)) else (1, 0))
    return out


def type_counts(evs: Iterable[CooperationEvent]) -> dict[str, int]:
    return dict(Counter(e.type.value for e in evs))


def sector_counts(evs: Iterable[CooperationEvent]) -> dict[str, int]:
    return dict(Counter(s.value for e in evs for s in e.sectors))


def month_of(d: date) -> date:
    return d.replace(day=1)


def timeline(
    evs: Iterable[CooperationEvent], bucket: Callable[[date], date], by: str
) -> dict[date, tuple[int, dict]]:
    totals: Counter[date] = Counter()
    split: dict[date, Counter[str]] = {}
    for e in evs:
        d = date_start(e)
        if d is None:
            continue
        b = bucket(d)
        totals[b] += 1
        keys = [e.type.value] if by == "type" else [s.value for s in e.sectors]
        split.setdefault(b, Counter()).update(keys)
    return {b: (totals[b], dict(split[b])) for b in totals}


def pair_counts(evs: Iterable[CooperationEvent], of: Callable[[CooperationEvent], list[str]]) -> dict:
    """{(a, b): (count, {type: count})} over unordered pairs within each event, a < b."""
    out: dict[tuple[str, str], Counter[str]] = {}
    for e in evs:
        for a, b in combinations(sorted(of(e)), 2):
            out.setdefault((a, b), Counter())[e.type.value] += 1
    return {k: (sum(v.values()), dict(v)) for k, v in out.items()}


def party_counts(evs: Iterable[CooperationEvent]) -> dict[str, int]:
    return dict(Counter(p for e in evs for p in parties(e)))


def searchable(e: CooperationEvent) -> str:
    """What `q` searches, lower-cased: the article title, participants' names, evidence sentences."""
    texts = [e.article.title or "", *(p.name for p in e.participants), *(x.text for x in e.evidence)]
    return " ".join(texts).lower()
