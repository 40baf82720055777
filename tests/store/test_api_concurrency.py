"""The API sheds load: past `ACCORD_API_MAX_CONCURRENCY` connections or requests in flight it answers
503 at once (a real uvicorn server on 127.0.0.1 through `serve_api`, as the store runs it)."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import FastAPI

from libs.infra.broker import free_port
from services.store.core.config import StoreSettings
from services.store.service import serve_api


async def _get(
    port: int, writer_reader: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
) -> int:
    reader, writer = writer_reader or await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    await reader.readexactly(length)
    return int(head.split(b" ")[1])


@pytest.mark.parametrize("limit", [2, 0])
async def test_connections_beyond_the_limit_get_503_at_once_and_service_resumes(limit: int) -> None:
    app = FastAPI()
    app.get("/ping")(lambda: {"ok": True})
    port = free_port()
    settings = StoreSettings(api_port=port, api_max_concurrency=limit, database_url=None)
    stop = asyncio.Event()
    server = asyncio.create_task(serve_api(app, settings, stop))
    try:
        for _ in range(100):
            try:
                first = await asyncio.open_connection("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.05)
        assert await _get(port, first) == 200  # kept open (keep-alive): one connection in flight
        assert await _get(port) == (503 if limit else 200)
        first[1].close()
        await first[1].wait_closed()
        await asyncio.sleep(0.2)
        assert await _get(port) == 200
    finally:
        stop.set()
        await server
