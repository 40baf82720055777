"""Fault injection for the reliability tests (`test_faults.py`): infrastructure the test owns, seeded kill
schedules, and the exactly-once audit of the final database.

* `OwnedPostgres`: an embedded Postgres (pgserver) in a folder of the test, so it can be frozen
  (SIGSTOP of every process), thawed, stopped and started again without touching anyone else's.
* `OwnedBroker`: an embedded broker (Tansu) on a fixed port, so it can be killed and started again
  (memory-only: everything it held is gone) where the services expect it.
* `fault_seed()`: the seed of the random schedules, printed; `ACCORD_FAULT_SEED` replays one.
* `audit()`: the stored articles and events equal the expected ones, each exactly once, nothing
  dead-lettered; returns the figures the report quotes.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy.engine import make_url

from libs.contracts.articles import RawArticle
from libs.infra.broker import EmbeddedBroker, free_port
from libs.infra.postgres import EmbeddedPostgres
from tests.integration.pipeline import Pipeline, accord
from tests.runtime.kafka_helpers import read_topic

SEED_ENV = "ACCORD_FAULT_SEED"


def fault_seed() -> int:
    """The schedule's seed: `ACCORD_FAULT_SEED` when set (to replay a failure), else a fresh one; printed."""
    raw = os.environ.get(SEED_ENV)
    seed = int(raw) if raw else random.SystemRandom().randrange(1, 2**31)
    print(f"\n[faults] seed {seed} (replay: {SEED_ENV}={seed})", flush=True)
    return seed


def scaled(name: str, default: int) -> int:
    """A size of the fault tests (kills, articles): `ACCORD_FAULT_<NAME>` raises it (`make reliability-faults`)."""
    return int(os.environ.get(f"ACCORD_FAULT_{name}", default))


def say(text: str) -> None:
    """A line of the test's output; also appended to `$ACCORD_FAULT_REPORT` when set (figures of a run)."""
    print(f"[faults] {text}", flush=True)
    if report := os.environ.get("ACCORD_FAULT_REPORT"):
        with open(report, "a", encoding="utf-8") as f:
            f.write(
                f"{datetime.now(UTC):%H:%M:%S} {os.environ.get('PYTEST_CURRENT_TEST', '').split(' ')[0]}: {text}\n"
            )


# --- infrastructure the test owns ------------------------------------------------------------


def process_tree(pid: int) -> list[psutil.Process]:
    """A process and all its descendants, the process first."""
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def signal_all(processes: list[psutil.Process], sig: int) -> None:
    """`sig` to each of `processes`, in order; those already gone are skipped."""
    for proc in processes:
        try:
            proc.send_signal(sig)
        except psutil.NoSuchProcess:
            pass


