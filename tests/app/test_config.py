"""`accord config`: every setting of every process, once, with its default and its meaning."""

from __future__ import annotations

import pytest

from app.config import markdown_table, settings_rows


def test_every_setting_once_with_a_meaning() -> None:
    rows = settings_rows()
    names = [var for var, _scope, _default, _meaning in rows]
    assert len(names) == len(set(names))
    assert all(meaning for *_, meaning in rows)
    scopes = {var: scope for var, scope, _default, _meaning in rows}
    assert scopes["ACCORD_DEAD_LETTER_MAX_RECORDS"] == "all"
    assert scopes["ACCORD_FETCHER_BATCH_SIZE"] == "fetcher"
    assert scopes["ACCORD_STORE_BATCH_SIZE"] == "store"


def test_markdown_and_plain_output(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    assert markdown_table().startswith("| variable | used by | default | meaning |")
    assert main(["config"]) == 0
    assert "ACCORD_LIVENESS_WINDOW_S=300.0" in capsys.readouterr().out
