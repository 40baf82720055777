"""`Produce`: sends the step's outputs and the dead-letter records, wave by wave, until acknowledged.

Waves follow the `FLUSH` barriers: wave 0 is every item's first segment plus the
dead-letter records, wave 1 every item's second segment, and so on; a wave is
sent only once the previous one is acknowledged (acks=all). Failures, per record:

* transient (broker unavailable, timeouts): the unacknowledged records are sent
  again per the `RetryPolicy`, consumption paused; never dropped;
* refused for good because of the record (too large, corrupt): the source record
  becomes a dead letter (for a batch step's output: `OutputRefused`, and `RunStep`
  re-runs the batch record by record); a dead-letter record itself refused is sent
  once more without its original value (`dlq_value_omitted`);
* refused for any other reason (authorisation, an idempotent producer the broker
  does not support, ...): `FatalError`.

Once everything is acknowledged the items count as consumed (and dead-lettered)
and go on to `Commit`. A stop or revocation during a retry wait abandons the
flush: nothing of the batch is committed, it is re-delivered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import structlog

from libs.contracts.records import OutRecord
from libs.runtime.backoff import Retrier
from libs.runtime.broker import ProducerClient
from libs.runtime.errors import (
    FATAL,
    RECORD_REJECTED,
    FatalError,
    Interrupted,
    Unacknowledged,
    classify,
    error_class,
)
from libs.runtime.metrics import ERRORS, RECORDS_CONSUMED, RECORDS_DEAD_LETTERED
from libs.runtime.producer import ProduceError
from libs.runtime.records import error_message
from libs.runtime.strategies import BatchOutput, Forward, Message, Strategy, Work
from libs.runtime.strategies.dead_letters import DeadLetters
from libs.runtime.strategies.run_step import OutputRefused

log = structlog.get_logger(__name__)

Owner = Message | BatchOutput


@dataclass(slots=True)
class _Wave:
    """The records of one wave, the item or batch output each belongs to, and those not yet acknowledged."""

    records: list[OutRecord] = field(default_factory=list)
    owners: list[Owner] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)

    def add(self, record: OutRecord, owner: Owner) -> int:
        """Append `record`; its index."""
        self.records.append(record)
        self.owners.append(owner)
        return len(self.records) - 1


def wave_count(work: Work) -> int:
    """How many waves `work` needs: one per `FLUSH`-separated segment (at least one)."""
    owners: list[Owner] = [*work.items, *([work.batch_output] if work.batch_output else [])]
    return max([1, *(len(o.outputs) for o in owners)])


def wave(work: Work, number: int) -> _Wave:
    """Wave `number` of `work`, built when it is its turn (an item dead-lettered meanwhile has no outputs)."""
    out = _Wave()
    owners: list[Owner] = [*work.items, *([work.batch_output] if work.batch_output else [])]
    for o in owners:
        if number == 0 and isinstance(o, Message) and o.dead_letter is not None:
            out.add(o.dead_letter, o)
        elif number < len(o.outputs):
            for record in o.outputs[number]:
                out.add(record, o)
    out.pending = list(range(len(out.records)))
    return out


class Produce(Forward[list[Message]]):
    """Produces a `Work`'s records (see the module docstring), then hands its items to `Commit`."""

    def __init__(
        self,
        producer: ProducerClient,
        *,
        retry: Retrier,
        dead_letters: DeadLetters,
        next_step: Strategy[list[Message]],
    ) -> None:
        super().__init__(next_step)
        self.producer = producer
        self.retry = retry
        self.dead_letters = dead_letters
        self.service = retry.service

    async def submit(self, work: Work) -> None:
        try:
            for number in range(wave_count(work)):
                current = wave(work, number)
                if current.records:
                    await self.retry(
                        "produce",
                        lambda current=current: self._send(current),
                        is_transient=lambda exc: isinstance(exc, Unacknowledged),
                    )
        except Interrupted:
            log.warning("flush.abandoned", records=len(work.items), reason="stopping or rebalancing")
            return
        except Unacknowledged as exc:  # the retry policy gave up (bounded policies only)
            raise exc.first from exc
        self._count(work.items)
        await self.next_step.submit(work.items)

    def _count(self, items: list[Message]) -> None:
        for it in items:
            RECORDS_CONSUMED.labels(service=self.service, topic=it.record.topic).inc()
            if it.dead_letter is not None and it.error is not None:
                RECORDS_DEAD_LETTERED.labels(
                    service=self.service, topic=it.record.topic, error_class=error_class(it.error)
                ).inc()

    async def _send(self, current: _Wave) -> None:
        """One attempt at the wave's pending records; `Unacknowledged` when some must be sent again."""
        try:
            await self.producer.send_many([current.records[i] for i in current.pending])
            current.pending = []
            return
        except ProduceError as err:
            failures = [(current.pending[j], exc) for j, _rec, exc in err.failed()]
        except Interrupted:
            raise
        except Exception as exc:  # the producer could not even queue (not started, closed...)
            failures = [(i, exc) for i in current.pending]
        retry: list[int] = []
        transient: BaseException | None = None
        for idx, exc in failures:
            if isinstance(exc, FATAL):
                raise exc
            kind = classify(exc, ())
            ERRORS.labels(service=self.service, error_class=error_class(exc), kind=kind).inc()
            if kind == "transient":
                retry.append(idx)
                transient = exc
            else:
                retry.extend(self._refused(current, idx, exc))
        current.pending = retry
        if transient is not None:
            raise Unacknowledged(transient)
        if current.pending:
            await self._send(current)  # dead letters replacing refused records: send them at once

    def _refused(self, current: _Wave, idx: int, exc: BaseException) -> list[int]:
        """Handle a record refused for good; the indexes to send (again) in its place."""
        if not isinstance(exc, RECORD_REJECTED):
            raise FatalError(
                f"the broker refuses to take records ({error_class(exc)}: {error_message(exc, 300)}); "
                "check the Kafka settings (ACCORD_KAFKA_IDEMPOTENCE, ACLs, topics)"
            ) from exc
        owner = current.owners[idx]
        if isinstance(owner, BatchOutput):
            raise OutputRefused(error_message(exc, 300)) from exc
        record = owner.record
        if owner.dead_letter is not None and current.records[idx] is owner.dead_letter:
            if owner.value_omitted:
                raise FatalError(
                    f"dead-letter record for {record.topic}:{record.partition}:{record.offset} "
                    f"refused even without its value: {exc!r}"
                ) from exc
            self.dead_letters.omit_value(owner, exc)
            current.records[idx] = owner.dead_letter
            return [idx]
        # An output of this record was refused for good: the source record becomes poison.
        self.dead_letters.mark(owner, exc)
        assert owner.dead_letter is not None
        return [current.add(owner.dead_letter, owner)]
