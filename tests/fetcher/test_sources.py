"""Unit tests of source configuration and the local source kinds (files in tmp_path)."""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.fetcher.config import (
    ConfigError,
    FetcherSettings,
    SourceConfig,
    collect_sources,
    default_name,
    load_sources_file,
    parse_source_spec,
)
from services.fetcher.documents import Document, Item, Rejected
from services.fetcher.sources import SourceError, known_kinds, open_source
from services.fetcher.sources.folder import FolderSource, decode_text, text_title
from services.fetcher.sources.jsonl import JsonlSource

# --- configuration ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "name", "kind", "path"),
    [
        (
            "jsonl:../shared/corpus/tehran-times.jsonl.gz",
            "tehran-times",
            "jsonl",
            "../shared/corpus/tehran-times.jsonl.gz",
        ),
        ("folder:/data/press/", "press", "folder", "/data/press"),
        ("tt=JSONL:/x/a=b.jsonl", "tt", "jsonl", "/x/a=b.jsonl"),
        ("jsonl:C:/odd:path.ndjson", "odd-path", "jsonl", "C:/odd:path.ndjson"),
    ],
)
def test_parse_source_spec(spec: str, name: str, kind: str, path: str) -> None:
    cfg = parse_source_spec(spec)
    assert (cfg.name, cfg.kind, cfg.path) == (name, kind, Path(path))


@pytest.mark.parametrize("spec", ["jsonl", "jsonl:", ":path", "bad name=jsonl:x"])
def test_parse_source_spec_errors(spec: str) -> None:
    with pytest.raises(ConfigError, match="--source"):
        parse_source_spec(spec)


def test_default_name() -> None:
    assert default_name("a/b/news.2024.JSONL.gz") == "news.2024"
    assert default_name("/srv/data/") == "data"
    assert default_name("_x.txt") == "x"


SOURCES_YAML = """
sources:
  - name: tehran-times
    kind: jsonl
    path: corpus/tt.jsonl.gz
    publisher: Tehran Times
    language: en
    options:
      fields: {id: id, text: body, published_at: meta.date}
  - name: press
    kind: folder
    path: /abs/press
    enabled: false
"""

SOURCES_TOML = """
[[sources]]
name = "tehran-times"
kind = "jsonl"
path = "corpus/tt.jsonl.gz"
publisher = "Tehran Times"
[sources.options.fields]
text = "body"
"""


def test_load_sources_yaml_resolves_relative_paths(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    f.write_text(SOURCES_YAML)
    cfgs = load_sources_file(f)
    assert [c.name for c in cfgs] == ["tehran-times", "press"]
    assert cfgs[0].path == tmp_path / "corpus/tt.jsonl.gz"
    assert cfgs[0].options["fields"]["text"] == "body"
    assert cfgs[1].path == Path("/abs/press")
    assert [c.name for c in collect_sources([], f)] == ["tehran-times"]  # disabled one dropped


def test_load_sources_toml_and_json(tmp_path: Path) -> None:
    t = tmp_path / "s.toml"
    t.write_text(SOURCES_TOML)
    (cfg,) = load_sources_file(t)
    assert cfg.publisher == "Tehran Times" and cfg.path == tmp_path / "corpus/tt.jsonl.gz"
    j = tmp_path / "s.json"
    j.write_text(json.dumps([{"name": "a", "kind": "folder", "path": "x"}]))
    (cfg,) = load_sources_file(j)
    assert cfg.kind == "folder" and cfg.path == tmp_path / "x"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("sources: [{name: a, kind: jsonl, colour: red}]", "entry 0 .*colour"),
        ("sources: [{kind: jsonl}]", "entry 0 .*name"),
        ("sources: {a: 1}", "expected a list"),
        ("sources: [a]", "not a mapping"),
        ("sources: [{name: 'bad name', kind: jsonl}]", "source name"),
        ("sources: [", "not valid"),
    ],
)
def test_bad_sources_file(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_sources_file(f)


def test_missing_sources_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_sources_file(tmp_path / "nope.yaml")


def test_duplicate_names_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="two sources"):
        collect_sources(["jsonl:a/x.jsonl", "jsonl:b/x.jsonl.gz"], None)


