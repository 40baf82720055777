"""examples/country_feed: new events of one country, printed once each, retractions announced."""

import subprocess
import sys
import threading

import pytest

from libs.contracts.topics import TopicSettings
from tests.examples.conftest import EXAMPLES, event, event_record, publish, retraction_record, without_headers

pytestmark = pytest.mark.integration


def test_feed_prints_new_events_of_the_country_once(
    kafka_bootstrap: str, unique_topics: TopicSettings
) -> None:
    topic = unique_topics.topic_events
    old = event("ev-feed-old", ("IRN", "IRQ"))
    publish(kafka_bootstrap, [event_record(topic, old)])  # before the feed starts: not "new"

    proc = subprocess.Popen(
        [sys.executable, str(EXAMPLES / "country_feed/feed.py"), "--bootstrap", kafka_bootstrap,
         "--topic", topic, "--country", "irn", "--idle-exit", "4"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        ready = threading.Event()
        err: list[str] = []

        def watch() -> None:
            for text in proc.stderr:  # type: ignore[union-attr]
                err.append(text)
                if text.startswith("listening"):
                    ready.set()

        threading.Thread(target=watch, daemon=True).start()
        assert ready.wait(60), "".join(err)

        ours, theirs, other = (
            event("ev-feed-ours"),
            event("ev-feed-theirs", ("CHN", "RUS")),
            event("ev-feed-2", ("IRN", "TUR")),
        )
        publish(
            kafka_bootstrap,
            [
                event_record(topic, ours),
                event_record(topic, theirs),  # another country's event
                event_record(topic, ours),  # duplicate
                event_record(topic, other),
                without_headers(retraction_record(topic, other)),  # told apart by its body
                retraction_record(topic, theirs),  # never shown: nothing to say
            ],
        )
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, "".join(err)
    lines = out.splitlines()
    assert len(lines) == 3, out  # no order across event ids (partitions); one id's records are in order
    (mine,) = [x for x in lines if "ev-feed-ours" in x]
    assert "agreement" in mine and "IRN, IRQ" in mine and "2025-01-18" in mine
    shown = next(i for i, x in enumerate(lines) if "ev-feed-2" in x)
    assert lines.index("RETRACTED   ev-feed-2") > shown
    assert "ev-feed-old" not in out and "ev-feed-theirs" not in out
