"""Synthetic events for `make bench-api`: variations of real extracted events, loaded through `apply_batch`.

Base events come from running the extractor on the first articles of the
shared corpus (cached in `.accord/bench/`, per extractor version); without the
corpus, from the test factories. Each synthetic event copies a base event's
evidence, participants and title and varies what the API filters and
aggregates on: countries (Zipf over ~120 countries, Iran in about a third of
events, as in the Tehran Times), IGOs, type, sectors, event date (2010-2025,
every precision), publication date, publisher, confidence. Three events per
article; every article gets its `ArticleExtraction` summary, so all events are
current.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from libs.contracts.events import EVENT_CODES, ArticleRef, CooperationEvent, EventDate, EventType, Sector
from libs.contracts.extractions import ArticleExtraction
from services.store.persist import apply_batch, to_rows
from services.store.vocabularies import countries, igos

PUBLISHERS = ["Tehran Times", "IRNA English", "Mehr News", "Press TV", "Iran Daily"]
EVENTS_PER_ARTICLE = 3
EPOCH = date(2010, 1, 1)
SPAN_DAYS = (date(2025, 12, 31) - EPOCH).days


def base_events(shared: Path, cache_dir: Path, n_articles: int = 600) -> list[CooperationEvent]:
    """Events the extractor finds in the corpus' first `n_articles` articles (cached)."""
    from libs.extraction import EXTRACTOR_VERSION, Extractor

    cache = cache_dir / f"base-events-{EXTRACTOR_VERSION}-{n_articles}.jsonl"
    if cache.exists():
        # NUL characters of the raw corpus cannot be stored (issue 12 fixes that upstream); blank them here
        lines = cache.read_text().replace("\\u0000", " ").splitlines()
        return [CooperationEvent.model_validate_json(line) for line in lines]
    corpus = shared / "corpus" / "tehran-times.jsonl.gz"
    if not corpus.exists():
        from tests.store.factories import make_event

        return [make_event(f"b{i}", i) for i in range(50)]
    extractor, found = Extractor(), []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n_articles:
                break
            rec = json.loads(line)
            title = rec.get("slug", "").replace("-", " ") or None
            found += extractor.extract(
                rec["text"],
                article_id=rec["id"],
                published_at=None,
                url=None,
                title=title,
                publisher="Tehran Times",
                language="en",
            ).events
    cache_dir.mkdir(parents=True, exist_ok=True)
    cache.write_text("".join(e.model_dump_json() + "\n" for e in found))
    return base_events(shared, cache_dir, n_articles)