def test_open_source_checks_kind_and_options() -> None:
    assert {"jsonl", "folder"} <= set(known_kinds())
    with pytest.raises(ConfigError, match="unknown kind 'rss'"):
        open_source(SourceConfig(name="a", kind="rss", path=Path("x")))
    with pytest.raises(ConfigError, match=r"options\.fields\.txt"):
        open_source(SourceConfig(name="a", kind="jsonl", path=Path("x"), options={"fields": {"txt": "t"}}))
    with pytest.raises(ConfigError, match="'path' is required"):
        open_source(SourceConfig(name="a", kind="folder"))


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCORD_FETCHER_SOURCES", '["jsonl:a.jsonl"]')
    monkeypatch.setenv("ACCORD_FETCHER_BATCH_SIZE", "123")
    s = FetcherSettings()
    assert s.fetcher_sources == ["jsonl:a.jsonl"] and s.fetcher_batch_size == 123


# --- helpers -------------------------------------------------------------------------------------------


def scan(source: JsonlSource | FolderSource, cursor: dict[str, object] | None = None) -> list[Item]:
    async def collect() -> list[Item]:
        return [item async for item in source.scan(cursor)]

    return asyncio.run(collect())


def write_jsonl(path: Path, lines: list[str | dict[str, object]], *, compress: bool) -> None:
    data = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines).encode()
    path.write_bytes(gzip.compress(data) if compress else data)


