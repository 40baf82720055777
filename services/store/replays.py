"""Replays started through the admin API: `accord replay` run as a child process, one at a time.

The store does not own the raw archive (the fetcher does, `services.fetcher.replay`), and a
service never imports another one, so the API runs the same command an operator would:
`python -m app.cli replay --replay-id ID [filters]`, with the API's connection settings in its
environment, and follows its JSON progress lines (stdout). The state lives in this process:
a restart forgets finished replays (the replayed records stay on the topic, of course).
"""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import orjson
import structlog

from services.store.core.config import StoreSettings
from services.store.errors import StoreError

log = structlog.get_logger(__name__)

DEFAULT_COMMAND = (sys.executable, "-m", "app.cli", "replay")
_TAIL_CHARS = 2000


class ReplayRunning(StoreError):
    """A replay is already running (one at a time)."""

    def __init__(self, replay_id: str) -> None:
        super().__init__(f"replay {replay_id} is running")
        self.replay_id = replay_id


@dataclass(frozen=True, slots=True)
class ReplayFilters:
    since: date | None = None
    until: date | None = None
    source: str | None = None
    article_ids: tuple[str, ...] = ()

    def arguments(self) -> list[str]:
        """The `accord replay` options selecting the same articles."""
        args: list[str] = []
        if self.since:
            args += ["--since", self.since.isoformat()]
        if self.until:
            args += ["--until", self.until.isoformat()]
        if self.source:
            args += ["--source", self.source]
        for article_id in self.article_ids:
            args += ["--article", article_id]
        return args


@dataclass
class ReplayState:
    """What `GET /v1/admin/replay/{id}` reports."""

    replay_id: str
    filters: ReplayFilters
    status: str = "running"  # running, succeeded, failed
    selected: int | None = None
    published: int = 0
    articles_per_s: float | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None
    exit_code: int | None = None
    error: str | None = None

    def follow(self, line: bytes) -> None:
        """Take a progress line of the child's stdout (other lines are ignored)."""
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError:
            return
        if isinstance(data, dict) and data.get("replay_id") == self.replay_id:
            self.selected = data.get("selected", self.selected)
            self.published = data.get("published", self.published)
            self.articles_per_s = data.get("articles_per_s", self.articles_per_s)


def child_environment(settings: StoreSettings) -> dict[str, str]:
    """This process' environment plus the settings the child needs (they may not come from the environment)."""
    env = dict(os.environ)
    values: Mapping[str, Any] = {
        "ACCORD_DATABASE_URL": settings.database_url,
        "ACCORD_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
        "ACCORD_KAFKA_IDEMPOTENCE": str(settings.kafka_idempotence).lower(),
        "ACCORD_TOPIC_ARTICLES_RAW": settings.topic_articles_raw,
    }
    env.update({k: str(v) for k, v in values.items() if v is not None})
    return env


class ReplayRunner:
    """Starts replays (one at a time) and keeps their state."""

    def __init__(self, settings: StoreSettings, command: Sequence[str] = DEFAULT_COMMAND) -> None:
        self.settings = settings
        self.command = list(command)
        self.replays: dict[str, ReplayState] = {}
        self.tasks: set[asyncio.Task[None]] = set()

    def running(self) -> ReplayState | None:
        return next((r for r in self.replays.values() if r.status == "running"), None)

    async def start(self, filters: ReplayFilters) -> ReplayState:
        """Start a replay in the background; raises `ReplayRunning` while one runs."""
        busy = self.running()
        if busy is not None:
            raise ReplayRunning(busy.replay_id)
        state = ReplayState(replay_id=uuid.uuid4().hex[:12], filters=filters)
        self.replays[state.replay_id] = state
        proc = await asyncio.create_subprocess_exec(
            *self.command,
            "--replay-id",
            state.replay_id,
            *filters.arguments(),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=child_environment(self.settings),
        )
        task = asyncio.create_task(self._follow(state, proc), name=f"replay-{state.replay_id}")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        log.info("replay.started", replay_id=state.replay_id, arguments=filters.arguments())
        return state

    async def _follow(self, state: ReplayState, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None and proc.stderr is not None
        stderr = asyncio.create_task(proc.stderr.read())
        try:
            async for line in proc.stdout:
                state.follow(line)
            state.exit_code = await proc.wait()
            tail = (await stderr).decode("utf-8", "replace")[-_TAIL_CHARS:]
        except BaseException:
            proc.kill()
            state.status, state.error = "failed", "the API stopped while the replay ran"
            raise
        finally:
            state.finished_at = datetime.now(UTC)
        state.status = "succeeded" if state.exit_code == 0 else "failed"
        if state.exit_code != 0:
            state.error = tail.strip().splitlines()[-1] if tail.strip() else f"exit code {state.exit_code}"
        log.info("replay.finished", replay_id=state.replay_id, status=state.status, published=state.published)
