"""`accord schemas`: regenerate the JSON Schema files from the contract models."""

from __future__ import annotations

import argparse


def _schemas(args: argparse.Namespace) -> int:
    from libs.contracts.schemas import write_all

    for path in write_all():
        print(path)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schemas", help="regenerate libs/contracts/schemas/*.json from the models")
    p.set_defaults(func=_schemas)
