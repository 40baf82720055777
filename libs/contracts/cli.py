"""`accord schemas` (JSON Schema files, releases) and `accord asyncapi` (the AsyncAPI document)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _schemas(args: argparse.Namespace) -> int:
    from libs.contracts.errors import ContractError
    from libs.contracts.schemas import release, write_all

    for path in write_all():
        print(path)
    if args.release:
        try:
            for path in release():
                print(f"released {path}")
        except ContractError as exc:
            print(f"accord schemas: {exc}", file=sys.stderr)
            return 1
    return 0


def _asyncapi(args: argparse.Namespace) -> int:
    from libs.contracts.asyncapi import render_yaml

    text = render_yaml()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run `accord asyncapi`", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(args.output)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schemas", help="regenerate libs/contracts/schemas/*.json from the models")
    p.add_argument(
        "--release",
        action="store_true",
        help="also record the current schemas under schemas/released/ (refused when incompatible)",
    )
    p.set_defaults(func=_schemas)
    a = sub.add_parser("asyncapi", help="generate the AsyncAPI 3.0 document of every topic")
    a.add_argument("--output", type=Path, default=Path("docs/asyncapi.yaml"), help="file to write")
    a.add_argument(
        "--check", action="store_true", help="exit 1 when the file differs from the generated text"
    )
    a.set_defaults(func=_asyncapi)
