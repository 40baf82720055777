"""`/v1/articles`: the articles the extractor handled (newest publication first), and one with its events."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Path, Query, Response

from services.store.api.cursor import InvalidCursor, decode_cursor, encode_cursor, fingerprint
from services.store.api.deps import (
    ID_PATTERN,
    INSTANT,
    PRINTABLE,
    ConnDep,
    CursorParam,
    PageSizeDep,
    SettingsDep,
    parse_instant,
)
from services.store.api.problems import NOT_FOUND, ApiProblem
from services.store.api.schemas import ArticleList, ArticleWithEvents
from services.store.crud.articles import ArticleFilter, ArticleKey, get_article, list_articles

router = APIRouter(prefix="/v1/articles", tags=["articles"])

ORDER = "published"


def _after(cursor: str | None, flt: ArticleFilter) -> tuple[ArticleKey | None, str]:
    params: dict[str, Any] = {
        "publisher": flt.publisher,
        "published_since": flt.published_since,
        "published_until": flt.published_until,
        "status": list(flt.statuses),
    }
    fp = fingerprint({k: v for k, v in params.items() if v not in (None, [])})
    if cursor is None:
        return None, fp
    try:
        return decode_cursor(cursor, ORDER, fp), fp
    except InvalidCursor as exc:
        error = {"parameter": "cursor", "location": "query", "message": str(exc)}
        raise ApiProblem(400, "invalid-cursor", str(exc), errors=[error]) from None


@router.get("", response_model=ArticleList, summary="List articles")
def list_articles_route(
    conn: ConnDep,
    settings: SettingsDep,
    size: PageSizeDep,
    publisher: Annotated[str | None, Query(min_length=1, max_length=200, pattern=PRINTABLE)] = None,
    published_since: Annotated[str | None, Query(pattern=INSTANT, description="ISO date or datetime")] = None,
    published_until: Annotated[
        str | None, Query(pattern=INSTANT, description="ISO date (until its end) or datetime")
    ] = None,
    status: Annotated[
        list[Literal["extracted", "no_events", "skipped"]] | None,
        Query(max_length=3, description="any of: extracted (with events), no_events, skipped"),
    ] = None,
    cursor: CursorParam = None,
) -> Response:
    """Articles by publication instant, newest first (unknown last), keyset-paged like the events."""
    flt = ArticleFilter(
        publisher=publisher,
        published_since=parse_instant("published_since", published_since),
        published_until=parse_instant("published_until", published_until, end_of_day=True),
        statuses=sorted(set(status or ())),
    )
    after, fp = _after(cursor, flt)
    page = list_articles(conn, flt, after=after, limit=size, total_cap=settings.api_total_exact_max)
    next_cursor = encode_cursor(ORDER, page.next_key, fp) if page.next_key is not None else None
    body = {
        "items": page.items,
        "next_cursor": next_cursor,
        "total": page.total.value,
        "total_is_estimate": page.total.estimate,
    }
    return Response(orjson.dumps(body), media_type="application/json")


@router.get(
    "/{article_id}",
    response_model=ArticleWithEvents,
    summary="Get one article and its events",
    responses=NOT_FOUND,
)
def get_article_route(
    conn: ConnDep, article_id: Annotated[str, Path(min_length=1, max_length=128, pattern=ID_PATTERN)]
) -> Response:
    """The article's metadata, extraction status and current events (404 before its summary is stored)."""
    found = get_article(conn, article_id)
    if found is None:
        raise ApiProblem(404, "not-found", f"article {article_id!r} not found")
    article, event_docs = found
    head = orjson.dumps(article)[:-1]
    body = head + b',"events":[' + b",".join(event_docs) + b"]}"
    return Response(body, media_type="application/json")
