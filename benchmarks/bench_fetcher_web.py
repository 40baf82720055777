"""Web fetcher throughput: local news sites → feeds → article pages (trafilatura) → the embedded broker.

    .venv/bin/python benchmarks/bench_fetcher_web.py [--pages 400] [--hosts 4] [--parse-workers 0]

Serves `--pages` generated article pages (fixture text, not corpus text) from `--hosts` local
HTTP servers (127.0.0.1, 127.0.0.2, ...: one feed each, so per-host politeness applies as in
production, with the minimum host delay set to 0), starts the embedded broker and Postgres, and
times one `accord fetcher --once` poll of every feed: fetch, charset detection, trafilatura
extraction, judging, state, build, publish, ledger. Then a second poll (feeds answer 304: nothing
fetched, nothing parsed). Prints one JSON object: pages/s and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_fetcher import _drop_db, _fresh_db  # noqa: E402
from tests.fetcher.web.site import Page, Site, article_html, rss  # noqa: E402

COUNTRIES = ["Iran", "Iraq", "Oman", "Turkey", "Pakistan", "China", "Russia", "India", "Qatar", "Armenia"]


def _sites(pages: int, hosts: int) -> list[Site]:
    sites = [Site(host=f"127.0.0.{i + 1}").start() for i in range(hosts)]
    per_site: dict[int, list[tuple[str, str, str]]] = {i: [] for i in range(hosts)}
    for n in range(pages):
        i = n % hosts
        a, b = COUNTRIES[n % len(COUNTRIES)], COUNTRIES[(n * 3 + 1) % len(COUNTRIES)]
        path = f"/news/{n}/story"
        html = article_html(f"{a} and {b} agree on research programme {n}", a=a, b=b, day=f"day {n % 28 + 1}")
        sites[i].add(path, Page(html, etag=f'"p{n}"'))
        per_site[i].append((sites[i].url(path), f"story {n}", "Sun, 09 Feb 2025 08:30:00 GMT"))
    for i, site in enumerate(sites):
        site.add("/feed.xml", Page(rss(per_site[i]), content_type="application/rss+xml", etag='"f"'))
    return sites


async def _bench(
    args: argparse.Namespace, bootstrap: str, database_url: str, sites: list[Site]
) -> dict[str, Any]:
    from libs.contracts.topics import TopicSettings, all_topics
    from libs.runtime.topics import ensure_topics
    from services.fetcher.config import FetcherSettings, SourceConfig
    from services.fetcher.db.migrate import migrate_ledger
    from services.fetcher.service import run_fetcher

    topics = TopicSettings(topic_articles_raw=f"articles.raw.bench-{uuid.uuid4().hex[:6]}")
    await ensure_topics(bootstrap, all_topics(topics))
    settings = FetcherSettings(
        kafka_bootstrap_servers=bootstrap, kafka_idempotence=False, database_url=database_url,
        fetcher_build_workers=0, log_level="WARNING", fetcher_web_min_host_delay_s=0.0,
        fetcher_web_parse_workers=args.parse_workers, fetcher_web_max_urls_per_poll=args.pages,
        fetcher_web_contact_url="https://example.org/bench",
    )  # fmt: skip
    migrate_ledger(database_url)
    sources = [
        SourceConfig(name=f"site-{i}", kind="feed", url=s.url("/feed.xml"), language="en")
        for i, s in enumerate(sites)
    ]
    out: dict[str, Any] = {"pages": args.pages, "hosts": args.hosts, "parse_workers": args.parse_workers,
                           "cpus": os.cpu_count(), "note": "busy shared machine unless run alone"}  # fmt: skip
    for label in ("first_poll", "second_poll_304"):
        t0 = time.perf_counter()
        reports = await run_fetcher(settings, sources, topics=topics, once=True, migrate=False)
        seconds = time.perf_counter() - t0
        published = sum(r.published for r in reports)
        out[label] = {
            "seconds": round(seconds, 2),
            "published": published,
            "skipped": sum(sum(r.skipped.values()) for r in reports),
            "errors": [r.error for r in reports if r.error],
            "pages_per_s": round(published / seconds, 1) if published else None,
        }
    out["page_requests"] = sum(len([p for p in s.paths() if p.startswith("/news/")]) for s in sites)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--parse-workers", type=int, default=0)
    parser.add_argument("--database-url", default=os.environ.get("ACCORD_DATABASE_URL"))
    args = parser.parse_args()

    import orjson

    from libs.infra.broker import EmbeddedBroker
    from libs.infra.postgres import EmbeddedPostgres
    from libs.runtime.logging import configure_logging
    from libs.runtime.settings import CommonSettings

    configure_logging("bench-fetcher-web", CommonSettings(log_level="WARNING"))
    tmp = Path(tempfile.mkdtemp(prefix="accord-bench-web-"))
    tmp.chmod(0o755)
    pg: EmbeddedPostgres | None = None
    sites = _sites(args.pages, args.hosts)
    try:
        with EmbeddedBroker() as broker:
            server_url = args.database_url
            if not server_url:
                pg = EmbeddedPostgres(tmp / "pg")
                server_url = pg.start()
            database_url, name = _fresh_db(server_url)
            try:
                result = asyncio.run(_bench(args, broker.bootstrap_servers, database_url, sites))
            finally:
                _drop_db(server_url, name)
        print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
        return 0 if result["first_poll"]["published"] == args.pages else 1
    finally:
        for s in sites:
            s.stop()
        if pg is not None:
            pg.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
