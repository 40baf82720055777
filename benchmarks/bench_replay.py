"""Replay of the full corpus after a backfill: replay rate and the time until the store has caught up.

    python benchmarks/bench_replay.py --shared ../shared [--limit N] [--extractors 2]

1. embedded broker and Postgres (fresh folder), `accord up --source jsonl:<corpus>` (fetcher,
   extractors, store) until the store holds every archived article: the backfill;
2. `accord replay` (everything archived) while the pipeline runs: its own report gives the
   replay rate (articles re-published per second);
3. the time from the replay's start until every article in the store carries an extraction newer
   than that start (the extractors re-processed everything and the store wrote it): catch-up.

Also checks that the replay duplicated nothing: same event and article row counts, no event
retracted (same extractor). Prints a JSON summary; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from libs.infra.broker import EmbeddedBroker, free_port  # noqa: E402
from libs.infra.postgres import EmbeddedPostgres  # noqa: E402

COUNTS = {
    "archived": "select count(*) from fetcher_raw_articles",
    "articles": "select count(*) from articles",
    "events": "select count(*) from events",
    "events_current": "select count(*) from events where retired_at is null",
}


def _count(url: str, sql: str, *params: object) -> int:
    import psycopg

    try:
        with psycopg.connect(url) as conn:
            return int(conn.execute(sql, params).fetchone()[0])  # type: ignore[index]
    except psycopg.errors.UndefinedTable:
        return -1


def _wait(check, what: str, proc: subprocess.Popen[bytes], timeout: float = 7200) -> float:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while not check():
        if proc.poll() is not None:
            raise SystemExit(f"accord up exited ({proc.returncode}) while waiting for {what}")
        if time.monotonic() - started > timeout:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(1.0)
    return time.monotonic() - started


def _corpus(args: argparse.Namespace, work: Path) -> Path:
    corpus = args.shared / "corpus" / "tehran-times.jsonl.gz"
    if not corpus.exists():
        raise SystemExit(f"corpus not found at {corpus}")
    if not args.limit:
        return corpus
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        lines = list(islice(f, args.limit))
    path = work / "input.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _backfilled(url: str) -> bool:
    archived = _count(url, COUNTS["archived"])
    return archived > 0 and _count(url, COUNTS["articles"]) == archived


def run(args: argparse.Namespace, work: Path, bootstrap: str, url: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env |= {"ACCORD_KAFKA_BOOTSTRAP_SERVERS": bootstrap, "ACCORD_DATABASE_URL": url,
            "ACCORD_KAFKA_IDEMPOTENCE": "false", "ACCORD_LOG_LEVEL": "WARNING"}  # fmt: skip
    up = [sys.executable, "-m", "app.cli", "up", "--source", f"jsonl:{_corpus(args, work)}",
          "--state-dir", str(work / "state"), "--extractors", str(args.extractors), "--api-port", str(free_port())]  # fmt: skip
    log = open(work / "up.log", "wb")
    proc = subprocess.Popen(up, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        backfill_s = _wait(
            lambda: _backfilled(url) and time.sleep(5) is None and _backfilled(url), "the backfill", proc
        )
        before = {k: _count(url, q) for k, q in COUNTS.items()}
        since = datetime.now(UTC)
        t0 = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "app.cli", "replay"], cwd=REPO, env=env,
                              capture_output=True, text=True, check=True)  # fmt: skip
        report = json.loads(done.stdout.strip().splitlines()[-1])
        behind = "select count(*) from articles where extracted_at <= %s"
        caught_up_s = (
            time.monotonic() - t0 + _wait(lambda: _count(url, behind, since) == 0, "the catch-up", proc)
        )
        after = {k: _count(url, q) for k, q in COUNTS.items()}
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(120)
        log.close()
    return {
        "articles": before["archived"],
        "extractors": args.extractors,
        "backfill_seconds": round(backfill_s, 1),
        "replay_seconds": report["seconds"],
        "replay_articles_per_s": report["articles_per_s"],
        "caught_up_seconds": round(caught_up_s, 1),
        "caught_up_articles_per_s": round(before["archived"] / caught_up_s, 1),
        "before": before,
        "after": after,
        "no_duplicates": before == after,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="only the first N corpus records")
    ap.add_argument("--extractors", type=int, default=2)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="accord-bench-replay-"))
    work.chmod(0o755)
    try:
        with EmbeddedBroker() as broker, EmbeddedPostgres(work / "pg") as pg:
            summary = run(args, work, broker.bootstrap_servers, pg.url)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(summary, indent=2))
    return 0 if summary["no_duplicates"] else 1


if __name__ == "__main__":
    sys.exit(main())
