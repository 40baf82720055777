"""`ConsumerLoop`: connects, polls, feeds the strategy chain, follows rebalances, stops gracefully.

The loop owns the broker clients and the rebalance listener; what happens to the
records is the chain's business (`libs.runtime.strategies`). Its guarantees:

* **Connect**: the producer (unless shared) and the consumer are started, retried
  while the broker is unreachable; a stop meanwhile returns without error.
* **Poll**: up to `max_batch` records per fetch, submitted to the chain under a
  lock; a transient poll failure is retried.
* **Rebalance**: before partitions are revoked, `Interrupts.revoking` makes the
  chain stop at the next record boundary; the listener then takes the lock (the
  chain has flushed and committed what is done), bumps the epoch and `join()`s
  the chain. Records fetched before the revocation but not yet submitted are
  dropped (their next owner re-reads them from the committed offset).
* **Stop**: no new fetch; the batch in hand finishes (or is interrupted at a
  record boundary), the chain is joined (staged offsets committed), the consumer
  leaves the group, an own producer is stopped.
* **Liveness**: `LIVENESS.tick()` on every iteration (`GET /healthz`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import structlog

from libs.runtime.backoff import Interrupts, PausedWait, Retrier
from libs.runtime.broker import Broker, ConsumerClient, KafkaRecord, ProducerClient, TopicPartition
from libs.runtime.errors import Interrupted
from libs.runtime.health import LIVENESS
from libs.runtime.lag import LagGauge
from libs.runtime.metrics import REBALANCES
from libs.runtime.retry import RetryPolicy
from libs.runtime.strategies import Strategy

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Subscription:
    """Which topics, in which group, and how much per fetch."""

    group_id: str
    topics: tuple[str, ...]
    client_id: str
    max_batch: int = 500
    poll_timeout_ms: int = 500

    def __post_init__(self) -> None:
        if not self.topics:
            raise ValueError("routes must name at least one topic")
        if self.max_batch < 1:
            raise ValueError("max_batch must be >= 1")


@dataclass(frozen=True, slots=True)
class Clients:
    """What a chain is built from, once connected."""

    consumer: ConsumerClient
    producer: ProducerClient
    retry: Retrier
    interrupts: Interrupts


ChainFactory = Callable[[Clients], Strategy[Sequence[KafkaRecord]]]
#: Told about partitions given up, after the chain flushed and committed them (e.g. to drop per-partition state).
RevokedHook = Callable[[set[TopicPartition]], None]


class ConsumerLoop:
    """Runs one consumer until `stop` is set (see the module docstring); also its rebalance listener."""

    def __init__(
        self,
        service: str,
        subscription: Subscription,
        broker: Broker,
        build_chain: ChainFactory,
        *,
        stop: asyncio.Event,
        retry: RetryPolicy,
        transient: tuple[type[BaseException], ...] = (),
        producer: ProducerClient | None = None,
        on_revoked: RevokedHook | None = None,
    ) -> None:
        self.service = service
        self.on_revoked = on_revoked
        self.sub = subscription
        self.broker = broker
        self.build_chain = build_chain
        self.interrupts = Interrupts(stop)
        self.wait = PausedWait(self.interrupts)
        self.retry = Retrier(service=service, policy=retry, transient=transient, sleep=self.wait)
        self.own_producer = producer is None
        self.producer = producer or broker.producer(service=service)
        self.consumer: ConsumerClient | None = None
        self.chain: Strategy[Sequence[KafkaRecord]] | None = None
        self.lock = asyncio.Lock()
        self.epoch = 0
        self.lag = LagGauge(service, subscription.group_id)
        self.log = log.bind(service=service, group_id=subscription.group_id)

    @property
    def stop(self) -> asyncio.Event:
        return self.interrupts.stop

    async def run(self) -> None:
        """Consume until stopped; raises only on a fatal error."""
        if not await self._connect():
            return
        try:
            while not self.stop.is_set():
                LIVENESS.tick()
                fetched = await self._poll()
                epoch = self.epoch  # no await since getmany returned: the records belong to this epoch
                if fetched:
                    await self._submit(fetched, epoch)
                async with self.lock:
                    await self._chain.poll()
                await self.lag.update(self.consumer)
            async with self.lock:
                await self._chain.join()
        finally:
            await self._close()

    @property
    def _chain(self) -> Strategy[Sequence[KafkaRecord]]:
        assert self.chain is not None
        return self.chain

    async def _submit(self, fetched: Mapping[TopicPartition, Sequence[KafkaRecord]], epoch: int) -> None:
        async with self.lock:
            if epoch != self.epoch:
                self.log.info("batch.dropped_after_rebalance", records=sum(map(len, fetched.values())))
                return
            await self._chain.submit([r for records in fetched.values() for r in records])

    async def _poll(self) -> Mapping[TopicPartition, Sequence[KafkaRecord]] | None:
        consumer = self.consumer
        assert consumer is not None
        try:
            return await self.retry(
                "poll",
                lambda: consumer.getmany(timeout_ms=self.sub.poll_timeout_ms, max_records=self.sub.max_batch),
            )
        except Interrupted:
            return None

    async def _connect(self) -> bool:
        """Start the clients, retrying while the broker is unreachable; False when stopped first."""
        try:
            await self.retry("connect", self._start_clients)
        except Interrupted:
            await self._stop_producer()
            return False
        except BaseException:
            await self._stop_producer()
            raise
        assert self.consumer is not None
        self.wait.consumer = self.consumer
        self.chain = self.build_chain(Clients(self.consumer, self.producer, self.retry, self.interrupts))
        self.log.info("consumer.started", topics=list(self.sub.topics), max_batch=self.sub.max_batch)
        return True

    async def _start_clients(self) -> None:
        if self.own_producer:
            await self.producer.start()
        consumer = self.broker.consumer(
            group_id=self.sub.group_id, client_id=self.sub.client_id, topics=self.sub.topics, listener=self
        )
        await consumer.start()
        self.consumer = consumer

    async def _stop_producer(self) -> None:
        if self.own_producer:
            await self.producer.stop()

    async def _close(self) -> None:
        consumer, self.consumer = self.consumer, None
        self.wait.consumer = None
        if consumer is not None:
            self.lag.drop(consumer.assignment())
            await consumer.stop()  # leaves the group; offsets were committed
        if self.chain is not None:
            await self.chain.close()
        await self._stop_producer()
        self.log.info("consumer.stopped")

    # --- rebalance listener ---------------------------------------------------------------

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        """Stop at the next record boundary, let the chain flush and commit, then let the rebalance go on."""
        if not revoked:
            return
        self.interrupts.revoking.set()
        try:
            async with self.lock:
                self.epoch += 1
                if self.chain is not None:
                    await self.chain.join()
        finally:
            self.interrupts.revoking.clear()
        REBALANCES.labels(service=self.service).inc()
        self.lag.drop(revoked)
        if self.on_revoked is not None:
            self.on_revoked(set(revoked))
        self.log.info("partitions.revoked", partitions=sorted(f"{tp.topic}:{tp.partition}" for tp in revoked))

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self.log.info(
            "partitions.assigned", partitions=sorted(f"{tp.topic}:{tp.partition}" for tp in assigned)
        )
