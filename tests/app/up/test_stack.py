"""`accord up` (what `make run` runs): starts everything, stops cleanly on Ctrl-C, resumes after a stop.

The embedded broker is memory-only, so an interrupted backfill loses what sat
in Kafka; the restart must still end with every article stored exactly once.
With `--until-idle` the fetcher reads or polls each source once (web sources too)
and `accord up` exits when everything is stored (the web end-to-end test runs it:
`tests/fetcher/web/test_end_to_end.py`).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import psutil
import psycopg
import pytest

from app.up.stack import Stack, UpOptions
from app.up.supervisor import ProcessSpec, Supervisor
from libs.contracts.topics import TopicSettings
from libs.infra.broker import free_port
from libs.runtime.settings import CommonSettings
from tests.integration.synthetic import make_articles
from tests.waiting import wait_until


def _up(state: Path, source: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    """`accord up` as a terminal runs it: the leader of its own (foreground) process group."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "up", "--source", f"jsonl:{source}", "--state-dir", str(state),
         "--api-port", str(port), *extra],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip


def _database_url(state: Path) -> str:
    return f"postgresql://postgres:@/postgres?host={state.resolve() / 'postgres'}"


def _stored(state: Path) -> int:
    try:
        with psycopg.connect(_database_url(state), connect_timeout=2) as conn:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
    except psycopg.Error:
        return 0


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.fixture
def state(pg_tmp_path: Path) -> Path:
    return pg_tmp_path / "state"


@pytest.mark.integration
def test_ctrl_c_stops_everything_and_a_restart_completes_the_backfill(state: Path, tmp_path: Path) -> None:
    """Ctrl-C in a terminal sends SIGINT to the whole foreground process group: every service drains and
    exits 0 (the embedded broker and Postgres, in sessions of their own, outlive the drain)."""
    source = tmp_path / "articles.jsonl"
    records = make_articles(250, seed=3)
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    port = free_port()

    proc = _up(state, source, port)
    me = psutil.Process(proc.pid)
    try:
        wait_until(lambda: _stored(state) >= 50, 180, "the first articles stored", every=0.5)
    except AssertionError:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError(
            f"no articles stored; accord up said:\n{proc.communicate(timeout=30)[0][-3000:]}"
        ) from None
    ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
    assert ready.status_code == 200, ready.text
    children = me.children(recursive=True)
    assert len(children) >= 4, "store, two extractors, fetcher (and the broker) run as children"
    postmaster = int((state / "postgres" / "postmaster.pid").read_text().split()[0])

    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole foreground group
    out, _ = proc.communicate(timeout=90)
    assert proc.returncode == 0, out[-3000:]
    assert "[accord] stopped" in out
    codes = re.search(r"services stopped \(exit codes\): (.*)", out)
    assert codes, out[-3000:]
    assert dict(item.split(" ") for item in codes.group(1).split(", ")) == {
        "fetcher": "0", "store": "0", "extractor-1": "0", "extractor-2": "0"
    }, out[-3000:]  # fmt: skip
    for log in (state / "logs").glob("*.log"):
        assert "service.forced_stop" not in log.read_text(errors="replace"), log.name
    _, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, f"left behind: {[p.cmdline() for p in alive]}"
    wait_until(lambda: not _running(postmaster), 15, "the embedded Postgres to stop", every=0.5)
    stopped_at = _stored(state)

    # second run: resumes, re-publishes what the memory-only broker lost, exits when idle
    proc = _up(state, source, port, "--until-idle")
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out[-3000:]
    assert "idle:" in out

    distinct = len({r["text"] for r in records})
    url = _database_url(state)
    from libs.infra.postgres import EmbeddedPostgres

    with EmbeddedPostgres(state / "postgres"):
        with psycopg.connect(url) as conn:
            articles = conn.execute("select count(*), count(distinct article_id) from articles").fetchone()
            ledger = conn.execute("select count(*) from fetcher_ledger").fetchone()[0]
            missing = conn.execute(
                "select count(*) from articles a where a.event_count <> "
                "(select count(*) from events e where e.event_id = any(a.event_ids))"
            ).fetchone()[0]
    assert stopped_at <= distinct
    assert articles == (distinct, distinct), "every article stored exactly once"
    assert ledger == distinct
    assert missing == 0, "every article's events are stored"


