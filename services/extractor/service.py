"""The extractor process: load the engine once, then consume `articles.raw` through `ExtractionStep`.

Consumer group `ACCORD_EXTRACTOR_GROUP_ID` (default `accord-extractor`): run more
processes to scale, up to the partition count of `articles.raw`
(`ACCORD_TOPIC_PARTITIONS`, default 6). Delivery is at-least-once; event ids are
deterministic, so a re-delivered article yields the same records again.

Retractions: the step is given the event ids of each article's previous extraction by
`services.extractor.state.ChangelogState`, loaded from `articles.extracted` per assigned
partition (which needs `articles.raw` and `articles.extracted` to have the same partition count).
"""

from __future__ import annotations

import asyncio
import time

import structlog

from libs.contracts.articles import RawArticle
from libs.contracts.events import ExtractorInfo
from libs.contracts.topics import all_topics
from libs.runtime.consumer import Route, run_consumer, run_service
from libs.runtime.errors import Interrupted
from libs.runtime.kafka_security import kafka_security_kwargs
from libs.runtime.retry import RetryPolicy
from libs.runtime.topics import ensure_topics
from services.extractor.config import SERVICE_NAME, ExtractorSettings
from services.extractor.state import ChangelogState, ExtractionState, RetractingStep
from services.extractor.step import ExtractionStep, ExtractorLike

log = structlog.get_logger(__name__)


#: Extracted once at start-up: loads every lazily loaded model (spaCy) before the first real article,
#: so a broken installation fails the start instead of dead-lettering articles one by one.
WARM_UP_TEXT = (
    "Tehran - Iran and Malaysia signed an MoU on scientific cooperation on Sunday. "
    "The Iranian science minister received the Malaysian ambassador in Tehran to talk about joint research."
)


def load_extractor() -> tuple[ExtractorLike, ExtractorInfo]:
    """The extraction engine, warmed up (models loaded), and its name/version."""
    from libs.extraction import EXTRACTOR_NAME, EXTRACTOR_VERSION, Extractor

    extractor = Extractor()
    extractor.extract(
        WARM_UP_TEXT,
        article_id="warm-up",
        published_at=None,
        url=None,
        title=None,
        publisher=None,
        language="en",
    )
    return extractor, ExtractorInfo(name=EXTRACTOR_NAME, version=EXTRACTOR_VERSION)


async def run(
    settings: ExtractorSettings,
    stop: asyncio.Event,
    engine: tuple[ExtractorLike, ExtractorInfo] | None = None,
    state: ExtractionState | None = None,
) -> None:
    """Run the extractor until `stop` is set. `engine` overrides `load_extractor()`, `state` the
    changelog state (`services.extractor.state`)."""
    if not settings.kafka_bootstrap_servers:
        raise ValueError("ACCORD_KAFKA_BOOTSTRAP_SERVERS is not set")
    if settings.extractor_create_topics:
        try:  # retried while the broker is unreachable
            await ensure_topics(
                settings.kafka_bootstrap_servers,
                all_topics(settings),
                retry=RetryPolicy.from_settings(settings),
                stop=stop,
                service=SERVICE_NAME,
                security=kafka_security_kwargs(settings),
            )
        except Interrupted:
            return
    t0 = time.perf_counter()
    extractor, info = engine or await asyncio.to_thread(load_extractor)
    log.info(
        "extractor.loaded", name=info.name, version=info.version, seconds=round(time.perf_counter() - t0, 2)
    )
    own_state = state is None
    state = state or ChangelogState.from_settings(settings, settings.topic_articles_extracted)
    extraction = ExtractionStep(
        extractor=extractor,
        extractor_info=info,
        topics=settings,
        budget_s=settings.extractor_record_budget_s or None,
    )
    step = RetractingStep(extraction, state)
    try:
        await run_consumer(
            service=SERVICE_NAME,
            settings=settings,
            group_id=settings.extractor_group_id,
            routes={
                settings.topic_articles_raw: Route(RawArticle, dlq_topic=settings.topic_articles_raw_dlq)
            },
            step=step,
            max_batch=settings.extractor_max_batch,
            stop=stop,
            step_name="extract",
            on_revoked=step.on_revoked,
        )
    finally:
        if own_state and isinstance(state, ChangelogState):
            await state.close()


def main(settings: ExtractorSettings) -> int:
    """Process entry point: logs, metrics server, signals; the exit code."""
    return run_service(SERVICE_NAME, settings, lambda stop: run(settings, stop))
