"""RFC 9457 problem details: every error the API returns, and what the OpenAPI document declares for it.

Body (`application/problem+json`): `type` (`https://accord.dev/problems/<slug>`),
`title`, `status`, `detail`, `instance` (the request path) and, for 400 and
422, `errors`: one `{"parameter", "location", "message"}` per failed parameter.

| status | slug | when |
|---|---|---|
| 400 | `unknown-parameter`, `invalid-cursor` | a query parameter the route does not take; a cursor of another query |
| 401 | `unauthorized` | an API key was given but is not the configured one (exports); a state-changing route (admin: replay) called without a key |
| 403 | `forbidden`, `disabled` | a state-changing route called with a wrong key; or no key is configured, so state changes are off |
| 404 | `not-found` | no such route, event, article or country |
| 405 | `method-not-allowed` | the route exists for other methods (`Allow` header) |
| 413 | `payload-too-large` | request body over `ACCORD_API_MAX_BODY_BYTES` |
| 409 | `conflict` | a replay is started while another one runs |
| 414 | `uri-too-long` | path + query over `ACCORD_API_MAX_URL_BYTES` |
| 422 | `invalid-parameter` | a parameter value that is malformed or out of range |
| 503 | `query-timeout`, `database-unavailable`, `schema-missing` | the database did not answer in time, at all, or is not migrated |
| 500 | `internal-error` | a bug; no detail leaks (the log has it) |
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.store.errors import StoreError

log = structlog.get_logger(__name__)

PROBLEM_BASE = "https://accord.dev/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
_INPUT_ECHO_CHARS = 80


class ParameterProblem(BaseModel):
    """One parameter that failed."""

    parameter: str | None = Field(description="name of the parameter (null when not one parameter)")
    location: str = Field(description="query, path, header or body")
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem details object."""

    type: str = Field(description="URI identifying the problem type")
    title: str = Field(description="short summary of the problem type")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="what went wrong with this request")
    instance: str = Field(description="the request path")
    errors: list[ParameterProblem] | None = Field(
        default=None, description="for 400 and 422: each parameter that failed"
    )


class ApiProblem(StoreError):
    """Raised by routes and dependencies: answered as a problem details response."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        *,
        errors: Sequence[Mapping[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.errors = list(errors) if errors is not None else None
        self.headers = dict(headers or {})


def invalid_parameter(parameter: str, message: str, location: str = "query") -> ApiProblem:
    """A 422 naming the parameter that failed."""
    error = {"parameter": parameter, "location": location, "message": message}
    return ApiProblem(422, "invalid-parameter", message, errors=[error])


def problem_response(
    request_path: str,
    status: int,
    slug: str,
    detail: str,
    *,
    errors: list[Mapping[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request_path,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=dict(headers or {}), media_type=PROBLEM_MEDIA_TYPE)


def _echo(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _INPUT_ECHO_CHARS else text[:_INPUT_ECHO_CHARS] + "...'"


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """One `ParameterProblem` per pydantic error: the parameter's name, where it was, and why."""
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        location = loc[0] if loc else "request"
        parameter = loc[1] if len(loc) >= 2 else None
        got = f" (got {_echo(err['input'])})" if "input" in err and not isinstance(err["input"], dict) else ""
        where = f"{location} parameter {parameter!r}" if parameter else location
        out.append({"parameter": parameter, "location": location, "message": f"{where}: {err['msg']}{got}"})
    return out


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiProblem)
    return problem_response(
        request.url.path, exc.status, exc.slug, exc.detail, errors=exc.errors, headers=exc.headers
    )


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = validation_errors(exc)
    detail = "invalid request: " + "; ".join(e["message"] for e in errors)
    return problem_response(request.url.path, 422, "invalid-parameter", detail, errors=errors)


_HTTP_SLUGS = {404: "not-found", 405: "method-not-allowed", 413: "payload-too-large", 414: "uri-too-long"}


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    slug = _HTTP_SLUGS.get(status, f"http-{status}")
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != HTTPStatus(status).phrase else ""
    if status == 404 and not detail:
        detail = f"nothing at {request.url.path}; see /docs for the API"
    elif status == 405 and not detail:
        detail = f"{request.method} is not allowed here; allowed: {(exc.headers or {}).get('Allow', 'GET')}"
    return problem_response(
        request.url.path, status, slug, detail or HTTPStatus(status).phrase, headers=exc.headers
    )


async def _on_db_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError | PoolTimeout)
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if isinstance(exc, PoolTimeout):
        slug, detail = "database-unavailable", "too many requests in flight for the database; try again"
    elif sqlstate == "57014":
        slug, detail = "query-timeout", "the query took too long and was cancelled; narrow the filters"
    elif sqlstate == "42P01":
        slug, detail = "schema-missing", "the store's tables do not exist yet (run `accord store migrate`)"
    else:
        slug, detail = "database-unavailable", "database unavailable, try again later"
    log.warning(
        "api.db_error",
        path=request.url.path,
        error=type(getattr(exc, "orig", None) or exc).__name__,
        sqlstate=sqlstate,
    )
    return problem_response(request.url.path, 503, slug, detail, headers={"Retry-After": "5"})


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("api.unexpected_error", path=request.url.path, error=type(exc).__name__, exc_info=exc)
    return problem_response(request.url.path, 500, "internal-error", "internal error; it has been logged")


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error of `app` with a problem details body."""
    app.add_exception_handler(ApiProblem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(DBAPIError, _on_db_error)
    app.add_exception_handler(PoolTimeout, _on_db_error)
    app.add_exception_handler(Exception, _on_unexpected)


def _problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description}


#: Error responses every route may give (declared on the app).
COMMON_PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: _problem("unknown query parameter, or a cursor of another query"),
    413: _problem("request body too large"),
    414: _problem("request target (path and query) too long"),
    422: _problem("a parameter value is invalid; `errors` names it"),
    503: _problem("database unavailable, not migrated, or the query timed out"),
}
NOT_FOUND = {404: _problem("not found")}
#: For routes declaring their own error responses.
problem_doc = _problem
UNAUTHORIZED = {401: _problem("the API key given is not the configured one")}


def problem_media_types(schema: dict[str, Any]) -> dict[str, Any]:
    """Move the error responses of an OpenAPI document to `application/problem+json` (what is sent)."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
                if str(status)[0] in "45" and ref.endswith("/Problem"):
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
    return schema
