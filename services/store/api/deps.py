"""Request dependencies: settings, a database connection, the common event filters, paging, the API key
(the export cap, and `require_api_key`: the guard of every state-changing route), and the guard that
refuses query parameters a route does not take.

The dependencies that do not block are `async` so FastAPI runs them inline, not in the thread pool
(one thread hop per dependency and request would cost more than the work they do).

`EventFiltersDep` is THE filter model of every event list, export and aggregate
route: the parameters are declared once here and parsed into one
`services.store.crud.filters.EventFilter`.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Security
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine

from libs.contracts.events import EventType, Sector
from services.store.api.problems import ApiProblem, invalid_parameter
from services.store.core.config import StoreSettings
from services.store.crud.filters import EventFilter, with_start_floor
from services.store.vocabularies import is_country

#: Most values one repeatable parameter takes.
MAX_VALUES = 20
#: Printable text: no control characters (Postgres text cannot hold NUL).
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
ALPHA3 = r"^[A-Za-z]{3}$"
ID_PATTERN = r"^[A-Za-z0-9_.:-]+$"
INSTANT = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$"
PAIR = r"^[^,\x00-\x1f\x7f]{1,64},[^,\x00-\x1f\x7f]{1,64}$"


async def get_settings(request: Request) -> StoreSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_engine(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


def get_conn(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Connection]:
    """A pooled connection for the request (read-only use; returned to the pool afterwards)."""
    with engine.connect() as conn:
        yield conn


SettingsDep = Annotated[StoreSettings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
ConnDep = Annotated[Connection, Depends(get_conn)]


# --- unknown parameters --------------------------------------------------------------------


def _query_aliases(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_aliases(sub)
    return names


def _allowed(route: APIRoute) -> frozenset[str]:
    """Every query parameter `route` declares, its dependencies' included (computed once per route)."""
    known: frozenset[str] | None = getattr(route, "_accord_query_params", None)
    if known is None:
        known = frozenset(_query_aliases(route.dependant))
        route._accord_query_params = known  # type: ignore[attr-defined]
    return known


async def reject_unknown_params(request: Request) -> None:
    """400 for query parameters the matched route does not declare, so a typo is never ignored silently."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    allowed = _allowed(route)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        hint = f"allowed: {', '.join(sorted(allowed))}" if allowed else "this route takes none"
        errors = [
            {"parameter": name[:64], "location": "query", "message": f"unknown query parameter; {hint}"}
            for name in unknown
        ]
        names = ", ".join(repr(n[:64]) for n in unknown)
        raise ApiProblem(
            400, "unknown-parameter", f"unknown query parameter(s) {names}; {hint}", errors=errors
        )


# --- the common event filters --------------------------------------------------------------

Status = Literal["current", "retracted", "retired", "all"]
Alpha3Param = Annotated[str, Query(pattern=ALPHA3)]


def parse_instant(name: str, value: str | None, *, end_of_day: bool = False) -> datetime | None:
    """An ISO date or datetime; naive = UTC; a bare date as an upper bound means the end of that day."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime.combine(day, time.max if end_of_day else time.min, UTC)
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise invalid_parameter(
            name, f"query parameter {name!r}: not an ISO date or datetime ({exc})"
        ) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _pair_parties(pairs: list[str]) -> tuple[set[str], set[str]]:
    """The countries and IGOs named by `pair` values (`AAA,BBB`: both must be parties)."""
    countries: set[str] = set()
    igos: set[str] = set()
    for value in pairs:
        a, b = (part.strip() for part in value.split(","))
        if not a or not b or a.upper() == b.upper():
            raise invalid_parameter(
                "pair", f"query parameter 'pair': two different parties needed, got {value!r}"
            )
        for party in (a, b):
            if is_country(party.upper()):
                countries.add(party.upper())
            else:
                igos.add(party)
    return countries, igos