@pytest.mark.integration
def test_configured_infrastructure_is_used_and_nothing_is_started(
    state: Path, tmp_path: Path, kafka_bootstrap: str, unique_topics: TopicSettings, database_url: str
) -> None:
    """With ACCORD_KAFKA_BOOTSTRAP_SERVERS / ACCORD_DATABASE_URL set, `accord up` starts no broker or Postgres."""
    source = tmp_path / "articles.jsonl"
    records = make_articles(40, seed=5)
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env |= {
        "ACCORD_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "ACCORD_KAFKA_IDEMPOTENCE": "false",  # the test broker is the embedded one
        "ACCORD_DATABASE_URL": database_url,
        "ACCORD_EXTRACTOR_GROUP_ID": f"x-{state.parent.name}",
        "ACCORD_STORE_GROUP_ID": f"s-{state.parent.name}",
    }
    env |= {f"ACCORD_{k.upper()}": str(v) for k, v in unique_topics.model_dump().items()}
    proc = subprocess.run(
        [sys.executable, "-m", "app.cli", "up", "--source", f"jsonl:{source}", "--state-dir", str(state),
         "--api-port", str(free_port()), "--extractors", "1", "--until-idle"],
        env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"external Kafka at {kafka_bootstrap}" in proc.stdout
    assert "external PostgreSQL" in proc.stdout
    assert "embedded" not in proc.stdout
    assert not (state / "postgres").exists(), "no embedded Postgres data folder"
    assert not (state / "logs" / "broker.log").exists(), "no embedded broker"
    with psycopg.connect(database_url) as conn:
        stored = conn.execute("select count(*) from articles").fetchone()[0]
    assert stored == len({r["text"] for r in records})


def _stack(tmp_path: Path, *sources: str, until_idle: bool) -> Stack:
    opts = UpOptions(sources=list(sources), state_dir=tmp_path, until_idle=until_idle)
    return Stack(opts, CommonSettings(kafka_bootstrap_servers="k:9092", database_url="postgresql://x/y"))


def test_the_fetcher_follows_web_sources_unless_until_idle(tmp_path: Path) -> None:
    local = tmp_path / "a.jsonl"
    local.write_text("", encoding="utf-8")
    feed = "feed:http://127.0.0.1:9/feed.xml"
    assert "--once" not in _stack(tmp_path, feed, f"jsonl:{local}", until_idle=False).fetcher_args()
    assert "--once" in _stack(tmp_path, f"jsonl:{local}", until_idle=False).fetcher_args()  # files end
    stack = _stack(tmp_path, feed, f"jsonl:{local}", until_idle=True)
    assert "--once" in stack.fetcher_args(), "--until-idle: each source (web too) is polled once"
    (fetcher,) = [s for s in stack.service_specs() if s.name == "fetcher"]
    assert fetcher.restart is False, "a one-shot fetcher's exit is final (no restart loop)"
    (following,) = [
        s for s in _stack(tmp_path, feed, until_idle=False).service_specs() if s.name == "fetcher"
    ]
    assert following.restart is True


@pytest.mark.parametrize(("code", "ok"), [(0, True), (1, False)])
def test_until_idle_reports_a_failed_fetcher(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], code: int, ok: bool
) -> None:
    stack = _stack(tmp_path, until_idle=True)
    argv = [sys.executable, "-c", f"raise SystemExit({code})"]
    stack.supervisor = Supervisor([ProcessSpec("fetcher", argv, restart=False)])
    stack.supervisor.start()

    def finished() -> bool:
        stack.supervisor.poll()
        return stack.supervisor.finished("fetcher")

    wait_until(finished, 20, "the fetcher to finish", every=0.05)
    assert stack.supervisor.exit_code("fetcher") == code
    assert stack.fetcher_succeeded() is ok
    said = capsys.readouterr().out
    assert ("the fetcher exited 1: a source failed" in said) is not ok, said
