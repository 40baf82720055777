"""The extraction step: one `RawArticle` in, its events and one `ArticleExtraction` summary out.

Pure apart from counting metrics: no Kafka, no commits (the runtime does those).
Output order is `[*events, *retractions, FLUSH, summary]`: the summary is only
sent once every event and retraction of the article is acknowledged, so a summary
on `articles.extracted` means its records are already on `events.cooperation`.
Given the event ids the article's previous extraction yielded (`previous`), the
step retracts those it no longer yields (`EventRetraction`, reason superseded);
where `previous` comes from is the service's business (`services.extractor.state`).

Events get `extracted_at` (one timestamp per article, also the summary's) and are
keyed by event id; the summary is keyed by article id. An exception from the
extraction engine becomes `ExtractionFailed` (a `PoisonError`): the runtime
dead-letters the article with the original error class and message in
`dlq_error_message`, and the step counts it as `status="failed"`.

Per-record time budget (`budget_s`, `ACCORD_EXTRACTOR_RECORD_BUDGET_S`): the engine gets a
deadline and stops past it (checked between stages and every few sentences); the step raises
`RecordOverBudget` (a `PoisonError`), so the article is dead-lettered with the reason and the
records behind it proceed. Text length is bounded by the contract (`MAX_TEXT_CHARS`) and the
engine is linear in it, so the budget is a backstop, not the normal path.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

import structlog
from prometheus_client import Counter

from libs.contracts.articles import RawArticle
from libs.contracts.events import CooperationEvent, ExtractorInfo
from libs.contracts.extractions import ArticleExtraction
from libs.contracts.records import OutRecord, encode
from libs.contracts.retractions import EventRetraction, RetractionReason
from libs.contracts.topics import TopicSettings
from libs.extraction.errors import DeadlineExceeded
from libs.runtime.consumer import FLUSH, Envelope, Flush
from libs.runtime.errors import error_class
from libs.runtime.records import error_message
from services.extractor.config import CE_SOURCE, SERVICE_NAME
from services.extractor.errors import ExtractionFailed, RecordOverBudget

__all__ = [
    "Extracted",
    "ExtractionFailed",
    "ExtractionStep",
    "ExtractorLike",
    "RecordOverBudget",
    "extract_article",
]

log = structlog.get_logger(__name__)

ARTICLES_EXTRACTED = Counter(
    "accord_articles_extracted",
    "Articles handled by the extractor, by outcome: events, no_events, skipped, failed, over_budget.",
    ["service", "status"],
)
EVENTS_EXTRACTED = Counter("accord_events_extracted", "Cooperation events extracted.", ["service"])
EVENTS_RETRACTED = Counter(
    "accord_events_retracted",
    "Retractions published (a re-extraction no longer yields the event).",
    ["service"],
)


class ExtractionResultLike(Protocol):
    @property
    def events(self) -> list[CooperationEvent]: ...
    @property
    def skipped(self) -> str | None: ...


class ExtractorLike(Protocol):
    """What the step needs of `libs.extraction.Extractor`."""

    def extract(
        self,
        text: str,
        *,
        article_id: str,
        published_at: datetime | None,
        url: str | None,
        title: str | None,
        publisher: str | None,
        language: str | None,
        deadline: float | None = ...,
    ) -> ExtractionResultLike: ...


def _now() -> datetime:
    return datetime.now(UTC)


def extract_article(
    engine: ExtractorLike, article: RawArticle, deadline: float | None = None
) -> ExtractionResultLike:
    """Run `engine` on a `RawArticle`: its text, id and metadata become the engine's inputs.

    `deadline` (a `time.monotonic()` instant) is passed on only when set.
    """
    extra = {} if deadline is None else {"deadline": deadline}
    return engine.extract(
        article.text,
        article_id=article.article_id,
        published_at=article.published_at,
        url=article.url,
        title=article.title,
        publisher=article.publisher,
        language=article.language,
        **extra,
    )


@dataclass(frozen=True, slots=True)
class Extracted:
    """The step's output for one article, and the event ids its extraction yields (the next `previous`)."""

    records: list[OutRecord | Flush]
    event_ids: tuple[str, ...]


