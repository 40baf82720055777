"""The dashboard tests' dataset: varied events over 22 articles, two of them re-extracted (retired events)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from libs.contracts.events import CooperationEvent
from tests.store.factories import make_event, make_extraction

COUNTRIES = {
    "IRN": "Iran",
    "IRQ": "Iraq",
    "CHN": "China",
    "RUS": "Russia",
    "IND": "India",
    "TUR": "Turkey",
    "BRA": "Brazil",
    "ZAF": "South Africa",
}
IGOS = ["UNESCO", "SCO", "BRICS"]
TYPES = ["meeting", "conference", "agreement", "intent", "cooperation", "aid"]
SECTORS = ["higher_education", "health_medicine", "energy", "science_research", "agriculture", "ict"]
VERBS = {
    "meeting": "met to discuss",
    "conference": "held a joint conference on",
    "agreement": "signed a memorandum of understanding on",
    "intent": "agreed to expand cooperation in",
    "cooperation": "launched joint research in",
    "aid": "delivered assistance for",
}


def _event(rng: random.Random, article_id: str, n: int) -> CooperationEvent:
    parties = ["IRN", *rng.sample([c for c in COUNTRIES if c != "IRN"], rng.randint(1, 2))]
    if rng.random() < 0.2:
        parties = rng.sample(list(COUNTRIES)[1:], 2)
    igos = rng.sample(IGOS, 1) if rng.random() < 0.25 else []
    etype = rng.choice(TYPES)
    sectors = sorted(rng.sample(SECTORS, rng.randint(1, 2)))
    day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 540))
    names = " and ".join(COUNTRIES[c] for c in parties)
    text = f"{names} {VERBS[etype]} {sectors[0].replace('_', ' ')} in {day:%B %Y}."
    return make_event(
        article_id,
        n,
        type=etype,
        countries=parties,
        igos=igos,
        sectors=sectors,
        participants=[],
        date={"start": day.isoformat(), "precision": "day", "text": f"{day:%B %d}"},
        location={"name": "Tehran", "country": "IRN"},
        evidence=[{"text": text, "start": 0, "end": len(text)}],
        confidence=round(rng.uniform(0.5, 0.95), 2),
        article={
            "url": f"https://news.example.org/{article_id}",
            "title": f"{names}: cooperation news {article_id}",
            "publisher": "Example Times",
            "published_at": f"{day + timedelta(days=1)}T08:00:00Z",
        },
    )


def seed_dataset(seed: int = 7) -> tuple[list[CooperationEvent], list[Any], list[CooperationEvent]]:
    """(every event published, the article summaries, the current events: those the summaries list)."""
    rng = random.Random(seed)
    published: list[CooperationEvent] = []
    summaries: list[Any] = []
    current: list[CooperationEvent] = []
    for a in range(22):
        article_id = f"d{a:03d}"
        mine = [_event(rng, article_id, n) for n in range(rng.randint(2, 4))]
        keep = mine[:-1] if a < 2 else mine  # the first two articles' newest extraction drops one event
        published += mine
        current += keep
        summaries.append(make_extraction(article_id, [e.event_id for e in keep]))
    return published, summaries, current
