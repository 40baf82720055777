"""`Decode`: every record becomes an item, in order; undecodable ones are dead letters with their reason."""

from __future__ import annotations

from libs.contracts.records import DLQ_ERROR_CLASS, headers_to_dict
from libs.runtime.strategies import Message
from libs.runtime.strategies.decode import Decode
from tests.runtime.memory_helpers import ROUTES, Collect, dead_letters, metric, record, service_name, value


async def test_decode_keeps_order_and_dead_letters_what_cannot_be_decoded() -> None:
    service = service_name()
    collect = Collect()
    decode = Decode(ROUTES, dead_letters(service), collect)
    raws = [value(0), b"{not json", value(1), b'{"n": "x"}', None]
    await decode.submit([record(i, raw) for i, raw in enumerate(raws)])
    (items,) = collect.submitted
    assert [it.record.offset for it in items] == [0, 1, 2, 3, 4]
    assert [it.env.value.n for it in items if it.env is not None] == [0, 1]
    dead: list[Message] = [it for it in items if it.dead_letter is not None]
    classes = [headers_to_dict(it.dead_letter.headers)[DLQ_ERROR_CLASS] for it in dead]  # type: ignore[union-attr]
    assert classes == ["InvalidJSON", "ValidationError", "EmptyValue"]
    assert all(it.dead_letter.topic == "in.dlq" for it in dead)  # type: ignore[union-attr]
    assert metric("accord_errors_total", service=service, error_class="InvalidJSON", kind="poison") == 1


async def test_join_and_close_pass_down_the_chain() -> None:
    collect = Collect()
    decode = Decode(ROUTES, dead_letters(service_name()), collect)
    await decode.poll()
    await decode.join()
    await decode.close()
    assert collect.joined == 1
