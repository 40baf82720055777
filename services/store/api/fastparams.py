"""A fast path past FastAPI's parameter solving, for routes whose query string a plain parser can read.

FastAPI solves a route's query parameters one by one (per parameter a multidict lookup, typing checks
and a pydantic validation): for the twenty parameters of `GET /v1/events` about 1 ms of CPU per
request, as much as the query function itself. `FastParamsRoute` is an `APIRoute` whose endpoint may
carry a parser (`@fast_params(parser)`): `parser(request)` returns the endpoint's arguments, or None
whenever it cannot vouch that FastAPI would accept the request and give the same values (an unknown
or repeated parameter, an empty value, a value outside the plain forms it reads, a value a
dependency refuses, an API key header...). Then the request takes FastAPI's own path, which answers
it exactly as without the parser: every error (400, 422 problem details) comes from that path.

The declarations stay where they are (`deps.py`, the route): the OpenAPI document does not change.
The parser replaces the route's dependencies and the app's `reject_unknown_params`; the route class
refuses an endpoint whose dependencies are not the ones its parser says it covers, so a dependency
added later cannot be skipped silently (tests compare both paths value by value).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.datastructures import QueryParams

from libs.contracts.errors import AccordError
from libs.contracts.events import EventType, Sector
from services.store.api.deps import (
    ALPHA3,
    ID_PATTERN,
    INSTANT,
    MAX_VALUES,
    PAIR,
    PRINTABLE,
    build_filter,
    event_filters,
    get_engine,
    get_settings,
)
from services.store.api.problems import ApiProblem
from services.store.crud.filters import EventFilter

_FAST_PARAMS = "_accord_fast_params"


class Unsure(AccordError):
    """The fast parser cannot vouch for a value: FastAPI's path decides."""


Convert = Callable[[str], Any]


@dataclass(frozen=True)
class Param:
    """How the fast path reads one query parameter: repeatable (a list) or not, and the conversion of
    one value (raising `Unsure` for anything its declaration might treat otherwise)."""

    convert: Convert
    repeatable: bool = False


def one_of(values: Iterable[str]) -> Convert:
    """A value among `values` (an enum's or a Literal's, matched exactly as pydantic does)."""
    allowed = frozenset(values)

    def convert(value: str) -> str:
        if value not in allowed:
            raise Unsure
        return value

    return convert


def matching(pattern: str, min_length: int = 1, max_length: int | None = None) -> Convert:
    """A string matching `pattern` whole (ASCII classes: never looser than the declaration's)."""
    compiled = re.compile(pattern.removeprefix("^").removesuffix("$"), re.ASCII)

    def convert(value: str) -> str:
        if len(value) < min_length or (max_length is not None and len(value) > max_length):
            raise Unsure
        if compiled.fullmatch(value) is None:
            raise Unsure
        return value

    return convert


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_COUNT = re.compile(r"[1-9][0-9]{0,8}", re.ASCII)


def iso_date(value: str) -> date:
    """`YYYY-MM-DD`, a valid day (what pydantic reads as that date)."""
    if _ISO_DATE.fullmatch(value) is None:
        raise Unsure
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Unsure from None


def count(value: str) -> int:
    """A positive integer in plain decimal digits."""
    if _COUNT.fullmatch(value) is None:
        raise Unsure
    return int(value)


#: The common filters (`deps.event_filters`) the fast path reads: all but `since` and `min_confidence`
#: (datetime and float parsing: FastAPI's path reads them).
FILTER_PARAMS: dict[str, Param] = {
    "type": Param(one_of(t.value for t in EventType), repeatable=True),
    "country": Param(matching(ALPHA3), repeatable=True),
    "igo": Param(matching(PRINTABLE, 1, 64), repeatable=True),
    "pair": Param(matching(PAIR), repeatable=True),
    "sector": Param(one_of(s.value for s in Sector), repeatable=True),
    "location_country": Param(matching(ALPHA3)),
    "date_from": Param(iso_date),
    "date_to": Param(iso_date),
    "published_since": Param(matching(INSTANT)),
    "published_until": Param(matching(INSTANT)),
    "q": Param(matching(PRINTABLE, 1, 500)),
    "publisher": Param(matching(PRINTABLE, 1, 200)),
    "article_id": Param(matching(ID_PATTERN, 1, 128)),
    "status": Param(one_of(("current", "retracted", "retired", "all"))),
}


