"""`folder`: a folder of `.txt` / `.md` / `.html` files, read recursively in sorted path order.

Options:

```yaml
extensions: [.txt, .md, .html, .htm]   # case-insensitive
max_file_bytes: 10000000               # larger files are rejected as too_large
include_hidden: false                  # files and folders starting with "."
```

Text files: UTF-8 (BOM allowed), else Windows-1252; a leading Markdown heading (`# Title`) is the
title. HTML files: main text, title, canonical URL and date via `services.fetcher.html`.
`source_ref` is the path relative to the folder; the cursor is `{"path": REL}` of the last file
handled, and files sort by their relative POSIX path, so resuming skips what sorts before it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.fetcher.config import SourceConfig
from services.fetcher.documents import Cursor, Document, Item, Skipped
from services.fetcher.errors import ConfigError, SourceError
from services.fetcher.sources import LocalSource

_HEADING = re.compile(r"^\ufeff?\s*#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_HTML_EXT = (".html", ".htm", ".xhtml")


class FolderOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    extensions: list[str] = Field(default_factory=lambda: [".txt", ".md", ".html", ".htm"])
    max_file_bytes: int = Field(default=10_000_000, ge=1)
    include_hidden: bool = False

    @field_validator("extensions")
    @classmethod
    def _dotted(cls, v: list[str]) -> list[str]:
        return [("." + e.lstrip(".")).lower() for e in v]


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM stripped), else Windows-1252, else Latin-1 (never fails)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def text_title(text: str) -> str | None:
    """The title of a text file: its first non-empty line when that is a Markdown heading."""
    for line in text.splitlines():
        if line.strip():
            m = _HEADING.match(line)
            return m.group(1).strip() if m else None
    return None


class FolderSource(LocalSource):
    kind = "folder"
    Options = FolderOptions

    def __init__(self, config: SourceConfig) -> None:
        super().__init__(config)
        if config.path is None:
            raise ConfigError(f"source {config.name!r} (folder): 'path' is required")
        self.root = Path(config.path)

    def files(self) -> list[tuple[str, Path]]:
        """(relative POSIX path, path) of every matching file, sorted by relative path."""
        if not self.root.is_dir():
            raise SourceError(f"not a folder: {self.root}")
        exts = tuple(self.options.extensions)
        hidden = self.options.include_hidden
        found: list[tuple[str, Path]] = []
        for dirpath, dirnames, filenames in os.walk(self.root, onerror=None, followlinks=False):
            if not hidden:
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for fname in filenames:
                if (not hidden and fname.startswith(".")) or not fname.lower().endswith(exts):
                    continue
                path = Path(dirpath) / fname
                found.append((path.relative_to(self.root).as_posix(), path))
        found.sort(key=lambda p: p[0])
        return found

    def fingerprint(self) -> str | None:
        """A hash of every matching file's relative path, size and modification time."""
        try:
            h = hashlib.sha256()
            for rel, path in self.files():
                st = path.stat()
                h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        except (OSError, SourceError):
            return None
        return h.hexdigest()[:32]

    def iter_items(self, cursor: Cursor | None) -> Iterator[Item]:
        after = str(cursor.get("path", "")) if cursor else ""
        for rel, path in self.files():
            if after and rel <= after:
                continue
            cur = {"path": rel}
            try:
                size = path.stat().st_size
                if size > self.options.max_file_bytes:
                    yield Skipped("too_large", f"{rel}: {size} bytes > max_file_bytes", rel, cur)
                    continue
                data = path.read_bytes()
            except OSError as exc:
                yield Skipped("unreadable", f"{rel}: {exc.strerror or exc}", rel, cur)
                continue
            if rel.lower().endswith(_HTML_EXT):
                from services.fetcher.html import extract_html

                page = extract_html(data)
                yield Document(
                    text=page.text,
                    source_ref=rel,
                    cursor=cur,
                    title=page.title,
                    url=page.url,
                    published_at=page.published_at,
                    language=page.language,
                    content_type="text/html",
                )
            else:
                text = decode_text(data)
                yield Document(
                    text=text,
                    source_ref=rel,
                    cursor=cur,
                    title=text_title(text),
                    content_type="text/markdown" if rel.lower().endswith(".md") else "text/plain",
                )
