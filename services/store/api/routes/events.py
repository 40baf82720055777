"""`/v1/events`: cooperation events, filtered and keyset-paged, and single events by id."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from pydantic import BaseModel, Field

from libs.contracts.events import CooperationEvent, EventType, Sector
from services.store.api.cursor import InvalidCursor, decode_cursor, encode_cursor, fingerprint
from services.store.api.deps import ConnDep, SettingsDep, only_params
from services.store.db.queries import EventFilter, Sort, Status, get_event, list_events

router = APIRouter(prefix="/v1/events", tags=["events"])

ALPHA3 = r"^[A-Za-z]{3}$"
LIST_PARAMS = (
    "type",
    "country",
    "igo",
    "sector",
    "location_country",
    "date_from",
    "date_to",
    "since",
    "article_id",
    "min_confidence",
    "status",
    "sort",
    "limit",
    "cursor",
)
JSON = "application/json"


class EventPage(BaseModel):
    """A page of events. Follow `next_cursor` (null on the last page) with the same filters."""

    items: list[CooperationEvent] = Field(
        description="events as the CooperationEvent v1 contract defines them"
    )
    next_cursor: str | None = Field(description="opaque; pass as `cursor` to get the next page")
    total: int = Field(description="number of events matching the filters, over all pages")


class Problem(BaseModel):
    detail: str


@router.get(
    "",
    response_model=EventPage,
    summary="List events",
    responses={400: {"model": Problem}, 422: {"model": Problem}, 503: {"model": Problem}},
    dependencies=[Depends(only_params(*LIST_PARAMS))],
)
def list_events_route(
    conn: ConnDep,
    settings: SettingsDep,
    types: Annotated[list[EventType] | None, Query(alias="type", description="any of these types")] = None,
    country: Annotated[
        list[Annotated[str, Field(pattern=ALPHA3)]] | None,
        Query(description="ISO alpha-3; repeatable: events involving ALL given countries"),
    ] = None,
    igo: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=64)]] | None,
        Query(description="IGO short name (UNESCO, BRICS); repeatable: ALL given"),
    ] = None,
    sector: Annotated[
        list[Sector] | None, Query(description="repeatable: events in ALL given sectors")
    ] = None,
    location_country: Annotated[str | None, Query(pattern=ALPHA3, description="where it took place")] = None,
    date_from: Annotated[date | None, Query(description="event date range ends on or after")] = None,
    date_to: Annotated[date | None, Query(description="event date range starts on or before")] = None,
    since: Annotated[
        datetime | None,
        Query(description="stored or changed (e.g. retired) after this instant; naive = UTC"),
    ] = None,
    article_id: Annotated[str | None, Query(min_length=1, max_length=128)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    status: Annotated[
        Status, Query(description="current (default), retired (superseded by a re-extraction) or all")
    ] = "current",
    sort: Annotated[
        Sort, Query(description="-date: event date, newest first, undated last; updated: oldest change first")
    ] = "-date",
    limit: Annotated[int | None, Query(description="page size (default and maximum are configured)")] = None,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
) -> Response:
    """Events matching every given filter, one page at a time (keyset paging; `total` counts all pages).

    By default only current events: those of each article's latest extraction.
    """
    size = settings.api_page_size_default if limit is None else limit
    if not 1 <= size <= settings.api_page_size_max:
        raise HTTPException(422, f"limit must be between 1 and {settings.api_page_size_max}, got {limit}")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from {date_from} is after date_to {date_to}")
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)

    flt = EventFilter(
        types=[t.value for t in types or ()],
        countries=sorted({c.upper() for c in country or ()}),
        igos=sorted(set(igo or ())),
        sectors=sorted({s.value for s in sector or ()}),
        location_country=location_country.upper() if location_country else None,
        date_from=date_from,
        date_to=date_to,
        since=since,
        article_id=article_id,
        min_confidence=min_confidence,
        status=status,
    )
    fp = fingerprint(
        {k: v for k, v in _filter_params(flt).items() if v not in (None, [], ())} | {"sort": sort}
    )
    after = None
    if cursor is not None:
        try:
            after = decode_cursor(cursor, sort, fp)
        except InvalidCursor as exc:
            raise HTTPException(400, str(exc)) from None

    page = list_events(conn, flt, sort=sort, after=after, limit=size)
    next_cursor = encode_cursor(sort, page.next_key, fp) if page.next_key is not None else None
    body = b"".join(
        (
            b'{"items":[',
            ",".join(page.items).encode(),
            b'],"next_cursor":',
            orjson.dumps(next_cursor),
            b',"total":',
            str(page.total).encode(),
            b"}",
        )
    )
    return Response(content=body, media_type=JSON)


def _filter_params(flt: EventFilter) -> dict[str, Any]:
    return {
        "type": list(flt.types),
        "country": list(flt.countries),
        "igo": list(flt.igos),
        "sector": list(flt.sectors),
        "location_country": flt.location_country,
        "date_from": flt.date_from,
        "date_to": flt.date_to,
        "since": flt.since.isoformat() if flt.since else None,
        "article_id": flt.article_id,
        "min_confidence": flt.min_confidence,
        "status": flt.status,
    }


@router.get(
    "/{event_id}",
    response_model=CooperationEvent,
    summary="Get one event",
    responses={404: {"model": Problem}, 503: {"model": Problem}},
    dependencies=[Depends(only_params())],
)
def get_event_route(conn: ConnDep, event_id: Annotated[str, Path(max_length=128)]) -> Response:
    """One event by id, current or retired; a retired one carries the `Accord-Retired-At` header."""
    found = get_event(conn, event_id)
    if found is None:
        raise HTTPException(404, f"event {event_id!r} not found")
    payload, retired_at = found
    headers = {"Accord-Retired-At": retired_at.isoformat()} if retired_at else None
    return Response(content=payload.encode(), media_type=JSON, headers=headers)
