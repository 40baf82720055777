"""Pure article building: clean text, canonical URL, language, published date, `RawArticle`.

No I/O here. `clean_text` removes markup remnants and normalises whitespace but never rewrites
sentences: the extractor's evidence offsets index into the text it returns. The cleaned text
keeps line breaks (`\\n`) and paragraph breaks (one blank line, `\\n\\n`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from pydantic import ValidationError

from libs.contracts.articles import (
    MAX_TEXT_CHARS,
    FetchMeta,
    RawArticle,
    article_id_for,
    content_hash,
    truncate_text,
)
from libs.contracts.records import OutRecord, encode
from libs.extraction.language import detect_language as shared_detect_language
from services.fetcher.documents import Document
from services.fetcher.errors import ArticleSkipped

#: `ce_source` of every record the fetcher publishes.
CE_SOURCE = "accord/fetcher"

#: Texts shorter than this (after cleaning) get no detected language.
MIN_CHARS_FOR_LANGUAGE = 20


# --- text cleaning -----------------------------------------------------------------------------

_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_EMPTY_LINK = re.compile(r"\[\s*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|www\.|mailto:)[^)\s]*(?:\s+\"[^\"\n]*\")?\)")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1")
_HTML_DROP = re.compile(r"<(script|style|noscript|iframe)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|tr|section|article)\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:a|abbr|article|aside|b|big|blockquote|br|center|cite|code|dd|div|dl|dt|em|figcaption|figure|"
    r"font|footer|h[1-6]|header|hr|i|img|ins|del|li|main|mark|nav|ol|p|picture|pre|q|s|section|small|"
    r"source|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|time|tr|tt|u|ul|video|audio|"
    r"meta|link|html|head|body|title|label|button|input|form|svg|path)\b[^<>]*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Characters that one pass maps away: line separators → "\n", other whitespace (every character
# `str.isspace` accepts besides " " and "\n") → " ", invisible characters (soft hyphen, zero-width
# space, BOM, C0 controls) → "". ZWNJ/ZWJ are kept: Persian and Arabic text needs them.
_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = (
    "\t\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_INVISIBLES = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F, 0xAD, 0x200B, 0x2060, 0xFEFF]))
_ODD_MAP = {
    "\r\n": "\n",
    **dict.fromkeys(_LINE_BREAKS, "\n"),
    **dict.fromkeys(_SPACES, " "),
    **dict.fromkeys(_INVISIBLES, ""),
}
_ODD_CHAR = re.compile("\r\n|[" + re.escape(_LINE_BREAKS + _SPACES + _INVISIBLES) + "]")


def _map_odd(m: re.Match[str]) -> str:
    return _ODD_MAP[m.group()]


_MULTI_SPACE = re.compile(r" {2,}")


def _normalize_lines(s: str) -> str:
    """Strip every line, collapse space runs, fold runs of blank lines into one (paragraph break)."""
    out: list[str] = []
    blank = False
    for line in s.split("\n"):
        line = line.strip(" ")
        if not line:
            blank = bool(out)
            continue
        if "  " in line:
            line = _MULTI_SPACE.sub(" ", line)
        if blank:
            out.append("")
            blank = False
        out.append(line)
    return "\n".join(out)


def clean_text(raw: str) -> str:
    """Text without markup remnants and with normalised whitespace.

    Removes Markdown images (`![](...)`), keeps the words of Markdown links, drops heading markers,
    bold markers and rules, HTML tags, comments and script/style blocks, decodes HTML entities and
    drops invisible characters. Whitespace: tabs, NBSP and other spaces become one space, runs of
    spaces collapse, lines are stripped, and runs of blank lines become one blank line (paragraph
    break). Words and punctuation are otherwise untouched.

    Invariant of the result (used by `clean_content_hash`): no leading/trailing whitespace, no
    whitespace but ` ` and `\\n`, no double spaces, no space next to a newline, at most two newlines
    in a row.
    """
    s = _ODD_CHAR.sub(_map_odd, raw)
    if "](" in s:
        s = _MD_IMAGE.sub("", s)
        s = _MD_EMPTY_LINK.sub("", s)
        s = _MD_LINK.sub(r"\1", s)
    if "<" in s:
        s = _HTML_COMMENT.sub("", s)
        s = _HTML_DROP.sub("", s)
        s = _HTML_BREAK.sub("\n", s)
        s = _HTML_BLOCK_END.sub("\n\n", s)
        s = _HTML_TAG.sub("", s)
    if "#" in s:
        s = _MD_HEADING.sub("", s)
    if "**" in s or "__" in s:
        s = _MD_BOLD.sub(r"\2", s)
    if "---" in s or "***" in s or "___" in s or "- -" in s or "* *" in s:
        s = _MD_RULE.sub("", s)
    if "&" in s:
        s = _ENTITY.sub(lambda m: html.unescape(m.group(0)), s)
        s = _ODD_CHAR.sub(_map_odd, s)  # entities may decode to NBSP, tabs, invisible characters
    return _normalize_lines(s)


# --- URLs --------------------------------------------------------------------------------------

#: Query parameters that only track the click, never select the content.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
        "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src",
        "ref_url", "spm", "cmpid", "s_cid", "ncid", "sr_share", "oly_anon_id", "oly_enc_id", "vero_id",
        "wickedid", "__twitter_impression", "at_medium", "at_campaign", "rss", "rssfeed", "feed",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "matomo_")
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_PCT = re.compile(r"%[0-9a-fA-F]{2}")


def _is_tracking(name: str) -> bool:
    key = unquote(name).lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _remove_dot_segments(path: str) -> str:
    if "/." not in path:
        return path
    out: list[str] = []
    for seg in path.split("/"):
        if seg == "..":
            if len(out) > 1:
                out.pop()
        elif seg != ".":
            out.append(seg)
    result = "/".join(out)
    if path.endswith(("/.", "/..")):
        result += "/"
    return result if result.startswith("/") else "/" + result


def canonical_url(url: str | None) -> str | None:
    """The canonical form of an http(s) URL, or None when `url` is not one.

    Lower-cases scheme and host, drops user info, default ports, the fragment and tracking
    parameters (`utm_*`, `fbclid`, ...), sorts the remaining query parameters (each kept as
    written), resolves `.`/`..` path segments, upper-cases percent escapes, and gives an empty
    path as `/`.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    netloc = host.lower()
    if ":" in netloc:  # IPv6 literal
        netloc = f"[{netloc}]"
    if port is not None and str(port) != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = _PCT.sub(lambda m: m.group(0).upper(), parts.path or "/")
    path = _remove_dot_segments(path)
    query_parts = [p for p in parts.query.split("&") if p and not _is_tracking(p.split("=", 1)[0])]
    query = "&".join(sorted(_PCT.sub(lambda m: m.group(0).upper(), p) for p in query_parts))
    return urlunsplit((scheme, netloc, path, query, ""))


