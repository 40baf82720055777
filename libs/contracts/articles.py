"""`RawArticle` v1 (topic `articles.raw`) and the stable article identity rules.

An article id is derived, never assigned: `article_id_for(canonical_url, text)`
hashes the canonical URL when there is one, else the normalised text, so the
same article fetched twice (or by two fetchers) gets the same id.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from libs.contracts.storable import StorableModel

ARTICLE_SCHEMA_VERSION = "1.0"

#: Longest article text (characters) the system takes. A news article is far shorter; extraction
#: time is linear in the text, so this bounds the work one record can cost. Longer texts are cut
#: at a sentence boundary by `truncate_text` (`RawArticle.truncated` says so), by the fetcher
#: before it hashes the text and by the contract's validation for any other producer.
MAX_TEXT_CHARS = 200_000

# A sentence end: terminal punctuation (closing quotes/brackets included) before whitespace, or a line break.
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\u061f][\"'\u201d\u2019)\]]*(?=\s)|\n")


def normalize_text(text: str) -> str:
    """Whitespace-folded, stripped text: the form content hashes are computed on.

    `str.split()` splits on exactly the characters the `\\s` regex class matches, and is faster.
    """
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def truncate_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """`text` cut to at most `limit` characters, at the last sentence end in its second half.

    Without a sentence end there, at the last whitespace in the second half; without one, at
    `limit`. Trailing whitespace is dropped. A text within `limit` comes back unchanged.
    """
    if len(text) <= limit:
        return text
    head = text[:limit]
    floor = limit // 2
    cut = None
    for match in _SENTENCE_END.finditer(head, floor):
        cut = match.end()
    if cut is None:
        space = max(head.rfind(" ", floor), head.rfind("\n", floor))
        cut = space if space > 0 else limit
    return head[:cut].rstrip()


def article_id_for(canonical_url: str | None, text: str) -> str:
    """Stable article id: `u` + hash of the canonical URL, or `t` + hash of the text.

    The one-letter prefix tells which rule made the id; 32 hex characters follow.
    """
    if canonical_url:
        return "u" + hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]
    return "t" + content_hash(text)[:32]


class FetchMeta(StorableModel):
    """How the fetcher got the article."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    kind: str = Field(description="source kind: jsonl, folder, feed, sitemap, page, ...")
    source_ref: str | None = Field(
        default=None, description="where in the source: file path and line, the source's own id, ..."
    )
    http_status: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    duration_ms: float | None = None


class RawArticle(StorableModel):
    """An article as the fetcher publishes it: clean text plus where and when it came from."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    schema_version: Literal["1.0"] = ARTICLE_SCHEMA_VERSION
    article_id: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    text: str = Field(description="clean article text; evidence offsets index into it")
    language: str | None = Field(default=None, description="ISO 639-1 code, detected or declared")
    published_at: datetime | None = None
    fetched_at: AwareDatetime
    source: str = Field(min_length=1, description="the configured source's name")
    publisher: str | None = None
    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$", description="content_hash(text)")
    fetch: FetchMeta
    truncated: bool = Field(
        default=False,
        description="the producer's text was longer than MAX_TEXT_CHARS (200,000) characters "
        "and was cut at a sentence boundary (added field, optional)",
    )

    @model_validator(mode="before")
    @classmethod
    def _bounded_text(cls, data: object) -> object:
        """Cut a text over `MAX_TEXT_CHARS` (see `truncate_text`) and set `truncated`."""
        if isinstance(data, dict):
            text = data.get("text")
            if isinstance(text, str) and len(text) > MAX_TEXT_CHARS:
                return {**data, "text": truncate_text(text), "truncated": True}
        return data
