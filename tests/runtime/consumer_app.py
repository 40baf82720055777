"""A tiny service on the runtime, run as a real subprocess by the crash/shutdown tests.

    python -m tests.runtime.consumer_app --bootstrap HOST:PORT --topic T --dlq T.dlq \
        --group G --out FILE [--delay 0.05] [--batch] [--max-batch N]

Its step appends `partition:offset:n` for each record to FILE (flushed and fsynced, so a
SIGKILL loses nothing already written) and sleeps `--delay` seconds per record.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Sequence

from pydantic import BaseModel

from libs.contracts.records import OutRecord
from libs.runtime.consumer import Envelope, Route, run_consumer, run_service
from tests.runtime.kafka_helpers import runtime_settings


class Item(BaseModel):
    n: int


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--dlq", required=True)
    p.add_argument("--group", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--delay", type=float, default=0.05)
    p.add_argument("--batch", action="store_true")
    p.add_argument("--max-batch", type=int, default=500)
    args = p.parse_args(argv)
    settings = runtime_settings(args.bootstrap, log_level="INFO")
    fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def write(envs: list[Envelope[Item]]) -> None:
        for env in envs:
            time.sleep(args.delay)
            os.write(fd, f"{env.partition}:{env.offset}:{env.value.n}\n".encode())
        os.fsync(fd)

    def per_record(env: Envelope[Item]) -> list[OutRecord]:
        write([env])
        return []

    def per_batch(envs: list[Envelope[Item]]) -> list[OutRecord]:
        write(envs)
        return []

    async def body(stop: asyncio.Event) -> None:
        await run_consumer(
            service="test-app",
            settings=settings,
            group_id=args.group,
            routes={args.topic: Route(Item, dlq_topic=args.dlq)},
            step=per_batch if args.batch else per_record,
            batch=args.batch,
            max_batch=args.max_batch,
            stop=stop,
        )

    return run_service("test-app", settings, body)


if __name__ == "__main__":
    sys.exit(main())
