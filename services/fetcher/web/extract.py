"""An article page's main text and metadata, and whether it is an article at all. Pure functions.

`parse_page(body, content_type, url)` decodes the bytes (`charset.decode_body`: pages that lie
about their encoding are detected), parses them once with lxml and returns a `PageInfo`:

- text: trafilatura's main text (boilerplate removed), else the visible text of `<body>`;
- title: the first `<h1>` when `<title>` only adds the site name to it, else `<title>`, `og:title`;
- author: `<meta name=author>`, `article:author`, JSON-LD `author.name`, else trafilatura's;
- published_at: `article:published_time` (and the usual meta tags), JSON-LD `datePublished`,
  `<time datetime>`, else htmldate (through trafilatura);
- canonical: `<link rel=canonical>`, else `og:url` (absolute);
- language: the declared one (`<html lang>`, `og:locale`);
- signals for `judge`: `<article>` count, headings that are links, consent/block phrases.

`judge(page, url=..., min_chars=..., language=..., detected=...)` names why a page is not an
article (`blocked_page`, `listing_page`, `too_short`, `too_long`, `wrong_language`) or None.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from services.fetcher.web.charset import decode_body

logging.getLogger("trafilatura").setLevel(logging.WARNING)
logging.getLogger("htmldate").setLevel(logging.WARNING)

DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "date",
)  # fmt: skip
AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "sailthru.author")
#: phrases of consent walls, bot checks and block pages (only judged on short pages)
BLOCK_PHRASES = re.compile(
    r"\b(access denied|attention required|are you a (robot|human)|verify (that )?you are (a )?human|captcha|"
    r"please enable (javascript|cookies)|enable javascript (and|to)|cookie (consent|settings)|accept (all )?cookies|"
    r"before you continue|just a moment|request (was )?blocked|403 forbidden|subscribe to (continue|read))\b",
    re.IGNORECASE,
)
BLOCK_MAX_CHARS = 1500
MAX_JSONLD_CHARS = 200_000
MAX_TREE_ELEMENTS = 200_000
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What a page holds (see the module docstring); picklable (built in worker processes)."""

    text: str
    title: str | None = None
    author: str | None = None
    published_at: str | None = None
    canonical: str | None = None
    language: str | None = None
    og_type: str | None = None
    encoding: str = "utf-8"
    article_elements: int = 0
    linked_headings: int = 0
    block_phrase: str | None = None


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _meta(tree: Any, names: tuple[str, ...]) -> str | None:
    wanted = {n.lower() for n in names}
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = _clean(el.get("content"))
        if key in wanted and value and key not in found:
            found[key] = value
    return next((found[n.lower()] for n in names if n.lower() in found), None)


def _first(tree: Any, xpath: str) -> str | None:
    for el in tree.xpath(xpath):
        text = _clean(el if isinstance(el, str) else el.text_content())
        if text:
            return text
    return None


def _jsonld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        raw = script.text or ""
        if not raw.strip() or len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def _jsonld(tree: Any) -> tuple[str | None, str | None]:
    """(datePublished, author name) from the page's JSON-LD."""
    date = author = None
    for obj in _jsonld_objects(tree):
        date = date or _clean(obj.get("datePublished"))
        who = obj.get("author")
        if isinstance(who, list) and who:
            who = who[0]
        if isinstance(who, dict):
            who = who.get("name")
        author = author or (_clean(who) if isinstance(who, str) else None)
    return date, author


def _title(tree: Any) -> str | None:
    heading = _first(tree, "//h1") or _first(tree, "//h2")
    title = _first(tree, "//title")
    if heading and (not title or heading in title):
        title = heading  # "<h1>" rather than "<h1> | Site name"
    return title or heading or _meta(tree, ("og:title",))


def _block_phrase(title: str | None, text: str) -> str | None:
    m = BLOCK_PHRASES.search(f"{title or ''}\n{text[:BLOCK_MAX_CHARS]}")
    return m.group(0).lower() if m else None


def _body_text(tree: Any) -> str:
    body = tree.find(".//body")
    root = body if body is not None else tree
    for el in list(root.iter("script", "style", "noscript", "template", "nav", "footer", "header")):
        if el is not root and el.getparent() is not None:
            el.drop_tree()
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


#: Elements whose content a browser never shows as text (fallback content, inert templates).
_NEVER_TEXT = ("iframe", "object", "embed", "template")


def _drop_never_text(tree: Any) -> None:
    """Remove `_NEVER_TEXT` elements: their inner markup is not the page's text (hostile pages hide text there)."""
    for el in list(tree.iter(*_NEVER_TEXT)):
        if el.getparent() is not None:
            el.drop_tree()


def _main_text(tree: Any, url: str) -> tuple[str, Any]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            max_tree_size=MAX_TREE_ELEMENTS,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises assorted errors on malformed markup
        doc = None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    return text, doc


def parse_page(body: bytes, content_type: str | None, url: str) -> PageInfo:
    """The `PageInfo` of an HTML response body fetched from `url` (never raises on bad markup)."""
    text, encoding = decode_body(body, content_type)
    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    try:
        tree = lxml.html.document_fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError):
        tree = None
    if tree is None:
        return PageInfo(text="", encoding=encoding)
    title = _title(tree)
    link = _first(tree, "//link[@rel='canonical']/@href") or _meta(tree, ("og:url",))
    ld_date, ld_author = _jsonld(tree)
    published = _meta(tree, DATE_META) or ld_date or _first(tree, "//time/@datetime")
    author = _meta(tree, AUTHOR_META) or ld_author
    language = _clean(tree.get("lang") or tree.get("xml:lang")) or _meta(
        tree, ("og:locale", "content-language")
    )
    articles = len(tree.xpath("//article"))
    linked = len(tree.xpath("//h2[.//a[@href]] | //h3[.//a[@href]] | //h4[.//a[@href]]"))
    og_type = _meta(tree, ("og:type",))
    _drop_never_text(tree)
    main, doc = _main_text(tree, url)
    if not main:
        main = _body_text(tree)
    if doc is not None:
        published = published or _clean(getattr(doc, "date", None))
        author = author or _clean(getattr(doc, "author", None))
        title = title or _clean(getattr(doc, "title", None))
    return PageInfo(
        text=main,
        title=title,
        author=author,
        published_at=published,
        canonical=urljoin(url, link) if link else None,
        language=language,
        og_type=og_type.lower() if og_type else None,
        encoding=encoding,
        article_elements=articles,
        linked_headings=linked,
        block_phrase=_block_phrase(title, main),
    )


def is_listing(page: PageInfo, url: str) -> bool:
    """A home, section or tag page rather than one article."""
    path = urlsplit(url).path or "/"
    if path == "/":
        return True
    if page.article_elements >= 3:
        return True
    if page.linked_headings >= 6 and not page.published_at:
        return True
    return page.og_type == "website" and not page.published_at and page.linked_headings >= 3


def judge(
    page: PageInfo,
    *,
    url: str,
    min_chars: int,
    max_chars: int,
    language: str | None,
    detected: str | None,
) -> str | None:
    """Why `page` (fetched from `url`) is not an article, or None when it is one.

    `language`: the source's declared language (None = any); `detected`: the text's language.
    """
    if page.block_phrase and len(page.text) < BLOCK_MAX_CHARS:
        return "blocked_page"
    if is_listing(page, url):
        return "listing_page"
    if len(page.text) < min_chars:
        return "too_short"
    if len(page.text) > max_chars:
        return "too_long"
    if language and detected and detected != language:
        return "wrong_language"
    return None