#: The common filters' parameter declarations (what the OpenAPI document shows for each).
TypesQ = Annotated[
    list[EventType] | None, Query(alias="type", max_length=MAX_VALUES, description="any of these types")
]
CountryQ = Annotated[
    list[Alpha3Param] | None,
    Query(max_length=MAX_VALUES, description="ISO alpha-3; repeatable: events involving ALL of them"),
]
IgoQ = Annotated[
    list[Annotated[str, Query(min_length=1, max_length=64, pattern=PRINTABLE)]] | None,
    Query(max_length=MAX_VALUES, description="IGO short name (UNESCO, BRICS); repeatable: ALL of them"),
]
PairQ = Annotated[
    list[Annotated[str, Query(pattern=PAIR)]] | None,
    Query(
        max_length=MAX_VALUES,
        description="`AAA,BBB`: both parties (country code or IGO) take part; repeatable: all pairs",
    ),
]
SectorQ = Annotated[
    list[Sector] | None, Query(max_length=MAX_VALUES, description="repeatable: events in ALL of them")
]
PublishedSinceQ = Annotated[
    str | None, Query(pattern=INSTANT, description="article published at or after (ISO date or datetime)")
]
PublishedUntilQ = Annotated[
    str | None, Query(pattern=INSTANT, description="article published at or before (a date: until its end)")
]
TextQueryQ = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=500,
        pattern=PRINTABLE,
        description='full text, web-search syntax ("quoted phrase", or, -not) over evidence, '
        "participants and article title",
    ),
]
SinceQ = Annotated[
    datetime | None, Query(description="stored or changed (e.g. retracted) after this instant; naive = UTC")
]
StatusQ = Annotated[
    Status,
    Query(description="current (default), retracted (superseded by a re-extraction; alias retired), all"),
]


async def event_filters(
    types: TypesQ = None,
    country: CountryQ = None,
    igo: IgoQ = None,
    pair: PairQ = None,
    sector: SectorQ = None,
    location_country: Annotated[str | None, Query(pattern=ALPHA3, description="where it took place")] = None,
    date_from: Annotated[date | None, Query(description="event date range ends on or after")] = None,
    date_to: Annotated[date | None, Query(description="event date range starts on or before")] = None,
    published_since: PublishedSinceQ = None,
    published_until: PublishedUntilQ = None,
    q: TextQueryQ = None,
    publisher: Annotated[str | None, Query(min_length=1, max_length=200, pattern=PRINTABLE)] = None,
    article_id: Annotated[str | None, Query(min_length=1, max_length=128, pattern=ID_PATTERN)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, allow_inf_nan=False)] = None,
    since: SinceQ = None,
    status: StatusQ = "current",
) -> EventFilter:
    """The common filters of every event list, export and aggregate (AND of all given)."""
    return build_filter(
        types=[t.value for t in types or ()],
        country=country or [],
        igo=igo or [],
        pair=pair or [],
        sector=[s.value for s in sector or ()],
        location_country=location_country,
        date_from=date_from,
        date_to=date_to,
        published_since=published_since,
        published_until=published_until,
        q=q,
        publisher=publisher,
        article_id=article_id,
        min_confidence=min_confidence,
        since=since,
        status=status,
    )


def build_filter(
    *,
    types: list[str],
    country: list[str],
    igo: list[str],
    pair: list[str],
    sector: list[str],
    location_country: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    published_since: str | None = None,
    published_until: str | None = None,
    q: str | None = None,
    publisher: str | None = None,
    article_id: str | None = None,
    min_confidence: float | None = None,
    since: datetime | None = None,
    status: Status = "current",
) -> EventFilter:
    """The `EventFilter` of validated parameter values (each as its declaration admits it); 422 for
    an empty date range, a pair of one party, or an instant `parse_instant` refuses."""
    if date_from and date_to and date_from > date_to:
        raise invalid_parameter("date_to", f"date_to {date_to} is before date_from {date_from}")
    pair_countries, pair_igos = _pair_parties(pair)
    return EventFilter(
        types=sorted(set(types)),
        countries=sorted({c.upper() for c in country} | pair_countries),
        igos=sorted(set(igo) | pair_igos),
        sectors=sorted(set(sector)),
        location_country=location_country.upper() if location_country else None,
        date_from=date_from,
        date_to=date_to,
        published_since=parse_instant("published_since", published_since),
        published_until=parse_instant("published_until", published_until, end_of_day=True),
        q=q.strip() or None if q else None,
        publisher=publisher,
        article_id=article_id,
        min_confidence=min_confidence,
        since=since if since is None or since.tzinfo else since.replace(tzinfo=UTC),
        status="retracted" if status == "retired" else status,
    )


