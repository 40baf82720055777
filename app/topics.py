"""`accord topics`: create the pipeline's topics (idempotent)."""

from __future__ import annotations

import argparse


def _topics(args: argparse.Namespace) -> int:
    import asyncio

    from libs.contracts.topics import TopicSettings, all_topics
    from libs.runtime.settings import CommonSettings
    from libs.runtime.topics import ensure_topics

    bootstrap = args.bootstrap_servers or CommonSettings().kafka_bootstrap_servers
    if not bootstrap:
        print("accord topics: set ACCORD_KAFKA_BOOTSTRAP_SERVERS or pass --bootstrap-servers")
        return 2
    specs = all_topics(TopicSettings())
    created = asyncio.run(ensure_topics(bootstrap, specs, replication_factor=args.replication_factor))
    for spec in specs:
        state = "created" if spec.name in created else "exists"
        print(f"{spec.name}\t{spec.partitions} partitions\t{state}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    t = sub.add_parser("topics", help="create the pipeline's topics (idempotent)")
    t.add_argument("--bootstrap-servers", default=None, help="default: ACCORD_KAFKA_BOOTSTRAP_SERVERS")
    t.add_argument("--replication-factor", type=int, default=1)
    t.set_defaults(func=_topics)
