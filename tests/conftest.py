"""Fixtures shared by every test folder.

`shared_dir` is `../shared` (or $ACCORD_SHARED_DIR); tests that need it skip
with a clear reason when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _shared_path() -> Path:
    return Path(os.environ.get("ACCORD_SHARED_DIR", REPO_ROOT.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared material folder; skips the test when it is not there."""
    path = _shared_path()
    if not (path / "gold" / "dev.jsonl").exists():
        pytest.skip(f"shared material not found at {path} (set ACCORD_SHARED_DIR or place ../shared)")
    return path


@pytest.fixture(scope="session")
def corpus_path(shared_dir: Path) -> Path:
    """The Tehran Times corpus (jsonl.gz); skips when absent."""
    path = shared_dir / "corpus" / "tehran-times.jsonl.gz"
    if not path.exists():
        pytest.skip(f"corpus not found at {path}")
    return path
