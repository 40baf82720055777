"""The consumer loop every service runs on: decode, step, produce, commit; retries and dead-letters.

API
---

```python
from libs.runtime.consumer import (
    FLUSH, Envelope, PoisonError, Route, TransientError, run_consumer, run_service,
)

def step(env: Envelope[RawArticle]) -> Sequence[OutRecord | Flush]: ...          # per record
def step(envs: list[Envelope[CooperationEvent]]) -> Sequence[OutRecord | Flush]: ...  # batch=True
# either may be `async def` (it must not block the event loop); sync steps run in a worker thread

await run_consumer(
    service="extractor",                 # metrics/log label
    settings=settings,                   # CommonSettings (bootstrap servers, idempotence, retry, tuning)
    group_id="accord-extractor",
    routes={"articles.raw": Route(RawArticle, dlq_topic="articles.raw.dlq")},  # topic -> model + DLQ
    step=step,
    batch=False,                         # True: step gets every valid record of a fetch (<= max_batch)
    max_batch=500,                       # records per fetch
    transient=(OperationalError,),       # extra exception classes to retry, never dead-letter
    stop=stop_event,                     # None: SIGTERM/SIGINT handlers are installed here
    producer=None,                       # share a started libs.runtime.producer.Producer, or one is made
    step_name=None,                      # `step` label of accord_processing_seconds (default: function name)
    offload_sync=True,                   # run sync steps via asyncio.to_thread (False: inline in the loop)
)
```

`run_service(service, settings, main)` configures logs and the metrics server,
installs SIGTERM/SIGINT handlers that set the `stop` event passed to
`main(stop)`, runs it, and returns the process exit code (0 after a graceful
stop, 1 on a crash, 130 when a second signal forces the exit).

Semantics
---------

* **At-least-once.** An offset is committed only after its record's effect is
  durable: the step returned AND every record it returned (and every
  dead-letter record) was acknowledged by the broker (acks=all). Commits happen
  after each fetched batch, in the rebalance listener before partitions are
  revoked, and before exit. A crash re-delivers whatever was not committed, so
  steps must be idempotent (upserts, deterministic ids).
* **Order.** Records of one partition are processed in offset order; records a
  step returns keep their order per destination partition. A `FLUSH` marker in a
  step's output is a barrier: everything before it (from this record and the
  earlier records of the same fetch) is acknowledged before anything after it is
  sent. The extractor returns `[*events, FLUSH, summary]` so a summary is never
  on the broker before its events.
* **Poison** (dead-lettered, then the consumer goes on): a value that is not
  UTF-8 JSON (`InvalidJSON`), a tombstone (`EmptyValue`), JSON the route's model
  rejects (pydantic `ValidationError`), a step raising anything not transient
  (`PoisonError` or any other exception), or a returned record the broker
  refuses for good because of the record itself (too large, corrupt). The
  dead-letter record goes to the
  route's `dlq_topic` with the original key, value and headers plus `dlq_source_topic`,
  `dlq_source_partition`, `dlq_source_offset`, `dlq_consumer_group`,
  `dlq_error_class`, `dlq_error_message`, `dlq_failed_at`. In batch mode a
  batch whose step raises a non-transient error is re-run record by record, so
  only the guilty records are dead-lettered.
* **Transient** (`TransientError`, `ConnectionError`/`TimeoutError`/`OSError`,
  retriable aiokafka errors, and the `transient=` classes): the same record
  (or batch) is retried forever with exponential backoff and jitter
  (`retry_initial_backoff_s` doubling up to `retry_max_backoff_s`), every
  assigned partition paused, the consumer still polling so it keeps its group
  membership. Never dead-lettered, never skipped. The same applies to produce
  and commit failures.
* **Fatal.** A producer error that is neither transient nor about one record
  (authorisation, an idempotent producer on a broker without support, ...)
  raises `FatalError` out of `run_consumer` (the service exits 1, nothing in
  hand is committed), as do `MemoryError` and configuration errors.
* **Shutdown.** When `stop` is set (SIGTERM/SIGINT): no new fetch; a per-record
  step finishes the record in hand, a batch step finishes its batch; outputs
  are flushed, offsets committed, the consumer leaves the group and
  `run_consumer` returns. A retry wait in progress is abandoned (that record is
  not committed and will be re-delivered).
* **Rebalance.** Before partitions are revoked the loop stops at the next record
  boundary, flushes and commits what is done; records fetched but not processed
  are re-fetched by whoever owns the partition next.
* **Threads.** Sync steps run in a worker thread (`asyncio.to_thread`) so a
  CPU-heavy step never delays heartbeats, however long one record takes; async
  steps run on the loop. Measured (`python -m libs.runtime.bench`, 2 cores):
  with 2 ms of CPU per record the thread hop costs ~8% (≈430 vs ≈475 records/s
  inline), with 10 ms it is within noise (≈94 vs ≈93/s); `offload_sync=False`
  runs the step inline and yields to the loop between records, for tiny steps.

Metrics (`libs.runtime.metrics`): consumed/produced/dead-lettered counts,
`accord_processing_seconds{step}`, `accord_consumer_lag_records{topic,partition}`
(fetch high-water mark minus position), `accord_errors_total{error_class,kind}`,
`accord_retries_total{operation}`. Logs: `record.dead_lettered` (error level
`warning`) for every dead-letter, `retry.scheduled` for every retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.structs import ConsumerRecord

from libs.contracts.records import OutRecord
from libs.runtime.errors import (
    FATAL,
    RECORD_REJECTED,
    EmptyValue,
    FatalError,
    InvalidJSON,
    PoisonError,
    TransientError,
    backoff_delay,
    classify,
    error_class,
)
from libs.runtime.kafka_security import kafka_security_kwargs
from libs.runtime.metrics import (
    CONSUMER_LAG,
    ERRORS,
    PROCESSING_SECONDS,
    REBALANCES,
    RECORDS_CONSUMED,
    RECORDS_DEAD_LETTERED,
    RETRIES,
)
from libs.runtime.producer import ProduceError, Producer
from libs.runtime.records import Envelope, Route, dead_letter_record, decode, error_message
from libs.runtime.service import install_stop_handlers, run_service
from libs.runtime.settings import CommonSettings

__all__ = [
    "FLUSH",
    "EmptyValue",
    "Envelope",
    "FatalError",
    "Flush",
    "InvalidJSON",
    "PoisonError",
    "Route",
    "StepOutput",
    "TransientError",
    "consumer_config",
    "run_consumer",
    "run_service",
]

log = structlog.get_logger(__name__)


class Flush:
    """Type of the `FLUSH` barrier marker a step may put in its output."""

    _instance: Flush | None = None

    def __new__(cls) -> Flush:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "FLUSH"


#: Barrier in a step's output: records before it are acknowledged before records after it are sent.
FLUSH = Flush()

StepOutput = Sequence[OutRecord | Flush] | None
Step = Callable[[Any], StepOutput | Awaitable[StepOutput]]


def consumer_config(settings: CommonSettings, *, group_id: str, client_id: str) -> dict[str, Any]:
    """Keyword arguments for `AIOKafkaConsumer`: manual commits, the settings' timeouts and fetch sizes."""
    if not settings.kafka_bootstrap_servers:
        raise ValueError("ACCORD_KAFKA_BOOTSTRAP_SERVERS is not set")
    return {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "client_id": client_id,
        "group_id": group_id,
        "enable_auto_commit": False,
        "auto_offset_reset": settings.kafka_auto_offset_reset,
        "session_timeout_ms": settings.kafka_session_timeout_ms,
        "heartbeat_interval_ms": settings.kafka_heartbeat_interval_ms,
        "max_poll_interval_ms": settings.kafka_max_poll_interval_ms,
        "max_partition_fetch_bytes": settings.kafka_max_partition_fetch_bytes,
        **kafka_security_kwargs(settings),
    }


