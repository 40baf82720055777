"""`accord extractor`: run one extractor process (start more to scale out).

    accord extractor [--group G] [--metrics-port P] [--max-batch N]

Everything else comes from `ACCORD_*` variables (see `services.extractor.config`).
"""

from __future__ import annotations

import argparse


def _run(args: argparse.Namespace) -> int:
    from services.extractor.config import ExtractorSettings
    from services.extractor.service import main

    overrides = {
        "extractor_group_id": args.group,
        "metrics_port": args.metrics_port,
        "extractor_max_batch": args.max_batch,
    }
    settings = ExtractorSettings(**{k: v for k, v in overrides.items() if v is not None})
    return main(settings)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "extractor",
        help="consume articles.raw, extract cooperation events, publish them (one process; run more to scale)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--group", help="consumer group (default: ACCORD_EXTRACTOR_GROUP_ID or accord-extractor)")
    p.add_argument(
        "--metrics-port", type=int, help="serve Prometheus /metrics on this port (ACCORD_METRICS_PORT)"
    )
    p.add_argument(
        "--max-batch", type=int, help="articles per fetch/commit (ACCORD_EXTRACTOR_MAX_BATCH, default 200)"
    )
    p.set_defaults(func=_run)
