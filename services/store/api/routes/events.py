"""`/v1/events`: cooperation events, filtered and keyset-paged, exported as CSV/NDJSON, and one by id."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Path, Query, Request, Response

from services.store.api import export
from services.store.api.cursor import InvalidCursor, decode_cursor, encode_cursor, fingerprint
from services.store.api.deps import (
    EXPORT_CAP_DEPENDENCIES,
    ID_PATTERN,
    ConnDep,
    CursorParam,
    EngineDep,
    EventFiltersDep,
    ExportCapDep,
    PageSizeDep,
    SettingsDep,
    page_size,
)
from services.store.api.fastparams import (
    FILTER_DEPENDENCIES,
    FILTER_PARAMS,
    FastParamsRoute,
    FastParser,
    Param,
    Unsure,
    count,
    fast_params,
    has_key_header,
    matching,
    one_of,
    read_filter,
    read_params,
)
from services.store.api.problems import NOT_FOUND, UNAUTHORIZED, ApiProblem
from services.store.api.schemas import EventList, StoredEvent
from services.store.crud.events import SORTS, Sort, SortKey, get_event, list_events
from services.store.crud.filters import EventFilter

router = APIRouter(prefix="/v1/events", tags=["events"], route_class=FastParamsRoute)

JSON = "application/json"
_EXPORT_CONTENT = {
    "text/csv": {"schema": {"type": "string"}, "example": "event_id,status,type,...\r\n"},
    "application/x-ndjson": {
        "schema": {"type": "string"},
        "example": '{"event_id": "...", "status": "current"}\n',
    },
}


def _after(cursor: str | None, sort: Sort, flt: EventFilter) -> tuple[SortKey | None, str]:
    """The position a cursor continues from (None without one) and the query's fingerprint."""
    fp = fingerprint(flt.fingerprint_params() | {"sort": sort})
    if cursor is None:
        return None, fp
    try:
        return decode_cursor(cursor, sort, fp), fp
    except InvalidCursor as exc:
        error = {"parameter": "cursor", "location": "query", "message": str(exc)}
        raise ApiProblem(400, "invalid-cursor", str(exc), errors=[error]) from None


FORMATS = ("json", "csv", "ndjson")
#: The query parameters of the listing the fast path reads (`FastParamsRoute`): the declarations' own forms.
_LIST_PARAMS = FILTER_PARAMS | {
    "limit": Param(count),
    "sort": Param(one_of(SORTS)),
    "cursor": Param(matching(r"^[A-Za-z0-9_-]*$", 1, 1024)),
    "format": Param(one_of(FORMATS)),
}


def _list_args(request: Request) -> dict[str, Any] | None:
    """`list_events_route`'s arguments read straight from the query string, or None (FastAPI's path:
    any key header, parameter or value that path might treat otherwise)."""
    if has_key_header(request):
        return None
    try:
        values = read_params(request.query_params, _LIST_PARAMS)
        flt = read_filter(values)
    except Unsure:
        return None
    settings = request.app.state.settings
    limit = values.get("limit")
    if limit is not None and limit > min(5000, settings.api_page_size_max):
        return None
    return {
        "request": request,
        "engine": request.app.state.engine,
        "settings": settings,
        "flt": flt,
        "size": settings.api_page_size_default if limit is None else limit,
        "row_cap": settings.api_export_max_rows_anonymous,
        "sort": values.get("sort", "-date"),
        "cursor": values.get("cursor"),
        "format": values.get("format"),
    }


_LIST_PARSER = FastParser(_list_args, FILTER_DEPENDENCIES | EXPORT_CAP_DEPENDENCIES | {page_size})


@router.get(
    "",
    response_model=EventList,
    summary="List or export events",
    responses={200: {"content": _EXPORT_CONTENT}, **UNAUTHORIZED},
)
@fast_params(_LIST_PARSER)
def list_events_route(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    flt: EventFiltersDep,
    size: PageSizeDep,
    row_cap: ExportCapDep,
    sort: Annotated[
        Sort, Query(description="-date: event date, newest first, undated last; updated: oldest change first")
    ] = "-date",
    cursor: CursorParam = None,
    format: Annotated[
        Literal["json", "csv", "ndjson"] | None,
        Query(description="csv or ndjson: an export (also by Accept: text/csv or application/x-ndjson)"),
    ] = None,
) -> Response:
    """Events matching every given filter, one page at a time (keyset paging; `total` counts all pages).

    By default only current events: those of each article's latest extraction. As CSV or NDJSON
    (`format`, or the `Accept` header) every match is streamed in the same order (`limit` does not
    apply; `cursor` starts after a position); without the API key at most the configured cap.
    """
    after, fp = _after(cursor, sort, flt)
    fmt = export.negotiate(request, format)
    if fmt != "json":
        if row_cap == 0:
            raise ApiProblem(
                401, "unauthorized", "exports need the API key (X-API-Key or Authorization: Bearer)"
            )
        return export.export_response(
            engine,
            flt,
            fmt,
            sort=sort,
            after=after,
            row_cap=row_cap,
            batch_rows=settings.api_export_batch_rows,
        )
    with engine.connect() as conn:
        page = list_events(
            conn, flt, sort=sort, after=after, limit=size, total_cap=settings.api_total_exact_max
        )
    next_cursor = encode_cursor(sort, page.next_key, fp) if page.next_key is not None else None
    body = b"".join(
        (
            b'{"items":[',
            b",".join(page.items),
            b'],"next_cursor":',
            orjson.dumps(next_cursor),
            b',"total":',
            str(page.total.value).encode(),
            b',"total_is_estimate":',
            b"true" if page.total.estimate else b"false",
            b"}",
        )
    )
    return Response(content=body, media_type=JSON)


@router.get("/{event_id}", response_model=StoredEvent, summary="Get one event", responses=NOT_FOUND)
def get_event_route(
    conn: ConnDep, event_id: Annotated[str, Path(min_length=1, max_length=128, pattern=ID_PATTERN)]
) -> Response:
    """One event by id, current or retracted; a retracted one also carries the `Accord-Retired-At` header."""
    found = get_event(conn, event_id)
    if found is None:
        raise ApiProblem(404, "not-found", f"event {event_id!r} not found")
    body, retired_at = found
    headers = {"Accord-Retired-At": retired_at.isoformat()} if retired_at else None
    return Response(content=body, media_type=JSON, headers=headers)
