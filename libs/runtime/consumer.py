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
    broker=None,                         # libs.runtime.memory.MemoryBroker() in unit tests; default Kafka
    commit_policy=EVERY_BATCH,           # CommitPolicy: when staged offsets are committed
    dead_letter_limit=None,              # DeadLetterLimit; default from ACCORD_DEAD_LETTER_*
    on_revoked=None,                     # f(set[TopicPartition]) after revoked partitions were committed
)
```

How it is built (`libs/runtime/README.md` has the picture): a `ConsumerLoop`
(`loop.py`: connect, poll, rebalances, stop) feeds a chain of strategies
(`strategies/`: `Decode` → `RunStep` → `Produce` → `Commit`), which share a
`Retrier` (`backoff.py`: `RetryPolicy` + paused wait) and `DeadLetters`
(`strategies/dead_letters.py`: dead-letter records + `DeadLetterLimit`).

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
* **Dead-letter limit.** More poison records than `DeadLetterLimit.max_records`
  within `window_s` (`ACCORD_DEAD_LETTER_MAX_RECORDS`, default 1000, in
  `ACCORD_DEAD_LETTER_WINDOW_S`, default 60 s; 0 = no limit) raise
  `DeadLetterLimitExceeded` (a `FatalError`): a bad deploy stops the consumer
  instead of emptying its topic into the dead-letter topic.
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
  steps run on the loop. Measured (`python -m benchmarks.bench_runtime`, 2 cores):
  with 2 ms of CPU per record the thread hop costs ~8% (≈430 vs ≈475 records/s
  inline), with 10 ms it is within noise (≈94 vs ≈93/s); `offload_sync=False`
  runs the step inline and yields to the loop between records, for tiny steps.

* **Commits.** `CommitPolicy()` (default) commits after every fetched batch;
  a policy with `max_records`/`max_interval_s` commits less often; staged
  offsets are always committed before a revocation and at a graceful stop.
* **Liveness.** The loop ticks `libs.runtime.health.LIVENESS` on every
  iteration, every retry wait and every step call; `GET /healthz` on the
  metrics port answers 503 once it has not ticked for `ACCORD_LIVENESS_WINDOW_S`.

Metrics (`libs.runtime.metrics`): consumed/produced/dead-lettered counts,
`accord_processing_seconds{step}`, `accord_consumer_lag_records{group,topic,partition}`
(fetch high-water mark minus position), `accord_errors_total{error_class,kind}`,
`accord_retries_total{operation}`. Logs: `record.dead_lettered` (error level
`warning`) for every dead-letter, `retry.scheduled` for every retry.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from libs.runtime.broker import Broker, KafkaRecord, ProducerClient, TopicPartition
from libs.runtime.errors import EmptyValue, FatalError, InvalidJSON, PoisonError, TransientError
from libs.runtime.kafka import KafkaBroker, consumer_config
from libs.runtime.loop import Clients, ConsumerLoop, Subscription
from libs.runtime.records import Envelope, Route
from libs.runtime.retry import RetryPolicy
from libs.runtime.service import install_stop_handlers, run_service
from libs.runtime.settings import CommonSettings
from libs.runtime.strategies import Strategy
from libs.runtime.strategies.commit import EVERY_BATCH, Commit, CommitPolicy
from libs.runtime.strategies.dead_letters import DeadLetterLimit, DeadLetters
from libs.runtime.strategies.decode import Decode
from libs.runtime.strategies.produce import Produce
from libs.runtime.strategies.run_step import FLUSH, Flush, RunStep, Step, StepOutput, StepSpec

__all__ = [
    "EVERY_BATCH",
    "FLUSH",
    "CommitPolicy",
    "DeadLetterLimit",
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


def chain_factory(
    *,
    service: str,
    group_id: str,
    routes: dict[str, Route[Any]],
    spec: StepSpec,
    commit_policy: CommitPolicy,
    dead_letter_limit: DeadLetterLimit,
) -> Callable[[Clients], Strategy[Sequence[KafkaRecord]]]:
    """Builds `Decode → RunStep → Produce → Commit` once the loop is connected."""

    def build(clients: Clients) -> Strategy[Sequence[KafkaRecord]]:
        dead_letters = DeadLetters(service=service, group_id=group_id, limit=dead_letter_limit)
        commit = Commit(clients.consumer, retry=clients.retry, policy=commit_policy)
        produce = Produce(clients.producer, retry=clients.retry, dead_letters=dead_letters, next_step=commit)
        run_step = RunStep(
            spec,
            retry=clients.retry,
            interrupts=clients.interrupts,
            dead_letters=dead_letters,
            next_step=produce,
        )
        return Decode(routes, dead_letters, run_step)

    return build


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
    producer: ProducerClient | None = None,
    step_name: str | None = None,
    offload_sync: bool = True,
    poll_timeout_ms: int = 500,
    broker: Broker | None = None,
    commit_policy: CommitPolicy = EVERY_BATCH,
    dead_letter_limit: DeadLetterLimit | None = None,
    on_revoked: Callable[[set[TopicPartition]], None] | None = None,
) -> None:
    """Consume `routes`' topics in `group_id` through `step` until `stop` is set (see the module docstring).

    Returns after a graceful stop. Raises only on a fatal error (`FatalError`: the broker refuses
    records for a reason other than the record, or too many records are poison; configuration
    errors; `MemoryError`); transient failures are retried, poison records dead-lettered.
    """
    subscription = Subscription(
        group_id=group_id,
        topics=tuple(routes),
        client_id=f"{settings.kafka_client_id}-{service}",
        max_batch=max_batch,
        poll_timeout_ms=poll_timeout_ms,
    )
    build = chain_factory(
        service=service,
        group_id=group_id,
        routes=routes,
        spec=StepSpec(step=step, batch=batch, name=step_name, offload_sync=offload_sync),
        commit_policy=commit_policy,
        dead_letter_limit=dead_letter_limit or DeadLetterLimit.from_settings(settings),
    )
    runner_stop = stop or asyncio.Event()
    remove_handlers = install_stop_handlers(runner_stop) if stop is None else (lambda: None)
    try:
        loop = ConsumerLoop(
            service,
            subscription,
            broker or KafkaBroker(settings),
            build,
            stop=runner_stop,
            retry=RetryPolicy.from_settings(settings),
            transient=tuple(transient),
            producer=producer,
            on_revoked=on_revoked,
        )
        await loop.run()
    finally:
        remove_handlers()
