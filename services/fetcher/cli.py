"""`accord fetcher`: publish articles from the configured sources; `accord fetcher migrate|status`.

```
accord fetcher --source jsonl:../shared/corpus/tehran-times.jsonl.gz --once
accord fetcher --sources-file sources.yaml            # follow mode: rescan every poll interval
accord fetcher migrate                                # create/upgrade the ledger tables
accord fetcher migrate --check                        # exit 0 when the ledger schema is current
accord fetcher status                                 # per-source progress and ledger counts (JSON)
```

Connection settings come from the environment (`ACCORD_KAFKA_BOOTSTRAP_SERVERS`,
`ACCORD_DATABASE_URL`, `ACCORD_KAFKA_IDEMPOTENCE`, ...); see `FetcherSettings`.
Exit codes: 0 done (or stopped by a signal), 1 a source or the pipeline failed, 2 bad configuration.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from services.fetcher import replay_cli

    replay_cli.register(sub)  # `accord replay`: the fetcher owns the raw archive it reads
    p = sub.add_parser("fetcher", help="publish articles from files and news sites to articles.raw")
    p.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="KIND:PATH",
        help="a source (repeatable): jsonl:FILE[.gz], folder:DIR, feed:URL, sitemap:URL, page:URL, "
        "site:URL (home page), optionally NAME=KIND:...",
    )
    p.add_argument("--sources-file", type=Path, help="YAML/TOML/JSON file with a `sources:` list")
    p.add_argument(
        "--once", action="store_true", help="stop once every source is exhausted (default: follow)"
    )
    p.add_argument(
        "--max-items",
        type=int,
        metavar="N",
        help="stop after N items per source (progress kept; implies --once)",
    )
    p.add_argument(
        "--rescan", action="store_true", help="ignore saved progress (the ledger still de-duplicates)"
    )
    p.add_argument("--batch-size", type=int, metavar="N", help="articles per produced batch")
    p.add_argument("--workers", type=int, metavar="N", help="build worker processes (0 = a thread)")
    p.add_argument("--metrics-port", type=int, metavar="PORT", help="serve Prometheus /metrics on this port")
    p.set_defaults(func=_run)
    fsub = p.add_subparsers(dest="fetcher_command", metavar="SUBCOMMAND")
    mig = fsub.add_parser("migrate", help="create/upgrade the fetcher's ledger tables and exit")
    mig.add_argument(
        "--check", action="store_true", help="exit 0 when the ledger schema serves this code, 1 otherwise"
    )
    mig.set_defaults(func=_migrate)
    st = fsub.add_parser(
        "status",
        help="each source's progress, ledger size and, for web sources, last poll/success/error (JSON)",
    )
    st.set_defaults(func=_status)


def _settings(args: argparse.Namespace) -> Any:
    from services.fetcher.config import FetcherSettings

    overrides: dict[str, Any] = {}
    if getattr(args, "sources_file", None):
        overrides["fetcher_sources_file"] = args.sources_file
    if getattr(args, "batch_size", None):
        overrides["fetcher_batch_size"] = args.batch_size
    if getattr(args, "workers", None) is not None:
        overrides["fetcher_build_workers"] = args.workers
    if getattr(args, "metrics_port", None) is not None:
        overrides["metrics_port"] = args.metrics_port
    return FetcherSettings(**overrides)


def _run(args: argparse.Namespace) -> int:
    import asyncio

    import orjson
    import structlog
    from pydantic import ValidationError

    from libs.runtime.logging import configure_logging
    from libs.runtime.metrics import start_metrics_server
    from libs.runtime.service import hold_stop_signals, install_stop_handlers

    hold_stop_signals()  # a stop while importing, connecting or exiting ends the run with exit 0
    from services.fetcher.config import ConfigError, collect_sources
    from services.fetcher.service import run_fetcher

    try:
        settings = _settings(args)
    except ValidationError as exc:
        print(f"accord fetcher: bad settings: {exc}", file=sys.stderr)
        return 2
    configure_logging("fetcher", settings)
    log = structlog.get_logger("services.fetcher.cli")
    try:
        configs = collect_sources([*settings.fetcher_sources, *args.source], settings.fetcher_sources_file)
        if not configs:
            raise ConfigError("no sources configured: use --source KIND:PATH or --sources-file FILE")
    except ConfigError as exc:
        print(f"accord fetcher: {exc}", file=sys.stderr)
        return 2
    start_metrics_server(settings)

    async def main() -> int:
        stop = asyncio.Event()
        remove = install_stop_handlers(stop)  # removed before the loop closes: signals are held again
        try:
            reports = await run_fetcher(
                settings, configs, once=args.once, stop=stop, max_items=args.max_items, rescan=args.rescan
            )
        finally:
            remove()
        for r in reports:
            sys.stdout.write(orjson.dumps(r.as_dict()).decode() + "\n")
        sys.stdout.flush()
        # Following sources, a failed poll is retried on the next one: stopping is success.
        return 1 if args.once and any(r.error for r in reports) else 0

    try:
        return asyncio.run(main())
    except ConfigError as exc:
        print(f"accord fetcher: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        log.exception("fetcher.failed", error_class=type(exc).__name__, error=str(exc))
        return 1


def _migrate(args: argparse.Namespace) -> int:
    from libs.runtime.logging import configure_logging
    from services.fetcher.db.migrate import migrate_ledger

    settings = _settings(args)
    configure_logging("fetcher", settings)
    if not settings.database_url:
        print("accord fetcher migrate: ACCORD_DATABASE_URL is not set", file=sys.stderr)
        return 2
    if args.check:
        return _check(settings.database_url)
    revision = migrate_ledger(settings.database_url)
    print(f"fetcher ledger at revision {revision}")
    return 0


def _check(database_url: str) -> int:
    """0 when the ledger's schema serves this code (a newer one too), else 1 with the reason."""
    from services.fetcher.db.migrate import MIGRATIONS
    from services.fetcher.ledger import ledger_engine

    engine = ledger_engine(database_url)
    try:
        problem = MIGRATIONS.schema_problem(engine, fix="accord fetcher migrate")
    except Exception as exc:  # an unreachable database is "not ready" too, with its reason
        problem = f"database unreachable: {type(exc).__name__}: {exc}".splitlines()[0]
    finally:
        engine.dispose()
    print(f"fetcher ledger schema: {problem or 'ready'}")
    return 1 if problem else 0