def read_params(params: QueryParams, spec: Mapping[str, Param]) -> dict[str, Any]:
    """The converted values of `params` by name (lists for repeatable ones); `Unsure` for a name not in
    `spec`, an empty value, a repeated single parameter or more than `MAX_VALUES` values."""
    out: dict[str, Any] = {}
    for name, value in params.multi_items():
        param = spec.get(name)
        if param is None or not value:
            raise Unsure
        if not param.repeatable:
            if name in out:
                raise Unsure
            out[name] = param.convert(value)
            continue
        values = out.setdefault(name, [])
        if len(values) == MAX_VALUES:
            raise Unsure
        values.append(param.convert(value))
    return out


_LISTS = frozenset(name for name, param in FILTER_PARAMS.items() if param.repeatable)


def read_filter(values: dict[str, Any]) -> EventFilter:
    """The `EventFilter` of the filters among `values` (from `read_params` with `FILTER_PARAMS`);
    `Unsure` where `deps.build_filter` refuses them (FastAPI's path answers with its problem)."""
    try:
        return build_filter(
            types=values.get("type", []),
            country=values.get("country", []),
            igo=values.get("igo", []),
            pair=values.get("pair", []),
            sector=values.get("sector", []),
            **{name: values[name] for name in FILTER_PARAMS.keys() & values.keys() if name not in _LISTS},
        )
    except ApiProblem:
        raise Unsure from None


_KEY_HEADERS = ("x-api-key", "authorization")


def has_key_header(request: Request) -> bool:
    """Whether the request carries an API key (its checks stay on FastAPI's path)."""
    return any(name in request.headers for name in _KEY_HEADERS)


@dataclass(frozen=True)
class FastParser:
    """`parse(request)`: the endpoint's arguments, or None (then FastAPI's path); `covers`: every
    dependency callable of the route that `parse` replaces."""

    parse: Callable[[Request], dict[str, Any] | None]
    covers: frozenset[Callable[..., Any]]


#: What a parser using `read_filter` and the app's state (settings, engine) covers.
FILTER_DEPENDENCIES = frozenset({event_filters, get_settings, get_engine})


def fast_params(parser: FastParser) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Attach `parser` to an endpoint (of a router with `route_class=FastParamsRoute`); the endpoint must
    return a `Response` (the fast path does not serialize)."""

    def attach(endpoint: Callable[..., Any]) -> Callable[..., Any]:
        setattr(endpoint, _FAST_PARAMS, parser)
        return endpoint

    return attach


def dependency_calls(dependant: Dependant) -> set[Callable[..., Any]]:
    """Every dependency callable below `dependant`, transitively."""
    out: set[Callable[..., Any]] = set()
    for sub in dependant.dependencies:
        if sub.call is not None:
            out.add(sub.call)
        out |= dependency_calls(sub)
    return out


class FastParamsRoute(APIRoute):
    """An `APIRoute` taking its endpoint's `FastParser` first (see the module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        parser: FastParser | None = getattr(self.endpoint, _FAST_PARAMS, None)
        if parser is None:
            return handler
        uncovered = {
            getattr(c, "__name__", repr(c)) for c in dependency_calls(self.dependant) - parser.covers
        }
        if uncovered:
            raise RuntimeError(f"{self.path}: its fast parser does not cover {sorted(uncovered)}")
        endpoint = self.endpoint
        is_async = inspect.iscoroutinefunction(endpoint)

        async def fast_handler(request: Request) -> Response:
            args = parser.parse(request)
            if args is None:
                return await handler(request)
            if is_async:
                response = await endpoint(**args)
            else:
                response = await run_in_threadpool(endpoint, **args)
            assert isinstance(response, Response), "an endpoint with a fast parser returns a Response"
            return response

        return fast_handler
