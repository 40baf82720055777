"""Bounded decoding of response bodies: gzip/deflate/brotli bombs are refused, never inflated.

`BoundedDecoder(encoding, limit)` decodes a `Content-Encoding` chunk by chunk and raises
`ResponseRefused("decompression_bomb")` as soon as the output would pass `limit` bytes; the
decompressors are asked for at most `limit + 1` bytes at a time, so memory stays bounded by the
limit whatever the compression ratio.
"""

from __future__ import annotations

import zlib
from typing import Any

from services.fetcher.web.errors import ResponseRefused

GZIP_MAGIC = b"\x1f\x8b"
#: encodings the client offers (`Accept-Encoding`) and can decode with a bound
ACCEPT_ENCODING = "gzip, deflate, br"


class BoundedDecoder:
    """Decode one content coding (`identity`, `gzip`, `x-gzip`, `deflate`, `br`) within `limit` bytes."""

    def __init__(self, encoding: str | None, limit: int) -> None:
        enc = (encoding or "identity").strip().lower()
        self.encoding = enc
        self.limit = limit
        self.total = 0
        self._z: Any = None
        self._br: Any = None
        if enc in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
            self._raw_deflate_fallback = True
        elif enc == "br":
            import brotli

            self._br = brotli.Decompressor()
        elif enc != "identity":
            raise ResponseRefused("unsupported_encoding", f"content encoding {enc!r} is not accepted")

    def _take(self, out: bytes, parts: list[bytes]) -> None:
        self.total += len(out)
        if self.total > self.limit:
            raise ResponseRefused(
                "decompression_bomb", f"{self.encoding} body inflates past {self.limit} bytes"
            )
        if out:
            parts.append(out)

    def feed(self, chunk: bytes) -> bytes:
        """The decoded bytes of `chunk` (possibly empty)."""
        parts: list[bytes] = []
        if self._z is not None:
            self._feed_zlib(chunk, parts)
        elif self._br is not None:
            self._feed_brotli(chunk, parts)
        else:
            self._take(chunk, parts)
        return b"".join(parts)

    def _feed_zlib(self, chunk: bytes, parts: list[bytes]) -> None:
        data = chunk
        while data:
            try:
                out = self._z.decompress(data, self.limit - self.total + 1)
            except zlib.error as exc:
                if (
                    self.encoding == "deflate"
                    and self.total == 0
                    and getattr(self, "_raw_deflate_fallback", False)
                ):
                    self._raw_deflate_fallback = False  # some servers send raw deflate without a zlib header
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise ResponseRefused("bad_encoding", f"corrupt {self.encoding} body: {exc}") from exc
            self._take(out, parts)
            data = self._z.unconsumed_tail
            if self._z.eof:
                return

    def _feed_brotli(self, chunk: bytes, parts: list[bytes]) -> None:
        import brotli

        try:
            out = self._br.process(chunk, output_buffer_limit=self.limit - self.total + 1)
            self._take(out, parts)
            while not self._br.can_accept_more_data():
                out = self._br.process(b"", output_buffer_limit=self.limit - self.total + 1)
                if not out:
                    break
                self._take(out, parts)
        except brotli.error as exc:
            raise ResponseRefused("bad_encoding", f"corrupt brotli body: {exc}") from exc


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """`data` decompressed when it is gzip (a `.xml.gz` sitemap), else `data`; bounded by `limit`."""
    if not data.startswith(GZIP_MAGIC):
        return data
    return BoundedDecoder("gzip", limit).feed(data)
