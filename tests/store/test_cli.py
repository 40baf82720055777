"""`accord store migrate --check`: what init containers wait on before the store starts."""

from __future__ import annotations

import pytest

from app.cli import build_parser
from libs.infra.broker import free_port
from services.store.db import migrate
from services.store.db.session import make_engine
from tests.store.helpers import settings_for

pytestmark = pytest.mark.integration


def _check(monkeypatch: pytest.MonkeyPatch, database_url: str) -> int:
    monkeypatch.setenv("ACCORD_DATABASE_URL", database_url)
    args = build_parser().parse_args(["store", "migrate", "--check"])
    return args.func(args)


def test_check_fails_before_the_migration_and_passes_after(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    assert _check(monkeypatch, database_url) == 1
    assert "accord store migrate" in capsys.readouterr().out  # the reason names the fix
    engine = make_engine(settings_for(database_url))
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    assert _check(monkeypatch, database_url) == 0
    assert "ready" in capsys.readouterr().out


def test_check_fails_with_a_reason_when_the_database_is_unreachable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://accord:x@127.0.0.1:{free_port()}/accord?connect_timeout=2"
    assert _check(monkeypatch, url) == 1
    assert "database unreachable" in capsys.readouterr().out