# --- jsonl -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [False, True])
def test_jsonl_reads_documents_and_reports_bad_lines(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("a.jsonl.gz" if compress else "a.jsonl")
    write_jsonl(
        path,
        [
            {"id": "tt-1", "text": "First article text.", "slug": "First-Article"},
            "{not json",
            "",
            "[1, 2]",
            {"id": "tt-2", "text": "   "},
            {"id": "tt-3"},
            {"id": "tt-4", "text": 42},
            {"text": "No id here.", "url": "https://e.com/x", "published_at": "2025-01-02", "title": "T"},
        ],
        compress=compress,
    )
    items = scan(JsonlSource(SourceConfig(name="a", kind="jsonl", path=path)))
    kinds = [(type(i).__name__, getattr(i, "reason", None), i.source_ref) for i in items]
    assert kinds == [
        ("Document", None, "tt-1"),
        ("Rejected", "bad_record", "a.jsonl" + (".gz" if compress else "") + ":2"),
        ("Rejected", "bad_record", f"{path.name}:4"),
        ("Rejected", "empty", "tt-2"),
        ("Rejected", "empty", "tt-3"),
        ("Rejected", "bad_record", "tt-4"),
        ("Document", None, f"{path.name}:8"),
    ]
    first, last = items[0], items[-1]
    assert isinstance(first, Document) and isinstance(last, Document)
    assert first.text == "First article text." and first.title is None
    assert (last.url, last.published_at, last.title) == ("https://e.com/x", "2025-01-02", "T")
    assert [i.cursor["line"] for i in items if i.cursor] == [1, 2, 4, 5, 6, 7, 8]


def test_jsonl_field_mapping_dotted_and_slug_title(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    write_jsonl(
        path,
        [{"key": 7, "body": {"text": "Hello world."}, "meta": {"d": 1739176200}, "slug": "A-B_c"}],
        compress=False,
    )
    opts = {"fields": {"id": "key", "text": "body.text", "published_at": "meta.d", "slug": "slug"}}
    (doc,) = scan(JsonlSource(SourceConfig(name="m", kind="jsonl", path=path, options=opts)))
    assert isinstance(doc, Document)
    assert (doc.source_ref, doc.text, doc.published_at, doc.title) == (
        "7",
        "Hello world.",
        1739176200,
        "A B c",
    )


@pytest.mark.parametrize("compress", [False, True])
def test_jsonl_resume_from_cursor_reads_only_the_rest(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / "r.jsonl.gz"
    write_jsonl(path, [{"id": f"a{i}", "text": f"Article number {i}."} for i in range(10)], compress=compress)
    source = JsonlSource(SourceConfig(name="r", kind="jsonl", path=path))
    items = scan(source)
    tail = scan(source, dict(items[5].cursor or {}))
    assert [i.source_ref for i in tail] == [f"a{i}" for i in range(6, 10)]
    assert [i.cursor for i in tail] == [i.cursor for i in items[6:]]


def test_jsonl_fingerprint_changes_with_content(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    write_jsonl(path, [{"text": "one"}], compress=False)
    source = JsonlSource(SourceConfig(name="f", kind="jsonl", path=path))
    fp1 = source.fingerprint()
    assert fp1 is not None and source.fingerprint() == fp1
    write_jsonl(path, [{"text": "one"}, {"text": "two"}], compress=False)
    assert source.fingerprint() not in (None, fp1)


def test_jsonl_missing_file_is_a_source_error(tmp_path: Path) -> None:
    source = JsonlSource(SourceConfig(name="x", kind="jsonl", path=tmp_path / "missing.jsonl"))
    assert source.fingerprint() is None
    with pytest.raises(SourceError, match="cannot open"):
        scan(source)


# --- folder ------------------------------------------------------------------------------------------------

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
    assert [(i.source_ref, i.reason) for i in items if isinstance(i, Rejected)] == [("b/z.html", "too_large")]
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


def test_example_sources_file_is_valid() -> None:
    example = Path(__file__).resolve().parents[2] / "services" / "fetcher" / "sources.example.yaml"
    configs = load_sources_file(example)
    assert [c.kind for c in configs] == ["jsonl", "folder", "feed", "sitemap", "site"]
    for cfg in configs:
        open_source(cfg)


def test_cancelling_a_scan_mid_chunk_closes_the_file_cleanly(tmp_path: Path) -> None:
    import threading
    import time

    started = threading.Event()

    class SlowSource(JsonlSource):
        def iter_items(self, cursor: object) -> Iterator[Item]:  # type: ignore[override]
            for item in super().iter_items(None):
                started.set()
                time.sleep(0.02)  # the reading thread is busy when the scan is cancelled
                yield item

    path = tmp_path / "s.jsonl"
    write_jsonl(path, [{"text": f"t{i}"} for i in range(100)], compress=False)
    source = SlowSource(SourceConfig(name="s", kind="jsonl", path=path))

    async def scenario() -> None:
        async def consume() -> None:
            async for _ in source.scan(None):
                pass

        task = asyncio.create_task(consume())
        await asyncio.to_thread(started.wait, 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())


def test_web_specs_carry_a_url_and_optional_missing_files_are_left_out(tmp_path: Path) -> None:
    from services.fetcher.config import parse_source_spec
    from services.fetcher.service import present

    cfg = parse_source_spec("feed:http://127.0.0.1:8080/feed.xml")
    assert (cfg.kind, cfg.url, cfg.path, cfg.name) == (
        "feed",
        "http://127.0.0.1:8080/feed.xml",
        None,
        "127.0.0.1-8080-feed.xml",
    )
    named = parse_source_spec("tt=site:https://www.tehrantimes.com/")
    assert named.name == "tt" and named.kind == "site" and open_source(named).kind == "site"
    with pytest.raises(ConfigError):
        open_source(SourceConfig(name="x", kind="feed"))  # no url
    with pytest.raises(ConfigError):
        open_source(SourceConfig(name="x", kind="feed", url="ftp://example.org/feed"))
    missing = SourceConfig(name="corpus", kind="jsonl", path=tmp_path / "absent.jsonl.gz", optional=True)
    assert present([missing, cfg]) == [cfg]
