"""`Decode`: fetched records → `Message`s with their `Envelope`; undecodable records become dead letters.

Poison at this stage: a value that is not UTF-8 JSON (`InvalidJSON`), a tombstone
(`EmptyValue`), JSON the route's model rejects (pydantic `ValidationError`). The
items keep the fetch order (partition by partition, offset order within one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from libs.runtime.errors import error_class
from libs.runtime.metrics import ERRORS
from libs.runtime.records import KafkaRecord, Route, decode
from libs.runtime.strategies import Forward, Message, Strategy
from libs.runtime.strategies.dead_letters import DeadLetters


class Decode(Forward[list[Message]]):
    """Decodes each record with its topic's `Route`; hands every item (valid or dead) to the next part."""

    def __init__(
        self,
        routes: dict[str, Route[Any]],
        dead_letters: DeadLetters,
        next_step: Strategy[list[Message]],
    ) -> None:
        super().__init__(next_step)
        self.routes = routes
        self.dead_letters = dead_letters

    def item(self, record: KafkaRecord) -> Message:
        """The decoded item of `record` (a dead letter when it cannot be decoded)."""
        item = Message(record=record, route=self.routes[record.topic])
        try:
            item.env = decode(record, item.route)
        except Exception as exc:  # InvalidJSON, EmptyValue, ValidationError
            ERRORS.labels(
                service=self.dead_letters.service, error_class=error_class(exc), kind="poison"
            ).inc()
            self.dead_letters.mark(item, exc)
        return item

    async def submit(self, work: Sequence[KafkaRecord]) -> None:
        await self.next_step.submit([self.item(record) for record in work])
