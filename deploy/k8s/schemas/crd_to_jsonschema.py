"""Convert a CustomResourceDefinition's openAPIV3Schema into a JSON Schema file (draft 2020-12).

    python deploy/k8s/schemas/crd_to_jsonschema.py CRD.yaml OUT.json [--source TEXT]

The CRDs are the official ones (README.md beside this file says where from, at which commit).
Conversion, as kubeconform's `openapi2jsonschema` does:
- `nullable: true` → the type also admits null;
- `x-kubernetes-int-or-string` → integer or string;
- strict: an object that lists `properties` admits no others (`additionalProperties: false`)
  unless `x-kubernetes-preserve-unknown-fields` says otherwise, so a misspelt field fails;
- `apiVersion` and `kind` are pinned to the CRD's group/version and kind.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml


def convert(node: Any) -> Any:
    """The JSON Schema equivalent of one openAPIV3Schema node (recursively)."""
    if isinstance(node, list):
        return [convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: convert(v) for k, v in node.items() if not k.startswith("x-kubernetes-") and k != "nullable"}
    if node.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out.setdefault("anyOf", [{"type": "integer"}, {"type": "string"}])
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    if (
        "properties" in node
        and "additionalProperties" not in node
        and not node.get("x-kubernetes-preserve-unknown-fields")
    ):
        out["additionalProperties"] = False
    return out


def crd_schema(crd: dict, version: str | None = None) -> dict:
    """The JSON Schema of `version` (default: the storage version) of `crd`."""
    versions = crd["spec"]["versions"]
    chosen = next(v for v in versions if (v["name"] == version if version else v.get("storage")))
    schema = convert(chosen["schema"]["openAPIV3Schema"])
    group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
    schema["properties"]["apiVersion"] = {"const": f"{group}/{chosen['name']}"}
    schema["properties"]["kind"] = {"const": kind}
    schema["properties"]["metadata"] = {"type": "object"}
    schema["required"] = sorted({*schema.get("required", []), "apiVersion", "kind", "metadata"})
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{kind} ({group}/{chosen['name']})"
    return schema


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("crd", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--source", default="", help="where the CRD came from (stored as $comment)")
    args = parser.parse_args()
    crd = next(
        d
        for d in yaml.safe_load_all(args.crd.read_text())
        if d and d.get("kind") == "CustomResourceDefinition"
    )
    schema = crd_schema(crd)
    if args.source:
        schema["$comment"] = args.source
    args.out.write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
