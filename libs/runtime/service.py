"""Process entry points: signal handling and the standard start-up of a long-running service.

```python
def main(args) -> int:
    settings = ExtractorSettings()
    async def body(stop: asyncio.Event) -> None:
        await run_consumer(..., stop=stop)
    return run_service("extractor", settings, body)
```
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Awaitable, Callable

import structlog

from libs.runtime.logging import configure_logging
from libs.runtime.metrics import start_metrics_server
from libs.runtime.settings import CommonSettings

log = structlog.get_logger(__name__)

#: Exit code when a second SIGINT/SIGTERM cut a graceful stop short (128 + SIGINT).
FORCED_EXIT = 130


#: SIGTERM/SIGINT received while no event loop handled them (the process starting or exiting).
_held: list[signal.Signals] = []


def _hold(signum: int, _frame: object) -> None:
    _held.append(signal.Signals(signum))


def hold_stop_signals() -> None:
    """Make SIGTERM/SIGINT recorded instead of fatal until `install_stop_handlers` takes over (and again
    after its handlers are removed): a stop that comes while a service imports, connects or exits still
    ends it cleanly (exit 0) instead of killing it by the signal (-15). Main thread only; else a no-op."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(ValueError):
            signal.signal(sig, _hold)


def install_stop_handlers(stop: asyncio.Event) -> Callable[[], None]:
    """On SIGTERM/SIGINT set `stop`; a second signal ends the process at once with exit code 130.

    Must be called from the event loop's thread while the loop runs. A signal held by
    `hold_stop_signals` before sets `stop` at once. Returns a function that removes the handlers
    (then signals are held again). No-op (returns a no-op) where signal handlers cannot be installed
    (non-main thread).
    """
    loop = asyncio.get_running_loop()
    sigs = (signal.SIGTERM, signal.SIGINT)

    def handle(sig: signal.Signals) -> None:
        if stop.is_set():
            # The graceful stop is taking too long for the operator: leave now. Nothing uncommitted
            # is lost (it is re-delivered), but a step in a worker thread cannot be interrupted.
            log.warning("service.forced_stop", signal=sig.name, exit_code=FORCED_EXIT)
            for handler in logging.getLogger().handlers:
                handler.flush()
            os._exit(FORCED_EXIT)
        log.info("service.stopping", signal=sig.name)
        stop.set()

    installed = []
    for sig in sigs:
        try:
            loop.add_signal_handler(sig, handle, sig)
            installed.append(sig)
        except (RuntimeError, ValueError, NotImplementedError):
            pass

    if installed and _held:
        handle(_held.pop(0))

    def remove() -> None:
        for sig in installed:
            loop.remove_signal_handler(sig)
        if installed:
            hold_stop_signals()

    return remove


def run_service(
    service: str,
    settings: CommonSettings,
    main: Callable[[asyncio.Event], Awaitable[None]],
) -> int:
    """Configure logs, start the metrics server, run `main(stop)` until it returns; the exit code.

    `stop` is set by the first SIGTERM/SIGINT; `main` should then drain and return (exit 0). A second
    signal exits immediately (130). An exception escaping `main` is logged (exit 1).
    """
    hold_stop_signals()
    configure_logging(service, settings)
    start_metrics_server(settings)

    async def body() -> None:
        stop = asyncio.Event()
        remove = install_stop_handlers(stop)
        try:
            await main(stop)
        finally:
            remove()

    log.info("service.starting", metrics_port=settings.metrics_port)
    try:
        asyncio.run(body())
    except (asyncio.CancelledError, KeyboardInterrupt):
        log.warning("service.stopped", forced=True)
        return FORCED_EXIT
    except Exception:
        log.exception("service.crashed")
        return 1
    log.info("service.stopped", forced=False)
    return 0
