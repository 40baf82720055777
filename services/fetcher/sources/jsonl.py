"""`jsonl`: a JSON-lines file (gzip-compressed or not), one article per line.

Options (`options:` in the sources file):

```yaml
fields:            # where each value is in a record; dotted paths reach into objects; null = absent
  id: id           # the source's own id → FetchMeta.source_ref (else FILE:LINE)
  text: text
  title: title
  url: url
  published_at: published_at
  language: language
  slug: null       # a URL slug ("Iran-Iraq-Sign-Pact") used as the title when there is none
```

A line that is not JSON or not an object, or whose text is not a string, is `Skipped` as
`bad_record`; a record without text as `empty`. Neither stops the file. The cursor is
`{"line": N, "offset": BYTES}` (offset in the decompressed stream, after line N): resuming seeks
there instead of parsing the lines before it again.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson
from pydantic import BaseModel, ConfigDict

from services.fetcher.config import SourceConfig
from services.fetcher.documents import Cursor, Document, Item, Skipped
from services.fetcher.errors import ConfigError, SourceError
from services.fetcher.sources import LocalSource

_GZIP_MAGIC = b"\x1f\x8b"


class JsonlFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = "id"
    text: str = "text"
    title: str | None = "title"
    url: str | None = "url"
    published_at: str | None = "published_at"
    language: str | None = "language"
    slug: str | None = None


class JsonlOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fields: JsonlFields = JsonlFields()


def _get(record: dict[str, Any], path: str | None) -> Any:
    if not path:
        return None
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text.strip() or None


def open_maybe_gzip(path: Path) -> BinaryIO:
    """`path` opened for binary reading, transparently decompressed when it is gzip."""
    raw = open(path, "rb")  # returned to the caller, who closes it
    try:
        magic = raw.read(2)
        raw.seek(0)
    except BaseException:
        raw.close()
        raise
    if magic == _GZIP_MAGIC:
        return io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb"), buffer_size=1 << 20)  # type: ignore[arg-type]
    return raw


class JsonlSource(LocalSource):
    kind = "jsonl"
    Options = JsonlOptions

    def __init__(self, config: SourceConfig) -> None:
        super().__init__(config)
        if config.path is None:
            raise ConfigError(f"source {config.name!r} (jsonl): 'path' is required")
        self.path = Path(config.path)

    def fingerprint(self) -> str | None:
        """Size, modification time and a hash of the first 64 KiB of the file."""
        try:
            st = os.stat(self.path)
            with open(self.path, "rb") as f:
                head = hashlib.sha256(f.read(65536)).hexdigest()[:16]
        except OSError:
            return None
        return f"{st.st_size}:{st.st_mtime_ns}:{head}"

    def iter_items(self, cursor: Cursor | None) -> Iterator[Item]:
        fields: JsonlFields = self.options.fields
        fname = self.path.name
        try:
            f = open_maybe_gzip(self.path)
        except OSError as exc:
            raise SourceError(f"cannot open {self.path}: {exc.strerror or exc}") from exc
        with f:
            line_no = 0
            offset = 0
            if cursor:
                line_no = int(cursor.get("line", 0))
                offset = int(cursor.get("offset", 0))
                if offset:
                    f.seek(offset)
            for raw in f:
                line_no += 1
                offset += len(raw)
                cur = {"line": line_no, "offset": offset}
                where = f"{fname}:{line_no}"
                if not raw.strip():
                    continue
                try:
                    record = orjson.loads(raw)
                except orjson.JSONDecodeError as exc:
                    yield Skipped("bad_record", f"{where}: not JSON ({exc})", where, cur)
                    continue
                if not isinstance(record, dict):
                    yield Skipped("bad_record", f"{where}: not a JSON object", where, cur)
                    continue
                rec_id = _opt_str(_get(record, fields.id))
                ref = rec_id or where
                text = _get(record, fields.text)
                if text is None or (isinstance(text, str) and not text.strip()):
                    yield Skipped("empty", f"{where}: no text in field {fields.text!r}", ref, cur)
                    continue
                if not isinstance(text, str):
                    yield Skipped("bad_record", f"{where}: field {fields.text!r} is not a string", ref, cur)
                    continue
                title = _opt_str(_get(record, fields.title))
                if title is None and fields.slug:
                    slug = _opt_str(_get(record, fields.slug))
                    title = slug.replace("-", " ").replace("_", " ") if slug else None
                published = _get(record, fields.published_at)
                yield Document(
                    text=text,
                    source_ref=ref,
                    cursor=cur,
                    title=title,
                    url=_opt_str(_get(record, fields.url)),
                    published_at=published if isinstance(published, str | int | float) else None,
                    language=_opt_str(_get(record, fields.language)),
                    content_type="application/x-ndjson",
                )
