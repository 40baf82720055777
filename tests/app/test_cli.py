"""The `accord` entry point: every job is a subcommand; no subcommand prints the help."""

from __future__ import annotations

import pytest

from app.cli import build_parser, main


def test_every_job_is_a_subcommand() -> None:
    choices = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"up", "fetcher", "extractor", "store", "extract", "score", "topics", "schemas", "config"} <= set(
        choices
    )


def test_no_subcommand_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: accord" in capsys.readouterr().out
