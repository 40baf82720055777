"""`RunStep`: per record or per batch, transient failures retried, poison dead-lettered, batches isolated."""

from __future__ import annotations

import asyncio
import collections

import pytest

from libs.contracts.records import DLQ_ERROR_CLASS, OutRecord, headers_to_dict
from libs.runtime.backoff import Interrupts
from libs.runtime.errors import PoisonError, TransientError
from libs.runtime.records import Envelope
from libs.runtime.strategies import Message, Work
from libs.runtime.strategies.run_step import FLUSH, OutputRefused, RunStep, StepSpec, split_output
from tests.runtime.memory_helpers import (
    ROUTE,
    Collect,
    dead_letters,
    metric,
    output,
    record,
    retrier,
    service_name,
    value,
)
from tests.runtime.memory_helpers import Item as Model  # the test payload


def items(n: int, *bad: int) -> list[Message]:
    out = []
    for i in range(n):
        it = Message(record=record(i, value(i)), route=ROUTE)
        if i not in bad:
            it.env = Envelope(Model(n=i), "k", {}, "in", 0, i, None)
        out.append(it)
    return out


def run_step(
    step: object,
    service: str,
    next_step: object,
    *,
    batch: bool = False,
    interrupts: Interrupts | None = None,
) -> RunStep:
    interrupts = interrupts or Interrupts(asyncio.Event())
    return RunStep(
        StepSpec(step=step, batch=batch, name="s"),  # type: ignore[arg-type]
        retry=retrier(service, interrupts=interrupts),
        interrupts=interrupts,
        dead_letters=dead_letters(service),
        next_step=next_step,  # type: ignore[arg-type]
    )


def test_split_on_flush_barriers() -> None:
    a, b, c = (OutRecord(topic=t, key=None, value=b"") for t in "abc")
    assert split_output(None) == []
    assert split_output([]) == [[]]
    assert split_output([a, b]) == [[a, b]]
    assert split_output([a, FLUSH, b, c]) == [[a], [b, c]]
    assert split_output([FLUSH, c]) == [[], [c]]


@pytest.mark.parametrize("bad", [OutRecord(topic="a", key=None, value=None), "text", [b"bytes"], [1]])
def test_split_rejects_wrong_output_types(bad: object) -> None:
    with pytest.raises(TypeError):
        split_output(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["thread", "inline", "async"])
async def test_per_record_retries_transient_and_dead_letters_poison_in_order(mode: str) -> None:
    service = service_name()
    attempts: collections.Counter[int] = collections.Counter()

    def work(env: Envelope[Model]) -> list[OutRecord]:
        attempts[env.value.n] += 1
        if env.value.n == 2 and attempts[2] <= 2:
            raise TransientError("database restarting")
        if env.value.n == 3:
            raise ValueError("cannot handle three")
        return [output(env)]

    async def async_work(env: Envelope[Model]) -> list[OutRecord]:
        return work(env)

    step = async_work if mode == "async" else work
    collect = Collect()
    runner = run_step(step, service, collect)
    if mode == "inline":
        runner.spec = StepSpec(step=work, name="s", offload_sync=False)
    await runner.submit(items(5, 1))
    (done,) = collect.submitted
    assert [it.record.offset for it in done.items] == [0, 1, 2, 3, 4]
    assert [it.outputs[0][0].value for it in done.items if it.outputs] == [value(0), value(2), value(4)]
    classes = [
        headers_to_dict(it.dead_letter.headers)[DLQ_ERROR_CLASS] for it in done.items if it.dead_letter
    ]
    assert classes == ["ValueError"]  # record 1 was dead-lettered by Decode, not here
    assert attempts[2] == 3 and attempts[4] == 1
    assert metric("accord_retries_total", service=service, operation="step") == 2
    assert metric("accord_processing_seconds_count", service=service, step="s") == 4 + 2


async def test_a_stop_ends_the_batch_at_the_next_record_boundary() -> None:
    interrupts = Interrupts(asyncio.Event())

    def work(env: Envelope[Model]) -> list[OutRecord]:
        if env.value.n == 2:
            interrupts.stop.set()
        return [output(env)]

    collect = Collect()
    await run_step(work, service_name(), collect, interrupts=interrupts).submit(items(6))
    (done,) = collect.submitted
    assert [it.record.offset for it in done.items] == [0, 1, 2]  # the rest is re-delivered


async def test_a_failing_batch_is_isolated_record_by_record() -> None:
    calls: list[int] = []

    def work(envs: list[Envelope[Model]]) -> list[OutRecord]:
        calls.append(len(envs))
        if any(env.value.n == 5 for env in envs):
            raise PoisonError("record 5 violates a constraint")
        return [output(env) for env in envs]

    collect = Collect()
    await run_step(work, service_name(), collect, batch=True).submit(items(8, 3))
    (done,) = collect.submitted
    assert calls == [7, 1, 1, 1, 1, 1, 1, 1]
    assert done.batch_output is None
    dead = [it.record.offset for it in done.items if it.dead_letter is not None]
    assert dead == [5]  # 3 is undecodable: Decode dead-letters it, the step never sees it
    assert [it.record.offset for it in done.items] == list(range(8))


async def test_a_batch_output_refused_by_the_broker_is_rerun_record_by_record() -> None:
    class RefuseBatches(Collect):
        async def submit(self, work: Work) -> None:
            if work.batch_output is not None:
                raise OutputRefused("too large")
            await super().submit(work)

    def work(envs: list[Envelope[Model]]) -> list[OutRecord]:
        return [output(env) for env in envs]

    collect = RefuseBatches()
    await run_step(work, service_name(), collect, batch=True).submit(items(3))
    (done,) = collect.submitted
    assert [len(it.outputs[0]) for it in done.items] == [1, 1, 1]


async def test_a_batch_of_one_poison_record_and_a_batch_of_none() -> None:
    def work(envs: list[Envelope[Model]]) -> list[OutRecord]:
        raise ValueError("no")

    collect = Collect()
    runner = run_step(work, service_name(), collect, batch=True)
    await runner.submit(items(2, 0))
    await runner.submit(items(1, 0))
    first, second = collect.submitted
    assert [it.dead_letter is not None for it in first.items] == [False, True]
    assert first.items[1].error is not None and first.items[0].env is None
    assert second.batch_output is None and len(second.items) == 1
