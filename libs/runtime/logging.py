"""Structured logs: one JSON object per line on stderr, the same pipeline for structlog and stdlib loggers.

`configure_logging(service, settings)` is called once per process, before
anything logs. Every line carries `timestamp` (ISO 8601, UTC), `level`,
`event`, `logger` and `service`, plus the key/values of the call. Libraries
logging through the stdlib (aiokafka, uvicorn, alembic, sqlalchemy) go through
the same renderer. `settings.log_format == "console"` renders human-readable
coloured lines instead (local development).

Uvicorn installs its own handlers unless started with `log_config=None`; pass
that so its lines come out here.
"""

from __future__ import annotations

import logging
import logging.config
import sys
from typing import Any, TextIO

import orjson
import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

from libs.runtime.settings import CommonSettings

#: Chatty third-party loggers capped at WARNING unless the level is DEBUG.
_NOISY = ("urllib3", "httpx", "httpcore", "asyncio", "trafilatura")


def _add_service(service: str) -> Processor:
    def processor(_: WrappedLogger, __: str, event_dict: EventDict) -> EventDict:
        event_dict.setdefault("service", service)
        return event_dict

    return processor


def _orjson_dumps(obj: Any, default: Any = None) -> str:
    return orjson.dumps(obj, default=default or str, option=orjson.OPT_NON_STR_KEYS).decode()


def configure_logging(
    service: str, settings: CommonSettings | None = None, *, stream: TextIO | None = None
) -> None:
    """Route structlog and stdlib logging to `stream` (stderr) as JSON lines (or console lines) tagged `service`.

    Idempotent: calling it again replaces the previous configuration.
    """
    settings = settings or CommonSettings()
    level = logging.getLevelName(settings.log_level.upper())
    if not isinstance(level, int):
        level = logging.INFO

    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_service(service),
    ]
    renderer: Processor
    if settings.log_format == "console":
        # tracebacks without every frame's locals: those can hold secrets, and rendering them takes seconds
        renderer = structlog.dev.ConsoleRenderer(
            colors=(stream or sys.stderr).isatty(),
            exception_formatter=structlog.dev.RichTracebackFormatter(show_locals=False),
        )
        final: list[Processor] = [structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer]
    else:
        renderer = structlog.processors.JSONRenderer(serializer=_orjson_dumps)
        final = [
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ]

    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*shared, structlog.stdlib.ExtraAdder()],
        processors=final,
    )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)

    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in _NOISY:
        logging.getLogger(name).setLevel(level if level <= logging.DEBUG else max(level, logging.WARNING))
    # uvicorn / alembic loggers propagate to the root handler above.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "alembic"):
        lg = logging.getLogger(name)
        lg.handlers.clear()
        lg.propagate = True

    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