class _Interrupted(Exception):
    """Internal: stop or partition revocation interrupted a wait; keep what is done, abandon the rest."""


class _Failed(Exception):
    """Internal: an operation failed permanently with `exc`."""

    def __init__(self, exc: BaseException) -> None:
        super().__init__(repr(exc))
        self.exc = exc


class _IsolateBatch(Exception):
    """Internal: a batch step's output was permanently refused; re-run the batch record by record."""


@dataclass(slots=True, eq=False)
class _Item:
    """One source record on its way through the loop."""

    record: ConsumerRecord[bytes, bytes]
    route: Route[Any]
    env: Envelope[Any] | None = None
    segments: list[list[OutRecord]] = field(default_factory=list)
    dlq: OutRecord | None = None
    error: BaseException | None = None
    value_omitted: bool = False


@dataclass(slots=True, eq=False)
class _BatchOut:
    """The output of one batch step call, owned by all its records."""

    items: list[_Item]
    segments: list[list[OutRecord]]


def _split(output: StepOutput) -> list[list[OutRecord]]:
    """A step's output as segments separated by `FLUSH`."""
    if output is None:
        return []
    if isinstance(output, (OutRecord, Flush, str, bytes)):
        raise TypeError(f"a step must return a sequence of OutRecord, got {type(output).__name__}")
    segments: list[list[OutRecord]] = [[]]
    for rec in output:
        if isinstance(rec, Flush):
            segments.append([])
        elif isinstance(rec, OutRecord):
            segments[-1].append(rec)
        else:
            raise TypeError(f"a step must return OutRecord or FLUSH items, got {type(rec).__name__}")
    return segments


