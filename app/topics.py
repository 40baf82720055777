"""`accord topics`: create the pipeline's topics with their production configs (idempotent).

    accord topics [--bootstrap-servers B] [--replication-factor N]   # create what is missing
    accord topics --check                                             # create nothing: 0 when all exist

Topics are created with `TopicSpec.configs` (compaction, retention, `max.message.bytes`);
the Kafka clients use the SASL/TLS settings (`ACCORD_KAFKA_SECURITY_PROTOCOL`, ...).
`--check` is what the Kubernetes init containers wait on while the migration Job runs.
"""

from __future__ import annotations

import argparse
from typing import Any


def _check(bootstrap: str, names: list[str], security: dict[str, Any]) -> int:
    """0 when every topic of `names` exists, else 1 with the missing ones (or why the broker did not answer)."""
    import asyncio

    from libs.runtime.topics import missing_topics

    try:
        missing = asyncio.run(missing_topics(bootstrap, names, security=security))
    except Exception as exc:  # an unreachable broker is "not ready" too, with its reason
        missing = [f"(broker unreachable: {type(exc).__name__}: {exc})"]
    print(f"topics missing: {' '.join(missing)}" if missing else "topics: all present")
    return 1 if missing else 0


def _topics(args: argparse.Namespace) -> int:
    import asyncio

    from libs.contracts.topics import TopicSettings, all_topics
    from libs.runtime.kafka_security import kafka_security_kwargs
    from libs.runtime.settings import CommonSettings
    from libs.runtime.topics import ensure_topics

    settings = CommonSettings()
    bootstrap = args.bootstrap_servers or settings.kafka_bootstrap_servers
    if not bootstrap:
        print("accord topics: set ACCORD_KAFKA_BOOTSTRAP_SERVERS or pass --bootstrap-servers")
        return 2
    specs = all_topics(TopicSettings())
    security = kafka_security_kwargs(settings)
    if args.check:
        return _check(bootstrap, [s.name for s in specs], security)
    created = asyncio.run(
        ensure_topics(bootstrap, specs, replication_factor=args.replication_factor, security=security)
    )
    for spec in specs:
        state = "created" if spec.name in created else "exists"
        print(f"{spec.name}\t{spec.partitions} partitions\t{state}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    t = sub.add_parser("topics", help="create the pipeline's topics with their configs (idempotent)")
    t.add_argument("--bootstrap-servers", default=None, help="default: ACCORD_KAFKA_BOOTSTRAP_SERVERS")
    t.add_argument("--replication-factor", type=int, default=1)
    t.add_argument(
        "--check", action="store_true", help="create nothing: exit 0 when every topic exists, else 1"
    )
    t.set_defaults(func=_topics)
