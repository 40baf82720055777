"""The progress line: what it reads (metrics, the services' counts) and when the stack counts as idle."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from wsgiref.simple_server import make_server

import pytest
from prometheus_client import CollectorRegistry, Counter, Gauge, make_wsgi_app

from app.up.progress import ProgressLine, ProgressSources, Snapshot, scrape
from libs.infra.broker import free_port
from services.fetcher.db.migrate import migrate_ledger
from services.fetcher.ledger import PgLedger, PublishedArticle, ledger_engine
from services.store.db import migrate
from services.store.db.session import make_engine
from services.store.persist import apply_batch
from tests.store.factories import extraction_of
from tests.store.helpers import settings_for


def test_idle_needs_everything_published_stored_and_no_lag() -> None:
    assert Snapshot(at=0, published=3, articles_stored=3, db_ok=True).idle()
    assert not Snapshot(at=0, published=3, articles_stored=2, db_ok=True).idle()
    assert not Snapshot(at=0, published=3, articles_stored=3, db_ok=True, lag_raw=1).idle()
    assert not Snapshot(at=0, published=0, articles_stored=0, db_ok=False).idle()


def test_without_a_database_or_services_the_line_still_prints(capsys: pytest.CaptureFixture[str]) -> None:
    line = ProgressLine(ProgressSources({"extractor-1": free_port()}, None), tty=False)
    snap = line.tick()
    assert (snap.extracted, snap.db_ok) == (0, False)
    assert "published 0 | extracted 0" in capsys.readouterr().out
    line.close()


@pytest.mark.integration
def test_collect_reads_metrics_and_the_services_counts(database_url: str) -> None:
    registry = CollectorRegistry()
    Counter("accord_articles_extracted", "x", ["service"], registry=registry).labels("extractor").inc(7)
    Gauge("accord_consumer_lag_records", "x", ["topic"], registry=registry).labels("articles.raw").set(5)
    migrate_ledger(database_url)
    store, ledger = make_engine(settings_for(database_url)), ledger_engine(database_url)
    try:
        migrate.upgrade(store)
        events, summary = extraction_of("a1", 2)
        with store.begin() as conn:
            apply_batch(conn, [*events, summary])
        asyncio.run(
            PgLedger(ledger).record(
                [PublishedArticle("a1", "0" * 64, "s"), PublishedArticle("a2", "1" * 64, "s")], None
            )
        )
        server = make_server("127.0.0.1", 0, make_wsgi_app(registry))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            line = ProgressLine(ProgressSources({"extractor-1": server.server_port}, database_url), tty=False)
            snap = line.collect()
            line.close()
        finally:
            server.shutdown()
    finally:
        store.dispose()
        ledger.dispose()
    assert (snap.extracted, snap.lag_raw) == (7, 5)
    assert (snap.articles_stored, snap.events_stored, snap.published, snap.db_ok) == (1, 2, 2, True)
    assert not snap.idle()


@pytest.mark.parametrize(
    ("status", "body"),
    [("503 Service Unavailable", b"Service Unavailable"), ("200 OK", b'accord_x{a="1"} not-a-number\n')],
)
def test_a_metrics_endpoint_answering_something_else_counts_as_unreachable(status: str, body: bytes) -> None:
    def app(_environ: dict[str, object], start_response: Callable[..., object]) -> list[bytes]:
        start_response(status, [("Content-Type", "text/plain")])
        return [body]

    server = make_server("127.0.0.1", 0, app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert scrape(server.server_port) == {}
    finally:
        server.shutdown()
        server.server_close()