EventFiltersDep = Annotated[EventFilter, Depends(event_filters)]


def stats_filters(conn: ConnDep, flt: EventFiltersDep) -> EventFilter:
    """The common filters of the aggregate routes, with the date floor of a `date_from`
    (`crud.filters.with_start_floor`: what an aggregate read from `events` needs for an index range)."""
    return with_start_floor(conn, flt)


StatsFiltersDep = Annotated[EventFilter, Depends(stats_filters)]


# --- paging -----------------------------------------------------------------------------------


async def page_size(
    settings: SettingsDep,
    limit: Annotated[
        int | None, Query(ge=1, le=5000, description="page size (default and maximum are configured)")
    ] = None,
) -> int:
    """`limit`, or the configured default; 422 above the configured maximum."""
    size = settings.api_page_size_default if limit is None else limit
    if size > settings.api_page_size_max:
        raise invalid_parameter(
            "limit", f"limit must be between 1 and {settings.api_page_size_max}, got {limit}"
        )
    return size


PageSizeDep = Annotated[int, Depends(page_size)]
CursorParam = Annotated[
    str | None,
    Query(max_length=1024, pattern=r"^[A-Za-z0-9_-]*$", description="next_cursor of the previous page"),
]


# --- the API key ------------------------------------------------------------------------------

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="the configured API key")
_bearer = HTTPBearer(auto_error=False, description="the configured API key as a bearer token")


def _given_key(api_key: str | None, bearer: HTTPAuthorizationCredentials | None) -> str | None:
    """The key a request carries: `X-API-Key`, else the bearer token, else None."""
    return api_key if api_key is not None else (bearer.credentials if bearer is not None else None)


def key_matches(given: str, configured: str) -> bool:
    """Constant-time comparison of a given key with the configured one."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), configured.encode("utf-8"))


async def export_row_cap(
    settings: SettingsDep,
    api_key: Annotated[str | None, Security(_api_key_header)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> int | None:
    """Most rows an export may hold: None (no cap) with the configured API key, else the anonymous cap.

    A key that is given but wrong is refused (401), never silently downgraded to the anonymous cap.
    """
    given = _given_key(api_key, bearer)
    if given is None:
        return settings.api_export_max_rows_anonymous
    configured = settings.api_key.get_secret_value() if settings.api_key is not None else None
    if configured is None or not key_matches(given, configured):
        raise ApiProblem(
            401,
            "unauthorized",
            "the API key is not valid" if configured else "no API key is configured on this server",
            headers={"WWW-Authenticate": 'Bearer realm="accord"'},
        )
    return None


ExportCapDep = Annotated[int | None, Depends(export_row_cap)]
#: The dependency callables behind `ExportCapDep` (what a fast parser replaces when it reads no key header).
EXPORT_CAP_DEPENDENCIES = frozenset({export_row_cap, get_settings, _api_key_header, _bearer})


async def require_api_key(
    settings: SettingsDep,
    api_key: Annotated[str | None, Security(_api_key_header)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> None:
    """The guard of every state-changing route (`dependencies=[Depends(require_api_key)]`).

    403 `disabled` when no API key is configured (state changes are off), 401 `unauthorized`
    without a key, 403 `forbidden` with a wrong one; compared in constant time (`key_matches`).
    """
    configured = settings.api_key.get_secret_value() if settings.api_key is not None else None
    if not configured:
        raise ApiProblem(
            403,
            "disabled",
            "state-changing operations are disabled: no API key is configured (ACCORD_API_KEY)",
        )
    given = _given_key(api_key, bearer)
    if given is None:
        raise ApiProblem(
            401,
            "unauthorized",
            "this operation requires the API key (X-API-Key or Authorization: Bearer)",
            headers={"WWW-Authenticate": 'Bearer realm="accord"'},
        )
    if not key_matches(given, configured):
        raise ApiProblem(403, "forbidden", "the API key is not valid")


ApiKeyDep = Depends(require_api_key)

#: The admin routes (replay) are state-changing routes: the same guard.
AdminKeyDep = Annotated[None, Depends(require_api_key)]