# --- language and dates --------------------------------------------------------------------------


def normalize_language(code: str | None) -> str | None:
    """A declared language as ISO 639-1 (`en-US` → `en`, `eng` → `en`); None when unknown."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    if len(base) == 2 and base.isalpha():
        return base
    if len(base) == 3 and base.isalpha():
        import pycountry

        lang = pycountry.languages.get(alpha_3=base)
        return getattr(lang, "alpha_2", None) if lang else None
    return None


def detect_language(text: str, sample_chars: int = 400) -> str | None:
    """ISO 639-1 code of `text` from its first `sample_chars` characters; None if too short.

    The detection is Accord's one detector (`libs.extraction.language`); its cost
    grows with the sample, not the article, so long articles cost the same as short.
    """
    if len(text) < MIN_CHARS_FOR_LANGUAGE:
        return None
    sample = text[:sample_chars]
    if len(text) > sample_chars:  # end on a word boundary
        cut = sample.rfind(" ")
        if cut > sample_chars // 2:
            sample = sample[:cut]
    return shared_detect_language(sample)


def parse_published_at(value: datetime | date | str | int | float | None) -> datetime | None:
    """A publication time as an aware datetime (naive → UTC; a bare date → midnight UTC).

    Accepts datetimes, ISO-8601 and common date strings, and epoch seconds (or milliseconds).
    Unparseable values give None: a bad date never costs the article.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    dt: datetime
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float):
        seconds = float(value) / 1000.0 if abs(value) > 1e11 else float(value)
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str):
        text = value.strip()
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        except ValueError:
            from dateutil import parser as dateparser

            try:
                dt = dateparser.parse(text)
            except (ValueError, OverflowError, TypeError):
                return None
    else:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


# --- building ----------------------------------------------------------------------------------


def clean_title(title: str | None) -> str | None:
    """A title on one line, markup removed; None when empty."""
    if not title:
        return None
    t = " ".join(clean_text(title).split())
    return t[:1000] or None


def build_article(
    doc: Document,
    *,
    source: str,
    kind: str,
    fetched_at: datetime,
    publisher: str | None = None,
    language: str | None = None,
    detect: bool = True,
    language_sample_chars: int = 400,
) -> RawArticle:
    """The `RawArticle` for `doc` from source `source` (of kind `kind`).

    Language: the document's declared one, else the source's (`language`), else detected (when
    `detect`). The article id hashes the canonical URL when the document has an http(s) URL, else
    the text. Raises `ArticleSkipped` with reason `empty` when no text is left after cleaning, or
    `invalid` when the contract rejects the result. A text over `MAX_TEXT_CHARS` is cut at a
    sentence boundary before it is hashed (`truncated=True`), so hash and id match the text sent.
    """
    text = clean_text(doc.text) if doc.text else ""
    if not text:
        raise ArticleSkipped("empty", f"no text after cleaning ({doc.source_ref})")
    truncated = len(text) > MAX_TEXT_CHARS
    if truncated:
        text = truncate_text(text)
    url = doc.url.strip() if doc.url and doc.url.strip() else None
    canon = canonical_url(url)
    lang = normalize_language(doc.language) or normalize_language(language)
    if lang is None and detect:
        lang = detect_language(text, language_sample_chars)
    chash = content_hash(text)
    article_id = "t" + chash[:32] if canon is None else article_id_for(canon, text)
    fetch: Mapping[str, Any] = {"kind": kind, "source_ref": doc.source_ref, **doc.fetch_extra}
    if doc.content_type and "content_type" not in fetch:
        fetch = {**fetch, "content_type": doc.content_type}
    try:
        return RawArticle(
            article_id=article_id,
            url=url,
            canonical_url=canon,
            title=clean_title(doc.title),
            text=text,
            language=lang,
            published_at=parse_published_at(doc.published_at),
            fetched_at=fetched_at,
            source=source,
            publisher=publisher,
            content_hash=chash,
            fetch=FetchMeta(**fetch),
            truncated=truncated,
        )
    except ValidationError as exc:
        raise ArticleSkipped("invalid", f"{doc.source_ref}: {exc.errors()[0].get('msg', exc)}") from exc


def to_record(article: RawArticle, topic: str) -> OutRecord:
    """The `articles.raw` record of `article` (key = article id, CloudEvents headers)."""
    return encode(article, topic=topic, source=CE_SOURCE)
