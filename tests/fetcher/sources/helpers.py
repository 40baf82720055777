"""Helpers for the source tests: scan a source to a list, write a JSON-lines file."""

from __future__ import annotations

import asyncio
import gzip
import json
from pathlib import Path

from services.fetcher.documents import Item
from services.fetcher.sources.folder import FolderSource
from services.fetcher.sources.jsonl import JsonlSource


def scan(source: JsonlSource | FolderSource, cursor: dict[str, object] | None = None) -> list[Item]:
    async def collect() -> list[Item]:
        return [item async for item in source.scan(cursor)]

    return asyncio.run(collect())


def write_jsonl(path: Path, lines: list[str | dict[str, object]], *, compress: bool) -> None:
    data = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines).encode()
    path.write_bytes(gzip.compress(data) if compress else data)