def _web_status(engine: Any) -> list[dict[str, Any]]:
    from sqlalchemy.exc import ProgrammingError

    from services.fetcher.web.state import PgWebState

    try:
        rows = PgWebState(engine).status_rows()
    except ProgrammingError:  # the web tables do not exist yet (not migrated)
        return []
    keep = ("source", "kind", "url", "last_poll_at", "last_success_at", "articles_found", "last_error",
            "last_error_reason", "last_error_at", "consecutive_failures")  # fmt: skip
    return [{k: r[k] for k in keep} for r in rows]


def _status(args: argparse.Namespace) -> int:
    import orjson
    from sqlalchemy import func, select

    from services.fetcher.db.models import articles, sources
    from services.fetcher.ledger import ledger_engine

    settings = _settings(args)
    if not settings.database_url:
        print("accord fetcher status: ACCORD_DATABASE_URL is not set", file=sys.stderr)
        return 2
    engine = ledger_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            counts: dict[str, int] = {
                source: n
                for source, n in conn.execute(
                    select(articles.c.source, func.count()).group_by(articles.c.source)
                )
            }
            rows = [
                {str(k): v for k, v in r._mapping.items()}  # keys are str subclasses (quoted_name)
                for r in conn.execute(select(sources).order_by(sources.c.source))
            ]
        web_rows = _web_status(engine)
    finally:
        engine.dispose()
    for row in rows:
        row["articles_in_ledger"] = counts.pop(row["source"], 0)
    rows += [{"source": name, "articles_in_ledger": n} for name, n in sorted(counts.items())]
    by_name = {r["source"]: r for r in rows}
    for web in web_rows:  # web sources: last poll, last success, articles found, last error
        by_name.setdefault(web["source"], {"source": web["source"]}).update(web)
    rows = sorted(by_name.values(), key=lambda r: r["source"])
    for row in rows:
        sys.stdout.write(orjson.dumps(row, default=str).decode() + "\n")
    return 0
