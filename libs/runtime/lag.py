"""`accord_consumer_lag_records{service,group,topic,partition}`: how far each assigned partition is behind.

Lag = the last fetch's high-water mark minus the consumer's position, refreshed at
most once a second; a partition's sample is removed when it is revoked or the
consumer stops, so the gauge only shows partitions this process owns.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from libs.runtime.broker import ConsumerClient, TopicPartition
from libs.runtime.metrics import CONSUMER_LAG


class LagGauge:
    """Keeps the lag gauge of one consumer up to date.

    A sample is only ever set for a partition the consumer still owns after the position was
    read (a revocation can land during that await), and every refresh removes the samples of
    partitions it no longer owns: a stale sample would keep `accord up --until-idle` from ever
    seeing the pipeline idle.
    """

    def __init__(self, service: str, group_id: str, min_interval_s: float = 1.0) -> None:
        self.service = service
        self.group_id = group_id
        self.min_interval_s = min_interval_s
        self._updated = 0.0
        self._shown: set[TopicPartition] = set()

    async def update(self, consumer: ConsumerClient | None) -> None:
        """Refresh every assigned partition's sample (no more than once per `min_interval_s`)."""
        now = time.monotonic()
        if consumer is None or now - self._updated < self.min_interval_s:
            return
        self._updated = now
        self.drop(self._shown - consumer.assignment())
        for tp in consumer.assignment():
            try:
                high = consumer.highwater(tp)
                if high is None:
                    continue
                position = await asyncio.wait_for(consumer.position(tp), 0.05)
            except Exception:
                continue
            if tp not in consumer.assignment():  # revoked while the position was read
                continue
            CONSUMER_LAG.labels(
                service=self.service, group=self.group_id, topic=tp.topic, partition=str(tp.partition)
            ).set(max(0, high - position))
            self._shown.add(tp)

    def drop(self, partitions: set[TopicPartition]) -> None:
        """Remove the samples of `partitions` (revoked, or the consumer stopped)."""
        for tp in partitions:
            self._shown.discard(tp)
            with contextlib.suppress(KeyError):
                CONSUMER_LAG.remove(self.service, self.group_id, tp.topic, str(tp.partition))
