"""`RunStep`: calls the service's step on decoded records, retrying transient failures.

* Per record (`batch=False`): the step gets each `Envelope` in fetch order; a stop
  or a revocation ends the batch at the next record boundary (what is done goes
  on to `Produce` and is committed; the rest is re-delivered).
* Batch (`batch=True`): the step gets every valid envelope of the fetch at once.
  A batch whose step raises a non-transient error is re-run record by record so
  only the guilty records are dead-lettered; so is a batch whose output the
  broker refuses for good (`OutputRefused` from `Produce`).
* Transient failures (`classify`) are retried forever per the `RetryPolicy`,
  consumption paused (`PausedWait`); anything else is poison: dead-lettered.
* Sync steps run in a worker thread (`asyncio.to_thread`) unless
  `offload_sync=False` (then inline, yielding to the loop between records).

A step returns a sequence of `OutRecord`s, optionally split by `FLUSH` barriers.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import structlog

from libs.contracts.records import OutRecord
from libs.runtime.backoff import Interrupts, Retrier
from libs.runtime.errors import FATAL, Interrupted, ProcessingError, error_class
from libs.runtime.health import LIVENESS
from libs.runtime.metrics import PROCESSING_SECONDS
from libs.runtime.records import KafkaRecord, error_message
from libs.runtime.strategies import BatchOutput, Forward, Message, Strategy, Work
from libs.runtime.strategies.dead_letters import DeadLetters

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


class OutputRefused(ProcessingError):
    """Internal: the broker refused a batch step's output for good; re-run the batch record by record."""


def split_output(output: StepOutput) -> list[list[OutRecord]]:
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


def is_async(step: Callable[..., Any]) -> bool:
    return inspect.iscoroutinefunction(step) or inspect.iscoroutinefunction(type(step).__call__)


@dataclass(frozen=True, slots=True)
class StepSpec:
    """The service's step and how to call it (see the module docstring)."""

    step: Step
    batch: bool = False
    name: str | None = None
    offload_sync: bool = True

    @property
    def label(self) -> str:
        """The `step` label of `accord_processing_seconds`: `name`, else the function's name."""
        return self.name or getattr(self.step, "__name__", None) or type(self.step).__name__


class RunStep(Forward[Work]):
    """Runs the step over a batch of items; hands the items done (and a batch output) to `Produce`."""

    def __init__(
        self,
        spec: StepSpec,
        *,
        retry: Retrier,
        interrupts: Interrupts,
        dead_letters: DeadLetters,
        next_step: Strategy[Work],
    ) -> None:
        super().__init__(next_step)
        self.spec = spec
        self.retry = retry
        self.interrupts = interrupts
        self.dead_letters = dead_letters
        self.step_async = is_async(spec.step)
        self.hist = PROCESSING_SECONDS.labels(service=retry.service, step=spec.label)

    async def submit(self, work: list[Message]) -> None:
        done: list[Message] = []
        batch_output: BatchOutput | None = None
        try:
            if self.spec.batch:
                batch_output = await self._run_batch(work, done)
            else:
                await self._run_each(work, done)
        except Interrupted:
            log.info("batch.interrupted", service=self.retry.service, done=len(done), fetched=len(work))
        if not done:
            return
        try:
            await self.next_step.submit(Work(done, batch_output))
        except OutputRefused:
            await self._resubmit_isolated(done, batch_output)

    # --- calling the step -------------------------------------------------------------

    async def _call(self, arg: Any) -> list[list[OutRecord]]:
        t0 = time.perf_counter()
        try:
            if self.step_async:
                out = await self.spec.step(arg)  # type: ignore[misc]
            elif self.spec.offload_sync:
                out = await asyncio.to_thread(self.spec.step, arg)
            else:
                out = self.spec.step(arg)
                if inspect.isawaitable(out):
                    out = await out
                else:
                    await asyncio.sleep(0)  # let heartbeats and signals through between records
        finally:
            self.hist.observe(time.perf_counter() - t0)
            LIVENESS.tick()
        return split_output(out)  # type: ignore[arg-type]

    async def _attempt(self, arg: Any, where: KafkaRecord | None) -> list[list[OutRecord]] | BaseException:
        """The step's output segments, or the poison exception (transient ones are retried)."""
        try:
            return await self.retry("step", lambda: self._call(arg), where=where)
        except Interrupted:
            raise
        except FATAL:
            raise
        except Exception as exc:
            return exc

    async def _run_one(self, item: Message, arg: Any) -> None:
        result = await self._attempt(arg, item.record)
        if isinstance(result, BaseException):
            self.dead_letters.mark(item, result)
        else:
            item.outputs = result

    # --- per record, per batch, isolation ----------------------------------------------

    async def _run_each(self, items: list[Message], done: list[Message]) -> None:
        for item in items:
            self.interrupts.check()
            if item.env is not None:
                await self._run_one(item, item.env)
            done.append(item)

    async def _run_batch(self, items: list[Message], done: list[Message]) -> BatchOutput | None:
        valid = [it for it in items if it.env is not None]
        if not valid:
            done.extend(items)
            return None
        result = await self._attempt([it.env for it in valid], None)
        if not isinstance(result, BaseException):
            done.extend(items)
            return BatchOutput(items=valid, outputs=result)
        if len(valid) == 1:  # nothing to isolate
            self.dead_letters.mark(valid[0], result)
            done.extend(items)
            return None
        log.warning(
            "batch.isolating",
            service=self.retry.service,
            records=len(valid),
            error_class=error_class(result),
            error=error_message(result, 300),
        )
        await self._isolate(items, done)
        return None

    async def _isolate(self, items: list[Message], done: list[Message]) -> None:
        """Re-run a failed batch one record at a time; dead-letter only the records that fail alone."""
        for item in items:
            if item.env is not None and item.dead_letter is None:
                self.interrupts.check()
                await self._run_one(item, [item.env])
            done.append(item)

    async def _resubmit_isolated(self, done: list[Message], batch_output: BatchOutput | None) -> None:
        """After `OutputRefused`: run the batch's records one by one and submit them again."""
        assert batch_output is not None
        for it in batch_output.items:
            it.outputs = []
        isolated: list[Message] = []
        try:
            await self._isolate(done, isolated)
        except Interrupted:
            log.warning("flush.abandoned", records=len(done), reason="stopping or rebalancing")
            return
        await self.next_step.submit(Work(isolated, None))
