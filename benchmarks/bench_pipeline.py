"""Full-corpus backfill through `accord up`: wall time, articles/s, and a zero-loss / zero-duplicate audit.

    python benchmarks/bench_pipeline.py --shared ../shared [--limit N] [--extractors 2]

Runs `accord up --source jsonl:<corpus> --until-idle` on a fresh state folder
(embedded broker and Postgres), then audits the database:
- every distinct corpus text is one ledger row and one stored article (no loss, no duplicate);
- every event an article's extraction lists is stored once, and nothing else is.
Prints a JSON summary; exits 1 when the audit fails.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from libs.contracts.articles import article_id_for  # noqa: E402
from libs.infra.postgres import EmbeddedPostgres  # noqa: E402
from services.fetcher.articles import clean_text  # noqa: E402

AUDIT_SQL = {
    "ledger_rows": "select count(*) from fetcher_ledger",
    "articles_stored": "select count(*) from articles",
    "ledger_not_stored": "select count(*) from fetcher_ledger l where not exists "
    "(select 1 from articles a where a.article_id = l.article_id)",
    "stored_not_in_ledger": "select count(*) from articles a where not exists "
    "(select 1 from fetcher_ledger l where l.article_id = a.article_id)",
    "events_listed": "select coalesce(sum(event_count), 0) from articles",
    "events_stored": "select count(*) from events where retired_at is null",
    "events_listed_missing": "select count(*) from (select unnest(event_ids) as id from articles) x "
    "where not exists (select 1 from events e where e.event_id = x.id)",
    "articles_with_events": "select count(*) from articles where event_count > 0",
    "articles_skipped": "select count(*) from articles where status = 'skipped'",
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="only the first N corpus articles")
    ap.add_argument("--extractors", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep the state folder")
    args = ap.parse_args()

    corpus = args.shared / "corpus" / "tehran-times.jsonl.gz"
    if not corpus.exists():
        print(f"corpus not found at {corpus}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="accord-bench-"))
    work.chmod(0o755)
    source = corpus
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        lines = list(islice(f, args.limit)) if args.limit else f.readlines()
    if args.limit:
        source = work / "input.jsonl"
        source.write_text("".join(lines), encoding="utf-8")
    texts = {json.loads(line)["text"] for line in lines}
    cleaned = (clean_text(t) for t in texts)
    distinct_ids = {article_id_for(None, t) for t in cleaned if t}

    state = work / "state"
    cmd = [sys.executable, "-m", "app.cli", "up", "--source", f"jsonl:{source}", "--state-dir", str(state),
           "--extractors", str(args.extractors), "--api-port", "0", "--until-idle"]  # fmt: skip
    from libs.infra.broker import free_port

    cmd[cmd.index("--api-port") + 1] = str(free_port())
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        print(proc.stdout[-4000:], proc.stderr[-4000:], file=sys.stderr)
        return 1
    idle_line = next((ln for ln in proc.stdout.splitlines() if "idle:" in ln), "")

    import psycopg

    with EmbeddedPostgres(state / "postgres") as pg, psycopg.connect(pg.url) as conn:
        audit = {k: int(conn.execute(q).fetchone()[0]) for k, q in AUDIT_SQL.items()}
    ok = (
        audit["ledger_rows"] == audit["articles_stored"] == len(distinct_ids)
        and audit["ledger_not_stored"] == 0
        and audit["stored_not_in_ledger"] == 0
        and audit["events_listed"] == audit["events_stored"]
        and audit["events_listed_missing"] == 0
    )
    summary = {
        "corpus_records": len(lines),
        "distinct_articles": len(distinct_ids),
        "extractors": args.extractors,
        "wall_seconds_total": round(wall, 1),
        "up_reported": idle_line.replace("[accord] ", ""),
        "articles_per_second_total": round(audit["articles_stored"] / wall, 1),
        "audit": audit,
        "zero_loss_zero_duplicates": ok,
    }
    print(json.dumps(summary, indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"state kept in {state}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
