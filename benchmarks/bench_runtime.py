"""Benchmark: how should the consumer loop run a CPU-bound sync step? (`offload_sync` on vs off)

    python -m benchmarks.bench_runtime [--records 3000] [--work-ms 1.0 2.0] [--max-batch 200]

Starts an embedded broker, publishes `--records` small records, then for each
step cost and mode consumes them all through `run_consumer` with a step that
burns `work-ms` of CPU and returns one output record. Prints records/s per mode
(wall time from the first record to the last commit, group join excluded).
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid

import orjson
from aiokafka import AIOKafkaProducer
from pydantic import BaseModel

from libs.contracts.records import OutRecord
from libs.contracts.topics import TopicSpec
from libs.runtime.consumer import Envelope, Route, run_consumer
from libs.runtime.settings import CommonSettings
from libs.runtime.topics import ensure_topics


class Rec(BaseModel):
    n: int
    pad: str


def burn(ms: float) -> None:
    end = time.perf_counter() + ms / 1000
    x = 0
    while time.perf_counter() < end:
        x += 1


async def publish(bootstrap: str, topic: str, n: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False, linger_ms=5)
    await producer.start()
    try:
        futs = [
            await producer.send(topic, orjson.dumps({"n": i, "pad": "x" * 2000}), key=str(i).encode())
            for i in range(n)
        ]
        await asyncio.gather(*futs)
    finally:
        await producer.stop()


async def one_run(
    bootstrap: str, topic: str, out: str, n: int, work_ms: float, offload: bool, max_batch: int
) -> float:
    settings = CommonSettings(
        kafka_bootstrap_servers=bootstrap,
        kafka_idempotence=False,
        kafka_session_timeout_ms=2000,
        kafka_heartbeat_interval_ms=500,
    )
    stop = asyncio.Event()
    finished = asyncio.Event()
    loop = asyncio.get_running_loop()
    first: list[float] = []
    done = 0

    def step(env: Envelope[Rec]) -> list[OutRecord]:
        nonlocal done
        if not first:
            first.append(time.perf_counter())
        burn(work_ms)
        done += 1
        if done == n:
            loop.call_soon_threadsafe(finished.set)
        return [OutRecord(topic=out, key=None, value=b"%d" % env.value.n)]

    task = asyncio.create_task(
        run_consumer(
            service="bench",
            settings=settings,
            group_id=f"bench-{uuid.uuid4().hex[:6]}",
            routes={topic: Route(Rec, dlq_topic=f"{topic}.dlq")},
            step=step,
            max_batch=max_batch,
            stop=stop,
            offload_sync=offload,
        )
    )
    await finished.wait()
    elapsed = time.perf_counter() - first[0]
    stop.set()
    await task
    return n / elapsed


async def main() -> None:
    from libs.infra.broker import EmbeddedBroker

    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=3000)
    ap.add_argument("--work-ms", type=float, nargs="+", default=[0.0, 1.0, 5.0])
    ap.add_argument("--max-batch", type=int, default=200)
    args = ap.parse_args()
    with EmbeddedBroker() as broker:
        bs = broker.bootstrap_servers
        topic, out = "bench.in", "bench.out"
        await ensure_topics(bs, [TopicSpec(topic, 6), TopicSpec(out, 6), TopicSpec(topic + ".dlq", 1)])
        await publish(bs, topic, args.records)
        print(f"{args.records} records, max_batch={args.max_batch}")
        for work in args.work_ms:
            for offload in (True, False):
                rate = await one_run(bs, topic, out, args.records, work, offload, args.max_batch)
                ideal = 1000 / work if work else float("inf")
                print(
                    f"step {work:4.1f} ms  offload_sync={offload!s:5}  {rate:8.0f} records/s"
                    f"  (CPU-bound ceiling {ideal:,.0f}/s)"
                )


if __name__ == "__main__":
    asyncio.run(main())
