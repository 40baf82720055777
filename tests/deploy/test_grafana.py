"""The Grafana provisioning and the Accord dashboard: it loads, and every query reads real metrics.

Each (panel, metric) pair is its own test case, checked against the metrics the services register
(`prometheus_client.REGISTRY` after importing every module that defines metrics): a panel naming
a metric, or a label, that no service exports would show "No data" forever.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.deploy.tools import REPO, exported_series, parse_query, problems

GRAFANA = REPO / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "accord.json"


def _dashboard() -> dict:
    return json.loads(DASHBOARD.read_text())


def _panels(dashboard: dict) -> list[dict]:
    return [p for p in dashboard["panels"] if p["type"] != "row"]


def _queries() -> list[tuple[str, str]]:
    return [(p["title"], t["expr"]) for p in _panels(_dashboard()) for t in p["targets"]]


def _metric_cases() -> list[pytest.param]:
    cases = {}
    for title, expr in _queries():
        for metric in sorted(parse_query(expr).metrics):
            cases.setdefault((title, metric), []).append(expr)
    return [pytest.param(title, exprs, id=f"{title}::{metric}") for (title, metric), exprs in cases.items()]


@pytest.fixture(scope="module")
def series() -> dict[str, frozenset[str]]:
    return exported_series()


def test_dashboard_loads_with_a_title_uid_and_panels() -> None:
    dashboard = _dashboard()
    assert dashboard["title"] == "Accord" and dashboard["uid"]
    panels = _panels(dashboard)
    assert len(panels) >= 10
    for panel in panels:
        assert panel["targets"], f"panel {panel['title']!r} has no query"
        assert panel["datasource"]["uid"] == "${datasource}", "panels use the datasource variable (portable)"
    assert len({p["id"] for p in dashboard["panels"]}) == len(dashboard["panels"]), "panel ids repeat"


def test_panels_do_not_overlap() -> None:
    taken: set[tuple[int, int]] = set()
    for panel in _dashboard()["panels"]:
        g = panel["gridPos"]
        assert g["x"] + g["w"] <= 24, f"{panel['title']!r} is wider than the grid"
        cells = {(x, y) for x in range(g["x"], g["x"] + g["w"]) for y in range(g["y"], g["y"] + g["h"])}
        assert not cells & taken, f"{panel['title']!r} overlaps another panel"
        taken |= cells


def test_every_query_parses_as_promql() -> None:
    for title, expr in _queries():
        try:
            parse_query(expr)
        except ValueError as exc:
            pytest.fail(f"panel {title!r}: {expr!r} does not parse: {exc}")


def test_the_dashboard_covers_what_operators_watch() -> None:
    used = set().union(*(parse_query(expr).metrics for _title, expr in _queries()))
    wanted = {
        "accord_articles_fetched_total",  # throughput per stage
        "accord_articles_extracted_total",
        "accord_store_events_written_total",
        "accord_consumer_lag_records",  # lag per group
        "accord_records_dead_lettered_total",  # dead letters by topic and reason
        "accord_fetch_requests_total",  # fetch requests by host and status
        "accord_events_extracted_total",  # extraction yield
        "accord_http_requests_total",  # API rate
        "accord_http_request_seconds_bucket",  # API latency quantiles
        "process_resident_memory_bytes",  # memory
    }
    assert wanted <= used, f"missing from the dashboard: {sorted(wanted - used)}"
    exprs = " ".join(expr for _t, expr in _queries())
    for q in ("0.50", "0.95", "0.99"):
        assert f"histogram_quantile({q}, sum by (le) (rate(accord_http_request_seconds_bucket" in exprs


@pytest.mark.parametrize(("title", "exprs"), _metric_cases())
def test_panel_metric_is_exported_by_a_service(title: str, exprs: list[str], series: dict) -> None:
    found = [p for expr in exprs for p in problems(parse_query(expr), series)]
    assert not found, f"panel {title!r}: {'; '.join(dict.fromkeys(found))}"


def test_metric_check_catches_unknown_names_and_labels(series: dict) -> None:
    assert problems(parse_query("rate(accord_no_such_metric_total[5m])"), series)
    assert problems(
        parse_query('sum by (colour) (rate(accord_records_consumed_total{topic="x"}[5m]))'), series
    )
    assert problems(parse_query('accord_records_consumed_total{colour="red"}'), series)
    assert not problems(
        parse_query('sum by (topic) (rate(accord_records_consumed_total{service="store"}[5m]))'), series
    )


def test_provisioning_points_at_the_compose_prometheus_and_the_dashboards_folder() -> None:
    ds = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "prometheus.yml").read_text())
    (source,) = ds["datasources"]
    assert source["type"] == "prometheus" and source["url"] == "http://prometheus:9090"
    providers = yaml.safe_load((GRAFANA / "provisioning" / "dashboards" / "accord.yml").read_text())
    (provider,) = providers["providers"]
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    mounts = {v.split(":")[1]: v.split(":")[0] for v in compose["services"]["grafana"]["volumes"] if ":" in v}
    folder = mounts[provider["options"]["path"]]
    assert (REPO / folder / DASHBOARD.name).exists(), "compose mounts the dashboards where the provider looks"
    assert Path(REPO / mounts["/etc/grafana/provisioning"]) == GRAFANA / "provisioning"
