"""Prometheus for docker-compose: the scrape config reaches every service, the alert rules parse,
fire when they should (promtool's unit tests) and read metrics the services really export.

`promtool` comes from Debian's `prometheus` package (`make test` installs it when root). Where it
cannot be installed the equivalent check still runs: every rule's expression parses with a real
PromQL parser (`promql-parser`) and names exported metrics and labels.
"""

from __future__ import annotations

import subprocess

import pytest
import yaml

from tests.deploy.tools import REPO, exported_series, parse_query, problems, tool

PROM = REPO / "deploy" / "prometheus"
REQUIRED_ALERTS = {
    "AccordConsumerLagGrowing",
    "AccordDeadLetters",
    "AccordSourceFailing",
    "AccordServiceDown",
    "AccordServiceAbsent",
    "AccordApiErrors",
}


def _rules() -> list[dict]:
    doc = yaml.safe_load((PROM / "alerts.yml").read_text())
    return [rule for group in doc["groups"] for rule in group["rules"]]


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    binary = tool("promtool", "Debian package `prometheus`; `make test` installs it when run as root")
    return subprocess.run([binary, *args], capture_output=True, text=True, cwd=PROM, timeout=120)


def test_promtool_accepts_the_config_and_the_rules() -> None:
    result = _promtool("check", "config", "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout, result.stdout


def test_promtool_unit_tests_of_the_alerts_pass() -> None:
    result = _promtool("test", "rules", "alerts.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_rejects_a_broken_rule(tmp_path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: sum(rate(x[5m])\n")
    assert _promtool("check", "rules", str(bad)).returncode != 0


def test_every_alert_operators_need_exists_with_severity_and_text() -> None:
    rules = _rules()
    assert REQUIRED_ALERTS <= {r["alert"] for r in rules}
    for rule in rules:
        assert rule["labels"]["severity"] in {"warning", "critical"}, rule["alert"]
        assert rule["annotations"]["summary"] and rule["annotations"]["description"], rule["alert"]


def test_every_alert_has_a_promtool_unit_test() -> None:
    tests = yaml.safe_load((PROM / "alerts.test.yml").read_text())["tests"]
    tested = {case["alertname"] for t in tests for case in t["alert_rule_test"] if case.get("exp_alerts")}
    assert {r["alert"] for r in _rules()} <= tested


def test_every_alert_is_explained_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    for rule in _rules():
        assert f"`{rule['alert']}`" in readme, (
            f"README, Operations: say what {rule['alert']} means and what to do"
        )


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r["alert"])
def test_rule_parses_and_reads_exported_metrics(rule: dict) -> None:
    found = problems(parse_query(rule["expr"]), exported_series())
    assert not found, f"{rule['alert']}: {'; '.join(found)}"


def test_scrape_config_reaches_every_compose_service() -> None:
    config = yaml.safe_load((PROM / "prometheus.yml").read_text())
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    metrics_port = int(compose["x-accord-env"]["ACCORD_METRICS_PORT"])
    assert jobs["accord-store"]["static_configs"][0]["targets"] == ["store:8000"]
    assert jobs["accord-fetcher"]["static_configs"][0]["targets"] == [f"fetcher:{metrics_port}"]
    (sd,) = jobs["accord-extractor"]["dns_sd_configs"]  # every replica: one A record per container
    assert sd["names"] == ["extractor"] and sd["type"] == "A" and sd["port"] == metrics_port
    accord = {n for n, s in compose["services"].items() if str(s.get("image", "")).startswith("accord:")}
    assert {f"accord-{n}" for n in accord - {"init"}} <= set(jobs)
    assert config["rule_files"] == ["alerts.yml"]
