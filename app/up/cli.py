"""`accord up`: the whole pipeline on embedded infrastructure (what `make run` runs)."""

from __future__ import annotations

import argparse
from pathlib import Path


def _up(args: argparse.Namespace) -> int:
    from app.up.stack import Stack, UpOptions
    from libs.runtime.logging import configure_logging
    from libs.runtime.settings import CommonSettings

    settings = CommonSettings()
    configure_logging("up", settings.model_copy(update={"log_format": "console", "log_level": "WARNING"}))
    sources_file, is_default = args.sources_file, False
    if not args.source and sources_file is None and Path("sources.yaml").exists():
        sources_file, is_default = Path("sources.yaml"), True
    opts = UpOptions(
        sources=args.source,
        sources_file=sources_file,
        sources_file_is_default=is_default,
        state_dir=args.state_dir,
        api_host=args.api_host,
        api_port=args.api_port,
        extractors=args.extractors,
        until_idle=args.until_idle,
    )
    return Stack(opts, settings).run()


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "up",
        help="run the whole pipeline: embedded broker + Postgres (unless configured), store, extractors, fetcher",
        description=(
            "Starts the embedded Kafka broker and PostgreSQL unless ACCORD_KAFKA_BOOTSTRAP_SERVERS / "
            "ACCORD_DATABASE_URL are set, applies migrations, and supervises the services until Ctrl-C."
        ),
    )
    p.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="KIND:PATH",
        help="a source for the fetcher, e.g. jsonl:../shared/corpus/tehran-times.jsonl.gz (repeatable)",
    )
    p.add_argument(
        "--sources-file",
        type=Path,
        default=None,
        help="sources file (default: ./sources.yaml when no --source is given)",
    )
    p.add_argument("--state-dir", type=Path, default=Path(".accord"), help="local state (default .accord)")
    p.add_argument("--api-host", default="127.0.0.1")
    p.add_argument("--api-port", type=int, default=8000, help="API port (default 8000)")
    p.add_argument("--extractors", type=int, default=2, help="extractor processes (default 2)")
    p.add_argument(
        "--until-idle",
        action="store_true",
        help="read or poll each source once (the fetcher runs --once, web sources too), then exit once "
        "everything published is stored; exit 1 when a source failed (backfills, batch runs)",
    )
    p.set_defaults(func=_up)
