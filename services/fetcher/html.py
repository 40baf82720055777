"""HTML page → main text plus metadata (title, canonical URL, publication time, language).

Used by the folder source for `.html` files and, later, by the web sources. The main text comes
from trafilatura (boilerplate such as navigation and footers removed, one paragraph per line);
when trafilatura finds no main content (very short pages), the visible text of `<body>` is used.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from lxml import etree

_BLOCK_TAGS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
    "article", "header", "footer", "ul", "ol", "table", "pre", "figure", "figcaption", "hr",
}  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "nav", "head")
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)
_SPACES = re.compile(r"[ \t\r\f\v]+")

logging.getLogger("trafilatura").setLevel(logging.WARNING)
logging.getLogger("htmldate").setLevel(logging.WARNING)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str
    title: str | None
    url: str | None
    published_at: str | None
    language: str | None


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    for el in tree.xpath(xpath):
        text = el if isinstance(el, str) else el.text_content()
        text = " ".join(str(text).split())
        if text:
            return text
    return None


def _meta(tree: lxml.html.HtmlElement, names: tuple[str, ...]) -> str | None:
    wanted = {n.lower() for n in names}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in wanted and (el.get("content") or "").strip():
            return str(el.get("content")).strip()
    return None


def _body_text(tree: lxml.html.HtmlElement) -> str:
    """Visible text with one line per block element (fallback when trafilatura returns nothing)."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    for tag in _DROP_TAGS:
        for el in list(root.iter(tag)):
            if el is not root and el.getparent() is not None:
                el.drop_tree()
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def extract_html(data: bytes | str, url: str | None = None) -> HtmlPage:
    """Main text and metadata of an HTML document (`url` resolves a relative canonical link).

    Title: `<title>` (the first `<h1>`/`<h2>` instead when `<title>` merely adds the site name to
    it), else the heading, else `og:title`. URL: `<link rel=canonical>`,
    else `og:url`, else `url`. Publication time: the usual meta tags, else trafilatura's date.
    """
    import trafilatura

    try:
        tree = lxml.html.fromstring(data)
    except (etree.ParserError, ValueError):
        return HtmlPage(text="", title=None, url=url, published_at=None, language=None)
    heading = _first_text(tree, "//h1") or _first_text(tree, "//h2")
    title = _first_text(tree, "//title")
    if heading and (not title or heading in title):
        title = heading  # "<h1>" rather than "<h1> | Site name"
    title = title or heading or _meta(tree, ("og:title",))
    link = _first_text(tree, "//link[@rel='canonical']/@href") or _meta(tree, ("og:url",))
    page_url = urljoin(url, link) if (link and url) else (link or url)
    published = _meta(tree, _DATE_META) or _first_text(tree, "//time/@datetime")
    lang = (
        tree.get("lang") or tree.get("xml:lang") or _meta(tree, ("og:locale", "language", "content-language"))
    )
    meta_date: str | None = None
    text = ""
    try:
        doc = trafilatura.bare_extraction(
            lxml.html.fromstring(data), url=page_url, with_metadata=True, include_comments=False
        )
    except Exception:  # trafilatura raises assorted errors on malformed markup
        doc = None
    if doc is not None:
        text = (getattr(doc, "text", None) or "").strip()
        meta_date = getattr(doc, "date", None)
    if not text:
        text = _body_text(tree)
    return HtmlPage(text=text, title=title, url=page_url, published_at=published or meta_date, language=lang)