class Variations:
    """Draws the varied parts of synthetic events (seeded: the same seed gives the same data)."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        codes = [c for c in countries() if c != "IRN"]
        self.rng.shuffle(codes)
        self.countries = codes[:120]
        self.country_weights = [1 / (rank + 1) for rank in range(len(self.countries))]
        self.igos = list(igos())[:30]
        self.sectors = list(Sector)
        self.sector_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.sectors))]
        self.types = list(EventType)

    def parties(self) -> tuple[list[str], list[str]]:
        rng = self.rng
        k = rng.choices([1, 2, 3, 4], weights=[20, 60, 15, 5])[0]
        chosen = set(rng.choices(self.countries, weights=self.country_weights, k=k))
        if rng.random() < 0.35:
            chosen.add("IRN")
        found_igos = set(rng.sample(self.igos, 1)) if rng.random() < 0.12 or len(chosen) < 2 else set()
        while len(chosen) + len(found_igos) < 2:
            chosen.add(rng.choice(self.countries))
        return sorted(chosen), sorted(found_igos)

    def event_date(self) -> tuple[EventDate | None, date]:
        rng = self.rng
        day = EPOCH + timedelta(days=rng.randrange(SPAN_DAYS))
        precision = rng.choices(["day", "month", "year", None], weights=[70, 20, 5, 5])[0]
        if precision is None:
            return None, day
        start = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
        return EventDate(start=start, precision=precision, text=start), day

    def sectors_of(self) -> list[Sector]:
        k = self.rng.choices([0, 1, 2, 3], weights=[10, 45, 35, 10])[0]
        return sorted(
            set(self.rng.choices(self.sectors, weights=self.sector_weights, k=k)), key=lambda s: s.value
        )


def _varied(
    v: Variations,
    template: CooperationEvent,
    event_id: str,
    ref: ArticleRef,
    when: EventDate | None,
    at: datetime,
) -> CooperationEvent:
    """A copy of `template` with the filtered-on parts drawn anew (codes follow the new type)."""
    etype = v.rng.choice(v.types)
    plover, cameo = EVENT_CODES[etype]
    found_countries, found_igos = v.parties()
    return template.model_copy(
        update={
            "event_id": event_id,
            "article_id": event_id.rsplit("-", 1)[0],
            "type": etype,
            "plover": plover,
            "cameo": cameo,
            "countries": found_countries,
            "igos": found_igos,
            "sectors": v.sectors_of(),
            "date": when,
            "article": ref,
            "confidence": round(v.rng.uniform(0.3, 1.0), 2),
            "extracted_at": at,
        }
    )


def synthetic_article(v: Variations, base: list[CooperationEvent], n: int, at: datetime) -> list[Any]:
    """One article's events (varied copies of base events) followed by its summary."""
    article_id = f"bench-{n:08d}"
    publisher = v.rng.choice(PUBLISHERS)
    when, day = v.event_date()
    published = datetime.combine(day + timedelta(days=v.rng.randint(0, 10)), datetime.min.time(), UTC)
    title = v.rng.choice(base).article.title
    ref = ArticleRef(
        url=f"https://example.org/{article_id}", title=title, published_at=published, publisher=publisher
    )
    evs = []
    for i in range(EVENTS_PER_ARTICLE):
        evs.append(_varied(v, v.rng.choice(base), f"{article_id}-{i}", ref, when, at))
        when, _ = v.event_date()
    summary = ArticleExtraction(
        article_id=article_id,
        status="extracted",
        event_ids=[e.event_id for e in evs],
        extractor=base[0].extractor,
        extracted_at=at,
        url=ref.url,
        title=title,
        language="en",
        published_at=published,
        publisher=publisher,
        source="bench",
        text_length=1000,
    )
    return [*evs, summary]


def records(base: list[CooperationEvent], n_events: int, seed: int = 7) -> Iterator[list[Any]]:
    """Batches of about 1,500 records (events, then their articles' summaries) making `n_events` events."""
    v = Variations(seed)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    batch: list[Any] = []
    for n in range(-(-n_events // EVENTS_PER_ARTICLE)):  # enough articles for at least n_events
        batch += synthetic_article(v, base, n, at)
        if len(batch) >= 1500:
            yield batch
            batch = []
    if batch:
        yield batch


def load(engine: Engine, base: list[CooperationEvent], n_events: int, report_every: int = 100_000) -> float:
    """Write `n_events` synthetic events through `apply_batch` (one transaction per batch); seconds taken."""
    t0 = time.perf_counter()
    written = 0
    next_report = report_every
    for batch in records(base, n_events):
        rows = to_rows(batch)
        with engine.begin() as conn:
            apply_batch(conn, rows)
        before, written = written, written + len(rows.events)
        if any(before < at <= written for at in MAINTAIN_AT) or before // 200_000 < written // 200_000:
            vacuum_analyze(engine)
        if written >= next_report:
            rate = written / (time.perf_counter() - t0)
            print(f"  loaded {written:,} events ({rate:,.0f} events/s)", flush=True)
            next_report += report_every
    vacuum_analyze(engine)
    return time.perf_counter() - t0


#: After how many events the loader refreshes the planner's statistics (then every 200,000).
MAINTAIN_AT = (3_000, 15_000, 60_000, 200_000)


def vacuum_analyze(engine: Engine) -> None:
    """VACUUM (ANALYZE) the store's tables: the write path's plans need statistics of the grown tables."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(
            text(
                "VACUUM (ANALYZE) events, event_parties, articles, rollup_months, rollup_parties,"
                " rollup_pair_months"
            )
        )
