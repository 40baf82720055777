"""The publishing pipeline of one source: read → build → de-duplicate → publish → record.

For each batch of items read from the source:

1. **build** (`build_batch`, pure; in worker processes or a thread): clean text, `RawArticle`,
   the encoded record; documents that cannot become articles are `Skipped` with a reason;
2. **de-duplicate** (batches in order): drop ids whose content hash is already in the ledger
   or in flight in an earlier batch (`duplicate`), and earlier copies of an id within the batch
   (`superseded` when the later copy differs, `duplicate` when it is the same);
3. **publish** through the `Publisher` (`send_many` returns once every record is acknowledged);
   several batches are in flight at once. Transient failures retry the unacknowledged records
   per the `RetryPolicy` (`libs.runtime.retry`; never skipped); a record the broker refuses
   for good (too large) is skipped with its reason;
4. **record** (batches in order): ledger rows and raw archive rows (`fetcher_raw_articles`) for
   the acknowledged articles plus the source's progress (cursor after the batch's last item), in
   one transaction.

So the ledger only holds acknowledged articles, and the saved cursor never passes an item whose
article is not durable. A crash between 3 and 4 re-publishes the batches that were acknowledged
but not yet recorded (at most `max_in_flight` of them) on restart: at-least-once, and consumers
key on article id + content hash. A clean stop (signal, `max_items`) loses and repeats nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

import structlog

from libs.contracts.records import OutRecord
from libs.runtime.errors import Interrupted, Unacknowledged, error_class, is_transient
from libs.runtime.health import LIVENESS
from libs.runtime.process import pool_worker_init
from libs.runtime.producer import ProduceError
from libs.runtime.retry import RetryPolicy, count_retry, retry_async, stoppable_sleep
from services.fetcher import metrics as m
from services.fetcher.articles import build_article, to_record
from services.fetcher.documents import Cursor, Document, Item, Skipped
from services.fetcher.errors import ArticleSkipped
from services.fetcher.ledger import Archived, Ledger, PublishedArticle, ScanProgress
from services.fetcher.sources import Source

log = structlog.get_logger(__name__)

SERVICE = "fetcher"
#: Bytes a record needs beyond key + value + headers (record batch framing), for the size check.
RECORD_OVERHEAD = 1024

T = TypeVar("T")


class Publisher(Protocol):
    """What the pipeline needs from a producer (`libs.runtime.producer.Producer` fits)."""

    async def send_many(self, records: Sequence[OutRecord]) -> Sequence[Any]:
        """Produce `records`; return once all are acknowledged; raise `ProduceError` if some failed."""
        ...


# --- pure building ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BuildSpec:
    """How to turn a source's documents into records (picklable: crosses into worker processes)."""

    source: str
    kind: str
    topic: str
    publisher: str | None = None
    language: str | None = None
    detect_language: bool = True
    language_sample_chars: int = 400
    max_record_bytes: int | None = None


@dataclass(frozen=True, slots=True)
class Built:
    article_id: str
    content_hash: str
    canonical_url: str | None
    source_ref: str
    record: OutRecord
    fetched_at: datetime | None = None
    published_at: datetime | None = None


def record_size(record: OutRecord) -> int:
    """Approximate size of `record` on the wire (key + value + headers + framing)."""
    headers = sum(len(k) + len(v or b"") for k, v in record.headers)
    return len(record.key or b"") + len(record.value or b"") + headers + RECORD_OVERHEAD


def build_batch(docs: Sequence[Document], spec: BuildSpec, fetched_at: datetime) -> list[Built | Skipped]:
    """One result per document, in order: the built record or why it was skipped. Pure."""
    out: list[Built | Skipped] = []
    for doc in docs:
        try:
            article = build_article(
                doc,
                source=spec.source,
                kind=spec.kind,
                fetched_at=fetched_at,
                publisher=spec.publisher,
                language=spec.language,
                detect=spec.detect_language,
                language_sample_chars=spec.language_sample_chars,
            )
        except ArticleSkipped as exc:
            out.append(Skipped(exc.reason, str(exc), doc.source_ref))
            continue
        record = to_record(article, spec.topic)
        if spec.max_record_bytes is not None and record_size(record) > spec.max_record_bytes:
            size = record_size(record)
            out.append(Skipped("too_large", f"{doc.source_ref}: record of {size} bytes", doc.source_ref))
            continue
        out.append(
            Built(
                article.article_id,
                article.content_hash,
                article.canonical_url,
                doc.source_ref,
                record,
                article.fetched_at,
                article.published_at,
            )
        )
    return out


