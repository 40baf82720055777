"""Source kinds: each turns a configured source into a stream of `Document`s / `Skipped` items.

The interface (the web kinds `feed`, `sitemap`, `page`, `site` build on it in
`services.fetcher.web.source.WebSource`):

- `Source(config)` validates the kind's `options` (`Options` model) and raises `ConfigError`;
- `fingerprint()` names the source's current content (None = unknown); the pipeline skips a
  source whose last scan completed with the same fingerprint, and restarts from the beginning
  when the fingerprint changed since an interrupted scan;
- `scan(cursor)` is an async iterator of items from `cursor` (None = the beginning); each item
  carries the cursor *after* itself, which the pipeline persists once the item is durable.
  A bad record is a `Skipped` item, never an exception; an exception means the source as a
  whole failed (unreadable file, unreachable site) and is counted as a source error.

`LocalSource` adapts a synchronous `iter_items(cursor)` (file I/O) to `scan` by pulling chunks
in a worker thread, so reading never blocks the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from services.fetcher.config import SourceConfig
from services.fetcher.documents import Cursor, Document, Item, Skipped
from services.fetcher.errors import ConfigError, SourceError

__all__ = [
    "Document",
    "LocalSource",
    "Skipped",
    "Source",
    "SourceError",
    "known_kinds",
    "open_source",
]


class NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(ABC):
    """A configured source of candidate articles."""

    kind: ClassVar[str]
    Options: ClassVar[type[BaseModel]] = NoOptions

    def __init__(self, config: SourceConfig) -> None:
        self.config = config
        try:
            self.options: Any = self.Options(**config.options)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err.get("loc", ()))
            raise ConfigError(
                f"source {config.name!r} ({self.kind}): options.{where}: {err.get('msg')}"
            ) from exc

    @property
    def name(self) -> str:
        return self.config.name

    def fingerprint(self) -> str | None:
        """An identifier of the current content (changes when the content may have changed); None = unknown."""
        return None

    @abstractmethod
    def scan(self, cursor: Cursor | None) -> AsyncIterator[Item]:
        """Items from `cursor` on (None = from the beginning)."""

    def next_poll_in(self, failed: bool, default_s: float) -> float:
        """Seconds until the next scan in follow mode (web sources: own interval, jitter, backoff)."""
        return default_s


class LocalSource(Source):
    """A source read with blocking file I/O, driven from a worker thread in chunks."""

    chunk_size: ClassVar[int] = 256

    @abstractmethod
    def iter_items(self, cursor: Cursor | None) -> Iterator[Item]:
        """Items from `cursor` on; raises `SourceError` when the source cannot be opened."""

    async def scan(self, cursor: Cursor | None) -> AsyncIterator[Item]:
        it = self.iter_items(cursor)
        try:
            while True:
                pending = asyncio.ensure_future(
                    asyncio.to_thread(lambda: list(itertools.islice(it, self.chunk_size)))
                )
                try:
                    chunk = await asyncio.shield(pending)
                except asyncio.CancelledError:
                    # The thread cannot be interrupted: let it finish its chunk before the generator
                    # is closed below (closing a running generator raises).
                    with contextlib.suppress(BaseException):
                        await pending
                    raise
                if not chunk:
                    return
                for item in chunk:
                    yield item
        finally:
            it.close()  # type: ignore[attr-defined]


def _registry() -> dict[str, type[Source]]:
    from services.fetcher.sources.feed import FeedSource
    from services.fetcher.sources.folder import FolderSource
    from services.fetcher.sources.jsonl import JsonlSource
    from services.fetcher.sources.page import PageSource
    from services.fetcher.sources.site import SiteSource
    from services.fetcher.sources.sitemap import SitemapSource

    kinds = (JsonlSource, FolderSource, FeedSource, SitemapSource, PageSource, SiteSource)
    return {cls.kind: cls for cls in kinds}


def known_kinds() -> list[str]:
    """The source kinds this fetcher can read."""
    return sorted(_registry())


def open_source(config: SourceConfig) -> Source:
    """The `Source` for `config`; raises `ConfigError` for an unknown kind or bad options."""
    cls = _registry().get(config.kind)
    if cls is None:
        raise ConfigError(
            f"source {config.name!r}: unknown kind {config.kind!r} (known: {', '.join(known_kinds())})"
        )
    return cls(config)
