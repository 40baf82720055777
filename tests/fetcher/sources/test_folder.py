"""The folder source kind: recursive scan, filters, resume, size limits, text helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.fetcher.config import (
    SourceConfig,
)
from services.fetcher.documents import Document, Skipped
from services.fetcher.sources import SourceError
from services.fetcher.sources.folder import FolderSource, decode_text, text_title
from tests.fetcher.sources.helpers import scan

HTML = """<!doctype html><html lang="en-GB"><head><title>Iran, Iraq sign science pact</title>
<link rel="canonical" href="https://news.example.com/a/1?utm_source=rss">
<meta property="article:published_time" content="2025-02-10T08:00:00Z"></head>
<body><nav>Home | World</nav><h1>Iran, Iraq sign science pact</h1>
<p>TEHRAN &ndash; Iran and Iraq signed a science cooperation agreement on Sunday in Tehran.</p>
<p>The two sides agreed to exchange professors and students next year.</p>
<footer>Copyright</footer></body></html>"""


def make_folder(root: Path) -> None:
    (root / "b" / "c").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("# Cooperation week\n\nIran and Iraq met.\n")
    (root / "b" / "z.html").write_text(HTML)
    (root / "b" / "c" / "d.TXT").write_bytes("Caf\xe9 talks in Paris.".encode("cp1252"))
    (root / "b" / "notes.pdf").write_bytes(b"%PDF")
    (root / ".hidden" / "x.txt").write_text("hidden")
    (root / ".secret.txt").write_text("hidden")


def test_folder_recursive_sorted_filtered(tmp_path: Path) -> None:
    make_folder(tmp_path)
    items = scan(FolderSource(SourceConfig(name="f", kind="folder", path=tmp_path)))
    assert [i.source_ref for i in items] == ["a.txt", "b/c/d.TXT", "b/z.html"]
    txt, cp, page = items
    assert isinstance(txt, Document) and txt.title == "Cooperation week" and txt.content_type == "text/plain"
    assert isinstance(cp, Document) and cp.text == "Café talks in Paris."
    assert isinstance(page, Document) and page.content_type == "text/html"
    assert page.title == "Iran, Iraq sign science pact"
    assert page.url == "https://news.example.com/a/1?utm_source=rss"
    assert page.published_at == "2025-02-10T08:00:00Z"
    assert page.language == "en-GB"
    assert "Iran and Iraq signed a science cooperation agreement on Sunday in Tehran." in page.text
    assert "exchange professors" in page.text


def test_folder_resume_and_options(tmp_path: Path) -> None:
    make_folder(tmp_path)
    source = FolderSource(
        SourceConfig(name="f", kind="folder", path=tmp_path, options={"extensions": ["txt"]})
    )
    assert [i.source_ref for i in scan(source)] == ["a.txt", "b/c/d.TXT"]
    assert [i.source_ref for i in scan(source, {"path": "a.txt"})] == ["b/c/d.TXT"]
    hidden = FolderSource(
        SourceConfig(
            name="f", kind="folder", path=tmp_path, options={"include_hidden": True, "extensions": [".txt"]}
        )
    )
    assert [i.source_ref for i in scan(hidden)] == [".hidden/x.txt", ".secret.txt", "a.txt", "b/c/d.TXT"]


def test_folder_too_large_and_fingerprint(tmp_path: Path) -> None:
    make_folder(tmp_path)
    source = FolderSource(
        SourceConfig(name="f", kind="folder", path=tmp_path, options={"max_file_bytes": 40})
    )
    items = scan(source)
    assert [(i.source_ref, i.reason) for i in items if isinstance(i, Skipped)] == [("b/z.html", "too_large")]
    fp = source.fingerprint()
    (tmp_path / "new.txt").write_text("A new file.")
    assert fp is not None and source.fingerprint() != fp


def test_folder_missing_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not a folder"):
        scan(FolderSource(SourceConfig(name="f", kind="folder", path=tmp_path / "nope")))


def test_text_helpers() -> None:
    assert text_title("\n\n## Title here ##\nbody") == "Title here"
    assert text_title("Plain first line\n# later heading") is None
    assert decode_text("\ufeffhé".encode()) == "hé"
    assert decode_text(b"\x81\x8d") == "\x81\x8d"  # undefined in cp1252: Latin-1 fallback
