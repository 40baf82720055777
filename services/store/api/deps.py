"""Request dependencies: settings, a database connection, and the query-parameter guard."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy import Connection, Engine

from services.store.core.config import StoreSettings


def get_settings(request: Request) -> StoreSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_engine(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


def get_conn(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Connection]:
    """A pooled connection for the request (read-only use; returned to the pool afterwards)."""
    with engine.connect() as conn:
        yield conn


SettingsDep = Annotated[StoreSettings, Depends(get_settings)]
ConnDep = Annotated[Connection, Depends(get_conn)]


def only_params(*allowed: str) -> Callable[[Request], None]:
    """A dependency refusing query parameters other than `allowed` (400), so a typo is not ignored silently."""
    allowed_set = frozenset(allowed)

    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - allowed_set)
        if unknown:
            raise HTTPException(
                status_code=400,
                detail=f"unknown query parameter(s) {', '.join(map(repr, unknown))}; "
                f"allowed: {', '.join(sorted(allowed_set))}",
            )

    return check