@dataclass
class ExtractionStep:
    """Callable per-record step for `run_consumer` (see the module docstring).

    Called with an envelope it knows no earlier extraction (no retractions); the service wraps it
    in `services.extractor.state.RetractingStep`, which passes the article's previous event ids.
    """

    extractor: ExtractorLike
    extractor_info: ExtractorInfo
    topics: TopicSettings
    service: str = SERVICE_NAME
    clock: Callable[[], datetime] = field(default=_now)
    budget_s: float | None = None

    def __call__(self, env: Envelope[RawArticle]) -> list[OutRecord | Flush]:
        return self.extract(env.value).records

    def extract(self, article: RawArticle, previous: Sequence[str] = ()) -> Extracted:
        """Extract `article`; `previous` = the event ids its last extraction yielded (to retract)."""
        deadline = None if self.budget_s is None else time.monotonic() + self.budget_s
        try:
            result = extract_article(self.extractor, article, deadline)
        except MemoryError:
            raise
        except Exception as exc:
            if isinstance(exc, DeadlineExceeded):
                ARTICLES_EXTRACTED.labels(service=self.service, status="over_budget").inc()
                raise RecordOverBudget(
                    f"extraction exceeded its budget of {self.budget_s:g} s "
                    f"({len(article.text)} characters): {error_message(exc)}"
                ) from exc
            ARTICLES_EXTRACTED.labels(service=self.service, status="failed").inc()
            raise ExtractionFailed(f"{error_class(exc)}: {error_message(exc)}") from exc
        return self.outputs(article, result.events, result.skipped, previous)

    def records(
        self, article: RawArticle, events: list[CooperationEvent], skipped: str | None
    ) -> list[OutRecord | Flush]:
        """The output records for `article` given the extraction outcome (no earlier extraction)."""
        return self.outputs(article, events, skipped).records

    def outputs(
        self,
        article: RawArticle,
        events: list[CooperationEvent],
        skipped: str | None,
        previous: Sequence[str] = (),
    ) -> Extracted:
        """`[*events, *retractions, FLUSH, summary]` for `article`; counts the outcome.

        A retraction (reason superseded, `retracted_at` = this extraction's `extracted_at`) for every
        id of `previous` this extraction no longer yields; events yielded again are simply re-published.
        """
        now = self.clock()
        unique: dict[str, CooperationEvent] = {}
        for event in events:
            if event.event_id in unique:
                log.warning("event.duplicate_id", article_id=article.article_id, event_id=event.event_id)
                continue
            unique[event.event_id] = event.model_copy(update={"extracted_at": now})
        out: list[OutRecord | Flush] = [
            encode(event, topic=self.topics.topic_events, source=CE_SOURCE, time=now)
            for event in unique.values()
        ]
        dropped = [event_id for event_id in dict.fromkeys(previous) if event_id not in unique]
        out += [
            encode(
                self._retraction(article, event_id, now),
                topic=self.topics.topic_events,
                source=CE_SOURCE,
                time=now,
            )
            for event_id in dropped
        ]
        summary = self._summary(article, list(unique), skipped, now)
        out += [
            FLUSH,
            encode(summary, topic=self.topics.topic_articles_extracted, source=CE_SOURCE, time=now),
        ]
        status = "skipped" if skipped else ("events" if unique else "no_events")
        ARTICLES_EXTRACTED.labels(service=self.service, status=status).inc()
        EVENTS_EXTRACTED.labels(service=self.service).inc(len(unique))
        EVENTS_RETRACTED.labels(service=self.service).inc(len(dropped))
        return Extracted(records=out, event_ids=tuple(unique))

    def _retraction(self, article: RawArticle, event_id: str, now: datetime) -> EventRetraction:
        return EventRetraction(
            event_id=event_id,
            article_id=article.article_id,
            retracted_at=now,
            reason=RetractionReason.superseded,
            extractor=self.extractor_info,
        )

    def _summary(
        self, article: RawArticle, event_ids: list[str], skipped: str | None, now: datetime
    ) -> ArticleExtraction:
        return ArticleExtraction.of_article(
            article, event_ids=event_ids, extractor=self.extractor_info, extracted_at=now, skip_reason=skipped
        )
