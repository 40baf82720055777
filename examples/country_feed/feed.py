"""Print a live feed of new cooperation events involving one country, from Accord's events topic.

Needs only aiokafka and the standard library. Reads without a consumer group,
from the end of the topic (or its beginning with --from-beginning). Delivery is
at least once, so events are deduplicated on `event_id`; a retraction of an
event already shown prints a RETRACTED line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from aiokafka import AIOKafkaConsumer, TopicPartition

RETRACTED = b"org.accord.cooperation.event.retracted.v1"


def is_retraction(headers: list[tuple[str, bytes]], body: dict) -> bool:
    """The `ce_type` header tells; without headers, a retraction's body has "kind": "retraction"."""
    ce_type = dict(headers).get("ce_type")
    return ce_type == RETRACTED if ce_type is not None else body.get("kind") == "retraction"


def line(event: dict) -> str:
    date = (event.get("date") or {}).get("start") or "----"
    parties = ", ".join(event["countries"] + event["igos"])
    title = (event.get("article") or {}).get("title") or ""
    return f"{date}  {event['type']:<11} {parties:<24} {','.join(event['sectors'])}  {event['event_id']}  {title}"


class Feed:
    """What has been shown: event id -> True while shown (deduplication and retractions)."""

    def __init__(self, country: str) -> None:
        self.country = country
        self.shown: dict[str, bool] = {}

    def handle(self, value: bytes | None, headers: list[tuple[str, bytes]]) -> str | None:
        """The line to print for one record, or None."""
        if value is None:
            return None
        body = json.loads(value)
        event_id = body["event_id"]
        if is_retraction(headers, body):
            if self.shown.get(event_id):
                self.shown[event_id] = False
                return f"RETRACTED   {event_id}"
            return None
        if self.country not in body["countries"] or self.shown.get(event_id):
            return None  # another country's event, or a duplicate
        self.shown[event_id] = True
        return line(body)


async def follow(
    bootstrap: str, topic: str, country: str, from_beginning: bool, idle_exit: float | None
) -> None:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        await consumer.topics()  # load the metadata
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(partitions)
        await (consumer.seek_to_beginning() if from_beginning else consumer.seek_to_end())
        for tp in partitions:
            await consumer.position(tp)
        print(f"listening to {topic} for {country}", file=sys.stderr, flush=True)
        feed, idle = Feed(country), 0.0
        while idle_exit is None or idle < idle_exit:
            batches = await consumer.getmany(timeout_ms=500)
            idle = 0.0 if batches else idle + 0.5
            for records in batches.values():
                for r in records:
                    try:
                        text = feed.handle(r.value, list(r.headers))
                    except (ValueError, KeyError, TypeError) as exc:  # never crash on one bad record
                        print(f"skipped {r.topic}/{r.partition}@{r.offset}: {exc!r}", file=sys.stderr)
                        continue
                    if text:
                        print(text, flush=True)
    finally:
        await consumer.stop()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bootstrap", default="localhost:9092", help="Kafka bootstrap servers")
    p.add_argument("--topic", default="events.cooperation")
    p.add_argument("--country", required=True, help="ISO 3166-1 alpha-3 code, e.g. IRN")
    p.add_argument("--from-beginning", action="store_true", help="replay the whole topic first")
    p.add_argument(
        "--idle-exit", type=float, default=None, help="exit after this many seconds without records"
    )
    args = p.parse_args()
    asyncio.run(follow(args.bootstrap, args.topic, args.country.upper(), args.from_beginning, args.idle_exit))


if __name__ == "__main__":
    main()
