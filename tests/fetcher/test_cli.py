"""`accord fetcher migrate --check`: what the fetcher's init container waits on."""

from __future__ import annotations

import pytest

from app.cli import build_parser

pytestmark = pytest.mark.integration


def _run(monkeypatch: pytest.MonkeyPatch, database_url: str, *argv: str) -> int:
    monkeypatch.setenv("ACCORD_DATABASE_URL", database_url)
    args = build_parser().parse_args(["fetcher", "migrate", *argv])
    return args.func(args)


def test_check_fails_before_the_migration_and_passes_after(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    assert _run(monkeypatch, database_url, "--check") == 1
    assert "accord fetcher migrate" in capsys.readouterr().out
    assert _run(monkeypatch, database_url) == 0
    assert _run(monkeypatch, database_url, "--check") == 0
    assert "ready" in capsys.readouterr().out
