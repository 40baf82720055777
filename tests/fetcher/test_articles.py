"""Unit tests of the pure article building: cleaning, canonical URLs, language, dates, RawArticle."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone

import orjson
import pytest

from libs.contracts.articles import RawArticle, article_id_for, content_hash
from libs.contracts.records import headers_to_dict
from services.fetcher.articles import (
    ArticleSkipped,
    build_article,
    canonical_url,
    clean_text,
    clean_title,
    detect_language,
    normalize_language,
    parse_published_at,
    to_record,
)
from services.fetcher.documents import Document

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

# --- clean_text ----------------------------------------------------------------------------------


def test_strips_markdown_images_and_keeps_the_sentence_after() -> None:
    raw = "![](https://media.example.com/d/t/2025/02/10/4/5374224.jpg?# )\nTEHRAN Iran and Iraq met.Both sides agreed."
    assert clean_text(raw) == "TEHRAN Iran and Iraq met.Both sides agreed."


def test_markdown_links_keep_their_words_and_linked_images_vanish() -> None:
    raw = "Read [the report](https://example.com/r?id=1) now. [![logo](https://x/y.png)](https://x/)"
    assert clean_text(raw) == "Read the report now."


def test_html_remnants_entities_and_scripts() -> None:
    raw = "<p>Iran &amp; Iraq signed&nbsp;a deal.</p><script>var x = 1;</script><p>Talks <b>continue</b>.</p>"
    assert clean_text(raw) == "Iran & Iraq signed a deal.\n\nTalks continue."


def test_comparison_signs_are_not_mistaken_for_tags() -> None:
    raw = "Growth was <5% in 2024 while exports rose > 3% and x<y holds."
    assert clean_text(raw) == raw


def test_headings_bold_and_rules() -> None:
    raw = "# Science week\n\n**Tehran** hosted it.\n\n---\n\nMore text."
    assert clean_text(raw) == "Science week\n\nTehran hosted it.\n\nMore text."


def test_whitespace_normalised_paragraphs_kept() -> None:
    raw = "  First  line\twith   tabs.\r\n   Second line.\u00a0\n\n\n\n   New   paragraph.  \u200b\n  "
    assert clean_text(raw) == "First line with tabs.\nSecond line.\n\nNew paragraph."


def test_sentences_are_not_rewritten() -> None:
    # The crawl's missing spaces after full stops and odd punctuation stay as they are.
    raw = "The meeting ended.During the talks, officials said: 'ok'!! (Iran–Iraq)…"
    assert clean_text(raw) == raw


def test_persian_zero_width_non_joiner_is_kept() -> None:
    raw = "می\u200cخواهم"
    assert clean_text(raw) == raw


def test_empty_and_markup_only() -> None:
    assert clean_text("") == ""
    assert clean_text("  \n\t ") == ""
    assert clean_text("![](https://x/y.jpg)") == ""


def test_clean_text_is_idempotent() -> None:
    raw = "<p>A &amp; B</p>\n\n\n  ![](x.png) text **bold** [l](https://a.b/c)\u00a0 end"
    once = clean_text(raw)
    assert clean_text(once) == once


_ALPHABET = [
    *"ab .,;'\"-",
    "\n", "\r", "\t", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u2000", "\u2028", "\u2029",
    "\u3000", "\u200b", "\ufeff", "\u00ad", "\x00", "<p>", "</p>", "&amp;", "&nbsp;", "&#9;", "**",
    "# ", "![](x)", "[a](https://b.c)", "é", "ß", "ی",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(5))
def test_cleaned_text_invariant_and_fast_hash_equals_contract_hash(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(400):
        raw = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 60)))
        cleaned = clean_text(raw)
        assert cleaned == cleaned.strip()
        assert (
            "  " not in cleaned and " \n" not in cleaned and "\n " not in cleaned and "\n\n\n" not in cleaned
        )
        assert all(not ch.isspace() or ch in " \n" for ch in cleaned), repr(cleaned)


# --- canonical URLs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.COM/News/1", "https://www.example.com/News/1"),
        ("https://example.com:443/a#section-2", "https://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com", "https://example.com/"),
        (
            "https://example.com/a?utm_source=tw&b=2&a=1&fbclid=XYZ&UTM_Medium=x",
            "https://example.com/a?a=1&b=2",
        ),
        ("https://example.com/a?utm_source=x", "https://example.com/a"),
        ("https://user:pw@example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/caf%c3%a9?q=%e2%82%ac", "https://example.com/caf%C3%A9?q=%E2%82%AC"),
        ("  https://example.com/x  ", "https://example.com/x"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url", [None, "", "ftp://example.com/a", "mailto:a@b.c", "/relative/path", "http://"]
)
def test_canonical_url_none_for_non_http(url: str | None) -> None:
    assert canonical_url(url) is None


def test_canonical_url_is_idempotent() -> None:
    once = canonical_url("HTTPS://Ex.com:443/a/../b?z=1&utm_x=2&a=%2f#f")
    assert once is not None and canonical_url(once) == once


# --- language and dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The two countries signed a memorandum of understanding on scientific cooperation.", "en"),
        ("Les deux pays ont signé un protocole d'accord sur la coopération scientifique et technique.", "fr"),
        ("دو کشور تفاهم‌نامه همکاری‌های علمی و فناوری امضا کردند و بر توسعه روابط تاکید کردند.", "fa"),
        ("Die beiden Länder unterzeichneten ein Abkommen über die wissenschaftliche Zusammenarbeit.", "de"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detect_language_needs_some_text() -> None:
    assert detect_language("Hi there") is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"),
        ("EN-us", "en"),
        ("fa_IR", "fa"),
        ("eng", "en"),
        ("fas", "fa"),
        ("", None),
        (None, None),
        ("x1", None),
    ],
)
def test_normalize_language(code: str | None, expected: str | None) -> None:
    assert normalize_language(code) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-10", datetime(2025, 2, 10, tzinfo=UTC)),
        ("2025-02-10T08:30:00Z", datetime(2025, 2, 10, 8, 30, tzinfo=UTC)),
        (
            "2025-02-10T08:30:00+03:30",
            datetime(2025, 2, 10, 8, 30, tzinfo=timezone(timedelta(hours=3, minutes=30))),
        ),
        ("Mon, 10 Feb 2025 08:30:00 GMT", datetime(2025, 2, 10, 8, 30, tzinfo=UTC)),
        (1739176200, datetime(2025, 2, 10, 8, 30, tzinfo=UTC)),
        (1739176200000, datetime(2025, 2, 10, 8, 30, tzinfo=UTC)),
        (date(2025, 2, 10), datetime(2025, 2, 10, tzinfo=UTC)),
        (datetime(2025, 2, 10, 8, 30), datetime(2025, 2, 10, 8, 30, tzinfo=UTC)),
        ("not a date at all", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_published_at(value: object, expected: datetime | None) -> None:
    assert parse_published_at(value) == expected  # type: ignore[arg-type]


# --- build_article -----------------------------------------------------------------------------------


def _doc(**kw: object) -> Document:
    values: dict[str, object] = {
        "text": "TEHRAN – Iran and Iraq signed an agreement on science cooperation on Sunday.",
        "source_ref": "corpus.jsonl.gz:7",
    }
    values.update(kw)
    return Document(**values)  # type: ignore[arg-type]


def test_build_article_without_url_ids_by_text() -> None:
    doc = _doc(text="  ![](x.jpg)\nTEHRAN – Iran and Iraq signed an agreement on science cooperation.  ")
    art = build_article(doc, source="tt", kind="jsonl", fetched_at=NOW, publisher="Tehran Times")
    assert art.text == "TEHRAN – Iran and Iraq signed an agreement on science cooperation."
    assert art.content_hash == content_hash(art.text)
    assert art.article_id == article_id_for(None, art.text)
    assert art.canonical_url is None and art.url is None
    assert art.language == "en"
    assert art.source == "tt" and art.publisher == "Tehran Times"
    assert art.fetch.kind == "jsonl" and art.fetch.source_ref == "corpus.jsonl.gz:7"
    assert art.fetched_at == NOW


def test_build_article_with_url_ids_by_canonical_url() -> None:
    doc = _doc(url="HTTPS://Example.com/news/1?utm_source=x#top", title=" <b>Iran &amp; Iraq</b> sign  pact ")
    art = build_article(doc, source="s", kind="folder", fetched_at=NOW)
    assert art.url == "HTTPS://Example.com/news/1?utm_source=x#top"
    assert art.canonical_url == "https://example.com/news/1"
    assert art.article_id == article_id_for("https://example.com/news/1", art.text)
    assert art.title == "Iran & Iraq sign pact"


def test_same_article_from_two_urls_variants_has_one_id() -> None:
    a = build_article(_doc(url="https://example.com/a?utm_campaign=1"), source="s", kind="k", fetched_at=NOW)
    b = build_article(
        _doc(url="https://EXAMPLE.com/a#x", text="Edited text."), source="s", kind="k", fetched_at=NOW
    )
    assert a.article_id == b.article_id
    assert a.content_hash != b.content_hash


def test_declared_language_wins_over_detection() -> None:
    art = build_article(_doc(language="fa-IR"), source="s", kind="k", fetched_at=NOW, language="en")
    assert art.language == "fa"
    art = build_article(_doc(), source="s", kind="k", fetched_at=NOW, language="de")
    assert art.language == "de"
    art = build_article(_doc(), source="s", kind="k", fetched_at=NOW, detect=False)
    assert art.language is None


def test_published_at_parsed_and_bad_date_ignored() -> None:
    art = build_article(_doc(published_at="2025-02-10"), source="s", kind="k", fetched_at=NOW)
    assert art.published_at == datetime(2025, 2, 10, tzinfo=UTC)
    art = build_article(_doc(published_at="soon"), source="s", kind="k", fetched_at=NOW)
    assert art.published_at is None


def test_empty_document_is_rejected() -> None:
    with pytest.raises(ArticleSkipped) as info:
        build_article(_doc(text="![](https://x/y.jpg)\n  "), source="s", kind="k", fetched_at=NOW)
    assert info.value.reason == "empty"


def test_fetch_extra_reaches_fetch_meta() -> None:
    doc = _doc(fetch_extra={"http_status": 200, "etag": '"abc"'}, content_type="text/html")
    art = build_article(doc, source="s", kind="page", fetched_at=NOW)
    assert (
        art.fetch.http_status == 200 and art.fetch.etag == '"abc"' and art.fetch.content_type == "text/html"
    )


def test_clean_title() -> None:
    assert clean_title("  # A   title\n on two lines ") == "A title on two lines"
    assert clean_title("") is None and clean_title(None) is None


def test_record_round_trips_and_carries_cloudevents_headers() -> None:
    art = build_article(_doc(url="https://example.com/n/1"), source="s", kind="jsonl", fetched_at=NOW)
    rec = to_record(art, "articles.raw.x")
    assert rec.topic == "articles.raw.x"
    assert rec.key == art.article_id.encode()
    assert RawArticle.model_validate(orjson.loads(rec.value or b"")) == art
    headers = headers_to_dict(rec.headers)
    assert headers["ce_type"] == "org.accord.article.raw.v1"
    assert headers["ce_source"] == "accord/fetcher"
    assert headers["ce_id"] == f"{art.article_id}:{art.content_hash[:16]}"
    assert headers["content-type"] == "application/json"
