"""The processing strategies: small parts chained by the consumer loop, one job each.

In the manner of getsentry/arroyo's strategies, each part takes work with
`submit()`, hands its result to the next part, and finishes with `join()`
(everything submitted is done: before a revocation and at shutdown) and
`close()`; `poll()` runs on every loop iteration for time-based work. Unlike
arroyo's, they are async and take one fetched batch at a time:

    records ─► Decode ─► RunStep ─► Produce ─► Commit
               (dead-letters        (outputs,    (offsets, per
                bad records)         dead letters) CommitPolicy)

`DeadLetters` (shared) turns a failed record into its dead-letter record and
enforces the `DeadLetterLimit`. `libs.runtime.consumer.run_consumer` builds the
chain; `libs.runtime.loop.ConsumerLoop` feeds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from libs.contracts.records import OutRecord
from libs.runtime.records import Envelope, KafkaRecord, Route

T_contra = TypeVar("T_contra", contravariant=True)
T = TypeVar("T")


class Strategy(Protocol[T_contra]):
    """One part of the chain."""

    async def submit(self, work: T_contra) -> None:
        """Process `work` and pass the result on (may raise `Interrupted` on stop or revocation)."""
        ...

    async def poll(self) -> None:
        """Periodic work between fetches (e.g. a time-based commit)."""
        ...

    async def join(self) -> None:
        """Finish everything submitted (commit what is staged); called before a revocation and at the end."""
        ...

    async def close(self) -> None:
        """Release resources; nothing is submitted afterwards."""
        ...


class Forward(Generic[T]):
    """Base of the parts that only submit: `poll`/`join`/`close` pass down the chain."""

    def __init__(self, next_step: Strategy[T]) -> None:
        self.next_step = next_step

    async def poll(self) -> None:
        await self.next_step.poll()

    async def join(self) -> None:
        await self.next_step.join()

    async def close(self) -> None:
        await self.next_step.close()


@dataclass(slots=True, eq=False)
class Message:
    """One source record on its way through the chain."""

    record: KafkaRecord
    route: Route[Any]
    env: Envelope[Any] | None = None
    #: the step's output records, split at `FLUSH` barriers
    outputs: list[list[OutRecord]] = field(default_factory=list)
    #: set when the record is dead-lettered (then `outputs` is empty)
    dead_letter: OutRecord | None = None
    error: BaseException | None = None
    value_omitted: bool = False


@dataclass(slots=True, eq=False)
class BatchOutput:
    """The output of one batch-step call, owned by all the records it was given."""

    items: list[Message]
    outputs: list[list[OutRecord]]


@dataclass(slots=True)
class Work:
    """What the step hands to `Produce`: the records done, and a batch step's shared output."""

    items: list[Message]
    batch_output: BatchOutput | None = None
