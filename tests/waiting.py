"""Waiting for a condition in tests: the one poll loop they share."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator

Check = Callable[[], object]


def wait_until(
    cond: Check, within: float, what: str, on_fail: Check | None = None, every: float = 0.1
) -> float:
    """Calls `cond()` every `every` s until it returns a truthy value; returns the seconds that took.

    `cond()` is called once more at the deadline; if it is still falsy, raises `AssertionError`
    ("timed out after `within` s waiting for `what`", then `on_fail()` when given, say a log tail).
    An exception from `cond()` propagates at once (a check that a service is still up, say).
    """
    start = time.monotonic()
    for pause in _pauses(start, cond, within, what, on_fail, every):
        time.sleep(pause)
    return time.monotonic() - start


async def wait_until_async(
    cond: Check, within: float, what: str, on_fail: Check | None = None, every: float = 0.1
) -> float:
    """`wait_until` for a coroutine: the event loop runs between the calls of `cond()`."""
    start = time.monotonic()
    for pause in _pauses(start, cond, within, what, on_fail, every):
        await asyncio.sleep(pause)
    return time.monotonic() - start


def _pauses(
    start: float, cond: Check, within: float, what: str, on_fail: Check | None, every: float
) -> Iterator[float]:
    while not cond():
        left = start + within - time.monotonic()
        if left <= 0:
            detail = f"\n{on_fail()}" if on_fail else ""
            raise AssertionError(f"timed out after {within:g} s waiting for {what}{detail}")
        yield min(every, left)
