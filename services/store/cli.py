"""`accord store`: migrate, then the API and the sink in one process; or one part at a time.

    accord store [--host H] [--port P] [--no-migrate]   # migrations, API and sink together
    accord store migrate [--revision REV | --downgrade REV | --current | --check]
    accord store api [--host H] [--port P] [--workers N] [--migrate]
    accord store sink [--group G] [--batch-size N] [--metrics-port P] [--migrate]
    accord store rebuild [--yes]                        # the tables again from the two topics alone

Everything else comes from `ACCORD_*` variables (see `services.store.core.config`).
"""

from __future__ import annotations

import argparse
from typing import Any


def _settings(args: argparse.Namespace) -> Any:
    from services.store.core.config import StoreSettings

    overrides = {
        "api_host": getattr(args, "host", None),
        "api_port": getattr(args, "port", None),
        "store_group_id": getattr(args, "group", None),
        "store_batch_size": getattr(args, "batch_size", None),
        "metrics_port": getattr(args, "metrics_port", None),
        "api_workers": getattr(args, "workers", None),
    }
    return StoreSettings(**{k: v for k, v in overrides.items() if v is not None})


def _run(args: argparse.Namespace, body: Any) -> int:
    """Run `body(settings, stop)` as a service (logs, metrics, signals); migrate first when asked."""
    from libs.runtime.service import run_service
    from services.store.core.config import SERVICE_NAME
    from services.store.service import migrate_store

    settings = _settings(args)

    async def main(stop: Any) -> None:
        import asyncio

        if getattr(args, "migrate", False):
            await asyncio.to_thread(migrate_store, settings)
        await body(settings, stop)

    return run_service(SERVICE_NAME, settings, main)


def _all(args: argparse.Namespace) -> int:
    from services.store.service import run_all

    migrate_first = not args.no_migrate
    return _run(args, lambda settings, stop: run_all(settings, stop, migrate_first=migrate_first))


def _api(args: argparse.Namespace) -> int:
    from services.store.service import run_api_only

    settings = _settings(args)
    if settings.api_workers == 1:
        return _run(args, run_api_only)
    from services.store.workers import run_api_workers

    return run_api_workers(settings, migrate_first=args.migrate)


def _sink(args: argparse.Namespace) -> int:
    from services.store.service import run_sink_only

    return _run(args, run_sink_only)


def _migrate(args: argparse.Namespace) -> int:
    from libs.runtime.logging import configure_logging
    from services.store.core.config import SERVICE_NAME
    from services.store.db import migrate
    from services.store.db.session import make_engine
    from services.store.service import migrate_store

    settings = _settings(args)
    configure_logging(SERVICE_NAME, settings)
    if args.check:
        return _check(settings)
    if args.current:
        engine = make_engine(settings)
        try:
            print(f"current: {migrate.current_revision(engine)}  head: {migrate.head_revision()}")
        finally:
            engine.dispose()
        return 0
    revision = migrate_store(settings, revision=args.revision, downgrade_to=args.downgrade)
    print(f"store schema at revision {revision}")
    return 0


def _check(settings: Any) -> int:
    """0 when the schema serves this code (a newer one too), else 1 with the reason: for init containers."""
    from services.store.db import migrate
    from services.store.db.session import make_engine

    engine = make_engine(settings)
    try:
        problem = migrate.schema_problem(engine)
    except Exception as exc:  # an unreachable database is "not ready" too, with its reason
        problem = f"database unreachable: {type(exc).__name__}: {exc}".splitlines()[0]
    finally:
        engine.dispose()
    print(f"store schema: {problem or 'ready'}")
    return 1 if problem else 0


def _rebuild(args: argparse.Namespace) -> int:
    import asyncio
    import sys

    import orjson
    from sqlalchemy import text

    from libs.runtime.logging import configure_logging
    from services.store.db.session import make_engine
    from services.store.rebuild import rebuild

    settings = _settings(args)
    configure_logging("store", settings)
    engine = make_engine(settings)
    try:
        with engine.connect() as conn:
            stored = int(conn.execute(text("SELECT count(*) FROM events")).scalar_one())
        if stored and not args.yes:
            print(
                f"accord store rebuild: the store holds {stored} events; --yes replaces them", file=sys.stderr
            )
            return 2
        report = asyncio.run(rebuild(settings, engine))
    finally:
        engine.dispose()
    print(orjson.dumps(report.as_dict()).decode())
    return 0


def _api_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", help="API bind address (ACCORD_API_HOST, default 127.0.0.1)")
    p.add_argument("--port", type=int, help="API port (ACCORD_API_PORT, default 8000)")


def _sink_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--group", help="consumer group (ACCORD_STORE_GROUP_ID, default accord-store)")
    p.add_argument(
        "--batch-size", type=int, help="records per transaction (ACCORD_STORE_BATCH_SIZE, default 500)"
    )
    p.add_argument("--metrics-port", type=int, help="separate Prometheus port (ACCORD_METRICS_PORT)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "store",
        help="the store: Postgres sink of the events and summaries, and the HTTP API",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _api_options(p)
    _sink_options(p)
    p.add_argument("--no-migrate", action="store_true", help="do not run the migrations first")
    p.set_defaults(func=_all)
    parts = p.add_subparsers(dest="store_command", metavar="PART")

    m = parts.add_parser(
        "migrate", help="upgrade the store's tables (Alembic, version table store_alembic_version)"
    )
    g = m.add_mutually_exclusive_group()
    g.add_argument("--revision", default="head", help="upgrade to this revision (default head)")
    g.add_argument("--downgrade", metavar="REV", help="downgrade to REV (`base` drops the store's tables)")
    g.add_argument("--current", action="store_true", help="print the current and the head revision")
    g.add_argument(
        "--check",
        action="store_true",
        help="exit 0 when the schema serves this code, 1 otherwise (init containers)",
    )
    m.set_defaults(func=_migrate)

    a = parts.add_parser("api", help="serve the HTTP API only")
    _api_options(a)
    a.add_argument(
        "--workers", type=int, help="API processes on the one port (ACCORD_API_WORKERS, default 1)"
    )
    a.add_argument("--migrate", action="store_true", help="run the migrations first")
    a.set_defaults(func=_api)

    r = parts.add_parser(
        "rebuild",
        help="recreate the store's tables from events.cooperation and articles.extracted (stop the sink first)",
    )
    r.add_argument("--yes", action="store_true", help="replace the rows the store holds")
    r.set_defaults(func=_rebuild)

    s = parts.add_parser("sink", help="run the Kafka -> Postgres sink only")
    _sink_options(s)
    s.add_argument("--migrate", action="store_true", help="run the migrations first")
    s.set_defaults(func=_sink)