def _published(built: Built, source: str) -> PublishedArticle:
    """The ledger row of an acknowledged article, with its raw archive row."""
    archived = None
    if built.record.value is not None and built.fetched_at is not None:
        archived = Archived(built.record.value, built.fetched_at, built.published_at)
    return PublishedArticle(
        built.article_id, built.content_hash, source, built.source_ref, built.canonical_url, archived
    )


class Builder:
    """Runs `build_batch` in `workers` processes (spawned), or in a thread when `workers` is 0."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        if workers > 0:
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=pool_worker_init,
            )

    async def build(
        self, docs: Sequence[Document], spec: BuildSpec, fetched_at: datetime
    ) -> list[Built | Skipped]:
        if not docs:
            return []
        if self._pool is None:
            return await asyncio.to_thread(build_batch, docs, spec, fetched_at)
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, build_batch, list(docs), spec, fetched_at
        )

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Builder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- the pipeline ----------------------------------------------------------------------------------


@dataclass
class SourceReport:
    """What one run over a source did."""

    source: str
    items: int = 0
    published: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    completed: bool = False
    unchanged: bool = False
    resumed_from: dict[str, Any] | None = None
    error: str | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "items": self.items,
            "published": self.published,
            "skipped": dict(self.skipped),
            "completed": self.completed,
            "unchanged": self.unchanged,
            "resumed_from": self.resumed_from,
            "error": self.error,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class _Batch:
    number: int
    items: list[Item]
    cursor: Cursor | None
    prev: _Batch | None
    deduped: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None


def _refusal_reason(exc: BaseException) -> str:
    return "too_large" if "TooLarge" in type(exc).__name__ else "rejected"


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """How a `SourcePipeline` builds, batches and publishes (from `FetcherSettings` in the service)."""

    topic: str
    batch_size: int = 500
    max_in_flight: int = 4
    detect_language: bool = True
    language_sample_chars: int = 400
    max_record_bytes: int | None = None
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    progress_log_s: float = 5.0
    flush_after_s: float = 1.0


class SourcePipeline:
    """Publishes one source's articles exactly once (per content version) across restarts.

    `inflight` (article id -> content hash being published) is shared by the pipelines of one
    process; `is_transient` tells which failures of the ledger and the broker to retry.
    """

    def __init__(
        self,
        source: Source,
        options: PipelineOptions,
        *,
        ledger: Ledger,
        publisher: Publisher,
        builder: Builder,
        inflight: dict[str, str] | None = None,
        is_transient: Callable[[BaseException], bool] = is_transient,
    ) -> None:
        self.source = source
        self.options = options
        self.ledger = ledger
        self.publisher = publisher
        self.builder = builder
        self.inflight = inflight if inflight is not None else {}
        self.is_transient = is_transient
        cfg = source.config
        self.spec = BuildSpec(
            source=cfg.name,
            kind=source.kind,
            topic=options.topic,
            publisher=cfg.publisher,
            language=cfg.language,
            detect_language=options.detect_language,
            language_sample_chars=options.language_sample_chars,
            max_record_bytes=options.max_record_bytes,
        )
        self._stop: asyncio.Event = asyncio.Event()
        self._report = SourceReport(source=cfg.name)
        self._fingerprint: str | None = None
        self._failed = False
        self._scan_started_at = datetime.now(UTC)
        self._labels = {"service": SERVICE, "source": cfg.name}

    # --- entry point ---

    async def run(
        self, *, stop: asyncio.Event | None = None, max_items: int | None = None, rescan: bool = False
    ) -> SourceReport:
        """One scan of the source (resuming an interrupted one); returns when exhausted, stopped or failed.

        `max_items` stops after that many items (progress saved: the next run resumes after them);
        `rescan` ignores saved progress (the ledger still prevents re-publishing). Raises only for
        faults of the pipeline itself (ledger or broker refusing for good); a failing source is
        reported in `SourceReport.error`.
        """
        self._stop = stop or asyncio.Event()
        self._failed = False
        report = self._report = SourceReport(source=self.spec.source)
        t0 = self._t0 = time.monotonic()
        name = self.spec.source
        cursor = await self._start_cursor(rescan)
        if report.unchanged:
            report.seconds = time.monotonic() - t0
            return report
        queue: asyncio.Queue[Item | BaseException | None] = asyncio.Queue(
            maxsize=max(2 * self.options.batch_size, 64)
        )
        reader = asyncio.create_task(self._read(cursor, queue), name=f"fetcher-read-{name}")
        batches: list[_Batch] = []
        exhausted = False
        try:
            exhausted = await self._assemble(queue, batches, max_items)
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader
            await self._drain(batches)
        if exhausted and report.error is None and not self._stop.is_set():
            last = batches[-1].cursor if batches else cursor
            await self._retry(
                "ledger",
                lambda: self.ledger.record([], self._progress(last, completed=True)),
            )
            report.completed = True
            m.SCAN_COMPLETED.labels(**self._labels).set_to_current_time()
        report.seconds = time.monotonic() - t0
        log.info("fetcher.source.done", **report.as_dict())
        return report

    async def _start_cursor(self, rescan: bool) -> Cursor | None:
        report = self._report
        self._fingerprint = await asyncio.to_thread(self.source.fingerprint)
        prev = None if rescan else await self._retry("ledger", lambda: self.ledger.progress(self.spec.source))
        if prev is None:
            return None
        same = prev.fingerprint == self._fingerprint
        if prev.completed and same and self._fingerprint is not None:
            report.unchanged = report.completed = True
            log.info("fetcher.source.unchanged", source=self.spec.source, fingerprint=self._fingerprint)
            return None
        if not prev.completed and same and prev.cursor:
            self._scan_started_at = prev.scan_started_at
            report.resumed_from = dict(prev.cursor)
            log.info("fetcher.source.resume", source=self.spec.source, cursor=report.resumed_from)
            return prev.cursor
        if not prev.completed and not same:
            log.info(
                "fetcher.source.changed",
                source=self.spec.source,
                note="restarting the scan from the beginning",
            )
        return None

    # --- reading and batching ---

    async def _read(self, cursor: Cursor | None, queue: asyncio.Queue[Item | BaseException | None]) -> None:
        try:
            async for item in self.source.scan(cursor):
                await queue.put(item)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            await queue.put(exc)
            return
        await queue.put(None)

    async def _assemble(
        self, queue: asyncio.Queue[Item | BaseException | None], batches: list[_Batch], max_items: int | None
    ) -> bool:
        """Group items into batches and launch them; True when the source was exhausted."""
        report = self._report
        items: list[Item] = []
        started = time.monotonic()
        next_log = started + self.options.progress_log_s
        while True:
            LIVENESS.tick()
            if self._stop.is_set() or self._failed:
                self._submit(items, batches)
                return False
            try:
                entry = queue.get_nowait()
            except asyncio.QueueEmpty:
                try:
                    entry = await asyncio.wait_for(queue.get(), timeout=min(self.options.flush_after_s, 0.5))
                except TimeoutError:
                    if items and time.monotonic() - started >= self.options.flush_after_s:
                        await self._submit_bounded(items, batches)
                        items, started = [], time.monotonic()
                    continue
            if entry is None:
                await self._submit_bounded(items, batches)
                return True
            if isinstance(entry, BaseException):
                await self._submit_bounded(items, batches)
                self._source_failed(entry)
                return False
            items.append(entry)
            report.items += 1
            if len(items) == 1:
                started = time.monotonic()
            if max_items is not None and report.items >= max_items:
                await self._submit_bounded(items, batches)
                log.info("fetcher.source.max_items", source=self.spec.source, items=report.items)
                return False
            now = time.monotonic()
            # full, or held long enough: a steady trickle (a followed feed) never leaves the queue
            # idle for the timeout above, and must not wait for a full batch or the scan's end
            if len(items) >= self.options.batch_size or now - started >= self.options.flush_after_s:
                await self._submit_bounded(items, batches)
                items = []
            if now >= next_log:
                next_log = now + self.options.progress_log_s
                self._log_progress()

    def _source_failed(self, exc: BaseException) -> None:
        self._report.error = f"{error_class(exc)}: {exc}"
        reason = str(getattr(exc, "reason", None) or error_class(exc))
        m.SOURCE_ERRORS.labels(**self._labels, reason=reason).inc()
        log.error(
            "fetcher.source.error",
            source=self.spec.source,
            reason=reason,
            error_class=error_class(exc),
            error=str(exc),
        )

    def _log_progress(self) -> None:
        r = self._report
        log.info(
            "fetcher.progress",
            source=r.source,
            items=r.items,
            published=r.published,
            skipped=sum(r.skipped.values()),
            per_s=round(r.items / max(time.monotonic() - self._t0, 1e-9), 1),
        )

    async def _submit_bounded(self, items: list[Item], batches: list[_Batch]) -> None:
        """Launch a batch, first waiting for the oldest one when `max_in_flight` are running."""
        if not items:
            return
        running = [b.task for b in batches if b.task is not None and not b.task.done()]
        if len(running) >= self.options.max_in_flight:
            await asyncio.wait({running[0]})
            if running[0].cancelled() or running[0].exception() is not None:
                self._failed = True  # publish no more: later batches could never be recorded
                return
        self._submit(items, batches)
        # forget recorded batches (keep the last: it is the next one's predecessor)
        while len(batches) > 1 and batches[0].task is not None and batches[0].task.done():
            if batches[0].task.cancelled() or batches[0].task.exception() is not None:
                self._failed = True
                break
            batches.pop(0)

    def _submit(self, items: list[Item], batches: list[_Batch]) -> None:
        if not items:
            return
        cursor = next((i.cursor for i in reversed(items) if i.cursor is not None), None)
        prev = batches[-1] if batches else None
        if cursor is None and prev is not None:
            cursor = prev.cursor
        batch = _Batch(number=(prev.number + 1 if prev else 1), items=list(items), cursor=cursor, prev=prev)
        batch.task = asyncio.create_task(
            self._process(batch), name=f"fetcher-batch-{self.spec.source}-{batch.number}"
        )
        batches.append(batch)

    async def _drain(self, batches: list[_Batch]) -> None:
        tasks = [b.task for b in batches if b.task is not None]
        if not tasks:
            return
        results = await asyncio.gather(*tasks, return_exceptions=True)
        errors = [r for r in results if isinstance(r, BaseException)]
        interrupted = [e for e in errors if isinstance(e, Interrupted | asyncio.CancelledError)]
        real = [e for e in errors if e not in interrupted]
        if interrupted:
            log.warning(
                "fetcher.source.interrupted", source=self.spec.source, batches_not_recorded=len(interrupted)
            )
        if real:
            raise real[0]

    # --- one batch ---

    async def _process(self, batch: _Batch) -> None:
        try:
            await self._process_batch(batch)
        finally:
            batch.items, batch.prev = [], None  # done with them: let the memory go

    async def _process_batch(self, batch: _Batch) -> None:
        t0 = time.monotonic()
        prev = batch.prev
        try:
            docs = [i for i in batch.items if isinstance(i, Document)]
            skips: list[Skipped] = [i for i in batch.items if isinstance(i, Skipped)]
            built = await self.builder.build(docs, self.spec, datetime.now(UTC))
            t_built = time.monotonic()
            if prev is not None:
                await prev.deduped.wait()
            to_publish, wait_prev = await self._dedupe(built, skips)
        finally:
            batch.deduped.set()
        try:
            if wait_prev and prev is not None and prev.task is not None:
                await prev.task  # an earlier version of an id is in flight there: keep versions in order
            t_pub = time.monotonic()
            acked = await self._publish_batch(to_publish, skips)
            t_acked = time.monotonic()
            if prev is not None and prev.task is not None:
                await prev.task  # record in order: the cursor must never pass an unrecorded batch
            rows = [_published(b, self.spec.source) for b in acked]
            await self._retry("ledger", lambda: self.ledger.record(rows, self._progress(batch.cursor)))
        finally:
            for b in to_publish:
                if self.inflight.get(b.article_id) == b.content_hash:
                    del self.inflight[b.article_id]
        self._account(batch, len(acked), skips, t0)
        log.debug(
            "fetcher.batch",
            source=self.spec.source,
            batch=batch.number,
            items=len(batch.items),
            published=len(acked),
            skipped=len(skips),
            cursor=dict(batch.cursor) if batch.cursor else None,
            build_s=round(t_built - t0, 3),
            publish_s=round(t_acked - t_pub, 3),
            total_s=round(time.monotonic() - t0, 3),
        )

    async def _publish_batch(self, to_publish: list[Built], skips: list[Skipped]) -> list[Built]:
        """Publish; the acknowledged articles (those refused for good are added to `skips`)."""
        refused = await self._publish(to_publish)
        for i, reason in refused.items():
            ref = to_publish[i].source_ref
            skips.append(Skipped(reason, f"{ref}: refused by the broker", ref))
        return [b for i, b in enumerate(to_publish) if i not in refused]

    def _account(self, batch: _Batch, published: int, skips: list[Skipped], started: float) -> None:
        """Report and metrics of a recorded batch: fetched = published + skipped."""
        self._report.published += published
        m.ARTICLES_FETCHED.labels(**self._labels).inc(len(batch.items))
        m.ARTICLES_PUBLISHED.labels(**self._labels).inc(published)
        for s in skips:
            self._report.skipped[s.reason] += 1
            m.ARTICLES_SKIPPED.labels(**self._labels, reason=s.reason).inc()
            if s.reason not in ("duplicate", "superseded"):
                log.warning(
                    "fetcher.skipped",
                    source=self.spec.source,
                    reason=s.reason,
                    detail=s.detail,
                    ref=s.source_ref,
                )
        m.BATCH_SECONDS.labels(**self._labels).observe(time.monotonic() - started)

    async def _dedupe(self, built: list[Built | Skipped], skips: list[Skipped]) -> tuple[list[Built], bool]:
        """Drop what is already published or in flight; register the rest as in flight."""
        latest: dict[str, Built] = {}
        for b in built:
            if isinstance(b, Skipped):
                skips.append(b)
                continue
            earlier = latest.pop(b.article_id, None)  # pop: re-insert keeps the later position
            if earlier is not None:
                reason = "duplicate" if earlier.content_hash == b.content_hash else "superseded"
                skips.append(
                    Skipped(
                        reason, f"{earlier.source_ref}: same article as {b.source_ref}", earlier.source_ref
                    )
                )
            latest[b.article_id] = b
        # Snapshot what is in flight now: an earlier batch may leave the map (once recorded in the
        # ledger) while the look-up below runs; its ids are then in the ledger or in the snapshot.
        in_flight = {aid: self.inflight[aid] for aid in latest if aid in self.inflight}
        lookup = [aid for aid in latest if aid not in in_flight]
        known = await self._retry("ledger", lambda: self.ledger.known(lookup)) if lookup else {}
        out: list[Built] = []
        wait_prev = False
        for aid, b in latest.items():
            current = in_flight.get(aid, known.get(aid))
            if current == b.content_hash:
                skips.append(Skipped("duplicate", f"{b.source_ref}: already published", b.source_ref))
                continue
            if aid in in_flight:
                wait_prev = True
            self.inflight[aid] = b.content_hash
            out.append(b)
        return out, wait_prev

    async def _publish(self, built: list[Built]) -> dict[int, str]:
        """Publish until every record is acknowledged or refused for good; returns {index: reason} of refused."""
        pending = list(range(len(built)))
        refused: dict[int, str] = {}

        async def attempt() -> None:
            nonlocal pending
            try:
                await self.publisher.send_many([built[i].record for i in pending])
                pending = []
                return
            except ProduceError as exc:
                failures = [(pending[j], err) for j, _rec, err in exc.failed()]
            still = [i for i, err in failures if self.is_transient(err)]
            for i, err in failures:
                if i not in still:
                    refused[i] = _refusal_reason(err)
                    log.error(
                        "fetcher.publish.refused",
                        source=self.spec.source,
                        ref=built[i].source_ref,
                        error_class=error_class(err),
                        error=str(err),
                    )
            pending = still
            if pending:
                raise Unacknowledged(next(err for i, err in failures if i in still))

        if pending:
            await self._retry("produce", attempt)
        return refused

    async def _retry(self, operation: str, fn: Callable[[], Awaitable[T]]) -> T:
        """`fn()` retried on transient errors per the policy; a stop interrupts the wait (`Interrupted`)."""
        try:
            return await retry_async(
                fn,
                policy=self.options.retry,
                is_transient=lambda exc: isinstance(exc, Unacknowledged) or self.is_transient(exc),
                operation=operation,
                on_retry=count_retry(SERVICE, source=self.spec.source),
                sleep=self._sleep,
            )
        except Unacknowledged as exc:  # a bounded policy gave up
            raise exc.first from exc

    async def _sleep(self, delay: float) -> None:
        LIVENESS.tick()  # retrying is alive
        await stoppable_sleep(self._stop)(delay)

    def _progress(self, cursor: Cursor | None, *, completed: bool = False) -> ScanProgress:
        return ScanProgress(
            source=self.spec.source,
            kind=self.spec.kind,
            fingerprint=self._fingerprint,
            cursor=cursor,
            completed=completed,
            scan_started_at=self._scan_started_at,
        )
