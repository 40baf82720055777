"""What a source yields: candidate documents and skipped records, each with a resume cursor.

A source never raises for one bad record: it yields a `Skipped` (counted and logged by the
pipeline, the source goes on). `Skipped` is also what the pipeline records for a document that
does not become a published article (empty text, duplicate, too large, ...). The `cursor` of an item is the source's position *after* that
item; the pipeline stores the cursor of the last item whose article is durable (published and
in the ledger), and hands it back to the source on restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Cursor = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Document:
    """A candidate article as a source found it (text may still hold markup remnants)."""

    text: str
    source_ref: str
    cursor: Cursor | None = None
    title: str | None = None
    url: str | None = None
    published_at: datetime | str | int | float | None = None
    language: str | None = None
    content_type: str | None = None
    #: extra `FetchMeta` fields (http_status, etag, final_url, ...) for web sources.
    fetch_extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An item that is not published, and why: `reason` labels `accord_articles_skipped_total`.

    Yielded by a source for a record it cannot turn into a document (bad JSON line, unreadable
    file, ...), and made by the pipeline for a document that does not become an article.
    """

    reason: str
    detail: str
    source_ref: str
    cursor: Cursor | None = None


Item = Document | Skipped
