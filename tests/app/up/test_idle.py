"""`--until-idle` ends only when the store confirms every article, or says how many it does not.

Unit tests of `Stack.watch` with fakes for the supervisor, the progress line and the broker;
the reconcile functions are replaced (their Postgres side is tested in `test_reconcile.py`,
the whole loop under a broker kill in `tests/integration/test_faults.py`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.up import reconcile
from app.up.progress import Snapshot
from app.up.stack import REPUBLISH_ROUNDS, Stack, UpOptions
from libs.runtime.settings import CommonSettings


class FakeSupervisor:
    """A finished one-shot fetcher that records being started again."""

    def __init__(self) -> None:
        self.started: list[str] = []

    def status(self) -> dict[str, str]:
        return {"fetcher": "finished"}

    def finished(self, name: str) -> bool:
        return True

    def exit_code(self, name: str) -> int:
        return 0

    def poll(self) -> None:
        return None

    def start_child(self, name: str) -> None:
        self.started.append(name)


class IdleProgress:
    """Nothing waiting anywhere; `stored` of the 3 published articles have their summary."""

    def __init__(self, stored: int = 3) -> None:
        self.stored = stored
        self.finals = 0

    def tick(self) -> Snapshot:
        return Snapshot(at=0.0, published=3, articles_stored=self.stored, db_ok=True)

    def final(self, seconds: float) -> None:
        self.finals += 1


class RunningBroker:
    def running(self) -> bool:
        return True


def _stack(
    tmp_path: Path, *, embedded: bool = True, stored: int = 3
) -> tuple[Stack, FakeSupervisor, IdleProgress]:
    opts = UpOptions(state_dir=tmp_path, until_idle=True, idle_seconds=0.0, progress_interval=0.001)
    stack = Stack(opts, CommonSettings(kafka_bootstrap_servers="k:9092", database_url="postgresql://x/y"))
    supervisor, progress = FakeSupervisor(), IdleProgress(stored)
    stack.supervisor, stack.progress = supervisor, progress  # type: ignore[assignment]
    stack.database_url = "postgresql://x/y"
    stack.broker = RunningBroker() if embedded else None  # type: ignore[assignment]
    return stack, supervisor, progress


@pytest.fixture
def unconfirmed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The numbers of unconfirmed articles the store reports, one per call (the last one repeats)."""
    answers: list[int] = []

    def answer(url: str) -> int:
        return answers.pop(0) if len(answers) > 1 else answers[0]

    monkeypatch.setattr(reconcile, "forget_unconfirmed", answer)
    monkeypatch.setattr(reconcile, "count_unconfirmed", answer)
    yield answers


def test_stored_articles_missing_events_are_published_again_before_the_run_ends(
    tmp_path: Path, unconfirmed: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    unconfirmed.extend([2, 0])
    stack, supervisor, progress = _stack(tmp_path)
    assert stack.watch(threading.Event(), started=0.0) is True
    assert supervisor.started == ["fetcher"], "the fetcher runs once more for the 2 articles"
    assert progress.finals == 1
    assert "2 published articles are not (fully) stored" in capsys.readouterr().out


def test_published_articles_the_store_never_received_are_published_again(
    tmp_path: Path, unconfirmed: list[int]
) -> None:
    unconfirmed.extend([1, 0])  # quiet, but one summary never arrived: idle alone would wait forever
    stack, supervisor, progress = _stack(tmp_path, stored=2)
    assert stack.watch(threading.Event(), started=0.0) is True
    assert supervisor.started == ["fetcher"] and progress.finals == 1


def test_the_rounds_are_bounded_and_the_rest_is_reported(
    tmp_path: Path, unconfirmed: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    unconfirmed.append(1)  # an article whose events the store dead-lettered: never confirmed
    stack, supervisor, progress = _stack(tmp_path)
    assert stack.watch(threading.Event(), started=0.0) is True
    assert supervisor.started == ["fetcher"] * REPUBLISH_ROUNDS
    assert progress.finals == 1
    assert f"1 published articles are still not (fully) stored after {REPUBLISH_ROUNDS} rounds" in (
        capsys.readouterr().out
    )


def test_an_external_broker_is_never_reconciled(tmp_path: Path, unconfirmed: list[int]) -> None:
    unconfirmed.append(5)  # a durable broker delivers what it holds: nothing is published again
    stack, supervisor, progress = _stack(tmp_path, embedded=False)
    assert stack.watch(threading.Event(), started=0.0) is True
    assert supervisor.started == [] and progress.finals == 1
