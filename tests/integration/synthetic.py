"""Synthetic news articles for pipeline tests, written for this repo (no corpus text).

Deterministic for a given seed: a mix of cooperation stories (meetings,
agreements, scholarships, joint research), domestic news and conflict stories.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

COUNTRIES = [
    ("Iran", "Iranian", "Tehran"),
    ("Iraq", "Iraqi", "Baghdad"),
    ("Germany", "German", "Berlin"),
    ("France", "French", "Paris"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Russia", "Russian", "Moscow"),
    ("China", "Chinese", "Beijing"),
    ("India", "Indian", "New Delhi"),
    ("Turkey", "Turkish", "Ankara"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Japan", "Japanese", "Tokyo"),
    ("Kenya", "Kenyan", "Nairobi"),
]
FIELDS = [
    "nanotechnology",
    "higher education",
    "medical sciences and vaccine production",
    "renewable energy",
    "artificial intelligence",
    "water management and climate research",
    "space technology and satellites",
    "agriculture and food security",
]
PEOPLE = [
    "Ali Rezaei",
    "Hans Becker",
    "Marie Dubois",
    "Nurlan Abenov",
    "Olga Ivanova",
    "Li Wei",
    "Ravi Kumar",
]
AGENCIES = ["IRNA", "Reuters", "Mehr", "AFP"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

TEMPLATES = [
    "{CAP1} - The {DEM1} Minister of Science {P1} met his {DEM2} counterpart {P2} in {CAP1} on {WEEKDAY} "
    "to discuss expanding cooperation in {FIELD}. The two sides agreed to set up a joint working group, "
    "{AGENCY} reported. {P1} said the talks were constructive.",
    "Universities from {C1} and {C2} signed a memorandum of understanding on joint research in {FIELD} "
    "on {MONTH} {DAY}, {YEAR}, {AGENCY} reported. Under the agreement, professors and students will be "
    "exchanged between the two countries.",
    "{C1} will grant 150 scholarships to students from {C2} in {FIELD}, the {DEM1} ambassador to {C2} "
    "announced on {WEEKDAY}. The ambassador said his country is ready to expand academic ties.",
    "A joint {DEM1}-{DEM2} conference on {FIELD} opened in {CAP2} on {WEEKDAY} with researchers from "
    "both countries. The three-day event is hosted by the {DEM2} Academy of Sciences.",
    "Heavy rain flooded several streets in {CAP1} on {WEEKDAY}, city officials said. Schools were "
    "closed and traffic was disrupted for hours.",
    "The {DEM1} national football team won the regional championship final on {WEEKDAY}, beating "
    "its rival 2-1 in front of a crowd of 40,000.",
    "{C1} condemned the new sanctions imposed by {C2} on {WEEKDAY}, calling them illegal. The {DEM1} "
    "foreign ministry said the measures would harm ordinary people.",
    "Five {DEM1} universities signed an agreement among themselves on {WEEKDAY} to share laboratories "
    "for {FIELD}, the {DEM1} science ministry said.",
    "{DEM1} President {P1} held a phone call with {DEM2} leader {P2} on {WEEKDAY}. The two presidents "
    "discussed bilateral relations and called for closer cooperation in {FIELD}.",
]


def make_articles(n: int, seed: int = 7, start: date = date(2024, 3, 1)) -> list[dict[str, str]]:
    """`n` articles as fetcher JSON-lines records: `id`, `text`, `published_at` (ISO date)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        (c1, d1, cap1), (c2, d2, cap2) = rng.sample(COUNTRIES, 2)
        p1, p2 = rng.sample(PEOPLE, 2)
        published = start + timedelta(days=rng.randint(0, 600))
        slots = {
            "C1": c1, "DEM1": d1, "CAP1": cap1, "C2": c2, "DEM2": d2, "CAP2": cap2,
            "P1": p1, "P2": p2, "FIELD": rng.choice(FIELDS), "AGENCY": rng.choice(AGENCIES),
            "WEEKDAY": rng.choice(WEEKDAYS), "MONTH": MONTHS[(published.month - 2) % 12],
            "DAY": str(rng.randint(1, 28)), "YEAR": str(published.year),
        }  # fmt: skip
        paragraphs = [rng.choice(TEMPLATES).format(**slots) for _ in range(rng.randint(1, 3))]
        text = "\n\n".join(paragraphs) + f"\n\nStory number {i}."
        out.append({"id": f"syn-{i}", "text": text, "published_at": published.isoformat()})
    return out
