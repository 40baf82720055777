"""Valid contract records for the store's tests, built directly (not by running the extractor)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from libs.contracts.events import CooperationEvent, EventType
from libs.contracts.extractions import ArticleExtraction

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
EXTRACTOR = {"name": "accord-rules", "version": "1.0.0"}


def event_id_for(article_id: str, n: int, version: str = "1.0.0") -> str:
    """A deterministic event id, as the extractor makes them (article + result)."""
    return "e" + hashlib.sha256(f"{article_id}:{n}:{version}".encode()).hexdigest()[:24]


def make_event(article_id: str = "u0001", n: int = 0, **overrides: Any) -> CooperationEvent:
    """A valid `CooperationEvent`: an Iran-Iraq agreement by default; any field can be overridden."""
    etype = EventType(overrides.pop("type", "agreement"))
    version = overrides.get("extractor", EXTRACTOR)["version"]
    data: dict[str, Any] = {
        "event_id": event_id_for(article_id, n, version),
        "article_id": article_id,
        "type": etype.value,
        "countries": ["IRN", "IRQ"],
        "igos": [],
        "participants": [{"name": "University of Tehran", "kind": "organization", "country": "IRN"}],
        "sectors": ["higher_education"],
        "date": {"start": "2025-02-20", "precision": "day", "text": "on Thursday"},
        "location": {"name": "Tehran", "country": "IRN"},
        "quantities": [],
        "evidence": [{"text": "Iran and Iraq signed an MoU on higher education.", "start": 0, "end": 48}],
        "confidence": 0.8,
        "article": {"url": f"https://example.org/{article_id}", "title": "Iran, Iraq sign MoU"},
        "extractor": EXTRACTOR,
        "extracted_at": T0,
    }
    data.update(overrides)
    return CooperationEvent.model_validate(data)


def make_extraction(
    article_id: str = "u0001",
    event_ids: list[str] | None = None,
    *,
    extracted_at: datetime = T0,
    status: str = "extracted",
    **overrides: Any,
) -> ArticleExtraction:
    """A valid `ArticleExtraction` summary listing `event_ids`."""
    data: dict[str, Any] = {
        "article_id": article_id,
        "status": status,
        "skip_reason": "not English" if status == "skipped" else None,
        "event_ids": event_ids or [],
        "extractor": EXTRACTOR,
        "extracted_at": extracted_at,
        "url": f"https://example.org/{article_id}",
        "canonical_url": f"https://example.org/{article_id}",
        "title": "Iran, Iraq sign MoU",
        "language": "en",
        "published_at": T0 - timedelta(days=1),
        "fetched_at": T0 - timedelta(hours=1),
        "source": "test",
        "publisher": "Example Times",
        "content_hash": "0" * 64,
        "text_length": 1234,
        "source_ref": f"test.jsonl:{article_id}",
    }
    data.update(overrides)
    return ArticleExtraction.model_validate(data)


def extraction_of(article_id: str, n_events: int, *, version: str = "1.0.0", at: datetime = T0, **kw: Any):
    """An article's extraction: `n_events` events (numbered 0..n-1) and the summary listing them."""
    extractor = {"name": EXTRACTOR["name"], "version": version}
    evs = [make_event(article_id, i, extractor=extractor, extracted_at=at, **kw) for i in range(n_events)]
    summary = make_extraction(article_id, [e.event_id for e in evs], extracted_at=at, extractor=extractor)
    return evs, summary
