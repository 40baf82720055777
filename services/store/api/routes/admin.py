"""`/v1/admin/replay`: start a replay of archived raw articles and follow it (API key required).

Disabled (403) when no API key is configured; 401 without the configured key (`X-API-Key` or a
bearer token, compared in constant time). The replay is `accord replay` run as a child process
(`services.store.replays`): the same selection rules, the same idempotence.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.store.api.deps import AdminKeyDep
from services.store.api.problems import NOT_FOUND, UNAUTHORIZED, ApiProblem, problem_doc
from services.store.replays import ReplayFilters, ReplayRunner, ReplayRunning, ReplayState

router = APIRouter(prefix="/v1/admin", tags=["admin"])

ADMIN_PROBLEMS = {**UNAUTHORIZED, 403: problem_doc("the admin API is disabled: no API key is configured")}
ReplayId = Annotated[str, Path(pattern=r"^[0-9a-f]{12}$", description="the id POST answered with")]


class ReplayRequest(BaseModel):
    """Which archived articles to re-publish; filters combine with AND, none = everything archived."""

    model_config = ConfigDict(extra="forbid")

    since: date | None = Field(default=None, description="published on or after this day (UTC)")
    until: date | None = Field(default=None, description="published on or before this day (inclusive)")
    source: str | None = Field(default=None, min_length=1, max_length=200, description="source name")
    article_ids: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,128}$")]] = Field(
        default_factory=list, max_length=1000, description="only these article ids"
    )

    @model_validator(mode="after")
    def _range(self) -> ReplayRequest:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since is after until")
        return self


class ReplayStatus(BaseModel):
    replay_id: str
    status: Literal["running", "succeeded", "failed"]
    selected: int | None = Field(description="articles the selection holds (null until counted)")
    published: int = Field(description="articles re-published so far")
    articles_per_s: float | None
    started_at: datetime
    finished_at: datetime | None
    error: str | None = Field(description="why it failed (the command's last error line)")
    request: ReplayRequest


def _status(state: ReplayState) -> ReplayStatus:
    f = state.filters
    return ReplayStatus(
        replay_id=state.replay_id,
        status=state.status,  # type: ignore[arg-type]
        selected=state.selected,
        published=state.published,
        articles_per_s=state.articles_per_s,
        started_at=state.started_at,
        finished_at=state.finished_at,
        error=state.error,
        request=ReplayRequest(since=f.since, until=f.until, source=f.source, article_ids=list(f.article_ids)),
    )


def _runner(request: Request) -> ReplayRunner:
    runner: ReplayRunner = request.app.state.replays
    return runner


@router.post(
    "/replay",
    status_code=202,
    response_model=ReplayStatus,
    summary="Start a replay",
    responses={**ADMIN_PROBLEMS, 409: problem_doc("a replay is already running")},
)
async def start_replay(
    body: ReplayRequest, request: Request, response: Response, _: AdminKeyDep
) -> ReplayStatus:
    """Re-publish the archived raw articles of the selection to `articles.raw`, in the background.

    202 with the replay's id (`Location`: its status); 409 while another replay runs.
    """
    filters = ReplayFilters(body.since, body.until, body.source, tuple(body.article_ids))
    try:
        state = await _runner(request).start(filters)
    except ReplayRunning as exc:
        raise ApiProblem(409, "conflict", f"replay {exc.replay_id} is still running") from exc
    response.headers["Location"] = f"/v1/admin/replay/{state.replay_id}"
    return _status(state)


@router.get(
    "/replay/{replay_id}",
    response_model=ReplayStatus,
    summary="A replay's status",
    responses={**ADMIN_PROBLEMS, **NOT_FOUND},
)
async def replay_status(replay_id: ReplayId, request: Request, _: AdminKeyDep) -> ReplayStatus:
    """Running, succeeded or failed, with the counts so far (kept until the API restarts)."""
    state = _runner(request).replays.get(replay_id)
    if state is None:
        raise ApiProblem(404, "not-found", f"no replay {replay_id} (ids are kept until the API restarts)")
    return _status(state)
