"""Page metadata and the article/non-article judgement (pure)."""

from __future__ import annotations

from services.fetcher.web.extract import judge, parse_page
from tests.fetcher.web.site import article_html


def _judge(
    html: str, url: str = "http://x.test/news/1", language: str | None = "en", detected: str | None = "en"
) -> str | None:
    page = parse_page(html.encode(), "text/html", url)
    return judge(page, url=url, min_chars=200, max_chars=100_000, language=language, detected=detected)


def test_metadata_from_meta_tags_and_json_ld() -> None:
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",'
          '"datePublished":"2025-02-10T05:45:00Z","author":{"@type":"Person","name":"Sara Ahmadi"}}]}</script>')  # fmt: skip
    html = article_html(
        "Universities sign exchange deal", published=None, canonical="/news/1/deal", extra_head=ld
    )
    page = parse_page(html.encode(), "text/html", "http://x.test/news/1?ref=home")
    assert page.title == "Universities sign exchange deal"
    assert page.published_at == "2025-02-10T05:45:00Z" and page.author == "Sara Ahmadi"
    assert page.canonical == "http://x.test/news/1/deal" and page.language == "en"
    assert "exchange professors" in page.text and "All rights reserved" not in page.text
    assert _judge(html) is None


def test_listing_consent_short_long_and_language() -> None:
    teasers = "".join(
        f'<article><h2><a href="/n/{i}">Headline {i}</a></h2><p>Teaser {i}.</p></article>' for i in range(8)
    )
    assert _judge(f"<html><body>{teasers}</body></html>") == "listing_page"
    assert _judge(article_html("Home"), url="http://x.test/") == "listing_page"
    consent = (
        "<html><head><title>Before you continue</title></head><body><p>Accept all cookies.</p></body></html>"
    )
    assert _judge(consent) == "blocked_page"
    assert _judge(article_html("Brief", paragraphs=["Two ministers met."])) == "too_short"
    assert _judge(article_html("Long", paragraphs=["word " * 30_000])) == "too_long"
    assert _judge(article_html("Un accord"), detected="fr") == "wrong_language"
    assert _judge(article_html("Any language"), language=None, detected="fr") is None


def test_malformed_and_empty_markup_never_raise() -> None:
    for body in (
        b"",
        b"\x00\x01\x02",
        b"<html><body><div><div><div>" * 2000,
        b"<?xml version='1.0' encoding='latin-1'?><p>x</p>",
    ):
        page = parse_page(body, "text/html", "http://x.test/a")
        assert isinstance(page.text, str)