class OwnedPostgres:
    """An embedded Postgres whose processes this test may freeze, stop and restart."""

    def __init__(self, base: Path) -> None:
        self.pg = EmbeddedPostgres(base / "data")
        self.url = self.pg.start()
        self.frozen: list[psutil.Process] = []

    @property
    def _server(self) -> Any:
        return self.pg._server

    def database(self, name: str) -> str:
        """Create database `name`; its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def processes(self) -> list[psutil.Process]:
        """The postmaster and every backend / background process."""
        return process_tree(int((self.pg.data_dir / "postmaster.pid").read_text().split()[0]))

    def freeze(self) -> int:
        """SIGSTOP every Postgres process (postmaster first, so it forks nothing unfrozen); how many."""
        self.frozen = self.processes()
        signal_all(self.frozen, signal.SIGSTOP)
        return len(self.frozen)

    def thaw(self) -> None:
        signal_all(self.frozen, signal.SIGCONT)
        self.frozen = []

    def _pg_ctl(self, *args: str) -> None:
        from pgserver._commands import pg_ctl

        pg_ctl(list(args), pgdata=self._server.pgdata, user=self._server.system_user, timeout=60)

    def stop(self) -> None:
        """`pg_ctl stop -m fast`: sessions are terminated, new connections refused."""
        self._pg_ctl("-w", "-m", "fast", "stop")

    def restart(self) -> None:
        """Start the stopped server again on the same socket (what pgserver runs)."""
        socket_dir = make_url(self.url).query["host"]
        self._pg_ctl("-w", "-o", '-h ""', "-o", f"-k {socket_dir}", "-l", str(self._server.log), "start")

    def close(self) -> None:
        self.thaw()
        self.pg.stop()


class OwnedBroker(EmbeddedBroker):
    """An embedded broker on a port fixed at construction: `kill()` it, `start()` it again there."""

    def __init__(self, log_path: Path) -> None:
        super().__init__(port=free_port(), log_path=log_path)

    def kill(self) -> None:
        """SIGKILL: the broker and everything it held are gone at once."""
        assert self._proc is not None
        self._proc.kill()
        self._proc.wait()


# --- services ----------------------------------------------------------------------------------


@dataclass
class FaultPipeline(Pipeline):
    """`Pipeline` with a /metrics port per service (extra environment: `Pipeline.extra_env`)."""

    metrics_ports: dict[str, int] = field(default_factory=dict)

    def start_service(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        """`start`, with a /metrics port of its own that survives restarts (store: its API port).
        Safe to call from several threads (one per service)."""
        env = self.env
        if name == "store":
            self.metrics_ports[name] = self.api_port
        else:
            env["ACCORD_METRICS_PORT"] = str(self.metrics_ports.setdefault(name, free_port()))
        with open(self.workdir / f"{name}.log", "ab") as log:
            proc = subprocess.Popen(accord(*args), env=env, stdout=log, stderr=subprocess.STDOUT)
        self.procs[name] = proc
        return proc

    def ledger_count(self, source: str | None = None) -> int:
        where = f" where source = '{source}'" if source else ""
        try:
            return int(self.query(f"select count(*) from fetcher_ledger{where}")[0][0])
        except Exception:
            return 0


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def file_articles(path: Path, source: str) -> list[RawArticle]:
    """The articles the fetcher builds from the JSON-lines file `path` (its own code, in this process)."""
    from services.fetcher.articles import build_article
    from services.fetcher.config import SourceConfig
    from services.fetcher.documents import Document
    from services.fetcher.sources import open_source

    src = open_source(SourceConfig(name=source, kind="jsonl", path=path))
    now = datetime.now(UTC)
    return [
        build_article(item, source=source, kind="jsonl", fetched_at=now)
        for item in src.iter_items(None)  # type: ignore[attr-defined]
        if isinstance(item, Document)
    ]


# --- the audit ---------------------------------------------------------------------------------


def stored_state(p: Pipeline) -> dict[str, Any]:
    row = p.query(
        "select (select count(*) from articles), (select count(distinct article_id) from articles),"
        " (select count(*) from events where retired_at is null), (select count(*) from events),"
        " (select coalesce(sum(event_count), 0) from articles)"
    )[0]
    return dict(
        zip(("articles", "distinct_articles", "current_events", "event_rows", "listed"), row, strict=True)
    )


def audit(p: Pipeline, articles: list[RawArticle], expected: dict[str, dict[str, Any]]) -> dict[str, int]:
    """The database holds exactly `articles` and `expected` events, once each; no dead letter. Figures."""
    ids = {a.article_id for a in articles}
    state = stored_state(p)
    stored_ids = {r[0] for r in p.query("select article_id from articles")}
    missing, extra = ids - stored_ids, stored_ids - ids
    assert not missing and not extra, f"articles lost: {len(missing)}, unexpected: {len(extra)}"
    assert state["articles"] == state["distinct_articles"] == len(ids), state
    stored = p.stored_events()
    lost = expected.keys() - stored.keys()
    assert not lost, f"{len(lost)} events lost"
    assert stored.keys() == expected.keys(), f"{len(stored.keys() - expected.keys())} unexpected events"
    differ = [k for k, v in expected.items() if stored[k] != v]
    assert not differ, f"{len(differ)} stored events differ from `accord extract`, e.g. {differ[0]}"
    assert state["event_rows"] == state["current_events"] == state["listed"] == len(expected), state
    ledger = {r[0] for r in p.query("select article_id from fetcher_ledger")}
    assert ledger == ids, f"ledger vs store: {len(ledger ^ ids)} differ"
    dead = dead_letters(p)
    assert dead == 0, f"{dead} records dead-lettered"
    return {"articles": len(ids), "events": len(expected), "lost": 0, "duplicates": 0, "dead_letters": 0}


def dead_letters(p: Pipeline) -> int:
    t = p.topics
    total = 0
    for topic in (t.topic_articles_raw_dlq, t.topic_events_dlq, t.topic_articles_extracted_dlq):
        total += len(asyncio.run(read_topic(p.bootstrap, topic, expect=1, within=1.5)))
    return total


def redelivered(p: Pipeline, articles: int) -> int:
    """Extractions beyond one per article on `articles.extracted`: records processed twice (at-least-once)."""
    records = asyncio.run(
        read_topic(p.bootstrap, p.topics.topic_articles_extracted, expect=articles, within=30, settle=1.0)
    )
    return len(records) - len({r.key for r in records})