def _is_async(step: Callable[..., Any]) -> bool:
    return inspect.iscoroutinefunction(step) or inspect.iscoroutinefunction(type(step).__call__)


class _Runner(ConsumerRebalanceListener):
    def __init__(
        self,
        *,
        service: str,
        settings: CommonSettings,
        group_id: str,
        routes: dict[str, Route[Any]],
        step: Step,
        batch: bool,
        max_batch: int,
        transient: tuple[type[BaseException], ...],
        stop: asyncio.Event,
        producer: Producer | None,
        step_name: str | None,
        offload_sync: bool,
        poll_timeout_ms: int,
    ) -> None:
        if not routes:
            raise ValueError("routes must name at least one topic")
        if max_batch < 1:
            raise ValueError("max_batch must be >= 1")
        self.service = service
        self.settings = settings
        self.group_id = group_id
        self.routes = routes
        self.step = step
        self.batch = batch
        self.max_batch = max_batch
        self.transient = transient
        self.stop = stop
        self.own_producer = producer is None
        self.producer = producer or Producer(settings, service=service)
        self.step_name = step_name or getattr(step, "__name__", None) or type(step).__name__
        self.step_async = _is_async(step)
        self.offload_sync = offload_sync
        self.poll_timeout_ms = poll_timeout_ms
        self.consumer: AIOKafkaConsumer | None = None
        self.lock = asyncio.Lock()
        self.revoking = asyncio.Event()
        self.epoch = 0
        self.lag_updated = 0.0
        self.log = log.bind(service=service, group_id=group_id)
        self.hist = PROCESSING_SECONDS.labels(service=service, step=self.step_name)

    # --- lifecycle ----------------------------------------------------------------

    async def run(self) -> None:
        if not await self._connect():
            return
        poll_failures = 0
        try:
            while not self.stop.is_set():
                try:
                    fetched = await self._c.getmany(
                        timeout_ms=self.poll_timeout_ms, max_records=self.max_batch
                    )
                    poll_failures = 0
                except Exception as exc:
                    if isinstance(exc, FATAL) or classify(exc, self.transient) != "transient":
                        raise
                    poll_failures += 1
                    try:
                        await self._sleep_after_failure("poll", exc, attempt=poll_failures)
                    except _Interrupted:
                        pass
                    continue
                epoch = self.epoch  # no await since getmany returned: the records belong to this epoch
                if fetched:
                    async with self.lock:
                        if epoch != self.epoch:
                            self.log.info(
                                "batch.dropped_after_rebalance", records=sum(map(len, fetched.values()))
                            )
                        else:
                            await self._process(fetched)
                await self._update_lag()
        finally:
            await self._close()

    async def _connect(self) -> bool:
        """Start the producer and the consumer, retrying while the broker is unreachable. False if stopped."""
        attempt = 0
        topics = list(self.routes)
        while not self.stop.is_set():
            try:
                if self.own_producer:
                    await self.producer.start()
                consumer = AIOKafkaConsumer(
                    **consumer_config(
                        self.settings,
                        group_id=self.group_id,
                        client_id=f"{self.settings.kafka_client_id}-{self.service}",
                    )
                )
                consumer.subscribe(topics, listener=self)
                try:
                    await consumer.start()
                except BaseException:
                    await consumer.stop()
                    raise
                self.consumer = consumer
                self.log.info("consumer.started", topics=topics, batch=self.batch, max_batch=self.max_batch)
                return True
            except Exception as exc:
                if isinstance(exc, FATAL) or classify(exc, self.transient) != "transient":
                    if self.own_producer:
                        await self.producer.stop()
                    raise
                attempt += 1
                try:
                    await self._sleep_after_failure("connect", exc, attempt)
                except _Interrupted:
                    break
        if self.own_producer:
            await self.producer.stop()
        return False

    async def _close(self) -> None:
        consumer, self.consumer = self.consumer, None
        if consumer is not None:
            with contextlib.suppress(Exception):
                for tp in consumer.assignment():
                    self._drop_lag(tp)
            await consumer.stop()  # leaves the group; offsets were committed after each batch
        if self.own_producer:
            await self.producer.stop()
        self.log.info("consumer.stopped")

    @property
    def _c(self) -> AIOKafkaConsumer:
        assert self.consumer is not None
        return self.consumer

    # --- rebalance listener ---------------------------------------------------------

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        """Stop at the next record boundary, let the loop flush and commit, then let the rebalance go on."""
        if not revoked:
            return
        self.revoking.set()
        try:
            async with self.lock:
                self.epoch += 1
        finally:
            self.revoking.clear()
        REBALANCES.labels(service=self.service).inc()
        for tp in revoked:
            self._drop_lag(tp)
        self.log.info("partitions.revoked", partitions=sorted(f"{tp.topic}:{tp.partition}" for tp in revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self.log.info(
            "partitions.assigned", partitions=sorted(f"{tp.topic}:{tp.partition}" for tp in assigned)
        )

    # --- processing -----------------------------------------------------------------

    def _check_interrupt(self) -> None:
        if self.stop.is_set() or self.revoking.is_set():
            raise _Interrupted

    async def _process(self, fetched: dict[TopicPartition, list[ConsumerRecord[bytes, bytes]]]) -> None:
        items: list[_Item] = []
        batch_out: _BatchOut | None = None
        try:
            if self.batch:
                batch_out = await self._run_batch(fetched, items)
            else:
                await self._run_each(fetched, items)
        except _Interrupted:
            self.log.info("batch.interrupted", done=len(items), fetched=sum(map(len, fetched.values())))
        if not items:
            return
        try:
            await self._flush(items, batch_out)
        except _Interrupted:
            self.log.warning("flush.abandoned", records=len(items), reason="stopping or rebalancing")
            return
        for it in items:
            RECORDS_CONSUMED.labels(service=self.service, topic=it.record.topic).inc()
            if it.dlq is not None and it.error is not None:
                RECORDS_DEAD_LETTERED.labels(
                    service=self.service, topic=it.record.topic, error_class=error_class(it.error)
                ).inc()
        await self._commit(items)

    def _decode(self, record: ConsumerRecord[bytes, bytes]) -> _Item:
        item = _Item(record=record, route=self.routes[record.topic])
        try:
            item.env = decode(record, item.route)
        except Exception as exc:  # InvalidJSON, EmptyValue, ValidationError
            ERRORS.labels(service=self.service, error_class=error_class(exc), kind="poison").inc()
            self._dead_letter(item, exc)
        return item

    def _dead_letter(self, item: _Item, exc: BaseException) -> None:
        item.error = exc
        item.segments = []
        item.dlq = dead_letter_record(
            item.record, dlq_topic=item.route.dlq_topic, group_id=self.group_id, error=exc
        )
        self.log.warning(
            "record.dead_lettered",
            topic=item.record.topic,
            partition=item.record.partition,
            offset=item.record.offset,
            key=item.record.key.decode("utf-8", "replace") if item.record.key is not None else None,
            dlq_topic=item.route.dlq_topic,
            error_class=error_class(exc),
            error=error_message(exc, 500),
        )

    async def _call_step(self, arg: Any) -> list[list[OutRecord]]:
        t0 = time.perf_counter()
        try:
            if self.step_async:
                out = await self.step(arg)  # type: ignore[misc]
            elif self.offload_sync:
                out = await asyncio.to_thread(self.step, arg)
            else:
                out = self.step(arg)
                if inspect.isawaitable(out):
                    out = await out
                else:
                    await asyncio.sleep(0)  # let heartbeats and signals through between records
        finally:
            self.hist.observe(time.perf_counter() - t0)
        return _split(out)  # type: ignore[arg-type]

    async def _run_each(
        self, fetched: dict[TopicPartition, list[ConsumerRecord[bytes, bytes]]], items: list[_Item]
    ) -> None:
        for records in fetched.values():
            for record in records:
                self._check_interrupt()
                item = self._decode(record)
                if item.env is not None:
                    env = item.env
                    try:
                        item.segments = await self._retrying(
                            "step", lambda env=env: self._call_step(env), record
                        )
                    except _Failed as f:
                        self._dead_letter(item, f.exc)
                items.append(item)

    async def _run_batch(
        self, fetched: dict[TopicPartition, list[ConsumerRecord[bytes, bytes]]], items: list[_Item]
    ) -> _BatchOut | None:
        decoded = [self._decode(r) for records in fetched.values() for r in records]
        valid = [it for it in decoded if it.env is not None]
        if not valid:
            items.extend(decoded)
            return None
        envs = [it.env for it in valid]
        try:
            segments = await self._retrying("step", lambda: self._call_step(envs), None)
        except _Failed as f:
            if len(valid) == 1:  # nothing to isolate
                self._dead_letter(valid[0], f.exc)
                items.extend(decoded)
                return None
            self.log.warning(
                "batch.isolating",
                records=len(valid),
                error_class=error_class(f.exc),
                error=error_message(f.exc, 300),
            )
            await self._isolate(decoded, items)
            return None
        items.extend(decoded)
        return _BatchOut(items=valid, segments=segments)

    async def _isolate(self, decoded: list[_Item], items: list[_Item]) -> None:
        """Re-run a failed batch one record at a time; dead-letter only the records that fail alone."""
        for item in decoded:
            if item.env is not None and item.dlq is None:
                self._check_interrupt()
                env = item.env
                try:
                    item.segments = await self._retrying(
                        "step", lambda env=env: self._call_step([env]), item.record
                    )
                except _Failed as f:
                    self._dead_letter(item, f.exc)
            items.append(item)

    async def _retrying(
        self,
        operation: str,
        fn: Callable[[], Awaitable[Any]],
        record: ConsumerRecord[bytes, bytes] | None,
    ) -> Any:
        """`await fn()`, retrying transient failures with backoff; raises `_Failed` on a permanent one."""
        attempt = 0
        while True:
            try:
                return await fn()
            except (_Interrupted, _IsolateBatch, asyncio.CancelledError):
                raise
            except Exception as exc:
                if isinstance(exc, FATAL):
                    raise
                kind = classify(exc, self.transient)
                ERRORS.labels(service=self.service, error_class=error_class(exc), kind=kind).inc()
                if kind == "poison":
                    raise _Failed(exc) from exc
                attempt += 1
                where = (
                    {"topic": record.topic, "partition": record.partition, "offset": record.offset}
                    if record is not None
                    else {}
                )
                await self._sleep_after_failure(operation, exc, attempt, **where)

    async def _sleep_after_failure(
        self, operation: str, exc: BaseException, attempt: int, **where: Any
    ) -> None:
        delay = backoff_delay(
            attempt, self.settings.retry_initial_backoff_s, self.settings.retry_max_backoff_s
        )
        RETRIES.labels(service=self.service, operation=operation).inc()
        self.log.warning(
            "retry.scheduled",
            operation=operation,
            attempt=attempt,
            delay_s=round(delay, 3),
            error_class=error_class(exc),
            error=error_message(exc, 500),
            **where,
        )
        await self._backoff(delay)

    async def _backoff(self, delay: float) -> None:
        """Wait `delay` seconds with every partition paused, still polling; `_Interrupted` on stop/revoke."""
        consumer = self.consumer
        paused: list[TopicPartition] = []
        if consumer is not None:
            paused = [tp for tp in consumer.assignment() if tp not in consumer.paused()]
            with contextlib.suppress(Exception):
                consumer.pause(*paused)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + delay
        try:
            while True:
                self._check_interrupt()
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return
                await self._idle(min(remaining, 1.0))
        finally:
            if consumer is not None and paused:
                assigned = consumer.assignment()
                with contextlib.suppress(Exception):
                    consumer.resume(*[tp for tp in paused if tp in assigned])

    async def _idle(self, seconds: float) -> None:
        """Poll the (paused) consumer for `seconds` so the group keeps us, waking early on stop/revoke."""
        waiters = [
            asyncio.ensure_future(self.stop.wait()),
            asyncio.ensure_future(self.revoking.wait()),
        ]
        poll: asyncio.Future[Any] | None = None
        if self.consumer is not None:
            poll = asyncio.ensure_future(self.consumer.getmany(timeout_ms=int(seconds * 1000)))
            waiters.append(poll)
        try:
            await asyncio.wait(waiters, timeout=seconds + 0.5, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waiters:
                if not w.done():
                    w.cancel()
            await asyncio.gather(*waiters, return_exceptions=True)
        if poll is not None and poll.done() and not poll.cancelled() and poll.exception() is None:
            # Records of a partition we did not pause (assigned meanwhile): give them back.
            for tp, records in (poll.result() or {}).items():
                if records:
                    with contextlib.suppress(Exception):
                        self._c.seek(tp, records[0].offset)

    # --- output ---------------------------------------------------------------------

    async def _flush(self, items: list[_Item], batch_out: _BatchOut | None) -> None:
        """Produce every output and dead-letter record of `items`, wave by wave (FLUSH barriers)."""
        try:
            await self._produce_waves(items, batch_out)
        except _IsolateBatch:
            assert batch_out is not None
            for it in batch_out.items:
                it.segments = []
            isolated: list[_Item] = []
            await self._isolate(items, isolated)
            items[:] = isolated
            await self._produce_waves(items, None)

    async def _produce_waves(self, items: list[_Item], batch_out: _BatchOut | None) -> None:
        owners: list[_Item | _BatchOut] = [*items, *([batch_out] if batch_out else [])]
        waves = max((len(o.segments) for o in owners), default=0)
        for w in range(max(waves, 1)):
            records: list[OutRecord] = []
            owner_of: list[_Item | _BatchOut] = []
            for o in owners:
                if w == 0 and isinstance(o, _Item) and o.dlq is not None:
                    records.append(o.dlq)
                    owner_of.append(o)
                elif w < len(o.segments):
                    records.extend(o.segments[w])
                    owner_of.extend([o] * len(o.segments[w]))
            if records:
                await self._produce(records, owner_of)

    async def _produce(self, records: list[OutRecord], owner_of: list[_Item | _BatchOut]) -> None:
        """Send `records` until all are acknowledged; permanent refusals turn their owner into a dead-letter."""
        pending = list(range(len(records)))
        attempt = 0
        while pending:
            try:
                await self.producer.send_many([records[i] for i in pending])
                return
            except ProduceError as err:
                failures = [(pending[j], exc) for j, _rec, exc in err.failed()]
            except (asyncio.CancelledError, _Interrupted):
                raise
            except Exception as exc:  # the producer could not even queue (not started, closed...)
                failures = [(i, exc) for i in pending]
            retry: list[int] = []
            transient_exc: BaseException | None = None
            for idx, exc in failures:
                if isinstance(exc, FATAL):
                    raise exc
                kind = classify(exc, ())
                ERRORS.labels(service=self.service, error_class=error_class(exc), kind=kind).inc()
                if kind == "transient":
                    retry.append(idx)
                    transient_exc = exc
                    continue
                if not isinstance(exc, RECORD_REJECTED):
                    raise FatalError(
                        f"the broker refuses to take records ({error_class(exc)}: {error_message(exc, 300)}); "
                        "check the Kafka settings (ACCORD_KAFKA_IDEMPOTENCE, ACLs, topics)"
                    ) from exc
                owner = owner_of[idx]
                if isinstance(owner, _BatchOut):
                    raise _IsolateBatch from exc
                if owner.dlq is not None and records[idx] is owner.dlq:
                    if owner.value_omitted:
                        raise FatalError(
                            f"dead-letter record for {owner.record.topic}:{owner.record.partition}:"
                            f"{owner.record.offset} refused even without its value: {exc!r}"
                        ) from exc
                    owner.value_omitted = True
                    owner.dlq = dead_letter_record(
                        owner.record,
                        dlq_topic=owner.route.dlq_topic,
                        group_id=self.group_id,
                        error=owner.error or exc,
                        omit_value=f"{error_class(exc)}: {error_message(exc, 300)}",
                    )
                    records[idx] = owner.dlq
                    retry.append(idx)
                    continue
                # An output of this record was refused for good: the source record becomes poison.
                self._dead_letter(owner, exc)
                assert owner.dlq is not None
                records.append(owner.dlq)
                owner_of.append(owner)
                retry.append(len(records) - 1)
            pending = retry
            if transient_exc is not None:
                attempt += 1
                await self._sleep_after_failure("produce", transient_exc, attempt)

    async def _commit(self, items: list[_Item]) -> None:
        offsets: dict[TopicPartition, int] = {}
        for it in items:
            tp = TopicPartition(it.record.topic, it.record.partition)
            offsets[tp] = max(offsets.get(tp, 0), it.record.offset + 1)
        try:
            await self._retrying("commit", lambda: self._c.commit(offsets), None)
        except _Failed as f:
            self.log.warning(
                "commit.failed",
                error_class=error_class(f.exc),
                error=error_message(f.exc, 300),
                note="the group rebalanced; these records will be re-delivered",
            )
        except _Interrupted:
            self.log.warning("commit.abandoned", partitions=len(offsets))

    # --- lag --------------------------------------------------------------------------

    async def _update_lag(self, min_interval: float = 1.0) -> None:
        now = time.monotonic()
        if self.consumer is None or now - self.lag_updated < min_interval:
            return
        self.lag_updated = now
        for tp in self.consumer.assignment():
            try:
                high = self.consumer.highwater(tp)
                if high is None:
                    continue
                position = await asyncio.wait_for(self.consumer.position(tp), 0.05)
            except Exception:
                continue
            CONSUMER_LAG.labels(service=self.service, topic=tp.topic, partition=str(tp.partition)).set(
                max(0, high - position)
            )

    def _drop_lag(self, tp: TopicPartition) -> None:
        with contextlib.suppress(KeyError):
            CONSUMER_LAG.remove(self.service, tp.topic, str(tp.partition))


async def run_consumer(
    *,
    service: str,
    settings: CommonSettings,
    group_id: str,
    routes: dict[str, Route[Any]],
    step: Step,
    batch: bool = False,
    max_batch: int = 500,
    transient: tuple[type[BaseException], ...] = (),
    stop: asyncio.Event | None = None,
    producer: Producer | None = None,
    step_name: str | None = None,
    offload_sync: bool = True,
    poll_timeout_ms: int = 500,
) -> None:
    """Consume `routes`' topics in `group_id` through `step` until `stop` is set (see the module docstring).

    Returns after a graceful stop. Raises only on a fatal error (`FatalError`: the broker refuses
    records for a reason other than the record; configuration errors; `MemoryError`); transient
    failures are retried, poison records dead-lettered.
    """
    runner_stop = stop or asyncio.Event()
    remove_handlers = install_stop_handlers(runner_stop) if stop is None else (lambda: None)
    try:
        runner = _Runner(
            service=service,
            settings=settings,
            group_id=group_id,
            routes=routes,
            step=step,
            batch=batch,
            max_batch=max_batch,
            transient=tuple(transient),
            stop=runner_stop,
            producer=producer,
            step_name=step_name,
            offload_sync=offload_sync,
            poll_timeout_ms=poll_timeout_ms,
        )
        await runner.run()
    finally:
        remove_handlers()
