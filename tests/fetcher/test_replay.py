"""The raw archive (written with the ledger) and replay's selection, order and idempotent records."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, select

from libs.contracts.records import OutRecord, headers_to_dict
from services.fetcher.db.migrate import upgrade
from services.fetcher.db.models import raw_articles
from services.fetcher.ledger import Archived, PgLedger, PublishedArticle, ledger_engine
from services.fetcher.replay import REPLAY_HEADER, PgArchive, ReplaySelection, replay, selection_of
from tests.extractor.factories import raw_article


@dataclass
class Sink:
    batches: list[list[OutRecord]] = field(default_factory=list)

    async def send_many(self, records: list[OutRecord]) -> list[None]:
        self.batches.append(list(records))
        return [None] * len(records)


def _published(
    n: int, source: str = "src", day: int | None = None, text: str | None = None
) -> PublishedArticle:
    article = raw_article(n, text=text)
    if day is not None:
        article = article.model_copy(update={"published_at": datetime(2024, 5, day, 12, tzinfo=UTC)})
    article = article.model_copy(update={"source": source})
    raw = article.model_dump_json().encode()
    return PublishedArticle(
        article.article_id,
        article.content_hash,
        source,
        archived=Archived(raw, article.fetched_at, article.published_at),
    )


@pytest.fixture
def engine(embedded_database_url: str) -> Iterator[Engine]:
    engine = ledger_engine(embedded_database_url)
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.mark.integration
def test_archive_rows_come_with_the_ledger_and_replay_selects_exactly(engine: Engine) -> None:
    rows = [_published(i, day=i) for i in range(1, 6)] + [_published(9, source="other", day=3)]
    asyncio.run(PgLedger(engine).record(rows, None))
    by_day = {r.archived.published_at.day: r.article_id for r in rows if r.source == "src"}  # type: ignore[union-attr]

    def replayed(selection: ReplaySelection, batch_size: int = 2) -> list[str]:
        sink = Sink()
        done = asyncio.run(replay(PgArchive(engine), sink, selection, topic="raw", batch_size=batch_size))
        ids = [r.key.decode() for b in sink.batches for r in b]  # type: ignore[union-attr]
        assert done.finished and done.published == done.selected == len(ids)
        return ids

    assert replayed(ReplaySelection(since=date(2024, 5, 2), until=date(2024, 5, 4), source="src")) == sorted(
        by_day[d] for d in (2, 3, 4)
    )  # inclusive days, article-id order, across batches
    assert len(replayed(ReplaySelection(since=date(2024, 5, 3), until=date(2024, 5, 3)))) == 2
    assert replayed(selection_of(None, None, None, [by_day[5], "unknown"])) == [by_day[5]]
    assert len(replayed(ReplaySelection(), batch_size=500)) == 6

    # the value replayed is the archived JSON, byte for byte, under the article's key
    sink = Sink()
    asyncio.run(
        replay(
            PgArchive(engine), sink, ReplaySelection(article_ids=(by_day[1],)), topic="raw", replay_id="r1"
        )
    )
    (record,) = sink.batches[0]
    assert record.value == rows[0].archived.raw  # type: ignore[union-attr]
    headers = headers_to_dict(record.headers)
    assert headers[REPLAY_HEADER] == "r1" and headers["ce_type"] == "org.accord.article.raw.v1"


@pytest.mark.integration
def test_a_new_version_replaces_the_archived_one_and_the_same_one_changes_nothing(engine: Engine) -> None:
    ledger = PgLedger(engine)
    first = _published(1, day=1)
    asyncio.run(ledger.record([first], None))
    with engine.connect() as conn:
        before = conn.execute(select(raw_articles)).one()
    asyncio.run(ledger.record([first], None))  # re-recorded (a crash between publish and record)
    with engine.connect() as conn:
        assert conn.execute(select(raw_articles)).one() == before
    changed = _published(1, day=1, text="Article 1, corrected: Iran and Iraq signed an accord on health.")
    changed = PublishedArticle(first.article_id, changed.content_hash, "src", archived=changed.archived)
    asyncio.run(ledger.record([changed], None))
    with engine.connect() as conn:
        row = conn.execute(select(raw_articles)).one()
    assert row.content_hash == changed.content_hash and "corrected" in row.raw


def test_a_selection_refuses_an_inverted_range() -> None:
    with pytest.raises(ValueError):
        selection_of("2024-05-02", "2024-05-01", None, [])
    assert selection_of("2024-05-01T10:00:00Z", None, "s", ["a"]) == ReplaySelection(
        since=date(2024, 5, 1), source="s", article_ids=("a",)
    )
