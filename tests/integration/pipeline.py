"""A harness that runs the real services (`accord fetcher|extractor|store`) as processes on test infrastructure."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from libs.contracts.articles import RawArticle
from libs.contracts.topics import TopicSettings
from libs.infra.broker import free_port
from tests.runtime.kafka_helpers import read_topic

REPO = Path(__file__).resolve().parents[2]


def accord(*args: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", *args]


@dataclass
class Pipeline:
    """The services of one test, sharing its topics, consumer groups and database."""

    bootstrap: str
    topics: TopicSettings
    database_url: str
    workdir: Path
    suffix: str
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    api_port: int = field(default_factory=free_port)
    extra_env: dict[str, str] = field(default_factory=dict)  # on top of `env`, for every service started

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
        env.update(
            {
                "ACCORD_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
                "ACCORD_KAFKA_IDEMPOTENCE": "false",
                "ACCORD_DATABASE_URL": self.database_url,
                "ACCORD_KAFKA_SESSION_TIMEOUT_MS": "6000",
                "ACCORD_KAFKA_HEARTBEAT_INTERVAL_MS": "1000",
                "ACCORD_RETRY_MAX_BACKOFF_S": "1",
                "ACCORD_EXTRACTOR_GROUP_ID": f"accord-extractor-{self.suffix}",
                "ACCORD_STORE_GROUP_ID": f"accord-store-{self.suffix}",
                "ACCORD_API_PORT": str(self.api_port),
                "ACCORD_LOG_FORMAT": "json",
            }
        )
        for name in TopicSettings.model_fields:
            env[f"ACCORD_{name.upper()}"] = str(getattr(self.topics, name))
        return env | self.extra_env

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run an `accord` command to completion; raises with its output when it fails."""
        done = subprocess.run(accord(*args), env=self.env, capture_output=True, text=True, timeout=timeout)
        assert done.returncode == 0, (
            f"accord {' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}"
        )
        return done

    def migrate(self) -> None:
        self.run("store", "migrate")
        self.run("fetcher", "migrate")

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        """Start a long-running service process named `name` (its output goes to `<workdir>/<name>.log`)."""
        log = open(self.workdir / f"{name}.log", "ab")
        proc = subprocess.Popen(accord(*args), env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.procs[name] = proc
        return proc

    def kill(self, name: str, sig: int = signal.SIGKILL) -> int:
        proc = self.procs.pop(name)
        proc.send_signal(sig)
        return proc.wait(30)

    def stop_all(self) -> dict[str, int]:
        codes = {}
        for proc in list(self.procs.values()):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for name, proc in list(self.procs.items()):
            try:
                codes[name] = proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                codes[name] = proc.wait()
        self.procs.clear()
        return codes

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # --- state ----------------------------------------------------------------------------------
    def query(self, sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.database_url) as conn:
            return list(conn.execute(sql).fetchall())

    def stored_counts(self) -> tuple[int, int]:
        """(articles, current events) in the store."""
        try:
            row = self.query(
                "select (select count(*) from articles), (select count(*) from events where retired_at is null)"
            )[0]
        except psycopg.Error:
            return (0, 0)
        return int(row[0]), int(row[1])

    def stored_events(self) -> dict[str, dict[str, Any]]:
        """event_id -> the stored event JSON without `extracted_at` (set by the service, not by extraction)."""
        out = {}
        for event_id, payload in self.query("select event_id, payload from events where retired_at is null"):
            payload.pop("extracted_at", None)
            out[event_id] = payload
        return out

    def raw_articles(self) -> list[RawArticle]:
        """Every article on the raw topic (at least one per ledger row), de-duplicated by id."""
        published = int(self.query("select count(*) from fetcher_ledger")[0][0])
        records = asyncio.run(
            read_topic(
                self.bootstrap, self.topics.topic_articles_raw, expect=published, within=60, settle=1.0
            )
        )
        articles = {}
        for r in records:
            if r.key is not None and r.value and r.value.startswith(b"{"):
                try:
                    a = RawArticle.model_validate_json(r.value)
                except ValueError:
                    continue  # a bad record a test injected
                articles[a.article_id] = a
        return list(articles.values())

    def expected_events(self, articles: list[RawArticle]) -> dict[str, dict[str, Any]]:
        """What `accord extract` gives for the very articles the fetcher published."""
        inp, out = self.workdir / "extract-in.jsonl", self.workdir / "extract-out.jsonl"
        with inp.open("w", encoding="utf-8") as f:
            for a in articles:
                f.write(
                    json.dumps(
                        {
                            "id": a.article_id,
                            "text": a.text,
                            "published_at": a.published_at.isoformat() if a.published_at else None,
                            "url": a.url,
                            "title": a.title,
                            "publisher": a.publisher,
                            "language": a.language,
                        }
                    )
                    + "\n"
                )
        self.run("extract", "--input", str(inp), "--output", str(out), "--quiet", timeout=300)
        events = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            for ev in json.loads(line)["events"]:
                ev.pop("extracted_at", None)
                events[ev["event_id"]] = ev
        return events
